import { expect, test, type Page } from '@playwright/test'

const isoDaysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

async function signIn(page: Page, email: string) {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
}

test('the employee finds a knee center by quality and requests care; the coordinator completes the case; the timeline shows every step', async ({ browser }) => {
  test.setTimeout(90_000)
  const memberPage = await (await browser.newContext()).newPage()
  // A hydration mismatch or a failing map only shows in the console: the journey must leave it clean.
  const consoleErrors: string[] = []
  memberPage.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()))
  await signIn(memberPage, 'member@acme.example')
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
  const coordinatorPage = await (await browser.newContext()).newPage()
  await signIn(coordinatorPage, 'coordinator@coe-platform.example')
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
  await step('Completed', async () => {
    await coordinatorPage.getByLabel('Travel actually paid ($)').fill('1,250')
    await coordinatorPage.getByRole('group', { name: 'Complication within 90 days (for completed)' }).getByLabel('No').check()
    await coordinatorPage.getByRole('group', { name: 'Readmitted (for completed)' }).getByLabel('No').check()
    await coordinatorPage.getByLabel('Satisfaction, 0 to 10 (for completed, optional)').fill('9')
  })
  await expect(coordinatorPage.getByRole('region', { name: 'Center, money and travel' })).toContainText('readmitted: no · satisfaction: 9')

  // The member's timeline shows every step.
  await memberPage.goto(caseUrl)
  const timeline = memberPage.getByRole('list', { name: 'Case timeline' }).getByRole('listitem')
  const expected = ['Requested', 'Coverage confirmed', 'Scheduled', ...(travelCovered ? ['Travel booked'] : []), 'Procedure done', 'Completed']
  await expect(timeline).toHaveCount(expected.length)
  for (const [i, label] of expected.entries()) await expect(timeline.nth(i)).toContainText(label)
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
  for (const text of await results.allTextContents()) expect(text).toMatch(/[45] of 5 stars/)
})
