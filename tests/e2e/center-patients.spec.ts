import { expect, test } from './test'
import { signedIn } from './session'

/*
 * Issue 22's health-system journey: Summit's admin opens its incoming patients, opens an
 * eligibility-verified patient and proposes a surgery date; the care coordinator opens that case,
 * confirms the date, and the case is scheduled on it; Summit sees the patient scheduled.
 */

const isoDaysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
const longDate = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })

test('the health system proposes a surgery date and the care coordinator confirms it', async ({ browser }) => {
  test.setTimeout(60_000)
  const center = await signedIn(browser, 'contracts@summit.example')
  await center.getByRole('link', { name: 'Incoming patients' }).click()
  await expect(center.getByRole('heading', { level: 1, name: 'Incoming patients' })).toBeVisible()
  await center.getByLabel('Status').selectOption('eligibility_verified')
  await center.getByRole('button', { name: 'Show patients' }).click()
  await expect(center).toHaveURL(/status=eligibility_verified/)
  // The last one, so other journeys that work the oldest cases do not race this one.
  await expect(center.locator('main table tbody tr', { hasNotText: 'Eligibility verified' })).toHaveCount(0)
  // Its name and address read at once (the list may still be re-rendering from the unfiltered one).
  const [name, href] = await center.locator('main table tbody tr th a').last().evaluate((a) => [a.textContent!.trim(), a.getAttribute('href')!])
  await center.goto(href!)
  await expect(center).toHaveURL(/\/center\/patients\/[^/?]+$/)
  const caseId = new URL(center.url()).pathname.split('/').pop()!
  await expect(center.getByText('Eligibility verified').first()).toBeVisible()
  // Minimum necessary: no cost on the page.
  await expect(center.getByText(/Bundled price|Member pays/)).toHaveCount(0)

  const date = isoDaysFromNow(45)
  await center.getByLabel('Proposed surgery date').fill(date)
  await center.getByLabel('Note (optional)').fill('Dr. Patel, first case of the morning')
  await center.getByRole('button', { name: 'Propose this date' }).click()
  await expect(center.getByRole('status')).toContainText('Surgery date proposed')
  await expect(center.getByText('Waiting for the care coordinator')).toBeVisible()

  const coordinator = await signedIn(browser, 'coordinator@coe-platform.example')
  await coordinator.goto(`/coordinator/cases/${caseId}`)
  await expect(coordinator.getByRole('heading', { name: 'Surgery date proposed by the health system' })).toBeVisible()
  await coordinator.getByRole('button', { name: `Confirm and schedule on ${longDate(date)}` }).click()
  await expect(coordinator.getByText('Scheduled for')).toBeVisible()
  await expect(coordinator.locator('dd', { hasText: longDate(date) }).first()).toBeVisible()

  await center.goto('/center/patients?status=scheduled')
  const row = center.locator('main table tbody tr', { hasText: name })
  await expect(row.first()).toContainText(longDate(date))
  await center.goto(`/center/patients/${caseId}`)
  await expect(center.getByText('Confirmed')).toBeVisible()
})
