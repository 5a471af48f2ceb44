import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from './test'

const CMS_FOLDER = path.resolve(import.meta.dirname, '../../../shared/data/cms')
/** The servers' IMPORTS_DIR (playwright.config.ts): the page offers only the folders in it. */
const IMPORTS_DIR = path.resolve(import.meta.dirname, '../.tmp/e2e-imports')
const RELEASE = 'cms-e2e-release'

/** Places the real CMS release in the imports root as the operator would (a symlink); returns its removal. */
function placeRelease(): () => void {
  const link = path.join(IMPORTS_DIR, RELEASE)
  fs.mkdirSync(IMPORTS_DIR, { recursive: true })
  fs.rmSync(link, { force: true })
  fs.symlinkSync(CMS_FOLDER, link)
  return () => fs.rmSync(link, { force: true })
}

function csvFile(name: string, lines: string[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-offers-')), name)
  fs.writeFileSync(file, lines.join('\n'))
  return file
}

test('the platform admin imports the CMS files and an offers file, then finds the hospital with its real facts', async ({ page }) => {
  test.setTimeout(90_000)
  // Removed in this test, not in afterEach: with fullyParallel the file's other test may end meanwhile.
  const removeRelease = placeRelease()
  try {
    await importJourney(page)
  } finally {
    removeRelease()
  }
})

async function importJourney(page: Page) {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill('admin@coe-platform.example')
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation').getByRole('link', { name: 'Data imports' }).click()

  // No path to type: the page offers the release folders of the imports root (any other name is
  // refused with one message, tests/integration/cms-import-folders.test.ts).
  await expect(page.getByLabel('Folder on the server')).toHaveCount(0)
  const releases = page.getByRole('group', { name: /Release folder in/ })
  await releases.getByRole('radio', { name: RELEASE }).check()
  await page.getByRole('button', { name: 'Import CMS files' }).click()
  const status = page.getByRole('status').filter({ hasText: 'hospitals' })
  await expect(status).toContainText(/5,432 hospitals/, { timeout: 60_000 })
  await expect(status.getByRole('row', { name: /Hospital_General_Information\.csv/ }).first()).toContainText('5,432')

  // An offers file with problems: each is listed, nothing is imported.
  await page.getByLabel('Offers file').setInputFiles(
    csvFile('bad-offers.csv', ['ccn,procedure_code,price,valid_from', '010001,TKA,-3,2026-01-01', '999999,TKA,27000,2026-01-01']),
  )
  await page.getByRole('button', { name: 'Upload offers' }).click()
  const alert = page.getByRole('alert').filter({ hasText: 'nothing was changed' })
  await expect(alert).toContainText('"-3" is not a price in dollars above $0')
  await expect(alert).toContainText('no facility with CCN 999999 in the catalog')

  await page.getByLabel('Offers file').setInputFiles(csvFile('offers.csv', ['ccn,procedure_code,price,valid_from,valid_to', '010001,TKA,"27,900",2026-01-01,2027-12-31']))
  await page.getByRole('button', { name: 'Upload offers' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Offers imported' })).toContainText('1 row: 1 new, 0 updated, 0 unchanged')

  // The facility list finds it; its page shows the CMS values and the new offer.
  await page.getByRole('navigation').getByRole('link', { name: 'Facilities' }).click()
  await page.getByLabel('Name or city').fill('southeast health medical')
  await page.getByRole('button', { name: 'Search' }).click()
  await page.getByRole('link', { name: 'SOUTHEAST HEALTH MEDICAL CENTER' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('SOUTHEAST HEALTH MEDICAL CENTER')
  const complications = page.getByRole('row', { name: /Complications after hip or knee replacement/ })
  await expect(complications).toContainText('3.2%')
  await expect(complications).toContainText('No different from the nation')
  await expect(complications).toContainText('Apr 1, 2021 – Mar 31, 2024')
  await expect(page.getByRole('row', { name: /Medicare spending per patient/ })).toContainText('3% above the national median')
  await expect(page.getByRole('heading', { name: 'Total knee replacement: $27,900' })).toBeVisible()

  // The import is in the audit log: who, which folder, the counts.
  await page.goto('/admin/audit?action=cms.imported')
  const entry = page.getByRole('row').filter({ hasText: RELEASE }).first()
  await expect(entry).toContainText('admin@coe-platform.example')
  await expect(entry).toContainText('"facilitiesTotal":5432')
}

test('the platform admin finds in the audit log who read the care queue, from which address', async ({ browser }) => {
  // A coordinator opens the care queue (members' names): that read is audited.
  const coordinator = await (await browser.newContext()).newPage()
  await coordinator.goto('/login')
  await coordinator.getByLabel('E-mail').fill('coordinator@coe-platform.example')
  await coordinator.getByLabel('Password').fill('demo-password-2026')
  await coordinator.getByRole('button', { name: 'Sign in' }).click()
  await expect(coordinator.getByRole('heading', { level: 1, name: 'Case queue' })).toBeVisible()

  const admin = await (await browser.newContext()).newPage()
  await admin.goto('/login')
  await admin.getByLabel('E-mail').fill('admin@coe-platform.example')
  await admin.getByLabel('Password').fill('demo-password-2026')
  await admin.getByRole('button', { name: 'Sign in' }).click()
  await admin.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click()
  await admin.getByLabel('Person (part of the e-mail)').fill('coordinator@')
  await admin.getByLabel('Action (or its start, like “case.”)').fill('case_queue.')
  await admin.getByRole('button', { name: 'Search' }).click()
  await expect(admin).toHaveURL(/actor=coordinator%40.*action=case_queue\./)
  const row = admin.getByRole('row').filter({ hasText: 'case_queue.viewed' }).first()
  await expect(row).toContainText('coordinator@coe-platform.example')
  await expect(row).toContainText(/127\.0\.0\.1|::1|::ffff:127\.0\.0\.1/)
  // A date that is not one is reported, not half-applied.
  await admin.goto('/admin/audit?from=2026-02-30')
  await expect(admin.getByRole('alert')).toContainText('"2026-02-30" is not a from date in YYYY-MM-DD form: it was ignored')
})

test('the platform admin finds Saint Mary’s however the apostrophe is typed, and is told when the search text is too long', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill('admin@coe-platform.example')
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation').getByRole('link', { name: 'Facilities' }).click()

  // CMS names them with the plain apostrophe (SAINT MARY'S HOSPITAL, Waterbury CT); people type ’, ' or none.
  const search = page.getByLabel('Name or city')
  await expect(search).toHaveAttribute('maxlength', '100')
  for (const [text, url] of [["Mary's", /q=Mary%27s/], ['Mary’s', /q=Mary%E2%80%99s/], ['St Marys', /q=St\+Marys/]] as const) {
    await search.fill(text)
    await page.getByRole('button', { name: 'Search' }).click()
    await expect(page).toHaveURL(url)
    await expect(page.getByRole('link', { name: /^SAINT MARY'S HOSPITAL$/ }).first()).toBeVisible()
    await expect(search).not.toHaveAttribute('aria-invalid', 'true')
  }

  // The field takes at most 100 characters; a longer search in the URL is refused with a message and no rows, not answered with every facility.
  await page.goto(`/admin/facilities?q=${'m'.repeat(101)}`)
  const message = 'Search text is too long: use at most 100 characters.'
  await expect(page.getByText(message)).toBeVisible()
  await expect(page.getByLabel('Name or city')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByLabel('Name or city')).toHaveAccessibleDescription(/Search text is too long: use at most 100 characters\.$/)
  await expect(page.getByText(/^0 facilities/)).toBeVisible()
  await expect(page.getByRole('group', { name: 'Facilities found' }).getByRole('row')).toHaveCount(1) // the header row only
})
