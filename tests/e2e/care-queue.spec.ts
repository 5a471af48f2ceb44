import { expect, test, type Locator, type Page } from './test'
import { axeReport } from './axe'

/*
 * Issue 22's care-team queue: the seed's requested cases have waited past the response promise
 * (2 working days). The coordinator sees them flagged and counted, narrows the queue to overdue and
 * unassigned cases (the view stays in the URL), sorts by due date, takes one case and finds it
 * under "Mine". The case taken is one of Bluewave Logistics' seeded requests: no other journey works
 * Bluewave's cases (billing and the documents journey use Acme's, the contracts journey Cedar's,
 * the health-system journey an eligibility-verified one, find-care its own new request).
 */

const DUE_COLUMN = 3 // Member (row header), Requested, In status, Due, …
const ASSIGNEE_COLUMN = 5

async function signIn(page: Page) {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill('coordinator@coe-platform.example')
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/coordinator$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Case queue' })).toBeVisible()
}

const casesTable = (page: Page) => page.getByRole('table', { name: /^\d+ cases?, page \d+ of \d+$/ })
const bodyRows = (page: Page) => casesTable(page).locator('tbody').getByRole('row')

/** The "N cases, page 1 of 1" caption's N (the queue fits on one page here). */
async function captionTotal(page: Page): Promise<number> {
  const caption = (await page.locator('caption').textContent()) ?? ''
  const match = /^(\d+) cases?, page 1 of 1$/.exec(caption.trim())
  expect(match, `caption "${caption}"`).not.toBeNull()
  return Number(match![1])
}

/** The overdue figure of the "Open cases by status" figures. */
function overdueStat(page: Page): Locator {
  return page.getByLabel('Open cases by status').locator('.stat').filter({ has: page.getByRole('term').getByText('Overdue', { exact: true }) }).getByRole('definition').first()
}

/** The due dates the rows show, in row order, as times (rows without a promise say so and sort last). */
async function dueDates(page: Page): Promise<number[]> {
  const cells = await bodyRows(page).evaluateAll((rows, column) => rows.map((row) => row.children[column]?.textContent ?? ''), DUE_COLUMN)
  return cells.map((text) => {
    const date = Date.parse(text.replace('Overdue', '').trim())
    expect(date, `due cell "${text}"`).not.toBeNaN()
    return date
  })
}

