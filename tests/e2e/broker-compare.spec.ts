import fs from 'node:fs'
import { expect, test, type Page } from './test'

/**
 * Issue 20 item 11: the comparison says how the scenarios differ (design rows, each difference
 * marked in words for screen readers and in colour) and how the member's cost per case is counted.
 * Facility names are not relied on (the seed's hospitals change with CMS releases).
 */
async function signIn(page: Page, email: string) {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
}

const SHOTS = process.env.BROKER_SHOTS_DIR

test('a broker compares two designs and sees each rule side by side, the differences marked and the member cost explained', async ({ page }) => {
  test.setTimeout(120_000)
  await signIn(page, 'broker@harbor.example')
  await page.getByRole('link', { name: 'Acme Manufacturing' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Acme Manufacturing' })).toBeVisible()

  // Two designs: the client's program, and a copy with a higher incentive and 40 % coinsurance outside the program.
  await page.getByLabel('Scenario name').fill('Design as today')
  await page.getByLabel('Start from').selectOption({ label: "The client's current program" })
  await page.getByRole('button', { name: 'Create scenario' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Design as today' })).toBeVisible()
  const incentiveToday = await page.getByLabel('Completion incentive ($)').inputValue()
  await page.getByRole('link', { name: 'Acme Manufacturing' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Acme Manufacturing' })).toBeVisible()
  await page.getByLabel('Scenario name').fill('Design with steering')
  await page.getByLabel('Start from').selectOption({ label: 'A copy of a scenario' })
  await page.getByLabel('Scenario to copy').selectOption({ label: 'Design as today' })
  await page.getByRole('button', { name: 'Create scenario' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Design with steering' })).toBeVisible()
  const incentive = Number(incentiveToday) === 1000 ? '750' : '1000'
  await page.getByLabel('Completion incentive ($)').fill(incentive)
  await page.getByLabel('The same procedure outside the program').selectOption('higher_coinsurance')
  await page.getByLabel('Coinsurance outside the program (%)').fill('40')
  await page.getByRole('button', { name: 'Save benefit rules' }).click()
  await expect(page.getByLabel('Coinsurance outside the program (%)')).toHaveValue('40')

  await page.getByRole('link', { name: 'Acme Manufacturing' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Acme Manufacturing' })).toBeVisible()
  await page.getByLabel('Compare Design as today').check()
  await page.getByLabel('Compare Design with steering').check()
  await page.getByRole('button', { name: 'Compare the chosen scenarios' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Compare scenarios' })).toBeVisible()

  const table = page.getByRole('table').first()
  /** The comparison row whose header is `label`, marked "differs" or not. */
  const ruleRow = (label: string) =>
    table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')}( differs)?$`) }) })
  for (const group of ['Projected a year', 'Benefit rules', 'Travel rules', 'Network and assumption']) {
    await expect(table.getByRole('columnheader', { name: group })).toBeVisible()
  }
  // A rule that differs: its row header says so (read out with the row), and both values show.
  const incentiveRow = ruleRow('Completion incentive (paid to the member)')
  await expect(incentiveRow.getByRole('rowheader', { name: 'Completion incentive (paid to the member) differs' })).toBeVisible()
  await expect(incentiveRow.getByRole('cell').nth(1)).toHaveText(`$${Number(incentive).toLocaleString('en-US')}`)
  await expect(incentiveRow).toHaveClass(/comparison__differs/)
  const outside = ruleRow('Coinsurance outside the program')
  await expect(outside.getByRole('rowheader')).toContainText('differs')
  await expect(outside.getByRole('cell').nth(1)).toHaveText('40%')
  await expect(ruleRow('Same procedure outside the program').getByRole('cell').nth(1)).toHaveText('Higher coinsurance')
  // Rules both designs share are not marked.
  for (const same of ['Deductible at a center', 'Travel covered from', 'Mileage rate', 'Lodging cap', 'Travel cap', 'Procedures covered', 'Centers']) {
    const row = ruleRow(same)
    await expect(row).toHaveCount(1)
    await expect(row.getByRole('rowheader')).toHaveText(same)
    await expect(row).not.toHaveClass(/comparison__differs/)
  }
  // The centers are listed under their count.
  await ruleRow('Centers').getByText(/^\d+ centers?$/).first().click()
  await expect(ruleRow('Centers').getByRole('listitem').first()).toBeVisible()

  // The member cost per case: linked from its row, explained with the HSA rule and each plan's figure.
  await table.getByRole('link', { name: 'how it is counted' }).click()
  const explained = page.getByRole('region', { name: 'What members pay per program case' })
  await expect(explained).toBeInViewport()
  await expect(explained).toContainText("the plan's deductible unless the program waives it")
  await expect(explained).toContainText(/IRS minimum deductible \(\$1,700 self-only, \$3,400 family in \d{4}\)/)
  await expect(explained.getByRole('listitem').filter({ hasText: /HSA-qualified/ }).first()).toContainText(/\$[\d,]+ a case/)
  await expect(explained.getByRole('heading', { name: /Design with steering: \$[\d,]+ a case on average/ })).toBeVisible()

  if (SHOTS) {
    fs.mkdirSync(SHOTS, { recursive: true })
    await page.setViewportSize({ width: 1280, height: 900 })
    await table.scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SHOTS}/compare-1280.png`, fullPage: true })
    await page.setViewportSize({ width: 375, height: 800 })
    await page.screenshot({ path: `${SHOTS}/compare-375.png`, fullPage: true })
  }
})
