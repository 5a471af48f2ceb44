import fs from 'node:fs'
import { parse } from 'csv-parse/sync'
import { expect, test, type Page } from './test'

async function signIn(page: Page, email: string) {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).not.toHaveURL(/login/)
}

test('the HR admin reads the dashboard for a period, checks the method and exports the savings report', async ({ page }) => {
  // The export is made by a background job (a poll, then the page's re-read): a few seconds more than one page load.
  test.setTimeout(60_000)
  const consoleErrors: string[] = []
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()))
  await signIn(page, 'hr@acme.example')
  await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click()
  await page.getByLabel('From').fill('2026-01-01')
  await page.getByLabel('To').fill('2026-12-31')
  await page.getByRole('button', { name: 'Show' }).click()
  await expect(page).toHaveURL(/from=2026-01-01&to=2026-12-31/)
  const headline = page.getByRole('definition').filter({ hasText: /^\$/ }).first()
  await expect(headline).toBeVisible()
  await expect(page.getByRole('region', { name: 'Outcomes' })).toContainText('Complication within 90 days')
  await expect(page.getByRole('region', { name: /^Spend: \$/ })).toContainText('Platform fees')

  // The export is prepared in the background (issue 24): "Preparing…", then its link.
  await page.getByRole('button', { name: 'Prepare (Realized savings (CSV))' }).click()
  const link = page.getByRole('link', { name: 'Download Realized savings (CSV)' })
  await expect(link).toBeVisible({ timeout: 20_000 })
  // The note follows the file: no "being prepared" beside a link that is ready.
  await expect(page.getByRole('region', { name: 'Exports (CSV)' }).getByRole('status')).toHaveText('The export has finished: its download link, or what went wrong, is below.')
  await expect(page).toHaveURL(/from=2026-01-01&to=2026-12-31/)
  // The CSV opens straight in a spreadsheet: line 1 is the header row (issue 20).
  const download = page.waitForEvent('download')
  await link.click()
  const file = await (await download).path()
  const text = fs.readFileSync(file!, 'utf8')
  expect(text.split('\r\n')[0]).toMatch(/^case_id,procedure,center,member_state,completed_at,/)
  const rows = parse(text, { columns: true }) as Array<Record<string, string>>
  expect(rows.length).toBeGreaterThan(0)
  for (const row of rows.filter((r) => r.savings_usd !== '')) expect(Number(row.outside_cost_usd) - Number(row.paid_at_center_usd)).toBeCloseTo(Number(row.savings_usd), 2)
  // Its period, columns and method are in the text file beside it.
  const method = page.getByRole('link', { name: 'how to read it (realized savings)' })
  await expect(method).toHaveAttribute('href', /^\/employer\/exports\/savings\.method\.txt\?from=2026-01-01&to=2026-12-31/)
  const methodText = await (await page.request.get((await method.getAttribute('href'))!)).text()
  expect(methodText).toContain('Period: 2026-01-01 to 2026-12-31')
  for (const column of Object.keys(rows[0]!)) expect(methodText).toContain(`\n${column}: `)
  expect(methodText).toMatch(/^demo_offer: yes: /m)
  expect(methodText).not.toContain('DESIGN')
  await expect(page.getByRole('link', { name: /^how to read it/ })).toHaveCount(3)

  await page.getByRole('link', { name: 'how savings are calculated' }).click()
  await expect(page.getByRole('heading', { name: 'How savings are calculated' })).toBeVisible()
  expect(consoleErrors).toEqual([])
})

test('the platform admin sees the figures across employers with supply and demand', async ({ page }) => {
  await signIn(page, 'admin@coe-platform.example')
  await page.getByRole('navigation').getByRole('link', { name: 'Reports' }).click()
  await expect(page.getByRole('heading', { name: 'Marketplace reports' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'By employer' }).getByRole('row', { name: /Acme Manufacturing/ })).toBeVisible()
  const supply = page.getByRole('region', { name: 'Supply: active offers by state and procedure' })
  await expect(supply.getByRole('columnheader', { name: 'TKA' })).toBeVisible()
  await expect(supply.getByRole('row', { name: /^OH / })).toBeVisible()
})
