import { expect, test, type Page } from './test'
import { axeReport } from './axe'

// Issue 22: the platform admin sets the care team's response promise and the holidays it skips.
// Two journeys on separate settings (the promise; the holidays), so they may run side by side.

async function signIn(page: Page, redirectTo?: string) {
  await page.goto(redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : '/login')
  await page.getByLabel('E-mail').fill('admin@coe-platform.example')
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
}

test('a platform admin shortens the response promise of new requests from Settings, and cannot set 0 days', async ({ page }) => {
  await signIn(page)
  await expect(page).toHaveURL(/\/admin$/)
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()

  // "Requested" from 2 to 1 working day: confirmed, and kept on a fresh load.
  const requested = page.getByLabel('Requested', { exact: true })
  await expect(requested).toHaveValue('2')
  await requested.fill('1')
  await page.getByRole('button', { name: 'Save the response promise' }).click()
  await expect(page.getByRole('status')).toHaveText('Saved the response promise (1 status changed).')
  await expect(page.getByLabel('Requested', { exact: true })).toHaveValue('1')

  // 0 working days: refused next to the field, nothing saved.
  await page.getByLabel('Requested', { exact: true }).fill('0')
  await page.getByRole('button', { name: 'Save the response promise' }).click()
  await expect(page.getByText('Enter from 1 to 60 working days, or leave it empty for no promise')).toBeVisible()
  await expect(page.getByLabel('Requested', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  // axe once, on the page with a field error showing and this year's holidays listed (axe is slow on a busy machine).
  expect(await axeReport(page)).toEqual([])
  await page.goto('/admin/settings')
  await expect(page.getByLabel('Requested', { exact: true })).toHaveValue('1')

  // Leave the demo as it was: 2 working days.
  await page.getByLabel('Requested', { exact: true }).fill('2')
  await page.getByRole('button', { name: 'Save the response promise' }).click()
  await expect(page.getByRole('status')).toHaveText('Saved the response promise (1 status changed).')
})

test('a platform admin adds a holiday and the US federal holidays of next year, and removes one', async ({ page }) => {
  const nextYear = new Date().getUTCFullYear() + 1
  // Straight to next year's holidays after signing in (the other journey opens Settings from the navigation).
  await signIn(page, `/admin/settings?year=${nextYear}`)
  await expect(page.getByRole('heading', { name: `Holidays of ${nextYear}` })).toBeVisible()

  // One holiday of next year.
  await page.getByLabel('Date', { exact: true }).fill(`${nextYear}-03-15`)
  await page.getByLabel('Name', { exact: true }).fill('Care team offsite')
  await page.getByRole('button', { name: 'Add the holiday' }).click()
  await expect(page.getByRole('status')).toHaveText(`Added the holiday Care team offsite on March 15, ${nextYear}.`)
  await expect(page.getByRole('heading', { name: `Holidays of ${nextYear}` })).toBeVisible()
  await expect(page.getByRole('row', { name: /Care team offsite/ })).toBeVisible()

  // The federal holidays of next year: added (or already there), then once more after removing one: exactly that one.
  const addFederal = page.getByRole('button', { name: `Add the US federal holidays of ${nextYear}` })
  await addFederal.click()
  await expect(page.getByRole('status')).toContainText(`US federal holidays of ${nextYear}`)
  await expect(page.getByRole('row', { name: /Labor Day/ })).toBeVisible()
  await page.getByRole('button', { name: /^Remove Labor Day/ }).click()
  await expect(page.getByRole('status')).toContainText('Removed the holiday on September')
  await expect(page.getByRole('row', { name: /Labor Day/ })).toHaveCount(0)
  await addFederal.click()
  await expect(page.getByRole('status')).toHaveText(`Added 1 US federal holiday of ${nextYear} (10 already listed).`)
  await expect(page.getByRole('row', { name: /Labor Day/ })).toBeVisible()

  // Leave the demo as it was: no offsite.
  await page.getByRole('button', { name: /^Remove Care team offsite/ }).click()
  await expect(page.getByRole('row', { name: /Care team offsite/ })).toHaveCount(0)
})
