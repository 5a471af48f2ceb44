import { expect, test, type Browser, type Page } from './test'

const STRIPE_PORTAL = `http://localhost:${Number(process.env.E2E_PORT ?? 3100) + 1}`

async function signIn(page: Page, email: string) {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).not.toHaveURL(/login/)
}

/** The care coordinator completes Acme's case that is waiting at "procedure done" (seeded). */
async function completeAcmeCase(browser: Browser, baseURL: string) {
  const page = await (await browser.newContext({ baseURL })).newPage()
  await signIn(page, 'coordinator@coe-platform.example')
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Procedure done' })
  await page.getByLabel('Employer').selectOption({ label: 'Acme Manufacturing' })
  await page.getByRole('button', { name: 'Filter' }).click()
  await expect(page).toHaveURL(/status=procedure_done/)
  await expect(page.getByRole('table').getByRole('row').nth(1)).toContainText('Procedure done')
  await page.getByRole('table').getByRole('rowheader').first().getByRole('link').click()
  await page.getByLabel('Next status').selectOption({ label: 'Completed' })
  await page.getByLabel('Travel actually paid ($)').fill('1,200')
  await page.getByRole('button', { name: 'Save the change' }).click()
  await expect(page.locator('.page-head .badge')).toHaveText('Completed')
  await page.context().close()
}

test('without Stripe: the billing page says so, a completed case is invoiced, the platform marks it paid', async ({ browser, baseURL }) => {
  const hr = await (await browser.newContext()).newPage()
  await signIn(hr, 'hr@acme.example')
  await hr.getByRole('navigation').getByRole('link', { name: 'Billing' }).click()
  await expect(hr.getByRole('region', { name: 'Payment method' })).toContainText('Stripe is not configured on this portal')
  await completeAcmeCase(browser, baseURL!)
  await hr.reload()
  const invoice = hr.getByRole('region', { name: 'Invoices' }).getByRole('row').nth(1)
  await expect(invoice).toContainText('Due')
  await expect(invoice).toContainText('COE Marketplace platform fee: $500.00')
  const number = (await invoice.getByRole('rowheader').textContent())!.trim()

  const admin = await (await browser.newContext()).newPage()
  await signIn(admin, 'admin@coe-platform.example')
  await admin.getByRole('navigation').getByRole('link', { name: 'Ledger' }).click()
  await admin.getByRole('button', { name: `Mark ${number} paid` }).click()
  await expect(admin.getByRole('alert')).toContainText('Enter the payment reference')
  await admin.getByLabel(`Payment reference for ${number}`).fill('WIRE-2026-1123')
  await admin.getByRole('button', { name: `Mark ${number} paid` }).click()
  await expect(admin.getByRole('row', { name: new RegExp(number) })).toContainText('Paid')
  await hr.reload()
  await expect(hr.getByRole('row', { name: new RegExp(number) })).toContainText('Paid')
})

test.describe('with Stripe', () => {
  test.use({ baseURL: STRIPE_PORTAL })

  test('the admin saves a card through Checkout, and a completed case appears as a Stripe invoice', async ({ browser }) => {
    const hr = await (await browser.newContext({ baseURL: STRIPE_PORTAL })).newPage()
    await signIn(hr, 'hr@acme.example')
    await hr.getByRole('navigation').getByRole('link', { name: 'Billing' }).click()
    await expect(hr.getByRole('region', { name: 'Payment method' })).toContainText('No payment method on file')
    await hr.getByRole('button', { name: 'Set up billing with Stripe' }).click()
    // Stripe's page (the local Stripe-compatible server's stand-in): save a test card.
    await expect(hr.getByRole('heading', { name: 'Save a card (test)' })).toBeVisible()
    await hr.getByRole('button', { name: 'Save Visa ending 4242' }).click()
    await expect(hr.getByRole('status')).toContainText('Stripe is saving your payment method')
    await expect(hr.getByRole('region', { name: 'Payment method' })).toContainText('VISA ending in 4242')

    await completeAcmeCase(browser, STRIPE_PORTAL)
    await hr.reload()
    const invoice = hr.getByRole('region', { name: 'Invoices' }).getByRole('row').nth(1)
    await expect(invoice).toContainText('Due')
    await expect(invoice.getByRole('link', { name: 'View and pay on Stripe' })).toHaveAttribute('href', /^https:\/\/invoice\.stripe\.com\/i\/in_test_/)
  })
})
