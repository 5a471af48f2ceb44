import type { Bundle, Encounter, Location, Patient, Procedure } from '@medplum/fhirtypes'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import type { DataSharingField } from '~/domain/contracts/terms'
import { addDays } from '~/domain/dates'
import { extensionUrl, FACILITY_ID_SYSTEM, PROCEDURE_CODE_SYSTEM, pseudonymSystem } from '~/domain/fhir/episode-bundle'
import * as centerFhir from '~/routes/center.contracts.$contractId_.extracts.$window[.fhir.json]'
import * as employerFhir from '~/routes/employer.contracts.$contractId_.extracts.$window[.fhir.json]'
import * as employerJson from '~/routes/employer.contracts.$contractId_.extracts.$window[.json]'
import { memberPseudonym } from '~/services/contract-extracts.server'
import { createContractDraft } from '~/services/contracts.server'
import { extractDownloadsOf, pseudonymSecretOf, signContract } from './contract-fixtures'
import { expectNoChange } from './hostile'
import { actorOf, cookieFor, getRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/*
 * The FHIR form of a contract's data-sharing extract (issue 23, ADR 0019) through the routes and a
 * real database: both sides download a window as a FHIR R4 collection Bundle of the same episodes
 * as the JSON form, with the member as the contract's pseudonym and nothing else, only the fields
 * the contract names; every download is audited with format "fhir"; other tenants and brokers get
 * nothing.
 */

let t: TwoTenants
const cookies = {} as Record<'adminA' | 'adminB' | 'center' | 'broker', string>
let offer: { id: string; facilityId: string; procedureId: string; code: string; facilityName: string }
let contractId: string
let costsOnlyContractId: string
let secondFacilityId: string

const today = new Date().toISOString().slice(0, 10)
const monthStart = (monthsBack: number) => new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - monthsBack, 1)).toISOString().slice(0, 10)
const PERIOD_START = monthStart(2)
const PERIOD_END = addDays(`${Number(PERIOD_START.slice(0, 4)) + 1}${PERIOD_START.slice(4)}`, -1)
const TWO_MONTHS_AGO = monthStart(2).slice(0, 7)
const LAST_MONTH = monthStart(1).slice(0, 7)
const THIS_MONTH = monthStart(0).slice(0, 7)
const FIELDS: DataSharingField[] = ['member_pseudonym', 'procedure_code', 'facility_id', 'procedure_date', 'discharge_date', 'bundle_cents', 'complication_90d']

const termsWith = (fields: DataSharingField[]) => (terms: Parameters<NonNullable<Parameters<typeof signContract>[3]>>[0]) => ({
  ...terms,
  attribution: { model: 'prospective' as const, periodStart: PERIOD_START, periodEnd: PERIOD_END },
  reporting: { cadence: 'quarterly' as const, reviewDates: [addDays(PERIOD_START, 181), addDays(PERIOD_END, -14)] },
  recalibrationDate: addDays(PERIOD_END, -30),
  dataSharing: { cadence: 'monthly' as const, fields },
})

async function completedCase(rosterMemberId: string, procedureDate: string, complication: 0 | 1 | null, facilityId = offer.facilityId) {
  const at = `${PERIOD_START}T09:00:00.000Z`
  await getDb()
    .insertInto('cases')
    .values({
      id: newId(), employerId: t.a.employerId, rosterMemberId, programVersionId: t.a.versionId, procedureId: offer.procedureId, offerId: offer.id, facilityId,
      status: 'completed', statusReason: null, preferredStart: null, preferredEnd: null, scheduledDate: procedureDate, procedureDate, hasCompanion: 0, contactPreference: 'email',
      memberNote: null, bundlePriceCents: 2_800_000, memberCostCents: 0, travelEstimateCents: 0, travelActualCents: 40_000, hadComplication: complication, wasReadmitted: 0,
      satisfaction: 9, requestedAt: at, completedAt: at, updatedAt: at,
    })
    .execute()
}

