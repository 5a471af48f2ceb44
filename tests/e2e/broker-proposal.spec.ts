import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from './test'
import { pdfPages } from '../support/pdf-pages'

async function signIn(page: Page, email: string) {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
}

test('a broker builds two scenarios for Acme, compares them, exports and shares a proposal; Acme’s admin adopts it as a draft program', async ({ browser }) => {
  test.setTimeout(120_000)
  const broker = await (await browser.newContext({ acceptDownloads: true })).newPage()
  const consoleErrors: string[] = []
  broker.on('console', (message) => message.type() === 'error' && !/status of 4(00|22)/.test(message.text()) && consoleErrors.push(message.text()))
  await signIn(broker, 'broker@harbor.example')
  await broker.getByRole('link', { name: 'Acme Manufacturing' }).click()
  await expect(broker.getByRole('heading', { level: 1, name: 'Acme Manufacturing' })).toBeVisible()

  // Scenario 1: the client's current program.
  await broker.getByLabel('Scenario name').fill('Today’s program')
  await broker.getByLabel('Start from').selectOption({ label: "The client's current program" })
  await broker.getByRole('button', { name: 'Create scenario' }).click()
  await expect(broker.getByRole('heading', { level: 1, name: 'Today’s program' })).toBeVisible()
  await expect(broker.getByRole('heading', { name: /^Network \(\d+ offers\)$/ })).toBeVisible()
  await broker.getByRole('link', { name: 'Acme Manufacturing' }).click()
  await expect(broker.getByRole('heading', { level: 1, name: 'Acme Manufacturing' })).toBeVisible()

  // Scenario 2: a copy with a narrower network and a higher coinsurance outside the program.
  await broker.getByLabel('Scenario name').fill('Lean network')
  await broker.getByLabel('Start from').selectOption({ label: 'A copy of a scenario' })
  await broker.getByLabel('Scenario to copy').selectOption({ label: 'Today’s program' })
  await broker.getByRole('button', { name: 'Create scenario' }).click()
  await expect(broker.getByRole('heading', { level: 1, name: 'Lean network' })).toBeVisible()
  await broker.getByLabel('The same procedure outside the program').selectOption('higher_coinsurance')
  await broker.getByRole('button', { name: 'Save benefit rules' }).click()
  await expect(broker.getByText('Enter the higher coinsurance that applies outside the program, e.g. 40')).toBeVisible()
  await broker.getByLabel('Coinsurance outside the program (%)').fill('40')
  await broker.getByRole('button', { name: 'Save benefit rules' }).click()
  await expect(broker.getByLabel('Coinsurance outside the program (%)')).toHaveValue('40')
  await broker.getByRole('link', { name: 'Choose centers' }).click()
  await expect(broker.getByRole('heading', { name: 'Choose the network' })).toBeVisible()
  // The candidates are paged (issue 24): review the scenario's network on its own.
  await broker.getByRole('link', { name: 'review them' }).click()
  const networkHeading = broker.getByRole('heading', { name: /^Offers in the network: / })
  await expect(networkHeading).toBeVisible()
  // The whole network's size (the page shows at most 25 of it): 4 unticked here leave the rest.
  const before = Number((await networkHeading.textContent())!.match(/ of (\d+)$/)![1])
  const chosen = broker.locator('input[name="offerIds"]:checked')
  expect(before).toBeGreaterThan(4)
  for (let i = 0; i < 4; i++) await chosen.first().uncheck()
  await broker.getByRole('button', { name: 'Save the network' }).click()
  await expect(broker.getByRole('heading', { name: `Network (${before - 4} offers)` })).toBeVisible()
  await broker.getByLabel('Adoption rate (% of expected cases that use the program)').fill('50')
  await broker.getByRole('button', { name: 'Save assumptions' }).click()
  await expect(broker.getByLabel('Adoption rate (% of expected cases that use the program)')).toHaveValue('50')

  // Compare the two side by side.
  await broker.getByRole('link', { name: 'Acme Manufacturing' }).click()
  await expect(broker.getByRole('heading', { level: 1, name: 'Acme Manufacturing' })).toBeVisible()
  await broker.getByLabel('Compare Today’s program').check()
  await broker.getByLabel('Compare Lean network').check()
  await broker.getByRole('button', { name: 'Compare the chosen scenarios' }).click()
  await expect(broker.getByRole('heading', { name: 'Compare scenarios' })).toBeVisible()
  const table = broker.getByRole('table').first()
  await expect(table.getByRole('columnheader', { name: 'Today’s program' })).toBeVisible()
  await expect(table.getByRole('row', { name: /Net savings/ })).toContainText('best')
  // The outside rule and the adoption assumed differ (four offers fewer need not mean fewer centers).
  for (const rule of ['Same procedure outside the program', 'Coinsurance outside the program', 'Adoption assumed']) await expect(table.getByRole('rowheader', { name: `${rule} differs`, exact: true })).toBeVisible()
  await expect(table.getByRole('rowheader', { name: 'Deductible at a center', exact: true })).toBeVisible()
  await expect(broker.getByRole('group', { name: 'Map of your members and the candidate centers' })).toHaveCount(2)

  // The proposal: recommend the lean network, export the PDF, share it.
  await broker.getByLabel('Title').fill('Acme joint replacement options 2027')
  // The compare page's two maps keep resizing their boxes while they draw, so Playwright's "stable" wait on this radio
  // could last the whole test on a busy machine (seen once in CI): check it without that wait, then assert it is checked.
  const lean = broker.getByRole('radio', { name: 'Lean network' })
  await lean.check({ force: true })
  await expect(lean).toBeChecked()
  await broker.getByRole('button', { name: 'Make the proposal' }).click()
  await expect(broker.getByRole('heading', { level: 1, name: 'Acme joint replacement options 2027' })).toBeVisible()
  await expect(broker.getByText('Not shared yet')).toBeVisible()
  // The proposal opens with its executive summary and the broker who made it.
  await expect(broker.getByText('Your contact: Jordan Alvarez, Harbor Benefits Advisors')).toBeVisible()
  const summary = broker.getByRole('region', { name: 'Executive summary' })
  for (const label of ['Client', 'Recommendation', 'Headline savings', 'Access', 'What members pay', 'Key differences']) await expect(summary.getByRole('term').filter({ hasText: label })).toBeVisible()
  await expect(summary).toContainText('Lean network:')
  await expect(summary).toContainText("Against Today’s program:")
  await expect(broker.getByRole('img', { name: /Spend a year by scenario/ })).toBeVisible()
  await expect(broker.getByRole('group', { name: 'Map of your members and the candidate centers' })).toHaveCount(2)
  const download = broker.waitForEvent('download')
  await broker.getByRole('link', { name: 'Download PDF' }).click()
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'proposal-')), 'proposal.pdf')
  await (await download).saveAs(file)
  expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-')
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString()
  expect(text).toContain('Acme joint replacement options 2027')
  expect(text).toContain('Harbor Benefits Advisors')
  expect(text).toContain('Lean network')
  expect(text).toContain('Executive summary')
  expect(text).toContain('Your contact: Jordan Alvarez, Harbor Benefits Advisors · broker@harbor.example')
  expect(text).toContain('DIFFERS')
  // No page but the last is left mostly empty (a section that does not fit runs on, or fills the page before it).
  const pages = await pdfPages(fs.readFileSync(file))
  expect(pages[0]!.text).toContain('Executive summary')
  expect(pages[0]!.text).toContain('Key differences')
  pages.slice(0, -1).forEach((page, index) => expect(page.fill, `page ${index + 1} of ${pages.length} filled`).toBeGreaterThanOrEqual(0.7))
  if (process.env.PROPOSAL_PDF_OUT) fs.copyFileSync(file, process.env.PROPOSAL_PDF_OUT)
  await broker.getByRole('button', { name: 'Share with Acme Manufacturing' }).click()
  await expect(broker.getByRole('status')).toContainText('Shared with Acme Manufacturing')
  expect(consoleErrors).toEqual([])

  // Acme's admin finds it, adopts it, and sees the draft program with the lean network.
  const admin = await (await browser.newContext()).newPage()
  await signIn(admin, 'hr@acme.example')
  await admin.getByRole('navigation').getByRole('link', { name: 'Proposals' }).click()
  await admin.getByRole('link', { name: 'Acme joint replacement options 2027' }).click()
  await admin.getByRole('button', { name: 'Adopt “Lean network” as a draft program' }).click()
  await expect(admin.getByRole('heading', { level: 1, name: 'Lean network' })).toBeVisible()
  await expect(admin.getByText('Draft · version 1')).toBeVisible()
  await expect(admin.getByRole('heading', { name: `Network (${before - 4} offers)` })).toBeVisible()
  await expect(admin.getByLabel('The same procedure outside the program')).toHaveValue('higher_coinsurance')
  await admin.goBack()
  await admin.reload()
  await expect(admin.getByRole('link', { name: 'open the draft program' })).toBeVisible()
})