test('the coordinator finds overdue cases, keeps a filtered view in the URL, sorts by due date and takes an unassigned case', async ({ page }) => {
  test.setTimeout(60_000)
  await signIn(page)

  // Overdue cases are flagged in words and counted.
  await expect(bodyRows(page).first()).toBeVisible()
  const overdueCount = Number(await overdueStat(page).textContent())
  expect(overdueCount).toBeGreaterThan(0)
  await expect(bodyRows(page).filter({ hasText: 'Overdue' }).first()).toBeVisible()
  await expect(bodyRows(page).filter({ hasText: 'Requested' }).filter({ hasText: 'Overdue' }).first()).toBeVisible()

  // Overdue only: every row is flagged, and as many rows as the overdue figure counts.
  await page.getByLabel('Overdue only').check()
  await page.getByRole('button', { name: 'Filter' }).click()
  await expect(page).toHaveURL(/[?&]overdue=1(&|$)/)
  await expect(page.getByLabel('Overdue only')).toBeChecked()
  // Read once the filtered table is on the page (the URL changes before the new rows render).
  await expect(bodyRows(page).filter({ hasNotText: 'Overdue' })).toHaveCount(0)
  const overdueRows = await captionTotal(page)
  expect(overdueRows).toBeGreaterThan(0)
  await expect(bodyRows(page)).toHaveCount(overdueRows)
  await expect(overdueStat(page)).toHaveText(String(overdueRows))

  // Unassigned as well: the URL keeps both filters, and a reload shows the same view.
  await page.getByLabel('Assignee').selectOption({ label: 'Unassigned' })
  await page.getByRole('button', { name: 'Filter' }).click()
  await expect(page).toHaveURL(/[?&]assignee=unassigned(&|$)/)
  await expect(page).toHaveURL(/[?&]overdue=1(&|$)/)
  await page.reload()
  await expect(page.getByLabel('Assignee')).toHaveValue('unassigned')
  await expect(page.getByLabel('Overdue only')).toBeChecked()
  const unassignedRows = await bodyRows(page).count()
  expect(unassignedRows).toBeGreaterThan(1)
  expect(unassignedRows).toBeLessThan(overdueRows)
  expect(await captionTotal(page)).toBe(unassignedRows)
  await expect(bodyRows(page).filter({ hasNotText: 'Overdue' })).toHaveCount(0)
  const assignees = await bodyRows(page).evaluateAll((rows, column) => rows.map((row) => row.children[column]?.textContent ?? ''), ASSIGNEE_COLUMN)
  expect(new Set(assignees)).toEqual(new Set(['Unassigned']))

  // Sorted by due date: ascending, then descending, the filters kept.
  await casesTable(page).getByRole('columnheader', { name: /^Due/ }).getByRole('link').click()
  await expect(page).toHaveURL(/[?&]sort=due(&|$)/)
  await expect(casesTable(page).getByRole('columnheader', { name: /^Due/ })).toHaveAttribute('aria-sort', 'ascending')
  await expect(page).toHaveURL(/[?&]assignee=unassigned(&|$)/)
  const ascending = await dueDates(page)
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b))
  expect(new Set(ascending).size).toBeGreaterThan(1) // the order is not trivially true
  await casesTable(page).getByRole('columnheader', { name: /^Due/ }).getByRole('link').click()
  await expect(page).toHaveURL(/[?&]dir=desc(&|$)/)
  await expect(casesTable(page).getByRole('columnheader', { name: /^Due/ })).toHaveAttribute('aria-sort', 'descending')
  const descending = await dueDates(page)
  expect(descending).toEqual([...descending].sort((a, b) => b - a))
  await expect(page.getByLabel('Overdue only')).toBeChecked()
  // axe on the queue as the coordinator works it: filtered, sorted, overdue flags shown.
  expect(await axeReport(page)).toEqual([])

  // The coordinator takes one of Bluewave's waiting requests.
  const row = bodyRows(page).filter({ hasText: 'Bluewave Logistics' }).filter({ hasText: 'Requested' }).first()
  const member = row.getByRole('rowheader').getByRole('link')
  const memberName = (await member.textContent())!.trim()
  const casePath = (await member.getAttribute('href'))!
  expect(casePath).toMatch(/^\/coordinator\/cases\/[^/?]+$/)
  await member.click()
  await expect(page).toHaveURL(new RegExp(`${casePath}$`))
  const assignee = page.getByRole('region', { name: 'Assignee' })
  await expect(assignee.getByText('Unassigned', { exact: true })).toBeVisible()
  await assignee.getByRole('button', { name: 'Assign to me' }).click()
  await expect(assignee.getByText(/^Assigned to /)).toBeVisible()
  await expect(assignee.getByRole('button', { name: 'Assign to me' })).toHaveCount(0)

  // Under "Mine" it is there, assigned to the coordinator; under "Unassigned" it is not.
  const assignedTo = (await assignee.getByText(/^Assigned to /).textContent())!.replace('Assigned to ', '').trim()
  await page.goto('/coordinator?assignee=mine')
  await expect(page.getByLabel('Assignee')).toHaveValue('mine')
  const mine = bodyRows(page).filter({ has: page.locator(`a[href="${casePath}"]`) })
  await expect(mine).toHaveCount(1)
  await expect(mine.getByRole('link', { name: memberName })).toBeVisible()
  await expect(mine.getByRole('cell', { name: assignedTo, exact: true })).toBeVisible()
  await page.goto('/coordinator?assignee=unassigned&overdue=1')
  await expect(bodyRows(page).first()).toBeVisible()
  await expect(bodyRows(page).filter({ has: page.locator(`a[href="${casePath}"]`) })).toHaveCount(0)
})