const urlOf = (side: 'employer' | 'center', id: string, window: string) => `/${side}/contracts/${id}/extracts/${window}.fhir.json`
const download = (route: typeof employerFhir, side: 'employer' | 'center', id: string, window: string, cookie: string) =>
  statusOf(route.loader, getRequest(urlOf(side, id, window), cookie), { contractId: id, window })

async function bundleOf(route: typeof employerFhir, side: 'employer' | 'center', id: string, window: string, cookie: string) {
  const response = (await route.loader({ request: getRequest(urlOf(side, id, window), cookie), params: { contractId: id, window }, context: {} })) as Response
  expect(response.status).toBe(200)
  expect(response.headers.get('Content-Type')).toBe('application/fhir+json; charset=utf-8')
  expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="contract-extract-${window}.fhir.json"`)
  expect(response.headers.get('Cache-Control')).toBe('private, no-store')
  return (await response.json()) as Bundle
}

const ofType = <T extends { resourceType: string }>(bundle: Bundle, type: string) => (bundle.entry ?? []).map((e) => e.resource!).filter((r) => r.resourceType === type) as unknown as T[]
const resolve = (bundle: Bundle, reference: string | undefined) => bundle.entry!.find((entry) => entry.fullUrl === reference)?.resource

beforeAll(async () => {
  const db = getDb()
  t = await createTwoTenants(db)
  for (const key of ['adminA', 'adminB', 'center', 'broker'] as const) cookies[key] = await cookieFor(t.users[key])
  offer = await db
    .selectFrom('programNetwork')
    .innerJoin('offers', 'offers.id', 'programNetwork.offerId')
    .innerJoin('procedures', 'procedures.id', 'offers.procedureId')
    .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
    .select(['offers.id', 'offers.facilityId', 'offers.procedureId', 'procedures.code', 'facilities.name as facilityName'])
    .where('programVersionId', '=', t.a.versionId)
    .executeTakeFirstOrThrow()
  const healthSystemId = (await db.selectFrom('facilities').select('healthSystemId').where('id', '=', offer.facilityId).executeTakeFirstOrThrow()).healthSystemId!
  const actorA = await actorOf(t.users.adminA)
  const draft = async (title: string) => {
    const made = await createContractDraft(actorA, { employerId: t.a.employerId }, { programId: t.a.programId, healthSystemId, title })
    if (!made.ok) throw new Error('could not draft')
    return made.contractId
  }
  contractId = await draft('Knee bundle, FHIR partner')
  costsOnlyContractId = await draft('Knee bundle, costs only')
  await signContract(db, contractId, { purchaser: t.users.adminA, center: t.users.center }, termsWith(FIELDS))
  // The costs-only contract covers a second facility of the health system too. An episode belongs to one contract (ADR 0021):
  // the cases at the shared facility are the first contract's, those at the second facility the costs-only contract's.
  const facility = await db.selectFrom('facilities').selectAll().where('id', '=', offer.facilityId).executeTakeFirstOrThrow()
  secondFacilityId = newId()
  await db.insertInto('facilities').values({ ...facility, id: secondFacilityId, name: 'Test Medical Center East' }).execute()
  await signContract(db, costsOnlyContractId, { purchaser: t.users.adminA, center: t.users.center }, (terms) => ({
    ...termsWith(['bundle_cents'])(terms),
    networkFacilityIds: [...terms.networkFacilityIds, secondFacilityId],
  }))
  // Ada: two episodes last month (the second's complication not recorded yet) and none two months ago; two more at the second facility.
  await completedCase(t.a.rosterMemberId, addDays(monthStart(1), 3), 1)
  await completedCase(t.a.rosterMemberId, addDays(monthStart(1), 17), null)
  await completedCase(t.a.rosterMemberId, addDays(monthStart(1), 3), 0, secondFacilityId)
  await completedCase(t.a.rosterMemberId, addDays(monthStart(1), 17), 0, secondFacilityId)
})

describe('the FHIR extract', () => {
  it('is a collection Bundle of the same episodes as the JSON form: a Procedure and an Encounter each, and one Patient by pseudonym', async () => {
    const bundle = await bundleOf(employerFhir, 'employer', contractId, LAST_MONTH, cookies.adminA)
    const json = (await (
      (await employerJson.loader({ request: getRequest(`/employer/contracts/${contractId}/extracts/${LAST_MONTH}.json`, cookies.adminA), params: { contractId, window: LAST_MONTH }, context: {} })) as Response
    ).json()) as { rows: Array<Record<string, unknown>> }
    expect(bundle.resourceType).toBe('Bundle')
    expect(bundle.type).toBe('collection')
    const procedures = ofType<Procedure>(bundle, 'Procedure')
    expect(procedures.map((p) => p.performedDateTime)).toEqual(json.rows.map((row) => row.procedure_date))
    expect(ofType<Encounter>(bundle, 'Encounter')).toHaveLength(2)

    const pseudonym = memberPseudonym(await pseudonymSecretOf(contractId), t.a.rosterMemberId)
    expect(json.rows.map((row) => row.member_pseudonym)).toEqual([pseudonym, pseudonym])
    const patients = ofType<Patient>(bundle, 'Patient')
    expect(patients).toHaveLength(1)
    expect(Object.keys(patients[0]!).sort()).toEqual(['id', 'identifier', 'meta', 'resourceType'])
    expect(patients[0]!.identifier).toEqual([{ system: pseudonymSystem(contractId), value: pseudonym }])
    for (const procedure of procedures) expect(resolve(bundle, procedure.subject.reference)).toBe(resolve(bundle, `urn:uuid:${patients[0]!.id}`))

    // Nothing of the member but the pseudonym: no roster id, name, employee id, birth date or ZIP.
    const text = JSON.stringify(bundle)
    for (const identifying of [t.a.rosterMemberId, 'Ada', 'Tester', 'A0001', '1980-05-01', '43215']) expect(text).not.toContain(identifying)
  })

  it('codes, dates and places each episode from the database, with only the fields the contract names', async () => {
    const bundle = await bundleOf(employerFhir, 'employer', contractId, LAST_MONTH, cookies.adminA)
    const [first, second] = ofType<Procedure>(bundle, 'Procedure')
    expect(first!.code!.coding).toEqual([{ system: PROCEDURE_CODE_SYSTEM, code: offer.code, display: 'Total knee replacement' }])
    const location = resolve(bundle, first!.location?.reference) as Location
    expect(location.identifier).toEqual([{ system: FACILITY_ID_SYSTEM, value: offer.facilityId }])
    expect(location.name).toBe(offer.facilityName)
    expect(ofType<Location>(bundle, 'Location')).toHaveLength(1)
    const encounter = resolve(bundle, first!.encounter?.reference) as Encounter
    // The tenants' knee replacement takes one night: discharged the day after.
    expect(encounter.period).toEqual({ start: addDays(monthStart(1), 3), end: addDays(monthStart(1), 4) })
    expect(encounter.class.code).toBe('IMP')
    expect(first!.extension).toEqual([
      { url: extensionUrl('bundle_cents'), valueMoney: { value: 28_000, currency: 'USD' } },
      { url: extensionUrl('complication_90d'), valueBoolean: true },
    ])
    expect(second!.extension![1]).toEqual({ url: extensionUrl('complication_90d'), extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] })
    // Not named by the contract: travel, incentive, satisfaction and the rest appear nowhere.
    for (const field of ['travel_cents', 'incentive_cents', 'satisfaction', 'readmission_30d'] as const) expect(JSON.stringify(bundle)).not.toContain(extensionUrl(field))
  })

  it('of a contract sharing costs only: a Patient each with no identifier, no code, date or place', async () => {
    const bundle = await bundleOf(employerFhir, 'employer', costsOnlyContractId, LAST_MONTH, cookies.adminA)
    const patients = ofType<Patient>(bundle, 'Patient')
    expect(patients).toHaveLength(2)
    for (const patient of patients) expect(Object.keys(patient).sort()).toEqual(['id', 'meta', 'resourceType'])
    for (const procedure of ofType<Procedure>(bundle, 'Procedure')) {
      expect(Object.keys(procedure).sort()).toEqual(['encounter', 'extension', 'id', 'resourceType', 'status', 'subject'])
    }
    expect(ofType<Location>(bundle, 'Location')).toEqual([])
    const text = JSON.stringify(bundle)
    for (const hidden of [offer.code, offer.facilityId, secondFacilityId, addDays(monthStart(1), 3), memberPseudonym(await pseudonymSecretOf(costsOnlyContractId), t.a.rosterMemberId)]) expect(text).not.toContain(hidden)
  })

  it('of a window without episodes: a collection with no entry', async () => {
    const bundle = await bundleOf(employerFhir, 'employer', contractId, TWO_MONTHS_AGO, cookies.adminA)
    expect(bundle.type).toBe('collection')
    expect(bundle.entry).toBeUndefined()
    expect(bundle.total).toBeUndefined()
    expect(bundle.meta?.tag?.[0]?.code).toBe('complete')
    expect((await bundleOf(employerFhir, 'employer', contractId, THIS_MONTH, cookies.adminA)).meta?.tag?.[0]?.code).toBe('in-progress')
  })

  it('is the same episodes for the health system, and every download of either side is audited with format "fhir"', async () => {
    const before = (await extractDownloadsOf(contractId)).length
    const fromCenter = await bundleOf(centerFhir as typeof employerFhir, 'center', contractId, LAST_MONTH, cookies.center)
    const fromEmployer = await bundleOf(employerFhir, 'employer', contractId, LAST_MONTH, cookies.adminA)
    // The same content; only the resource ids (fresh UUIDs per download) and the timestamp differ.
    const shape = (bundle: Bundle) => JSON.stringify({ ...bundle, timestamp: null }).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'uuid')
    expect(shape(fromCenter)).toBe(shape(fromEmployer))
    const window = { window: LAST_MONTH, from: monthStart(1), to: addDays(monthStart(0), -1), format: 'fhir', rows: 2, version: 1 }
    expect((await extractDownloadsOf(contractId)).slice(before)).toEqual([
      { actorUserId: t.users.center, ...window, side: 'center' },
      { actorUserId: t.users.adminA, ...window, side: 'purchaser' },
    ])
  })
})

describe('who may download the FHIR extract', () => {
  it('another employer gets 404, and nothing is recorded', async () => {
    const result = await expectNoChange(() => download(employerFhir, 'employer', contractId, LAST_MONTH, cookies.adminB))
    expect(result.status).toBe(404)
  })

  it("a health system's user is refused the employer's route (403), and a broker both (403); nothing is recorded", async () => {
    expect((await expectNoChange(() => download(employerFhir, 'employer', contractId, LAST_MONTH, cookies.center))).status).toBe(403)
    expect((await expectNoChange(() => download(employerFhir, 'employer', contractId, LAST_MONTH, cookies.broker))).status).toBe(403)
    expect((await expectNoChange(() => download(centerFhir as typeof employerFhir, 'center', contractId, LAST_MONTH, cookies.broker))).status).toBe(403)
  })
})

describe('hostile windows on the FHIR route are a 404 and change nothing', () => {
  it.each([
    ['a 13th month', '2025-13'],
    ['path traversal', '../../etc'],
    ['the window with the format left in it', `${LAST_MONTH}.fhir`],
    ['a quarter on a monthly contract', `${today.slice(0, 4)}-Q1`],
    ['next month', addDays(monthStart(0), 40).slice(0, 7)],
    ['SQL', "2026-01' OR 1=1 --"],
  ])('%s', async (_name, window) => {
    expect((await expectNoChange(() => download(employerFhir, 'employer', contractId, window, cookies.adminA))).status).toBe(404)
  })

  it('the JSON route given a FHIR file name (window "…​.fhir") is a 404, not a JSON extract of the window', async () => {
    expect((await expectNoChange(() => download(employerJson as typeof employerFhir, 'employer', contractId, `${LAST_MONTH}.fhir`, cookies.adminA))).status).toBe(404)
  })
})
