import { expect, test, type Page } from './test'

const PASSWORD = 'demo-password-2026'

/** The seed's demo logins (db/seed) and what each role's home shows. */
const ROLES = [
  { role: 'employer admin', email: 'hr@acme.example', home: '/employer', heading: 'Overview', nav: ['Programs', 'Health plans'] },
  { role: 'member', email: 'member@acme.example', home: '/member', heading: /^Hello, /, nav: ['My benefits'] },
  { role: 'broker', email: 'broker@harbor.example', home: '/broker', heading: 'Clients', nav: ['Clients'] },
  { role: 'care coordinator', email: 'coordinator@coe-platform.example', home: '/coordinator', heading: 'Case queue', nav: ['Case queue'] },
  { role: 'health system', email: 'contracts@summit.example', home: '/center', heading: 'Summit Health Partners (demo)', nav: ['Facilities & offers'] },
  { role: 'platform admin', email: 'admin@coe-platform.example', home: '/admin', heading: 'Marketplace overview', nav: ['Procedure catalog', 'Organizations'] },
] as const

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

for (const user of ROLES) {
  test(`${user.role} signs in and lands on their home with their navigation`, async ({ page }) => {
    await page.goto('/login')
    await signIn(page, user.email)
    await expect(page).toHaveURL(user.home)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(user.heading)
    const nav = page.getByRole('navigation')
    for (const label of user.nav) await expect(nav.getByRole('link', { name: label })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
  })
}

test('the member home shows their coverage and the program in force', async ({ page }) => {
  await page.goto('/login')
  await signIn(page, 'member@acme.example')
  await expect(page.getByRole('heading', { name: 'Your coverage' })).toBeVisible()
  await expect(page.getByRole('main').getByText('Acme Manufacturing', { exact: true })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Centers of excellence you can use' })).toBeVisible()
  await expect(page.getByText(/you pay \$0/).first()).toBeVisible()
})

test('a wrong password gets a clear error and no session', async ({ page }) => {
  await page.goto('/login')
  await signIn(page, 'hr@acme.example', 'not-the-password')
  await expect(page.getByRole('alert')).toContainText('That e-mail and password do not match an account')
  await expect(page).toHaveURL(/\/login/)
  await page.goto('/employer')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Femployer/)
})

test('a malformed e-mail is caught next to the field', async ({ page }) => {
  await page.goto('/login')
  await signIn(page, 'not-an-email')
  await expect(page.getByText('Enter an e-mail address like name@example.com')).toBeVisible()
  await expect(page.getByLabel('E-mail')).toHaveAttribute('aria-invalid', 'true')
})

test('a signed-out visit to a role page goes to sign-in and comes back after it', async ({ page }) => {
  await page.goto('/employer/plans')
  await expect(page).toHaveURL('/login?redirectTo=%2Femployer%2Fplans')
  await signIn(page, 'hr@acme.example')
  await expect(page).toHaveURL('/employer/plans')
  await expect(page.getByRole('heading', { name: 'Health plans', level: 1 })).toBeVisible()
})

test('signing out ends the session', async ({ page }) => {
  await page.goto('/login')
  await signIn(page, 'broker@harbor.example')
  await expect(page).toHaveURL('/broker')
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL('/login')
  await page.goto('/broker')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fbroker/)
})

test('a member cannot open an employer admin page', async ({ page }) => {
  await page.goto('/login')
  await signIn(page, 'member@acme.example')
  await expect(page).toHaveURL('/member')
  const response = await page.goto('/employer/plans')
  expect(response?.status()).toBe(403)
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible()
})

test('a visitor reads the sign-in page in Spanish, with Spanish messages, and can switch back', async ({ page }) => {
  await page.goto('/login')
  await page.getByRole('button', { name: 'Ver en español' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Iniciar sesión' })).toBeVisible()
  await expect(page).toHaveTitle('Iniciar sesión · COE Marketplace')
  await expect(page.locator('html')).toHaveAttribute('lang', 'es')
  await page.getByLabel('Correo electrónico').fill('not-an-email')
  await page.getByLabel('Contraseña').fill('x')
  await page.getByRole('button', { name: 'Iniciar sesión' }).click()
  await expect(page.getByText('Escriba un correo electrónico como nombre@ejemplo.com')).toBeVisible()
  await page.getByLabel('Correo electrónico').fill('hr@acme.example')
  await page.getByLabel('Contraseña').fill('not-the-password')
  await page.getByRole('button', { name: 'Iniciar sesión' }).click()
  await expect(page.getByRole('alert')).toContainText('Ese correo electrónico y esa contraseña no coinciden con ninguna cuenta')
  await page.getByRole('button', { name: 'View in English' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
})
