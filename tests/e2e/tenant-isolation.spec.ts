import { expect, test, type Page } from './test'

const PASSWORD = 'demo-password-2026'

async function signInAs(page: Page, email: string) {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).not.toHaveURL(/\/login/)
}

test("an employer admin cannot open another employer's plan or program", async ({ browser }) => {
  const bluewave = await browser.newPage()
  await signInAs(bluewave, 'hr@bluewave.example')
  await bluewave.goto('/employer/plans')
  const planHref = await bluewave.getByRole('table').getByRole('link').first().getAttribute('href')
  await bluewave.goto('/employer/programs')
  const programHref = await bluewave.getByRole('table').getByRole('link').first().getAttribute('href')
  expect(planHref).toMatch(/^\/employer\/plans\/.+/)
  expect(programHref).toMatch(/^\/employer\/programs\/.+/)
  await bluewave.close()

  const acme = await browser.newPage()
  await signInAs(acme, 'hr@acme.example')
  for (const href of [planHref!, programHref!]) {
    const response = await acme.goto(href)
    expect(response?.status()).toBe(404)
    await expect(acme.getByRole('heading', { name: 'Not found' })).toBeVisible()
    await expect(acme.getByText("isn't part of your organization")).toBeVisible()
  }
  await acme.close()
})

test('a broker sees granted clients only', async ({ page }) => {
  await signInAs(page, 'broker@harbor.example')
  const clients = page.getByRole('main').getByRole('link')
  await expect(clients).toHaveText(['Acme Manufacturing', 'Bluewave Logistics'])
  await clients.first().click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Manufacturing')
  await expect(page.getByText('Covered members')).toBeVisible()
})

test('an employer admin edits a health plan: a bad value is refused, a good one saved', async ({ page }) => {
  await signInAs(page, 'hr@cedar.example')
  await page.goto('/employer/plans')
  await page.getByRole('table').getByRole('link').first().click()
  const deductible = page.getByLabel('Individual deductible ($)')
  const original = await deductible.inputValue()
  await deductible.fill('-40')
  await page.getByRole('button', { name: 'Save plan' }).click()
  await expect(page.getByText('The individual deductible must be from $0 to $50,000')).toBeVisible()
  await expect(deductible).toHaveAttribute('aria-invalid', 'true')

  await deductible.fill(original)
  await page.getByLabel('Coinsurance (%)').fill('25')
  await page.getByRole('button', { name: 'Save plan' }).click()
  await expect(page).toHaveURL('/employer/plans')
  await expect(page.getByRole('table')).toContainText('25%')
})
