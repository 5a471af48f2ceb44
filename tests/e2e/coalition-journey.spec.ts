import { readFile } from 'node:fs/promises'
import { expect, test, type Page } from './test'
import Ajv from 'ajv'
import schema from '../../app/domain/tic/in-network-rates.schema.json' with { type: 'json' }
import { axeReport } from './axe'
import { coalitionContractFacts, createSmallEmployer, removeSmallEmployerMemberships, type CoalitionContractFacts, type SmallEmployer } from './coalition-journey-fixture'
import { signedIn } from './session'

/*
 * Issue 23's journey from end to end: a small employer (made for this run by the fixture: no
 * coalition, no program, no EIN) is invited by the demo coalition GLEC's admin by its code; its HR
 * admin accepts, and the home's engagement stepper moves; it adopts the coalition's network into a
 * draft program in one step, publishes it, downloads the program's FHIR Plan-Net bundle (its
 * Locations are the coalition contract's facilities) and, after entering the plan sponsor EIN, the
 * Transparency in Coverage file (valid against the schema; its rates are the contract's). The
 * coalition admin then reads the pooled report, with small counts shown as "fewer than 11" and no
 * member named. axe on the two page states no other journey audits: the home of an employer at the
 * start of the continuum, and the transparency page before an EIN is entered.
 */

let employer: SmallEmployer
let contract: CoalitionContractFacts
test.beforeAll(async () => {
  ;[employer, contract] = await Promise.all([createSmallEmployer(), coalitionContractFacts()])
})
test.afterAll(async () => {
  if (employer) await removeSmallEmployerMemberships(employer)
})

const THIS_YEAR = String(new Date().getUTCFullYear())

function stepper(page: Page) {
  return page.getByRole('region', { name: 'Where you stand' })
}

interface Entry { resource: { resourceType: string; id: string; name?: string } }
interface TicFile {
  reporting_entity_name: string
  plan_id: string
  in_network: Array<{ billing_code: string; negotiated_rates: Array<{ negotiated_prices: Array<{ negotiated_rate: number }> }> }>
  provider_references: unknown[]
}

