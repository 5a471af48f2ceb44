import { expect, type Browser, type Page } from '@playwright/test'

/** Every demo login's password (README). */
export const DEMO_PASSWORD = 'demo-password-2026'

/** A page in a browser context of its own, signed in as a demo user (so two users can act side by side). */
export async function signedIn(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await page.goto('/login')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).not.toHaveURL(/login/)
  return page
}
