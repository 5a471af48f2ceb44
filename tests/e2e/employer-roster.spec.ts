import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from './test'
import { build834, member834 } from '../support/x12-834-builder'

const LAST_NAMES = ['Lane', 'Ortiz', 'Nguyen', 'O\'Brien', 'Smith']
const HEADER = 'employee_id,first_name,last_name,date_of_birth,zip,plan,coverage_tier,coverage_start,coverage_end,dependents'

function tempFile(name: string, content: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-roster-')), name)
  fs.writeFileSync(file, content)
  return file
}

async function signIn(page: Page, email: string) {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation').getByRole('link', { name: 'Roster' }).click()
  await expect(page.getByRole('heading', { name: 'Eligibility roster' })).toBeVisible()
}

async function upload(page: Page, file: string, options: { fullFile?: boolean; allOrNothing?: boolean } = {}) {
  await page.getByLabel('Roster CSV or 834 file (up to 200 MB)').setInputFiles(file)
  if (options.fullFile) await page.getByLabel(/This CSV is the full roster/).check()
  if (options.allOrNothing) await page.getByLabel('Import nothing if any row has a problem').check()
  await page.getByRole('button', { name: 'Upload and check' }).click()
}

test('the HR admin uploads roster CSVs: problems by line and column, good rows added, a file that is not a roster refused', async ({ page }) => {
  await signIn(page, 'hr@bluewave.example')
  const rows = [HEADER, 'N000001,Ana,Diaz,1988-04-04,75201,Choice PPO,employee,2026-01-01,,0', 'N000002,Bo,Kim,1990-13-01,75201,Gold,employee,2026-01-01,,0']

  // All-or-nothing with a bad row: refused, the row named by line and column.
  await upload(page, tempFile('roster.csv', rows.join('\n')), { allOrNothing: true })
  await expect(page.getByRole('heading', { name: 'roster.csv' })).toBeVisible()
  await expect(page.getByRole('alert')).toContainText('2 problems found and "import nothing if any row has a problem" was chosen: nothing was changed.')
  await expect(page.getByRole('row', { name: /date_of_birth/ })).toContainText('"1990-13-01" is not a real date')
  await expect(page.getByRole('row', { name: /plan/ })).toContainText('"Gold" is not one of your health plans (yours: Choice PPO, Saver HDHP with HSA)')

  // Without all-or-nothing the good row is added and the bad one reported.
  await page.getByRole('link', { name: '← Eligibility roster' }).click()
  await upload(page, tempFile('roster.csv', rows.join('\n')))
  await expect(page.getByText('2 rows: 1 added, 0 changed, 0 coverage ended, 0 reinstated, 0 unchanged, 2 problems.')).toBeVisible()
  await expect(page.getByText('Applied', { exact: true })).toBeVisible()

  // A file that is not a roster is refused on the upload page.
  await page.getByRole('link', { name: '← Eligibility roster' }).click()
  await upload(page, tempFile('offers.csv', 'ccn,procedure_code,price,valid_from\n010001,TKA,1,2026-01-01\n'))
  await expect(page.getByRole('alert')).toContainText('offers.csv: not the expected file: missing columns "employee_id"')
})

