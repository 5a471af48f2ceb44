import { expect, test } from './test'

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
  await expect(page.getByRole('alert')).toContainText("We couldn't find you on your employer's list of covered people")

  // The seed's second Acme member (employee id A000002) signs up.
  await page.getByRole('textbox', { name: 'Employee ID' }).fill('A000002')
  await page.getByLabel('Password').fill('correct horse battery')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page).toHaveURL('/member')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Hello, /)
  await expect(page.getByRole('heading', { name: 'Joint Replacement Center of Excellence' })).toBeVisible()
})

test('the sign-up page in Spanish explains the employer code and answers a mismatch in Spanish', async ({ page }) => {
  await page.goto('/signup')
  await page.getByRole('button', { name: 'Ver en español' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Cree su cuenta de miembro' })).toBeVisible()
  await expect(page.getByLabel('Código del empleador')).toHaveAccessibleDescription(/guía de beneficios/)
  await page.getByLabel('Código del empleador').fill('acme')
  await page.getByRole('textbox', { name: 'Número de empleado' }).fill('A999999')
  await page.getByLabel('Correo electrónico').fill('nuevo.miembro@example.com')
  await page.getByLabel('Contraseña').fill('corto')
  await page.getByLabel('Contraseña').blur()
  await expect(page.getByText('Use al menos 12 caracteres')).toBeVisible()
  await page.getByLabel('Contraseña').fill('correct horse battery')
  await page.getByRole('button', { name: 'Crear cuenta' }).click()
  await expect(page.getByRole('alert')).toContainText('No lo encontramos en la lista de personas cubiertas de su empleador')
  await page.getByRole('button', { name: 'View in English' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Create your member account' })).toBeVisible()
})