// One journey of two users through eleven pages; each step waits on what the page shows.
test('a small employer joins the coalition, adopts and publishes its network, downloads Plan-Net and TiC; the coalition reads the pooled report', async ({ browser }) => {
  test.setTimeout(120_000)
  const hr = await signedIn(browser, employer.adminEmail)
  const coalition = await signedIn(browser, 'admin@glec.example')

  await test.step('the new employer stands at the start of the engagement continuum', async () => {
    await expect(hr).toHaveURL(/\/employer$/)
    await expect(stepper(hr).locator('[aria-current="step"]')).toContainText('Awareness of quality variation')
    await expect(stepper(hr)).toContainText('Next step: Publish your first program.')
    expect(await axeReport(hr)).toEqual([])
  })

  await test.step('the coalition admin invites it by its code', async () => {
    await expect(coalition).toHaveURL(/\/coalition$/)
    const members = coalition.getByRole('group', { name: 'Member employers, their dates and status' })
    const row = members.getByRole('row', { name: new RegExp(employer.name.replace(/[()]/g, '\\$&')) })
    await expect(members.getByRole('row', { name: /Acme Manufacturing/ })).toBeVisible()
    await expect(row).toHaveCount(0)
    await coalition.getByLabel('Employer code').fill(employer.code.toLowerCase())
    await coalition.getByRole('button', { name: 'Send the invitation' }).click()
    await expect(row).toContainText('Invited')
  })

  await test.step('its HR admin accepts on the Coalitions page', async () => {
    await hr.getByRole('navigation', { name: 'Employer admin navigation' }).getByRole('link', { name: 'Coalitions' }).click()
    await expect(hr).toHaveURL(/\/employer\/coalitions$/)
    await hr.getByRole('button', { name: `Accept and join ${contract.coalitionName}` }).click()
    const memberships = hr.getByRole('group', { name: 'Your coalition memberships and their dates' })
    await expect(memberships.getByRole('row', { name: new RegExp(contract.coalitionName.replace(/[()]/g, '\\$&')) })).toContainText('Member')
    await expect(hr.getByText('No open invitation.')).toBeVisible()
  })

  await test.step("the home's stepper moves: the coalition's contract is in force, its network is the next step", async () => {
    await hr.goto('/employer')
    await expect(stepper(hr).locator('[aria-current="step"]')).toContainText('Value-based contracts')
    await expect(stepper(hr)).toContainText("Next step: Adopt your coalition's network into a program.")
    await stepper(hr).getByRole('link', { name: 'Programs' }).click()
    await expect(hr).toHaveURL(/\/employer\/programs$/)
  })

  await test.step("it adopts the coalition's network into a draft program", async () => {
    const region = hr.getByRole('region', { name: "Your coalition's network" })
    await region.getByRole('button', { name: /^Adopt the coalition network/ }).click()
    await expect(hr.getByText(/^Coalition network adopted: draft version 1 of /)).toBeVisible()
    await expect(hr.getByRole('heading', { level: 1 })).toContainText(contract.coalitionName)
    await expect(hr.getByText('Draft · version 1')).toBeVisible()
    // The draft's network lists exactly the contract's facilities.
    const table = hr.getByRole('table').filter({ has: hr.getByRole('columnheader', { name: 'Bundled price' }) })
    await expect(table.locator('tbody tr').first()).toBeVisible()
    const centers = await table.locator('tbody tr th a').allTextContents()
    expect([...new Set(centers.map((c) => c.trim()))].sort()).toEqual(contract.facilityNames)
  })

  await test.step('it publishes the program', async () => {
    await hr.getByRole('button', { name: 'Publish version 1' }).click()
    const published = hr.getByText('Published · version 1')
    // A program overlapping another asks first (issue 20); this employer has no other, but the page decides.
    const confirm = hr.getByRole('button', { name: 'Confirm publishing version 1' })
    await expect(published.or(confirm)).toBeVisible()
    if (await confirm.isVisible()) await confirm.click()
    await expect(published).toBeVisible()
  })

  await test.step("the Plan-Net bundle's Locations are the contract's facilities", async () => {
    const [download] = await Promise.all([hr.waitForEvent('download'), hr.getByRole('link', { name: 'Download FHIR Plan-Net bundle' }).click()])
    expect(download.suggestedFilename()).toMatch(/^plan-net-.+-v1\.json$/)
    const bundle = JSON.parse(await readFile((await download.path())!, 'utf8')) as { resourceType: string; type: string; entry: Entry[] }
    expect(bundle.resourceType).toBe('Bundle')
    expect(bundle.type).toBe('collection')
    const resources = bundle.entry.map((e) => e.resource)
    expect(resources.filter((r) => r.resourceType === 'Location').map((l) => l.name!).sort()).toEqual(contract.facilityNames)
    expect(resources.filter((r) => r.resourceType === 'HealthcareService').length).toBeGreaterThanOrEqual(contract.facilityNames.length)
    const names = new Set(resources.map((r) => `${r.resourceType}/${r.id}`))
    for (const reference of JSON.stringify(bundle).match(/"reference":"[^"]+"/g) ?? []) expect(names.has(reference.slice('"reference":"'.length, -1)), reference).toBe(true)
  })

  await test.step('the stepper moves on: the next step is members using the program', async () => {
    await hr.goto('/employer')
    await expect(stepper(hr)).toContainText('Next step: Help your members find the program.')
  })

  await test.step('it enters the plan sponsor EIN and downloads the TiC file: valid, with the contract\'s rates', async () => {
    await hr.goto('/employer/programs')
    await hr.getByRole('link', { name: 'Transparency in Coverage file' }).click()
    await expect(hr.getByRole('heading', { level: 1, name: 'Transparency in Coverage file' })).toBeVisible()
    await expect(hr.getByText("Enter the plan sponsor's EIN above.")).toBeVisible()
    await expect(hr.getByRole('link', { name: 'Download the in-network rates file (JSON)' })).toHaveCount(0)
    expect(await axeReport(hr)).toEqual([])
    const ein = `93-${String(Date.now() % 10_000_000).padStart(7, '0')}`
    await hr.getByLabel('Plan sponsor EIN').fill(ein)
    await hr.getByRole('button', { name: 'Save EIN' }).click()
    await expect(hr.getByText(`Saved: the plan sponsor EIN is ${ein}.`)).toBeVisible()
    const [download] = await Promise.all([hr.waitForEvent('download'), hr.getByRole('link', { name: 'Download the in-network rates file (JSON)' }).click()])
    expect(download.suggestedFilename()).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}_${employer.code}_in-network-rates\\.json$`))
    const file = JSON.parse(await readFile((await download.path())!, 'utf8')) as TicFile
    const validate = new Ajv({ allErrors: true }).compile(schema)
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true)
    expect(file.reporting_entity_name).toBe(employer.name)
    expect(file.plan_id).toBe(ein.replace('-', ''))
    expect(file.provider_references.length).toBeGreaterThan(0)
    const rates = file.in_network.flatMap((item) => item.negotiated_rates.flatMap((rate) => rate.negotiated_prices.map((price) => price.negotiated_rate)))
    expect(rates.length).toBeGreaterThan(0)
    expect([...new Set(rates)].sort()).toEqual([...new Set(Object.values(contract.bundleCents).map((cents) => cents / 100))].sort())
  })

  await test.step('the coalition admin reads the pooled report with small counts hidden and no member named', async () => {
    await coalition.getByRole('navigation').getByRole('link', { name: 'Pooled report' }).click()
    await expect(coalition.getByRole('heading', { level: 1, name: 'Pooled report' })).toBeVisible()
    await coalition.getByLabel('Year').selectOption(THIS_YEAR)
    await coalition.getByLabel('Quarter').selectOption('')
    await coalition.getByRole('button', { name: 'Show' }).click()
    await expect(coalition).toHaveURL(new RegExp(`year=${THIS_YEAR}`))
    const table = coalition.getByRole('table', { name: 'Pooled figures by procedure' })
    await expect(table.getByRole('row', { name: /^All procedures/ }).getByRole('cell').first()).toHaveText(/^\d[\d,]*$/)
    await expect(table).toContainText('fewer than 11')
    for (const name of [employer.name, 'Acme Manufacturing', 'Bluewave Logistics', 'Lakeside Credit Union']) await expect(coalition.getByRole('main')).not.toContainText(name)
  })
})
