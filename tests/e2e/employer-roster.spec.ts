import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'

const HEADER = 'employee_id,first_name,last_name,date_of_birth,zip,plan,coverage_tier,coverage_start,coverage_end,dependents'

function csvFile(lines: string[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-roster-')), 'roster.csv')
  fs.writeFileSync(file, lines.join('\n'))
  return file
}

test('the HR admin uploads a roster: problems are listed by line and column, good rows are added', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill('hr@bluewave.example')
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation').getByRole('link', { name: 'Roster' }).click()
  await expect(page.getByRole('heading', { name: 'Eligibility roster' })).toBeVisible()

  // All-or-nothing with one bad row: nothing is imported, the row is named.
  await page.getByLabel('Roster file (CSV, up to 200 MB)').setInputFiles(
    csvFile([HEADER, 'N000001,Ana,Diaz,1988-04-04,75201,Choice PPO,employee,2026-01-01,,0', 'N000002,Bo,Kim,1990-13-01,75201,Gold,employee,2026-01-01,,0']),
  )
  await page.getByLabel('Import nothing if any row has a problem').check()
  await page.getByRole('button', { name: 'Upload roster' }).click()
  const refused = page.getByRole('alert').filter({ hasText: 'Nothing imported from roster.csv' })
  await expect(refused).toContainText('2 rows: 0 new')
  await expect(refused.getByRole('row', { name: /date_of_birth/ })).toContainText('"1990-13-01" is not a date in YYYY-MM-DD form')
  await expect(refused.getByRole('row', { name: /plan/ })).toContainText('"Gold" is not one of your health plans')

  // Without all-or-nothing the good row is added and the bad one reported.
  await page.getByLabel('Import nothing if any row has a problem').uncheck()
  await page.getByLabel('Roster file (CSV, up to 200 MB)').setInputFiles(
    csvFile([HEADER, 'N000001,Ana,Diaz,1988-04-04,75201,Choice PPO,employee,2026-01-01,,0', 'N000002,Bo,Kim,1990-13-01,75201,Gold,employee,2026-01-01,,0']),
  )
  await page.getByRole('button', { name: 'Upload roster' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Imported roster.csv' })).toContainText('2 rows: 1 new, 0 updated, 0 unchanged, 0 coverage ended, 2 problems')

  // A file that is not a roster is refused.
  await page.getByLabel('Roster file (CSV, up to 200 MB)').setInputFiles(csvFile(['ccn,procedure_code,price,valid_from', '010001,TKA,1,2026-01-01']))
  await page.getByRole('button', { name: 'Upload roster' }).click()
  await expect(page.getByRole('alert')).toContainText('roster.csv: not the expected file: missing columns "employee_id"')
})
