import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import Ajv from 'ajv'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { NPI_CHECK_MESSAGE, TIN_MESSAGE } from '~/domain/offers/provider-ids'
import schema from '~/domain/tic/in-network-rates.schema.json'
import * as editOffer from '~/routes/center.offers.$offerId'
import * as transparencyPage from '~/routes/employer.transparency'
import * as inNetworkRates from '~/routes/employer.transparency_.in-network-rates[.json]'
import { MISSING_EIN_MESSAGE, exportInNetworkRates } from '~/services/transparency.server'
import { toIsoDate } from '~/domain/dates'
import { createContractDraft } from '~/services/contracts.server'
import { contractParties, periodFromQuarterStart, signContract } from './contract-fixtures'
import { cookieFor, getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

const validate = new Ajv({ allErrors: true }).compile(schema)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tic-'))

let t: TwoTenants
let adminA: string
let center: string
let offerId: string
let employerACode: string
let employerBCode: string
/** An offer in employer B's network only (another facility of the same system): never in A's file. */
let offerOfBOnlyId: string

const offerForm = (overrides: Record<string, string> = {}) => ({
  facilityId: '', procedureId: '', priceCents: '28,000', includesFacility: 'on', includesSurgeon: 'on', includesAnesthesia: 'on', includesImplant: 'on', includesFollowUp: 'on',
  warrantyDays: '90', followUpVisits: '2', annualVolume: '400', appointmentWithinDays: '14', validFrom: '2026-01-01', status: 'active', ...overrides,
})
const offer = (id: string) => getDb().selectFrom('offers').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const exportsOf = (employerId: string) =>
  getDb().selectFrom('auditLog').select(['actorUserId', 'actorLabel', 'action']).where('employerId', '=', employerId).where('action', '=', 'transparency.in_network_rates_exported').execute()

async function download(cookie: string) {
  const response = (await inNetworkRates.loader({ request: getRequest('/employer/transparency/in-network-rates.json', cookie), params: {}, context: {} })) as Response
  return { status: response.status, type: response.headers.get('Content-Type'), disposition: response.headers.get('Content-Disposition'), text: await response.text() }
}

beforeAll(async () => {
  const db = getDb()
  t = await createTwoTenants(db)
  adminA = await cookieFor(t.users.adminA)
  center = await cookieFor(t.users.center)
  const row = await db.selectFrom('programNetwork').innerJoin('offers', 'offers.id', 'programNetwork.offerId').selectAll('offers').where('programVersionId', '=', t.a.versionId).executeTakeFirstOrThrow()
  offerId = row.id
  const codes = await db.selectFrom('organizations').select(['id', 'code']).where('id', 'in', [t.a.employerId, t.b.employerId]).execute()
  employerACode = codes.find((c) => c.id === t.a.employerId)!.code
  employerBCode = codes.find((c) => c.id === t.b.employerId)!.code
  offerOfBOnlyId = newId()
  const now = new Date().toISOString()
  await db.insertInto('offers').values({ ...row, id: offerOfBOnlyId, validFrom: '2026-02-01', priceCents: 3_300_000, tin: null, npi: null, createdAt: now, updatedAt: now }).execute()
  await db.insertInto('programNetwork').values({ programVersionId: t.b.versionId, offerId: offerOfBOnlyId, bundlePriceCents: 3_300_000 }).execute()
})

describe('the file is refused while anything is missing, and nothing is written', () => {
  it('lists the plan sponsor EIN and every network offer without TIN or NPI (route: 409; command line: no file)', async () => {
    const refused = await download(adminA)
    expect(refused.status).toBe(409)
    expect(refused.text).toBe(
      `The in-network rates file cannot be published yet; nothing was written:\n- ${MISSING_EIN_MESSAGE}\n- Test Health: Test Medical Center, Total knee replacement: missing TIN and NPI\n`,
    )
    const out = path.join(tmp, 'refused.json')
    const result = await exportInNetworkRates(employerACode, { path: out }, { actorLabel: 'CLI: test' })
    expect(result).toEqual({ ok: false, reasons: [MISSING_EIN_MESSAGE, 'Test Health: Test Medical Center, Total knee replacement: missing TIN and NPI'] })
    expect(fs.existsSync(out)).toBe(false)
    expect(fs.existsSync(`${out}.partial`)).toBe(false)
    expect(await exportsOf(t.a.employerId)).toEqual([])
  })

  it('the employer page says what is missing', async () => {
    const page = await statusOf(transparencyPage.loader, getRequest('/employer/transparency', adminA))
    expect(page.body).toMatchObject({ missingEin: true, missingCount: 1, missing: ['Test Health: Test Medical Center, Total knee replacement: missing TIN and NPI'] })
  })
})

describe('the employer enters the plan sponsor EIN', () => {
  it.each([
    ['12-34', TIN_MESSAGE],
    ['00-1234567', TIN_MESSAGE],
    ['123-45-6789', TIN_MESSAGE],
  ])('%j is refused with a field error and nothing changes', async (ein, message) => {
    const result = await statusOf(transparencyPage.action, postRequest('/employer/transparency', { ein }, { cookie: adminA }))
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({ error: { ein: [message] } })
    expect((await getDb().selectFrom('organizations').select('tin').where('id', '=', t.a.employerId).executeTakeFirstOrThrow()).tin).toBeNull()
  })

  it('saves a valid EIN without its dash, audited', async () => {
    const result = await statusOf(transparencyPage.action, postRequest('/employer/transparency', { ein: '31-1234567' }, { cookie: adminA }))
    expect(result).toMatchObject({ status: 302, location: '/employer/transparency' })
    expect((await getDb().selectFrom('organizations').select('tin').where('id', '=', t.a.employerId).executeTakeFirstOrThrow()).tin).toBe('311234567')
    const audit = await getDb().selectFrom('auditLog').select('action').where('actorUserId', '=', t.users.adminA).where('action', '=', 'employer.plan_sponsor_ein_set').execute()
    expect(audit).toHaveLength(1)
  })
})

describe('the health system enters TIN and NPI on its offer', () => {
  it('refuses a bad NPI with its message and changes nothing', async () => {
    const before = await offer(offerId)
    const form = offerForm({ facilityId: before.facilityId, procedureId: before.procedureId, tin: '45-6789012', npi: '1234567890' })
    const result = await statusOf(editOffer.action, postRequest(`/center/offers/${offerId}`, form, { cookie: center }), { offerId })
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({ error: { npi: [NPI_CHECK_MESSAGE] } })
    expect(await offer(offerId)).toEqual(before)
  })

  it('saves TIN and NPI on an offer in published programs without asking for the price confirmation (identification, not price)', async () => {
    const before = await offer(offerId)
    const form = offerForm({ facilityId: before.facilityId, procedureId: before.procedureId, tin: '45-6789012', npi: ' 1234567893 ' })
    const result = await statusOf(editOffer.action, postRequest(`/center/offers/${offerId}`, form, { cookie: center }), { offerId })
    expect(result).toMatchObject({ status: 302, location: '/center' })
    expect(await offer(offerId)).toMatchObject({ tin: '456789012', npi: '1234567893', priceCents: 2_800_000 })
  })
})

describe('the file, once nothing is missing', () => {
  it('downloads as JSON that validates against the schema, with only this employer’s network, audited', async () => {
    const file = await download(adminA)
    expect(file.status).toBe(200)
    expect(file.type).toBe('application/json; charset=utf-8')
    expect(file.disposition).toMatch(new RegExp(`^attachment; filename="\\d{4}-\\d{2}-\\d{2}_${employerACode}_in-network-rates\\.json"$`))
    const json = JSON.parse(file.text)
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
    expect(json).toMatchObject({ reporting_entity_name: 'Employer A', reporting_entity_type: 'group health plan', plan_id_type: 'EIN', plan_id: '311234567', plan_market_type: 'group', version: '1.0.0' })
    expect(json.in_network).toHaveLength(1)
    expect(json.in_network[0]).toMatchObject({ negotiation_arrangement: 'bundle', billing_code_type: 'MS-DRG', billing_code: '470' })
    // The program's bundled price, no end date anywhere (offer, program, contract): 9999-12-31.
    expect(json.in_network[0].negotiated_rates).toEqual([
      { provider_references: [1], negotiated_prices: [{ negotiated_type: 'negotiated', negotiated_rate: 28000, expiration_date: '9999-12-31', billing_class: 'institutional' }] },
    ])
    expect(json.provider_references).toEqual([{ provider_group_id: 1, provider_groups: [{ npi: [1234567893], tin: { type: 'ein', value: '45-6789012' } }] }])
    expect(await exportsOf(t.a.employerId)).toEqual([{ actorUserId: t.users.adminA, actorLabel: null, action: 'transparency.in_network_rates_exported' }])
  })

  it('takes the end of the program version when the offer has none', async () => {
    await getDb().updateTable('programVersions').set({ effectiveTo: '2099-12-31' }).where('id', '=', t.a.versionId).execute()
    const json = JSON.parse((await download(adminA)).text)
    expect(json.in_network[0].negotiated_rates[0].negotiated_prices[0].expiration_date).toBe('2099-12-31')
  })

  it('the command line writes the same file to a path (and to a stream), audited under its label', async () => {
    const out = path.join(tmp, 'a.json')
    const result = await exportInNetworkRates(employerACode.toLowerCase(), { path: out }, { actorLabel: 'CLI: test' })
    expect(result.ok).toBe(true)
    const json = JSON.parse(fs.readFileSync(out, 'utf8'))
    expect(validate(json)).toBe(true)
    expect(json.provider_references).toHaveLength(1)
    const sink = new PassThrough()
    let streamed = ''
    sink.on('data', (chunk: Buffer) => (streamed += chunk.toString('utf8')))
    expect((await exportInNetworkRates(employerACode, { stream: sink }, { actorLabel: 'CLI: test' })).ok).toBe(true)
    expect(JSON.parse(streamed)).toEqual(json)
    expect((await exportsOf(t.a.employerId)).filter((row) => row.actorLabel === 'CLI: test')).toHaveLength(2)
  })

  it('takes the frozen rate and the period end of a signed contract in force with the employer', async () => {
    const p = await contractParties(t)
    const made = await createContractDraft(p.adminA, { employerId: t.a.employerId }, { programId: t.a.programId, healthSystemId: p.healthSystemId, title: 'Knee contract' })
    if (!made.ok) throw new Error('could not draft the contract')
    const period = periodFromQuarterStart(toIsoDate(new Date()))
    await signContract(getDb(), made.contractId, { purchaser: t.users.adminA, center: t.users.center }, (terms) => ({
      ...terms,
      ...period,
      bundleRates: terms.bundleRates.map((rate) => ({ ...rate, bundleCents: 2_700_000 })),
    }))
    const json = JSON.parse((await download(adminA)).text)
    expect(validate(json)).toBe(true)
    expect(json.in_network[0].negotiated_rates[0].negotiated_prices[0]).toEqual({
      negotiated_type: 'negotiated', negotiated_rate: 27000, expiration_date: period.attribution.periodEnd, billing_class: 'institutional',
    })
  })

  it("another employer's file is refused for its own missing offer, which A's file never named", async () => {
    await getDb().updateTable('organizations').set({ tin: '329876543' }).where('id', '=', t.b.employerId).execute()
    const result = await exportInNetworkRates(employerBCode, { path: path.join(tmp, 'b.json') }, { actorLabel: 'CLI: test' })
    expect(result).toEqual({ ok: false, reasons: ['Test Health: Test Medical Center, Total knee replacement: missing TIN and NPI'] })
    expect(fs.existsSync(path.join(tmp, 'b.json'))).toBe(false)
  })

  it('an unknown employer code is a 404, not an empty file', async () => {
    await expect(exportInNetworkRates('NO-SUCH-EMPLOYER', { path: path.join(tmp, 'none.json') }, { actorLabel: 'CLI: test' })).rejects.toMatchObject({ status: 404 })
    expect(fs.existsSync(path.join(tmp, 'none.json'))).toBe(false)
  })
})
