import fs from 'node:fs'
import { expect, test } from './test'
import Ajv from 'ajv'
import schema from '../../app/domain/tic/in-network-rates.schema.json' with { type: 'json' }
import { signedIn } from './session'

/*
 * Issue 23: the health system's offer form refuses an NPI whose check digit is wrong (nothing is
 * saved), and the employer downloads its Transparency in Coverage in-network rates file, which
 * validates against the project's schema of the CMS guide (the demo offers carry demo TIN/NPIs).
 */

test("the center admin's offer form shows the NPI field error", async ({ browser }) => {
  const page = await signedIn(browser, 'contracts@summit.example')
  await page.getByRole('link', { name: 'Total knee replacement' }).first().click()
  await expect(page.getByRole('heading', { name: 'Edit bundled offer' })).toBeVisible()
  await expect(page.getByLabel('Billing TIN (EIN)')).toHaveValue(/^\d{2}-\d{7}$/)
  const npi = page.getByLabel('Facility NPI')
  await expect(npi).toHaveValue(/^\d{10}$/)
  const saved = await npi.inputValue()
  await npi.fill('1234567890')
  await page.getByRole('button', { name: 'Save offer' }).click()
  await expect(page.getByText('This NPI fails its check digit: look for a typing mistake')).toBeVisible()
  await expect(npi).toHaveAttribute('aria-invalid', 'true')
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.screenshot({ path: 'tests/.tmp/tic-offer-form-1280.png', fullPage: true })
  await page.setViewportSize({ width: 375, height: 800 })
  await page.screenshot({ path: 'tests/.tmp/tic-offer-form-375.png', fullPage: true })
  await page.reload()
  await expect(page.getByLabel('Facility NPI')).toHaveValue(saved)
})

test('the employer downloads the in-network rates file, which validates against the schema', async ({ browser }) => {
  const page = await signedIn(browser, 'hr@acme.example')
  await page.goto('/employer/programs')
  await page.getByRole('link', { name: 'Transparency in Coverage file' }).click()
  await expect(page.getByRole('heading', { name: 'Transparency in Coverage file' })).toBeVisible()
  await expect(page.getByLabel('Plan sponsor EIN')).toHaveValue(/^91-\d{7}$/)
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the in-network rates file (JSON)' }).click()])
  expect(download.suggestedFilename()).toMatch(/^\d{4}-\d{2}-\d{2}_ACME_in-network-rates\.json$/)
  const file = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'))
  const validate = new Ajv({ allErrors: true }).compile(schema)
  expect(validate(file), JSON.stringify(validate.errors)).toBe(true)
  expect(file.reporting_entity_name).toBe('Acme Manufacturing')
  expect(file.in_network.map((item: { billing_code: string }) => item.billing_code)).toEqual(expect.arrayContaining(['469', '470']))
  expect(file.provider_references.length).toBeGreaterThan(0)
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.screenshot({ path: 'tests/.tmp/tic-employer-1280.png', fullPage: true })
  await page.setViewportSize({ width: 375, height: 800 })
  await page.screenshot({ path: 'tests/.tmp/tic-employer-375.png', fullPage: true })
})
