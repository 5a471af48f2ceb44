import { expect, test } from './test'

/* Issue 22: the "Not allowed" page keeps the navigation of the signed-in user's own role. */
test('an employer admin who opens /admin sees "Not allowed" with the employer menu, not the admin one', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill('hr@acme.example')
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
  const response = await page.goto('/admin')
  expect(response?.status()).toBe(403)
  const nav = page.getByRole('navigation').first()
  await expect(nav.getByRole('link', { name: 'Programs' })).toBeVisible()
  await expect(nav.getByRole('link', { name: 'Roster' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Data imports' })).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0)
})
