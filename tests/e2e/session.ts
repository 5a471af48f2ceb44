import { expect, type Browser, type Page } from './test'

/** Every demo login's password (README). */
export const DEMO_PASSWORD = 'demo-password-2026'

/** A page in a new context: closed when the test ends (tests/e2e/test.ts). */
async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage()
}

/** A page in a browser context of its own, signed in as a demo user (so two users can act side by side). */
export async function signedIn(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await newPage(browser)
  await page.goto('/login')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).not.toHaveURL(/login/)
  return page
}

/**
 * A page signed in as an Acme roster member who creates their account here (`employeeId` from the
 * seed's roster, e.g. A000003), for a journey that needs a member whose open requests no other
 * journey touches: one open case per member and procedure, and the demo member is shared.
 */
export async function signedUpMember(browser: Browser, employeeId: string): Promise<Page> {
  const page = await newPage(browser)
  await page.goto('/signup')
  await page.getByLabel('Employer code').fill('acme')
  await page.getByRole('textbox', { name: 'Employee ID' }).fill(employeeId)
  await page.getByLabel('E-mail').fill(`${employeeId.toLowerCase()}-${Date.now().toString(36)}@example.com`)
  await page.getByLabel('Password').fill('correct horse battery')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page).toHaveURL('/member')
  return page
}
