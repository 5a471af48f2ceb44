import { expect, test, type Page } from './test'
import { signedIn, signedUpMember } from './session'

const isoDaysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
/** A date as the pages show it: "Nov 23, 2026". */
const shortDate = (iso: string) => new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`))

async function signIn(page: Page, email: string) {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
}

test('the employee finds a knee center by quality and requests care; the coordinator completes the case; the timeline shows every step', async ({ browser }) => {
  test.setTimeout(90_000)
  // A member of its own (the seed's fifth Acme member signs up): the demo member's knee request may
  // already be another journey's (one open case per member and procedure).
  const memberPage = await signedUpMember(browser, 'A000005')
  // A hydration mismatch or a failing map only shows in the console: the journey must leave it clean.
  const consoleErrors: string[] = []
  memberPage.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()))
  await memberPage.getByRole('navigation').getByRole('link', { name: 'Find care' }).click()

  // The search lives in the URL: sort by quality, within 500 miles of the home ZIP (prefilled from the roster).
  await expect(memberPage.getByLabel('Home ZIP code')).not.toHaveValue('')
  await memberPage.getByLabel('Operation').selectOption({ label: 'Total knee replacement' })
  await memberPage.getByLabel('Distance from home').selectOption({ label: 'Within 500 miles' })
  await memberPage.getByLabel('Sort by').selectOption({ label: 'Quality' })
  await memberPage.getByRole('button', { name: 'Search', exact: true }).click()
  await expect(memberPage).toHaveURL(/procedure=TKA.*radius=500.*sort=quality/)
  await expect(memberPage.getByRole('status')).toContainText('sorted by quality')
  const results = memberPage.getByRole('list', { name: 'Covered centers' }).locator(':scope > li')
  await expect(results.first()).toContainText('You pay here')
  await expect(results.first()).toContainText('At a typical local hospital')
  await expect(memberPage.getByRole('region', { name: 'Map of results' })).toBeVisible()

  // The back button returns to the previous search.
  await memberPage.getByLabel('Sort by').selectOption({ label: 'Distance' })
  await memberPage.getByRole('button', { name: 'Search', exact: true }).click()
  await expect(memberPage).toHaveURL(/sort=distance/)
  await memberPage.goBack()
  await expect(memberPage).toHaveURL(/sort=quality/)
  await expect(memberPage.getByLabel('Sort by')).toHaveValue('quality')

  // Open the best-rated center and request care there.
  const first = results.first().getByRole('heading').getByRole('link')
  const centerName = (await first.textContent())!.trim()
  await first.click()
  await expect(memberPage.getByRole('heading', { level: 1, name: centerName })).toBeVisible()
  await expect(memberPage.getByRole('heading', { name: /^What you pay: \$/ })).toBeVisible()
  await expect(memberPage.getByRole('heading', { name: /^Travel: / })).toBeVisible()
  await memberPage.getByLabel('Earliest date that works for you (optional)').fill(isoDaysFromNow(20))
  await memberPage.getByLabel('Latest date that works for you (optional)').fill(isoDaysFromNow(60))
  await memberPage.getByLabel(/Someone will come with me/).check()
  await memberPage.getByLabel('How should we contact you?').selectOption('email')
  await memberPage.getByRole('button', { name: 'Ask for care' }).click()
  await expect(memberPage.getByRole('heading', { name: 'We have your request' })).toBeVisible()
  const caseUrl = memberPage.url().replace(/\?.*$/, '')
  const memberName = (await memberPage.locator('.whoami__name').textContent())!.trim()

  // The coordinator works the case from the queue to completed, with an outcome.
  const coordinatorPage = await signedIn(browser, 'coordinator@coe-platform.example')
  await coordinatorPage.getByLabel('Status', { exact: true }).selectOption({ label: 'Requested' })
  await coordinatorPage.getByRole('button', { name: 'Filter' }).click()
  await coordinatorPage.getByRole('row').filter({ hasText: centerName }).filter({ hasText: memberName }).getByRole('link', { name: memberName }).click()
  await expect(coordinatorPage.getByRole('heading', { level: 1, name: /Total knee replacement/ })).toBeVisible()

  const step = async (label: string, fill?: () => Promise<void>) => {
    await coordinatorPage.getByLabel('Next status').selectOption({ label })
    if (fill) await fill()
    await coordinatorPage.getByRole('button', { name: 'Save the change' }).click()
    await expect(coordinatorPage.locator('.page-head .badge')).toHaveText(label)
  }
  // A skipped step is refused with a reason.
  await step('Eligibility verified')
  await coordinatorPage.getByLabel('Next status').selectOption({ label: 'Scheduled' })
  await coordinatorPage.getByRole('button', { name: 'Save the change' }).click()
  await expect(coordinatorPage.getByText('Enter the date of the procedure')).toBeVisible()
  await step('Scheduled', () => coordinatorPage.getByLabel('Procedure date (for scheduled)').fill(isoDaysFromNow(30)))
  const travelCovered = (await coordinatorPage.getByLabel('Next status').locator('option').allTextContents()).includes('Travel booked')
  if (travelCovered) await step('Travel booked')
  await step('Procedure done', () => coordinatorPage.getByLabel('Date done (for procedure done)').fill(isoDaysFromNow(0)))
  await step('Completed', () => coordinatorPage.getByLabel('Travel actually paid ($)').fill('1,250'))
  // Outcomes are not asked at completion: the check-ins fall due 30 and 90 days after the procedure (done today).
  const followUp = coordinatorPage.getByRole('region', { name: 'Follow-up after the procedure' })
  await expect(followUp.getByRole('region', { name: '30-day check-in' })).toContainText(`Due on ${shortDate(isoDaysFromNow(30))}`)
  await expect(followUp.getByRole('region', { name: '90-day check-in' })).toContainText(`Due on ${shortDate(isoDaysFromNow(90))}`)
  await expect(followUp.getByLabel('Satisfaction, 0 to 10 (optional)')).toHaveCount(0)

  // The member's timeline shows every step.
  await memberPage.goto(caseUrl)
  const timeline = memberPage.getByRole('list', { name: 'Case timeline' }).getByRole('listitem')
  const expected = ['Requested', 'Coverage confirmed', 'Scheduled', ...(travelCovered ? ['Travel booked'] : []), 'Procedure done', 'Completed']
  await expect(timeline).toHaveCount(expected.length)
  for (const [i, label] of expected.entries()) await expect(timeline.nth(i)).toContainText(label)
  // The check-ins still to come.
  const checkIns = memberPage.getByRole('region', { name: 'Check-ins after your procedure' })
  await expect(checkIns).toContainText(`30-day check-in from ${shortDate(isoDaysFromNow(30))}`)
  await expect(checkIns).toContainText(`90-day check-in from ${shortDate(isoDaysFromNow(90))}`)
  await memberPage.getByRole('navigation').getByRole('link', { name: 'My cases' }).click()
  await expect(memberPage.getByRole('link', { name: `Total knee replacement at ${centerName}` })).toBeVisible()
  expect(consoleErrors).toEqual([])
})

test('find care works without JavaScript: the form submits as a GET and lists the centers', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await signIn(page, 'member@acme.example')
  await page.goto('/member/care')
  await page.getByLabel('CMS star rating').selectOption({ label: '4 stars or more' })
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  await expect(page).toHaveURL(/stars=4/)
  await page.waitForLoadState('load') // the whole streamed document, not the first results
  const results = page.getByRole('list', { name: 'Covered centers' }).locator(':scope > li')
  await expect(results.first()).toBeVisible()
  for (const text of await results.allTextContents()) expect(text).toMatch(/[45] of 5 (CMS )?stars/)
  await context.close()
})

test('the demo member near Columbus, Ohio finds real Ohio hospitals with their CMS facts and periods, and demo offers labelled as such', async ({ page }) => {
  // member@acme.example lives in Columbus, OH 43215; Acme's network holds demo offers at real CMS hospitals (db/seed).
  await signIn(page, 'member@acme.example')
  await page.getByRole('navigation').getByRole('link', { name: 'Find care' }).click()
  await expect(page.getByLabel('Home ZIP code')).toHaveValue('43215')
  await page.getByLabel('Operation').selectOption({ label: 'Total knee replacement' })
  await page.getByLabel('Distance from home').selectOption({ label: 'Within 25 miles' })
  await page.getByLabel('Sort by').selectOption({ label: 'Distance' })
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  await expect(page).toHaveURL(/procedure=TKA.*radius=25.*sort=distance/)

  // The nearest centers are real Columbus hospitals (CMS Hospital General Information), with their CMS star rating.
  const results = page.getByRole('list', { name: 'Covered centers' }).locator(':scope > li')
  const grant = results.filter({ has: page.getByRole('heading', { name: 'GRANT MEDICAL CENTER' }) })
  await expect(results.first()).toContainText('GRANT MEDICAL CENTER')
  await expect(grant).toContainText('COLUMBUS, OH · 1 mile from 43215')
  await expect(grant).toContainText(/\b2 of 5 (CMS stars|stars \(CMS\))/)
  await expect(grant).toContainText('Demo offer')
  await expect(results.filter({ hasText: 'RIVERSIDE METHODIST HOSPITAL' })).toContainText(/\b4 of 5 (CMS stars|stars \(CMS\))/)
  for (const text of await results.allTextContents()) expect(text).toMatch(/, OH · /)
  // Hospitals outside the program are real ones too.
  await expect(page.getByRole('region', { name: 'Hospitals near you that are not in the program' })).toContainText('OHIO STATE UNIVERSITY STATE HEALTH SYSTEM')

  // Its page: the CMS facts with their values, national comparison, period and source.
  await grant.getByRole('heading').getByRole('link').click()
  await expect(page.getByRole('heading', { level: 1, name: 'GRANT MEDICAL CENTER' })).toBeVisible()
  await expect(page.getByText('Demo offer').first()).toBeVisible()
  const quality = page.getByRole('region', { name: 'How this hospital does (CMS data)' })
  await expect(quality).toContainText('2 of 5 stars overall.')
  const complications = quality.getByRole('row', { name: /Complications after hip or knee replacement/ })
  await expect(complications).toContainText('3.6%')
  await expect(complications).toContainText('Apr 1, 2021 – Mar 31, 2024')
  await expect(complications).toContainText('Source: CMS Complications and Deaths – Hospital')
  const readmissions = quality.getByRole('row', { name: /Back in hospital within 30 days after hip or knee replacement/ })
  await expect(readmissions).toContainText('5.1%')
  await expect(readmissions).toContainText('Jul 1, 2021 – Jun 30, 2024')
  await expect(quality.getByRole('row', { name: /Medicare spending per patient/ })).toContainText('Jan 1, 2023 – Dec 31, 2023')
})
