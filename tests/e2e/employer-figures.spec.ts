import { expect, test, type Page } from './test'

/**
 * Issue 20, employer admin (items 6–9): every save says so in place, publishing over another
 * program asks first, the dashboard projects each program on its days in force only, and people
 * read procedure names, with hip/knee measures only beside hip and knee. No facility names: the
 * demo seed changes.
 */
async function signIn(page: Page, email: string) {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).not.toHaveURL(/\/login/)
}

/** Console errors, less the 400/422 answers refused forms give on purpose. */
function watchConsole(page: Page) {
  const errors: string[] = []
  page.on('console', (message) => message.type() === 'error' && !/status of 4(00|22)/.test(message.text()) && errors.push(message.text()))
  return errors
}

const dollars = (text: string) => Number(text.replace(/[^\d.-]/g, ''))
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

test('a 2027 knee program: each save says what it stored, publishing over the plan-year program asks first, the dashboard counts it only in 2027', async ({ page }) => {
  test.setTimeout(120_000)
  const consoleErrors = watchConsole(page)
  const name = `Knee 2027 ${Date.now().toString(36)}`
  await signIn(page, 'hr@acme.example')
  await page.getByRole('navigation').getByRole('link', { name: 'Programs' }).click()
  await page.getByRole('link', { name: 'New program' }).click()
  await page.getByLabel('Program name').fill(name)
  await page.getByLabel('Starts on').fill('2027-01-01')
  await page.getByRole('button', { name: 'Create draft' }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: `Draft version 1 of ${name} created, from Jan 1, 2027` })).toBeVisible()

  // Item 9: a new draft's assumptions have no empty "e.g. nationally ." and no codes.
  const projection = page.getByRole('region', { name: 'Projection for a year' })
  await expect(projection).toContainText("the median for each member's state (national when a state has none).")
  await expect(projection).not.toContainText('nationally .')

  // Item 8: procedures (names only, no codes), saved and said so in the section.
  const procedures = page.getByRole('region', { name: 'Procedures' })
  await expect(procedures.getByText('(TKA)')).toHaveCount(0)
  await procedures.getByLabel('Total knee replacement', { exact: true }).check()
  await procedures.getByLabel('Lumbar spinal fusion', { exact: true }).check()
  await page.getByRole('button', { name: 'Save procedures' }).click()
  await expect(procedures.getByRole('status')).toHaveText('Saved: 2 procedures covered (Lumbar spinal fusion, Total knee replacement).')

  // Item 9: on the network page, spine offers show no hip/knee measures; knee offers do (the picker
  // lists one procedure at a time when filtered, issue 24).
  await page.getByRole('link', { name: 'Choose centers' }).click()
  const candidates = page.getByRole('region', { name: /^Candidates:/ })
  await page.getByLabel('Procedure', { exact: true }).selectOption({ label: 'Lumbar spinal fusion' })
  await page.getByRole('button', { name: 'Apply the filters' }).click()
  await expect(page).toHaveURL(/procedure=/)
  await expect(candidates.getByRole('columnheader', { name: 'Quality (CMS)', exact: true })).toBeVisible()
  await expect(candidates.locator('tbody tr').first()).toContainText('Lumbar spinal fusion ·')
  await expect(candidates.getByText('Complications:')).toHaveCount(0)
  await expect(candidates.getByText('Readmissions:')).toHaveCount(0)
  await page.getByLabel('Procedure', { exact: true }).selectOption({ label: 'Total knee replacement' })
  await page.getByRole('button', { name: 'Apply the filters' }).click()
  await expect(candidates.locator('tbody tr').first()).toContainText('Total knee replacement ·')
  await expect(candidates.getByText('Complications:').first()).toBeVisible()

  // Item 8: the counts follow the boxes before saving.
  const firstKnee = candidates.getByRole('checkbox').first()
  await expect(firstKnee).toHaveAccessibleName(/: Total knee replacement$/)
  await expect(page.getByRole('status').filter({ hasText: 'in the network, saved.' })).toHaveText('0 offers in the network, saved.')
  await firstKnee.check()
  await expect(page.getByRole('status').filter({ hasText: 'Not saved yet' })).toHaveText('Not saved yet: 1 to add, 0 to remove.')
  await page.getByRole('button', { name: 'Save the network' }).click()
  const network = page.getByRole('region', { name: 'Network (1 offer)' })
  await expect(network.getByRole('status')).toHaveText('Saved: 1 offer at 1 center in the network (0 for Lumbar spinal fusion, 1 for Total knee replacement).')
  await expect(network.getByRole('cell', { name: 'Total knee replacement' })).toBeVisible()
  await expect(network.getByRole('cell', { name: 'TKA', exact: true })).toHaveCount(0)

  // Spine out again (its offers leave the network with it): knee only.
  await procedures.getByLabel('Lumbar spinal fusion', { exact: true }).uncheck()
  await page.getByRole('button', { name: 'Save procedures' }).click()
  await expect(procedures.getByRole('status')).toHaveText('Saved: 1 procedure covered (Total knee replacement).')

  // Item 8: details, benefit and travel rules say what they stored.
  await page.getByRole('button', { name: 'Save details' }).click()
  await expect(page.getByRole('region', { name: 'Name and dates' }).getByRole('status')).toHaveText(`Saved: ${name}, in force from Jan 1, 2027, with no end date.`)
  await page.getByLabel('Completion incentive ($)').fill('250')
  await page.getByRole('button', { name: 'Save benefit rules' }).click()
  const benefit = page.getByRole('region', { name: 'Benefit rules' })
  await expect(benefit.getByRole('status')).toHaveText(
    'Saved: deductible waived, coinsurance waived, copay $0.00, completion incentive $250.00; outside the program: normal plan terms.',
  )
  await expect(page.getByLabel('Completion incentive ($)')).toHaveValue('250.00')
  // Saved again with the same values: the words go while it saves and come back, so they are announced again.
  await page.getByRole('button', { name: 'Save benefit rules' }).click()
  await expect(benefit.getByRole('status')).toContainText('completion incentive $250.00')
  await page.getByLabel('Travel covered from (miles from home)').fill('60')
  await page.getByRole('button', { name: 'Save travel rules' }).click()
  await expect(page.getByRole('region', { name: 'Travel rules' }).getByRole('status')).toHaveText(
    'Saved: travel covered from 60 miles from home, flights from 300 miles, a companion covered, up to $5,000.00 a case.',
  )

  // Item 9: the projection reads procedure names, in the table, the chart and the assumptions.
  await expect(projection.getByRole('row', { name: /^Total knee replacement/ })).toBeVisible()
  await expect(projection.getByRole('img', { name: /^Spend without and with the program: Total knee replacement \$[\d,]+ without, \$[\d,]+ with$/ })).toBeVisible()
  await expect(projection).toContainText(/nationally Total knee replacement (\$[\d,]+|not known)\./)
  await expect(projection).not.toContainText('TKA')

  // Item 7: publishing over the plan-year program (knee replacement, no end date) asks first and changes nothing.
  await page.getByRole('button', { name: 'Publish version 1' }).click()
  const question = page.getByRole('heading', { name: /^Version 1 overlaps (another published program|\d+ published programs): publish anyway\?$/ })
  await expect(question).toBeFocused()
  const ask = page.getByRole('region', { name: /^Version 1 overlaps/ })
  await expect(ask).toContainText('Nothing is published yet.')
  await expect(ask).toContainText('the newest published version in force wins')
  await expect(ask.getByText(/^Both cover Total knee replacement from Jan 1, 2027, with no end date\. Members get .+ version 1 for it on those days, instead of .+\.$/).first()).toBeVisible()
  const terms = ask.getByRole('table').first()
  await expect(terms.getByRole('row', { name: /^Completion incentive \$250\.00 \$[\d,.]+$/ })).toBeVisible()
  await expect(terms.getByRole('row', { name: /^Centers for Total knee replacement 1 \d+$/ })).toBeVisible()
  await expect(page.getByText('Draft · version 1')).toBeVisible()
  await ask.getByRole('link', { name: 'Keep it a draft' }).click()
  await expect(ask).toHaveCount(0)
  await expect(page.getByText('Draft · version 1')).toBeVisible()

  await page.getByRole('button', { name: 'Publish version 1' }).click()
  await page.getByRole('button', { name: 'Confirm publishing version 1' }).click()
  await expect(page.getByText('Published · version 1')).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Version 1 is published' })).toHaveText('Version 1 is published: members see it from Jan 1, 2027.')

  // Item 6: the 2026 dashboard does not count a program that starts in 2027 ...
  await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click()
  await page.getByLabel('From').fill('2026-01-01')
  await page.getByLabel('To').fill('2026-12-31')
  await page.getByRole('button', { name: 'Show' }).click()
  await expect(page).toHaveURL(/from=2026-01-01&to=2026-12-31/)
  const addsUp = page.getByRole('region', { name: 'How the projected savings add up' })
  await expect(addsUp.getByRole('row', { name: new RegExp(name) })).toHaveCount(0)
  await expect(addsUp.getByRole('listitem').filter({ hasText: name })).toHaveText(`${name} (version 1): starts Jan 1, 2027, after this period.`)
  await expectTotalsAgree(page)
  await expectEachProcedureOnce(page, 365)

  // ... and in 2027 knee replacement is counted once a day, whichever program members get.
  await page.getByLabel('From').fill('2027-01-01')
  await page.getByLabel('To').fill('2027-12-31')
  await page.getByRole('button', { name: 'Show' }).click()
  await expect(page).toHaveURL(/from=2027-01-01&to=2027-12-31/)
  const kneeDays = await expectEachProcedureOnce(page, 365)
  expect(kneeDays.get('Total knee replacement')).toBe(365)
  await expectTotalsAgree(page)
  expect(consoleErrors).toEqual([])
})