test('a full roster that would end 40 % of coverage is shown as a difference, refused until confirmed, then applied and kept in the history', async ({ page }) => {
  await signIn(page, 'hr@cedar.example')
  // Cedar covers C000001…C001800; this "full" roster lists the first 1,080 only.
  const lines = [HEADER, ...Array.from({ length: 1_080 }, (_, i) => `C${String(i + 1).padStart(6, '0')},Pat,${LAST_NAMES[i % LAST_NAMES.length]},1980-01-01,75201,Choice PPO,employee,2026-01-01,,0`)]
  await upload(page, tempFile('cedar-full.csv', lines.join('\n')), { fullFile: true })
  await expect(page.getByText('Checked: waiting for you to apply it')).toBeVisible({ timeout: 20_000 })
  await expect(page.getByText('1,080 rows: 0 added, 1,080 changed, 720 coverage ended, 0 reinstated, 0 unchanged, 0 problems.')).toBeVisible()
  await expect(page.getByText(/Coverage would end for 720 of 1,800 covered members; your limit without confirmation is 10 %/)).toBeVisible()

  // The difference: filter to the members whose coverage ends.
  await page.getByRole('navigation', { name: 'Show' }).getByRole('link', { name: 'Coverage ended' }).click()
  await expect(page.getByText('720 members', { exact: true })).toBeVisible()
  await expect(page.getByRole('group', { name: 'Difference' }).getByRole('row')).toHaveCount(51)

  // Applying without the confirmation is refused and changes nothing.
  await page.getByRole('button', { name: 'Apply to the roster' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'more than your limit of 10 %' })).toContainText('This file would end coverage for 720 of 1,800 covered members (40 %)')
  await page.getByLabel('Yes, end coverage for 720 members (40 % of those covered)').check()
  await page.getByRole('button', { name: 'Apply to the roster' }).click()
  await expect(page.getByText('Applied', { exact: true })).toBeVisible({ timeout: 20_000 })
  await expect(page.getByRole('link', { name: 'Download the difference (CSV)' })).toBeVisible()

  // In the history, with who sent it and its counts.
  await page.getByRole('link', { name: '← Eligibility roster' }).click()
  const history = page.getByRole('group', { name: 'Import history' })
  const row = history.getByRole('row').filter({ hasText: 'cedar-full.csv' })
  await expect(row).toContainText('hr@cedar.example')
  await expect(row).toContainText('Applied')
  await expect(row.getByRole('cell').nth(6)).toHaveText('720')
})

test('an 834 change file with a termination and a reinstatement is applied and its 999 downloaded', async ({ page }) => {
  await signIn(page, 'hr@bluewave.example')
  // The employer says which plan REF*1L BW-PPO is.
  await page.getByLabel('Group or policy number').fill('BW-PPO')
  await page.getByLabel('Plan', { exact: true }).selectOption({ label: 'Choice PPO' })
  await page.getByRole('button', { name: 'Add code' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'REF*1L BW-PPO now means this plan' })).toBeVisible()

  const person = { groupCode: 'BW-PPO', start: '2026-01-01', zip: '75201' }
  const first = build834({ purpose: 'change', transactions: [{ members: [member834({ ...person, subscriberId: 'B000010', maintenance: '024', end: '2026-11-30' })] }] })
  await upload(page, tempFile('terminate.834', first))
  await expect(page.getByText('Checked: waiting for you to apply it')).toBeVisible({ timeout: 20_000 })
  await page.getByRole('button', { name: 'Apply to the roster' }).click()
  await expect(page.getByText('Applied', { exact: true })).toBeVisible({ timeout: 20_000 })

  await page.getByRole('link', { name: '← Eligibility roster' }).click()
  const second = build834({
    purpose: 'change',
    transactions: [{ members: [member834({ ...person, subscriberId: 'B000010', maintenance: '025' }), member834({ ...person, subscriberId: 'B000011', maintenance: '024', end: '2026-11-30' })] }],
  })
  await upload(page, tempFile('changes.834', second))
  await expect(page.getByText('Checked: waiting for you to apply it')).toBeVisible({ timeout: 20_000 })
  await expect(page.getByText(/1 coverage ended, 1 reinstated/)).toBeVisible()
  await page.getByRole('button', { name: 'Apply to the roster' }).click()
  await expect(page.getByText('Applied', { exact: true })).toBeVisible({ timeout: 20_000 })

  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Download the 999 acknowledgment' }).click()
  const ack = fs.readFileSync(await (await download).path(), 'utf8')
  expect(ack).toMatch(/^ISA\*/)
  expect(ack).toContain('AK2*834*0001*005010X220A1~')
  expect(ack).toMatch(/IK5\*A~/)

  // The member look-up shows B000010's coverage history: ended, then reinstated.
  await page.goto('/employer/roster/members?q=B000010')
  await page.getByRole('group', { name: 'Members' }).getByRole('link').first().click()
  const history = page.getByRole('group', { name: 'Coverage history' })
  await expect(history.getByRole('row').nth(1)).toContainText('Reinstated')
  await expect(history.getByRole('row').nth(2)).toContainText('Coverage ended')
})
