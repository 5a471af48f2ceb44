import { readFile } from 'node:fs/promises'
import { expect, test } from './test'
import { signedIn } from './session'

/*
 * The FHIR Plan-Net export (issue 23, ADR 0017) as the HR admin uses it: from the published demo
 * program's page, the download button gives a file that parses as a FHIR Bundle of type
 * collection whose Locations are exactly the centers the page lists in the network, each with
 * one HealthcareService per procedure the page shows there.
 */

interface Entry { fullUrl: string; resource: { resourceType: string; id: string; name?: string; comment?: string; location?: Array<{ reference: string }>; meta?: { profile?: string[] } } }

test('the HR admin downloads the Plan-Net bundle of a published program and it holds the program\'s centers', async ({ browser }) => {
  const page = await signedIn(browser, 'hr@acme.example')
  await page.getByRole('navigation').getByRole('link', { name: 'Programs' }).click()
  await page.getByRole('link', { name: 'Joint Replacement Center of Excellence' }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Joint Replacement Center of Excellence' })).toBeVisible()

  // What the page shows: each network row's center and procedure.
  const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Bundled price' }) })
  const rows = table.locator('tbody tr')
  await expect(rows.first()).toBeVisible()
  const shown = await rows.evaluateAll((trs) => trs.map((tr) => ({ center: tr.querySelector('th a')!.textContent!.trim(), procedure: tr.querySelectorAll('td')[0]!.textContent!.trim() })))
  const centers = [...new Set(shown.map((row) => row.center))].sort()
  expect(centers.length).toBeGreaterThan(0)

  const button = page.getByRole('link', { name: 'Download FHIR Plan-Net bundle' })
  await expect(button).toBeVisible()
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()])
  expect(download.suggestedFilename()).toMatch(/^plan-net-joint-replacement-center-of-excellence-v\d+\.json$/)
  const bundle = JSON.parse(await readFile((await download.path())!, 'utf8')) as { resourceType: string; type: string; entry: Entry[] }
  expect(bundle.resourceType).toBe('Bundle')
  expect(bundle.type).toBe('collection')

  const resources = bundle.entry.map((e) => e.resource)
  const locations = resources.filter((r) => r.resourceType === 'Location')
  expect(locations.map((l) => l.name!).sort()).toEqual(centers)
  for (const location of locations) expect(location.meta?.profile).toEqual(['http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/plannet-Location'])
  // One HealthcareService per procedure per center, as many as the distinct rows the page lists.
  const services = resources.filter((r) => r.resourceType === 'HealthcareService')
  expect(services).toHaveLength(new Set(shown.map((row) => `${row.center}|${row.procedure}`)).size)
  // The demo's offers are labelled as such in the file too, as on the page.
  for (const service of services) expect(service.comment).toMatch(/^Demo offer/)
  // Every reference names a resource of the bundle.
  const names = new Set(resources.map((r) => `${r.resourceType}/${r.id}`))
  const references = JSON.stringify(bundle).match(/"reference":"[^"]+"/g) ?? []
  expect(references.length).toBeGreaterThan(services.length)
  for (const reference of references) expect(names.has(reference.slice('"reference":"'.length, -1)), reference).toBe(true)
})
