import fs from 'node:fs'
import { parse } from 'csv-parse/sync'
import { expect, test } from './test'
import { axeReport } from './axe'
import { createJourneyCoalition, removeJourneyMembers, type JourneyCoalition } from './coalition-fixture'
import { signedIn } from './session'

/*
 * Issue 23: the coalition admin reads the pooled report of its members (Acme, Bluewave and Cedar
 * Ridge, from the demo seed) with small counts hidden, downloads it; Acme's HR admin reads its own
 * figures beside the other members' together and the whole coalition's, none of them named.
 */

let coalition: JourneyCoalition
test.beforeAll(async () => {
  coalition = await createJourneyCoalition()
})
test.afterAll(async () => {
  await removeJourneyMembers(coalition)
})

const THIS_YEAR = String(new Date().getUTCFullYear())

// Each journey audits two pages at two widths with axe.
test.describe.configure({ timeout: 60_000 })

test('the coalition admin reads the pooled report with small counts hidden and downloads it', async ({ browser }) => {
  const admin = await signedIn(browser, coalition.adminEmail)
  const consoleErrors: string[] = []
  admin.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()))
  await admin.getByRole('navigation').getByRole('link', { name: 'Pooled report' }).click()
  await expect(admin.getByRole('heading', { level: 1, name: 'Pooled report' })).toBeVisible()
  await admin.getByLabel('Year').selectOption(THIS_YEAR)
  await admin.getByLabel('Quarter').selectOption('')
  await admin.getByRole('button', { name: 'Show' }).click()
  await expect(admin).toHaveURL(new RegExp(`year=${THIS_YEAR}`))

  const headline = admin.locator('dl[aria-label="Headline figures"]')
  await expect(headline).toContainText('Member employers in the period3')
  const table = admin.getByRole('table', { name: 'Pooled figures by procedure' })
  const total = table.getByRole('row', { name: /^All procedures/ })
  // The seed's 65 completed cases of the three employers are in the pool: the total shows a number; its complications (5 % of them) are a small count.
  await expect(total.getByRole('cell').first()).toHaveText(/^\d[\d,]*$/)
  await expect(table).toContainText('fewer than 11')
  await expect(admin.getByText(/a count from 1 to 10, hidden so that no employee and no member employer can be recognised/)).toBeVisible()
  for (const name of ['Acme Manufacturing', 'Bluewave Logistics', 'Cedar Ridge Schools']) await expect(admin.getByRole('main')).not.toContainText(name)
  expect(await axeReport(admin)).toEqual([])
  await admin.screenshot({ path: 'tests/.tmp/coalition-report-1280.png', fullPage: true })

  const download = admin.waitForEvent('download')
  await admin.getByRole('link', { name: 'Download as CSV' }).click()
  const text = fs.readFileSync((await (await download).path())!, 'utf8')
  expect(text.split('\r\n')[0]).toBe(
    'period_from,period_to,procedure_code,procedure,episodes,paid_at_centers_usd,typical_local_cost_usd,savings_usd,savings_percent,complications,complication_rate_percent,readmissions,readmission_rate_percent,mean_satisfaction',
  )
  const rows = parse(text, { columns: true }) as Array<Record<string, string>>
  expect(rows.at(-1)).toMatchObject({ period_from: `${THIS_YEAR}-01-01`, period_to: `${THIS_YEAR}-12-31`, procedure_code: 'ALL' })
  expect(rows.some((r) => Object.values(r).includes('fewer than 11'))).toBe(true)

  await admin.setViewportSize({ width: 375, height: 800 })
  expect(await axeReport(admin)).toEqual([])
  // The wide table scrolls in its own box; the page never scrolls sideways.
  expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(376)
  await admin.screenshot({ path: 'tests/.tmp/coalition-report-375.png', fullPage: true })
  expect(consoleErrors).toEqual([])
})

test("a member employer's HR admin reads its own figures beside the other members' together and the whole coalition's", async ({ browser }) => {
  // The nav item is there because Acme is a member.
  const hr = await signedIn(browser, 'hr@acme.example')
  await hr.getByRole('navigation').getByRole('link', { name: 'Coalition report' }).click()
  await expect(hr.getByRole('heading', { level: 1, name: 'Coalition report' })).toBeVisible()
  // Acme is also a member of the demo coalition GLEC: the page offers a choice, and the journey's coalition is chosen.
  await hr.getByRole('combobox', { name: 'Coalition', exact: true }).selectOption({ label: coalition.coalitionName })
  await hr.getByLabel('Year').selectOption(THIS_YEAR)
  await hr.getByRole('button', { name: 'Show' }).click()
  await expect(hr.getByText(new RegExp(`^${coalition.coalitionName}, ${THIS_YEAR}:`))).toBeVisible()
  const totals = hr.getByRole('table', { name: "Your figures, the other members' together and the whole coalition's" })
  const episodes = totals.getByRole('row', { name: /^Episodes/ }).getByRole('cell')
  // Two other members had episodes (Bluewave and Cedar Ridge): their sum and the whole are shown, and the whole is the sum of the two.
  const [own, others, whole] = (await episodes.allTextContents()).map((s) => Number(s.replace(/,/g, '')))
  expect(own).toBeGreaterThan(0)
  expect(others).toBeGreaterThan(10)
  expect(whole).toBe(own! + others!)
  for (const name of ['Bluewave Logistics', 'Cedar Ridge Schools']) await expect(hr.getByRole('main')).not.toContainText(name)
  expect(await axeReport(hr)).toEqual([])
  await hr.screenshot({ path: 'tests/.tmp/coalition-report-member-1280.png', fullPage: true })
  await hr.setViewportSize({ width: 375, height: 800 })
  expect(await axeReport(hr)).toEqual([])
  expect(await hr.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(376)
  await hr.screenshot({ path: 'tests/.tmp/coalition-report-member-375.png', fullPage: true })
})
