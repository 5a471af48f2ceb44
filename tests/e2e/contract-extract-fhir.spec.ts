import { expect, test, type Page } from './test'
import type { Bundle, Patient, Procedure } from '@medplum/fhirtypes'
import { signedIn } from './session'

/*
 * Issue 23's partner extract in FHIR: on the demo contract between Acme and Summit, Acme's HR
 * admin downloads a window's extract from its FHIR link beside CSV and JSON, and Summit's admin
 * the same window from its side: a FHIR R4 collection Bundle with a Procedure and an Encounter
 * per episode, each member a Patient with nothing but the contract's pseudonym.
 */

const TITLE = 'Acme and Summit joint replacement bundle'

/** Clicks a window's FHIR link and reads the downloaded file. */
async function downloadFhir(page: Page, windowKey: string) {
  const item = page.getByRole('region', { name: 'Data-sharing extracts' }).getByRole('listitem').filter({ hasText: windowKey })
  const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('link', { name: 'FHIR' }).click()])
  expect(download.suggestedFilename()).toBe(`contract-extract-${windowKey}.fhir.json`)
  const bytes = Buffer.concat(await (await download.createReadStream()).toArray())
  return JSON.parse(bytes.toString('utf8')) as Bundle
}

test('a partner extract as FHIR: both sides download the same window from its link, members by pseudonym only', async ({ browser }) => {
  test.setTimeout(60_000)
  const hr = await signedIn(browser, 'hr@acme.example')
  await hr.goto('/employer/contracts')
  await hr.getByRole('link', { name: TITLE }).click()
  const extracts = hr.getByRole('region', { name: 'Data-sharing extracts' })
  await expect(extracts.getByRole('link', { name: 'FHIR' }).first()).toBeVisible()

  // The newest window with episodes (a window may have none: the demo has tens of episodes a year).
  const keys = (await extracts.getByRole('listitem').allInnerTexts()).map((text) => text.split(' ')[0]!)
  let windowKey: string | null = null
  let bundle: Bundle | null = null
  for (const key of keys) {
    const candidate = await downloadFhir(hr, key)
    expect(candidate.resourceType).toBe('Bundle')
    expect(candidate.type).toBe('collection')
    if ((candidate.entry ?? []).length > 0) {
      windowKey = key
      bundle = candidate
      break
    }
  }
  expect(windowKey, 'a window of the demo contract with episodes').not.toBeNull()

  const resources = bundle!.entry!.map((entry) => entry.resource!)
  const procedures = resources.filter((r): r is Procedure => r.resourceType === 'Procedure')
  expect(procedures.length).toBeGreaterThan(0)
  expect(resources.filter((r) => r.resourceType === 'Encounter')).toHaveLength(procedures.length)
  const fullUrls = new Set(bundle!.entry!.map((entry) => entry.fullUrl))
  for (const procedure of procedures) {
    expect(fullUrls.has(procedure.subject.reference)).toBe(true)
    expect(fullUrls.has(procedure.encounter?.reference)).toBe(true)
  }
  for (const patient of resources.filter((r): r is Patient => r.resourceType === 'Patient')) {
    expect(Object.keys(patient).sort()).toEqual(['id', 'identifier', 'meta', 'resourceType'])
    expect(patient.identifier![0]!.value).toMatch(/^[0-9a-f]{64}$/)
  }

  // Summit downloads the same window: the same pseudonyms and procedures.
  const center = await signedIn(browser, 'contracts@summit.example')
  await center.goto('/center/contracts')
  await center.getByRole('link', { name: TITLE }).click()
  const fromCenter = await downloadFhir(center, windowKey!)
  const summary = (b: Bundle) =>
    b.entry!.map((entry) => entry.resource!).flatMap((r) => (r.resourceType === 'Patient' ? [`Patient ${r.identifier![0]!.value}`] : r.resourceType === 'Procedure' ? [`Procedure ${r.performedDateTime} ${r.code?.text}`] : []))
  expect(summary(fromCenter)).toEqual(summary(bundle!))
})
