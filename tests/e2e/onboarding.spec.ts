import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from './test'
import { axeReport } from './axe'

const isoDaysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
/** A roster CSV as the template (/employer/roster/template.csv) lays it out: its header, then one member a line. */
const ROSTER_HEADER = 'employee_id,first_name,last_name,date_of_birth,zip,plan,coverage_tier,coverage_start,coverage_end,dependents'
/** Real CMS hospitals near the new employer's members in Columbus, where the demo's Summit Health Partners offers knee replacement. */
const CENTERS = ['GRANT MEDICAL CENTER, COLUMBUS OH', 'RIVERSIDE METHODIST HOSPITAL, COLUMBUS OH']

// Issue 22: the platform admin onboards a new employer; its first admin accepts the e-mailed
// invitation, lands on the employer home and invites a colleague from the Team page, then does what
// a new customer does first: adds its health plan, uploads its roster and publishes a program.
test('a platform admin onboards an employer whose admin accepts the invitation, invites a colleague, loads the roster and publishes a program', async ({ page }) => {
  test.setTimeout(120_000)
  const suffix = Date.now().toString(36).toUpperCase().slice(-6)
  const email = `first-admin-${suffix.toLowerCase()}@initech.example`
  await page.goto('/login')
  await page.getByLabel('E-mail').fill('admin@coe-platform.example')
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/admin$/)
  await page.goto('/admin/organizations')
  const addForm = page.getByRole('region', { name: 'Add an organization' })
  await addForm.getByLabel('Kind', { exact: true }).selectOption('employer')
  await addForm.getByLabel('Name', { exact: true }).fill(`Initech ${suffix}`)
  await addForm.getByLabel('Code', { exact: true }).fill(`INI-${suffix}`)
  await addForm.getByLabel("First admin's e-mail").fill(email)
  await addForm.getByRole('button', { name: 'Create and send the invitation' }).click()
  // The list then shows the organization just made (searched by its code).
  await expect(page).toHaveURL(new RegExp(`/admin/organizations\\?q=INI-${suffix}$`))
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

  // A new employer has no health plan yet, and roster rows name one: the admin adds it first.
  await page.goto('/employer')
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible()
  await page.getByRole('navigation').getByRole('link', { name: 'Health plans' }).click()
  await expect(page.getByText('No plans yet.')).toBeVisible()
  await page.getByRole('link', { name: 'Add a plan' }).click()
  await page.getByLabel('Plan name').fill('Initech PPO')
  await page.getByLabel('Plan type').selectOption('PPO')
  await page.getByLabel('Individual deductible ($)').fill('1,500')
  await page.getByLabel('Family deductible ($)').fill('3,000')
  await page.getByLabel('Coinsurance (%)').fill('20')
  await page.getByLabel('Individual out-of-pocket maximum ($)').fill('4,000')
  await page.getByLabel('Family out-of-pocket maximum ($)').fill('8,000')
  await page.getByRole('button', { name: 'Add plan' }).click()
  await expect(page.getByRole('row', { name: /Initech PPO/ })).toContainText('PPO')

  // The roster: four members in Columbus, written as the template shows.
  const coverageStart = isoDaysFromNow(-30)
  const members = [
    ['I000001', 'Peter', 'Gibbons', '1975-02-19', '43215', 'family', '2'],
    ['I000002', 'Milton', 'Waddams', '1958-07-04', '43215', 'employee', '0'],
    ['I000003', 'Joanna', 'Harris', '1982-11-30', '43201', 'employee_spouse', '1'],
    ['I000004', 'Michael', 'Bolton', '1979-05-12', '43201', 'employee', '0'],
  ]
  const csv = [ROSTER_HEADER, ...members.map(([id, first, last, born, zip, tier, dependents]) => [id, first, last, born, zip, 'Initech PPO', tier, coverageStart, '', dependents].join(','))].join('\n')
  const rosterFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-onboarding-')), 'initech-roster.csv')
  fs.writeFileSync(rosterFile, `${csv}\n`)
  await page.getByRole('navigation').getByRole('link', { name: 'Roster' }).click()
  await expect(page.getByRole('heading', { name: 'Eligibility roster' })).toBeVisible()
  await expect(page.getByText('No roster or 834 file has been loaded yet.')).toBeVisible()
  await page.getByLabel('Roster CSV or 834 file (up to 200 MB)').setInputFiles(rosterFile)
  await page.getByRole('button', { name: 'Upload and check' }).click()
  await expect(page.getByRole('heading', { name: 'initech-roster.csv' })).toBeVisible()
  // The page follows the background check and apply by itself: no reload.
  await expect(page.getByText('Applied', { exact: true })).toBeVisible()
  await expect(page.getByText('4 rows: 4 added, 0 changed, 0 coverage ended, 0 reinstated, 0 unchanged, 0 problems.')).toBeVisible()
  await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click()
  const figures = page.getByLabel('Program figures')
  await expect(figures.locator('.stat').filter({ hasText: 'Covered members' }).getByRole('definition').first()).toHaveText('4')
  await expect(figures.locator('.stat').filter({ hasText: 'Published programs' }).getByRole('definition').first()).toHaveText('0')

  // A knee program: the procedure, two centers near the members, then published.
  await page.getByRole('navigation').getByRole('link', { name: 'Programs' }).click()
  await page.getByRole('link', { name: 'New program' }).click()
  await page.getByLabel('Program name').fill('Initech Knee Care')
  await page.getByLabel('Starts on').fill(isoDaysFromNow(14))
  await page.getByRole('button', { name: 'Create draft' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Initech Knee Care' })).toBeVisible()
  await expect(page.getByText('Draft · version 1')).toBeVisible()
  await page.getByLabel('Total knee replacement').check()
  await page.getByRole('button', { name: 'Save procedures' }).click()
  await expect(page.getByText('Covers Total knee replacement.')).toBeVisible()
  await page.getByRole('link', { name: 'Choose centers' }).click()
  await expect(page.getByRole('heading', { name: 'Choose the network' })).toBeVisible()
  await expect(page.getByText('nearest to your 4 covered members first', { exact: false })).toBeVisible()
  for (const center of CENTERS) await page.getByLabel(`${center}: Total knee replacement`).check()
  await page.getByRole('button', { name: 'Save the network' }).click()
  await expect(page.getByRole('heading', { name: 'Network (2 offers)' })).toBeVisible()
  await expect(page.getByText('Everything is in place.')).toBeVisible()
  await page.getByRole('button', { name: 'Publish version 1' }).click()
  await expect(page.getByText('Published · version 1')).toBeVisible()
  await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click()
  await expect(figures.locator('.stat').filter({ hasText: 'Published programs' }).getByRole('definition').first()).toHaveText('1')
  await expect(page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Initech Knee Care' }) })).toContainText('Published')
})
