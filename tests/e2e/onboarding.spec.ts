import { expect, test } from '@playwright/test'
import { axeReport } from './axe'

// Issue 22: the platform admin onboards a new employer; its first admin accepts the e-mailed
// invitation, lands on the employer home and invites a colleague from the Team page.
test('a platform admin onboards an employer whose admin accepts the invitation and invites a colleague', async ({ page }) => {
  const suffix = Date.now().toString(36).toUpperCase().slice(-6)
  const email = `first-admin-${suffix.toLowerCase()}@initech.example`
  await page.goto('/login')
  await page.getByLabel('E-mail').fill('admin@coe-platform.example')
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/admin$/)
  await page.goto('/admin/organizations')
  await page.getByLabel('Kind', { exact: true }).selectOption('employer')
  await page.getByLabel('Name', { exact: true }).fill(`Initech ${suffix}`)
  await page.getByLabel('Code', { exact: true }).fill(`INI-${suffix}`)
  await page.getByLabel("First admin's e-mail").fill(email)
  await page.getByRole('button', { name: 'Create and send the invitation' }).click()
  await expect(page.getByRole('row', { name: new RegExp(`Initech ${suffix}`) })).toBeVisible()

  // The link exists only in the e-mail: read it from the outbox page.
  await page.goto('/admin/outbox')
  const outbox = await page.locator('main').innerText()
  const link = new RegExp(`${email.replace(/[.]/g, '\\.')}[\\s\\S]*?(\\/invitations\\/[A-Za-z0-9_-]{43})`).exec(outbox)?.[1]
  expect(link).toBeTruthy()
  await page.context().clearCookies()

  await page.goto(link!)
  await expect(page.getByRole('heading', { name: `Join Initech ${suffix}` })).toBeVisible()
  expect(await axeReport(page)).toEqual([])
  await page.getByLabel('Your name').fill('Peter Gibbons')
  await page.getByLabel('Password').fill('tps reports every friday')
  await page.getByRole('button', { name: 'Create my account' }).click()
  await expect(page).toHaveURL(/\/employer$/)

  await page.getByRole('navigation').getByRole('link', { name: 'Team' }).click()
  await expect(page.getByRole('heading', { name: `Team of Initech ${suffix}` })).toBeVisible()
  await page.getByLabel('E-mail').fill(`samir-${suffix.toLowerCase()}@initech.example`)
  await page.getByRole('button', { name: 'Send the invitation' }).click()
  await expect(page.getByRole('row', { name: new RegExp(`samir-${suffix.toLowerCase()}@initech\\.example`) })).toBeVisible()

  // The used link now says so.
  await page.goto(link!)
  await expect(page.getByText(/This invitation was already used/)).toBeVisible()
})
