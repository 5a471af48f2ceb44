import { expect, test } from './test'
import { signedIn } from './session'

/*
 * Issue 21's journey: Cedar Ridge Schools' HR admin drafts a value-based contract from its program's
 * network with Summit (demo), for the first half of 2026 (so the demo's completed cases are its
 * episodes and the period can close today); Summit's admin shortens the warranty and sends it back;
 * both sign; the care coordinator records a readmission elsewhere on one of the episodes; HR closes
 * the period; both sides open the same statement and download its PDF.
 */

const isoOf = (words: string) => new Date(`${words} UTC`).toISOString().slice(0, 10)
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

test('a contract from draft to statement: drafted, changed and sent back, signed by both, a warranty event, the period closed, one statement for both', async ({ browser }) => {
  test.setTimeout(90_000)
  const title = `Cedar and Summit knee, hip and spine bundle ${Date.now()}`

  // HR drafts from the program's network.
  const hr = await signedIn(browser, 'hr@cedar.example')
  await hr.goto('/employer/contracts')
  await hr.getByRole('link', { name: 'Draft a contract from a program' }).click()
  await hr.getByRole('link', { name: 'Joint & Spine Center of Excellence' }).click()
  await hr.getByRole('radio', { name: /Summit Health Partners \(demo\)/ }).check()
  await hr.getByLabel('Contract name').fill(title)
  await hr.getByRole('button', { name: 'Create the draft' }).click()
  await expect(hr.getByRole('heading', { level: 1 })).toContainText(title)
  const contractPath = new URL(hr.url()).pathname
  const contractId = contractPath.split('/').pop()!

  // The period: January to June 2026, reviews inside it, at least one episode settles.
  await hr.getByLabel('Period start').fill('2026-01-01')
  await hr.getByLabel('Period end').fill('2026-06-30')
  await hr.getByLabel('Review 1', { exact: true }).fill('2026-03-16')
  await hr.getByLabel('Review 2', { exact: true }).fill('2026-06-15')
  await hr.getByLabel('Recalibration date').fill('2026-06-01')
  await hr.getByLabel('Minimum episodes').fill('1')
  // A bad value first: its field says so and nothing is saved.
  await hr.getByLabel('Warranty window (days after discharge)').fill('400')
  await hr.getByRole('button', { name: 'Save terms' }).click()
  await expect(hr.getByText('Enter a warranty window of 0 to 365 whole days')).toBeVisible()
  await hr.getByLabel('Warranty window (days after discharge)').fill('90')
  await hr.getByRole('button', { name: 'Save terms' }).click()
  await expect(hr.getByText('Terms saved.')).toBeVisible()
  await hr.getByRole('button', { name: /^Send to / }).click()
  await expect(hr.getByText('Sent to the other side.')).toBeVisible()

  // Summit's admin shortens the warranty to 60 days and sends it back; HR sees the change as a redline.
  const center = await signedIn(browser, 'contracts@summit.example')
  await center.goto('/center/contracts')
  await center.getByRole('link', { name: title }).click()
  await center.getByLabel('Warranty window (days after discharge)').fill('60')
  await center.getByRole('button', { name: 'Save terms' }).click()
  await expect(center.getByText('Terms saved.')).toBeVisible()
  await center.getByRole('button', { name: /^Send to / }).click()
  await expect(center.getByText('Sent to the other side.')).toBeVisible()
  await hr.reload()
  const sentBack = hr.getByRole('region', { name: /^Changes Summit Health Partners \(demo\) sent on / })
  await expect(sentBack.getByRole('row', { name: 'Warranty window 90 days 60 days' })).toBeVisible()

  // Both sign; the contract has its period, closable now (June 30 + 60 days has passed).
  await hr.getByRole('button', { name: 'Sign version 1' }).click()
  await expect(hr.getByText('Signed.')).toBeVisible()
  await center.reload()
  await center.getByRole('button', { name: 'Sign version 1' }).click()
  await expect(center.getByText('Signed.')).toBeVisible()
  await hr.reload()
  const periods = hr.getByRole('region', { name: 'Periods' })
  await expect(periods).toContainText('2026-01-01 to 2026-06-30')
  await expect(periods.getByRole('button', { name: 'Close period 1' })).toBeVisible()

  // The coordinator finds one of Cedar's completed cases under the contract and records a readmission elsewhere.
  const coordinator = await signedIn(browser, 'coordinator@coe-platform.example')
  await coordinator.goto('/coordinator?status=completed')
  await coordinator.getByLabel('Employer').selectOption({ label: 'Cedar Ridge Schools' })
  await coordinator.getByRole('button', { name: 'Filter' }).click()
  const links = await coordinator.getByRole('table').getByRole('link').evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).pathname))
  let casePath: string | null = null
  for (const path of links) {
    await coordinator.goto(path)
    if (await coordinator.getByRole('heading', { name: 'Record a warranty event' }).isVisible()) {
      casePath = path
      break
    }
  }
  expect(casePath, 'a completed Cedar case at a Summit hospital in the period').not.toBeNull()
  const warranty = coordinator.getByRole('region', { name: 'Warranty' })
  await expect(warranty).toContainText(`Under ${title} (version 1): covers complications and readmissions`)
  const windowFrom = isoOf(/covers complications and readmissions from (\w+ \d+, \d{4})/.exec((await warranty.textContent())!)![1]!)
  await coordinator.getByLabel('What happened').selectOption({ label: 'readmission' })
  await coordinator.getByLabel('Date it happened').fill(addDays(windowFrom, 12))
  await coordinator.getByRole('radio', { name: 'elsewhere', exact: true }).check()
  await coordinator.getByLabel('Hospital or provider (for care elsewhere)').fill('Community hospital near home')
  await coordinator.getByLabel('Cost of the care ($, for care elsewhere)').fill('6,250')
  await coordinator.getByLabel('Short description').fill('Readmitted for a wound infection')
  await coordinator.getByRole('button', { name: 'Record the warranty event' }).click()
  await expect(warranty).toContainText('Community hospital near home')
  await expect(warranty).toContainText('$6,250.00')

  // HR closes the period; the statement lists the credit and settles from the frozen episodes.
  await hr.reload()
  await hr.getByRole('region', { name: 'Periods' }).getByRole('button', { name: 'Close period 1' }).click()
  await expect(hr.getByRole('heading', { name: 'Settlement', exact: true })).toBeVisible()
  const credits = hr.getByRole('region', { name: 'Warranty credits' })
  await expect(credits).toContainText('1 credit from Summit Health Partners (demo) to Cedar Ridge Schools, $6,250.00 in all')
  const statementPath = new URL(hr.url()).pathname
  const periodId = statementPath.split('/').pop()!
  const hrTotals = await hr.getByRole('region', { name: 'Totals' }).innerText()
  const hrSteps = await hr.getByRole('region', { name: 'How the settlement is computed' }).innerText()

  // Summit opens the same statement: the same totals and steps.
  await center.goto(`/center/contracts/${contractId}/periods/${periodId}`)
  expect(await center.getByRole('region', { name: 'Totals' }).innerText()).toBe(hrTotals)
  expect(await center.getByRole('region', { name: 'How the settlement is computed' }).innerText()).toBe(hrSteps)

  // HR asks for the PDF: a job makes it (issue 24), the page says so, then links it.
  await hr.getByRole('button', { name: 'Prepare (Statement (PDF))' }).click()
  await expect(hr.getByRole('link', { name: 'Download Statement (PDF)' })).toBeVisible({ timeout: 20_000 })
  // Summit's page links the same stored file without asking again.
  await center.reload()
  await expect(center.getByRole('link', { name: 'Download Statement (PDF)' })).toBeVisible()
  // Both download the PDF: the same document, as an attachment.
  const pdfs: Buffer[] = []
  for (const page of [hr, center]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download Statement (PDF)' }).click()])
    expect(download.suggestedFilename()).toMatch(/\.pdf$/)
    const bytes = Buffer.concat(await (await download.createReadStream()).toArray())
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    pdfs.push(bytes)
  }
  expect(pdfs[1]!.equals(pdfs[0]!)).toBe(true)
})
