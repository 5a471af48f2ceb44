import { expect, test } from '@playwright/test'

test('a new member finds themselves on the roster, creates an account and sees their program', async ({ page }) => {
  await page.goto('/login')
  await page.getByRole('link', { name: 'Create your account' }).click()
  await expect(page.getByRole('heading', { name: 'Create your member account' })).toBeVisible()

  // A mismatch gets one helpful message that does not say which detail was wrong.
  await page.getByLabel('Employer code').fill('acme')
  await page.getByRole('textbox', { name: 'Employee ID' }).fill('A999999')
  await page.getByLabel('E-mail').fill('new.member@example.com')
  await page.getByLabel('Password').fill('correct horse battery')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('alert')).toContainText("We couldn't match those details to your employer's eligibility list")

  // The seed's second Acme member (employee id A000002) signs up.
  await page.getByRole('textbox', { name: 'Employee ID' }).fill('A000002')
  await page.getByLabel('Password').fill('correct horse battery')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page).toHaveURL('/member')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Hello, /)
  await expect(page.getByRole('heading', { name: 'Joint Replacement Center of Excellence' })).toBeVisible()
})
