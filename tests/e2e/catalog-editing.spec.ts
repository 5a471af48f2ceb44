import { expect, test, type Page } from './test'

async function signInAs(page: Page, email: string) {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).not.toHaveURL(/\/login/)
}

test('a health system edits an offer: a bad price is refused, a good one is published', async ({ page }) => {
  await signInAs(page, 'contracts@summit.example')
  await expect(page.getByRole('heading', { name: 'Demand in the last 90 days' })).toBeVisible()
  const firstFacility = page.getByRole('main').locator('section.card').nth(1)
  const facilityName = (await firstFacility.getByRole('heading').textContent())!.trim()
  await firstFacility.getByRole('link', { name: 'Total knee replacement' }).click()
  await expect(page.getByRole('heading', { name: 'Edit bundled offer' })).toBeVisible()

  const price = page.getByLabel('Bundled price ($)')
  await price.fill('0')
  await page.getByRole('button', { name: 'Save offer' }).click()
  await expect(page.getByText('The bundled price must be above $0')).toBeVisible()

  await price.fill('26,400')
  await page.getByLabel('Implant or device').uncheck()
  // An offer in a program or contract asks to confirm that the new price is for new contracts only (issue 22).
  const confirm = page.getByLabel(/if I change the price, it applies to new contracts only/)
  if ((await confirm.count()) > 0) {
    await page.getByRole('button', { name: 'Save offer' }).click()
    await expect(page.getByText(/^Confirm that the new price applies to new contracts/)).toBeVisible()
    await confirm.check()
  }
  await page.getByRole('button', { name: 'Save offer' }).click()
  await expect(page).toHaveURL('/center')
  const section = page.getByRole('main').locator('section.card', { has: page.getByRole('heading', { name: facilityName }) })
  await expect(section.getByRole('row', { name: /Total knee replacement/ })).toContainText('$26,400')

  // Members, employers and brokers see the change on the facility page.
  await section.getByRole('link', { name: facilityName }).click()
  const offer = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Total knee replacement: $26,400' }) })
  await expect(offer).toBeVisible()
  await expect(offer).not.toContainText('implant')
})

test('the platform admin edits a procedure and the commercial multiplier', async ({ page }) => {
  await signInAs(page, 'admin@coe-platform.example')
  await page.getByRole('navigation').getByRole('link', { name: 'Procedure catalog' }).click()
  await page.getByRole('link', { name: 'Lumbar spinal fusion' }).click()
  await page.getByLabel('MS-DRG codes').fill('459, 46')
  await page.getByRole('button', { name: 'Save procedure' }).click()
  await expect(page.getByText('List MS-DRG codes as 3-digit numbers separated by commas, like 469, 470')).toBeVisible()
  await page.getByLabel('MS-DRG codes').fill('459, 460')
  await page.getByLabel('Typical nights in hospital').fill('2')
  await page.getByRole('button', { name: 'Save procedure' }).click()
  await expect(page).toHaveURL('/admin/procedures')
  await expect(page.getByRole('row', { name: /Lumbar spinal fusion/ })).toContainText('459, 460')

  await page.getByRole('navigation').getByRole('link', { name: 'Price factors' }).click()
  const multiplier = page.getByRole('form', { name: 'Commercial multiplier (× Medicare)' })
  await multiplier.getByLabel('Value (ratio)').fill('25')
  await multiplier.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('A commercial multiplier from 0.5 to 10 (RAND measured 2.54)')).toBeVisible()
  await multiplier.getByLabel('Value (ratio)').fill('2.4')
  await multiplier.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('status')).toContainText('Saved commercial_multiplier')
  await expect(multiplier.getByLabel('Value (ratio)')).toHaveValue('2.4')
})