/** The headline "Projected savings for the period" is the total of the table that explains it. */
async function expectTotalsAgree(page: Page) {
  const stat = page.locator('.stat', { has: page.getByText('Projected savings for the period', { exact: true }) }).locator('.stat__value')
  const addsUp = page.getByRole('region', { name: 'How the projected savings add up' })
  const footer = addsUp.locator('tfoot td')
  if ((await footer.count()) === 0) {
    await expect(stat).toHaveText('$0')
    return
  }
  expect(dollars((await stat.textContent())!)).toBe(dollars((await footer.textContent())!))
}

/** No procedure counts for more days than the period has (two programs never both count on a day); the days per procedure. */
async function expectEachProcedureOnce(page: Page, periodDays: number) {
  const rows = page.getByRole('region', { name: 'How the projected savings add up' }).locator('tbody tr')
  const days = new Map<string, number>()
  for (const row of await rows.all()) {
    const cells = await row.locator('td').allTextContents()
    days.set(cells[0]!, (days.get(cells[0]!) ?? 0) + Number(cells[2]))
  }
  for (const [procedure, total] of days) expect(total, procedure).toBeLessThanOrEqual(periodDays)
  return days
}

test('saving a health plan or an offer says so on the list, with what is now stored', async ({ browser }) => {
  const hr = await (await browser.newContext()).newPage()
  const hrErrors = watchConsole(hr)
  await signIn(hr, 'hr@acme.example')
  await hr.getByRole('navigation').getByRole('link', { name: 'Health plans' }).click()
  const planLink = hr.getByRole('table').getByRole('link').first()
  const planName = (await planLink.textContent())!.trim()
  await planLink.click()
  await hr.getByRole('button', { name: 'Save plan' }).click()
  await expect(hr).toHaveURL('/employer/plans')
  await expect(hr.getByRole('status')).toContainText(new RegExp(`^Saved: ${literal(planName)} \\(.+\\), deductible \\$[\\d,]+ / \\$[\\d,]+, coinsurance \\d+%, out-of-pocket max \\$[\\d,]+ / \\$[\\d,]+\\.$`))
  // Once: a reload says nothing.
  await hr.reload()
  await expect(hr.getByRole('status')).toHaveCount(0)
  expect(hrErrors).toEqual([])

  const center = await (await browser.newContext()).newPage()
  const centerErrors = watchConsole(center)
  await signIn(center, 'contracts@summit.example')
  const firstOffer = center.getByRole('main').locator('section.card').nth(1).getByRole('table').getByRole('link').first()
  const procedure = (await firstOffer.textContent())!.trim()
  await firstOffer.click()
  await expect(center.getByRole('heading', { name: 'Edit bundled offer' })).toBeVisible()
  await center.getByRole('button', { name: 'Save offer' }).click()
  await expect(center).toHaveURL('/center')
  await expect(center.getByRole('status')).toHaveText(new RegExp(`^Saved: ${literal(procedure)} at .+, \\$[\\d,]+, valid .+, (active|withdrawn)\\.$`))
  expect(centerErrors).toEqual([])
})
