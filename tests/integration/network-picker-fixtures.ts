import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { rosterKeys } from '~/domain/roster/names'
import { facilitySearchKeys } from '~/domain/search/facility-text'
import { zipPlace } from '~/integrations/zip-geocoding.server'
import * as networkPage from '~/routes/employer.programs.$programId_.network'
import { startNewVersion } from '~/services/programs.server'
import { createScenario } from '~/services/scenarios.server'
import { actorOf, cookieFor, getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/**
 * The bounded network picker's fixture (issue 24), shared by its behaviour tests and its hostile-input
 * cases: employer A with a broker scenario made from the published program, a draft version, three
 * Pacific North-West centers (Portland 5★ $30,000, Seattle 4★ $26,000, Tacoma 3★ $25,000) and 30 far
 * ones in Miami (so the candidates fill two pages of 25), and covered members: 6 in Portland, 3 in
 * Seattle, one whose coverage ended and one at a ZIP the geodata does not know.
 */
export interface PickerFixture {
  t: TwoTenants
  /** Employer A's admin's session cookie. */
  admin: string
  draftVersionId: string
  offerAt: { portland: string; seattle: string; tacoma: string }
  farOfferIds: string[]
  scenarioId: string
}

export interface PickerRow {
  offerId: string
  facilityName: string
  state: string
  priceCents: number
  isChosen: boolean
  membersWithin100: number
  membersWithin100Share: number
  nearestMemberMiles: number | null
}
export interface PickerPage {
  rows: PickerRow[]
  total: number
  pages: number
  members: number
  errors: string[]
  chosenCount: number
  filter: { page: number }
  map: { coords: number[]; chosen: number[]; pageIds: string[] }
}

export async function createPickerFixture(): Promise<PickerFixture> {
  const db = getDb()
  const t = await createTwoTenants(db)
  const admin = await cookieFor(t.users.adminA)
  const now = new Date().toISOString()
  // Scenarios start from the published program, so before the draft.
  const made = await createScenario(await actorOf(t.users.broker), { employerId: t.a.employerId }, { name: 'Picker check', source: 'program' })
  if (!made.ok) throw new Error('no scenario')
  const started = await startNewVersion(await actorOf(t.users.adminA), { employerId: t.a.employerId }, t.a.programId)
  if (!started.ok) throw new Error('no draft')
  const draft = await db.selectFrom('programVersions').select('id').where('programId', '=', t.a.programId).where('status', '=', 'draft').executeTakeFirstOrThrow()
  const { procedureId } = await db
    .selectFrom('programProcedures')
    .select('procedureId')
    .where('programVersionId', '=', draft.id)
    .executeTakeFirstOrThrow()
  const facility = async (name: string, zip: string, state: string, stars: number | null, priceCents: number) => {
    const place = zipPlace(zip)!
    const id = newId()
    await db
      .insertInto('facilities')
      .values({
        id, ccn: null, name, address: '1 Test St', city: name, state, zip, county: null, ...facilitySearchKeys({ name, city: name }), phone: null,
        latitude: place.latitude, longitude: place.longitude, coordinateSource: 'zip_centroid', facilityType: 'Acute Care Hospitals', ownership: null,
        hasEmergencyServices: 1, starRating: stars, healthSystemId: null, createdAt: now, updatedAt: now,
      })
      .execute()
    const offerId = newId()
    await db
      .insertInto('offers')
      .values({
        id: offerId, facilityId: id, procedureId, priceCents, includesFacility: 1, includesSurgeon: 1, includesAnesthesia: 1, includesImplant: 1,
        includesFollowUp: 1, warrantyDays: 90, followUpVisits: 2, annualVolume: 100, accreditation: null, appointmentWithinDays: 14,
        validFrom: '2026-01-01', validTo: null, status: 'active', createdAt: now, updatedAt: now,
      })
      .execute()
    return offerId
  }
  const offerAt = {
    portland: await facility('Portland Joint Center', '97201', 'OR', 5, 3_000_000),
    seattle: await facility('Seattle Joint Center', '98101', 'WA', 4, 2_600_000),
    tacoma: await facility('Tacoma Joint Center', '98402', 'WA', 3, 2_500_000),
  }
  const farOfferIds: string[] = []
  for (let i = 0; i < 30; i++) farOfferIds.push(await facility(`Miami Center ${String(i).padStart(2, '0')}`, '33101', 'FL', 2, 2_000_000 + i * 1_000))
  const member = async (zip: string, coverageEnd: string | null = null) => {
    const employeeId = `N${newId().slice(-10)}`
    await db
      .insertInto('rosterMembers')
      .values({
        id: newId(), employerId: t.a.employerId, employeeId, firstName: 'Near', lastName: 'Member', ...rosterKeys({ employeeId, firstName: 'Near', lastName: 'Member' }),
        dateOfBirth: '1980-01-01', zip, healthPlanId: t.a.planId, coverageTier: 'employee', coverageStart: '2026-01-01', coverageEnd, dependentsCount: 0,
        deductibleMetCents: 0, oopPaidCents: 0, createdAt: now, updatedAt: now,
      })
      .execute()
  }
  for (let i = 0; i < 6; i++) await member('97201') // Portland
  for (let i = 0; i < 3; i++) await member('98101') // Seattle (about 145 miles from Portland)
  await member('97201', '2026-01-31') // coverage ended: not counted
  await member('00000') // a ZIP the geodata does not know: counted, never within 100 miles
  return { t, admin, draftVersionId: draft.id, offerAt, farOfferIds, scenarioId: made.scenarioId }
}

/** The employer picker's loader for employer A's program, with a query string. */
export async function loadPicker(f: PickerFixture, query = '') {
  const result = await statusOf(networkPage.loader, getRequest(`/employer/programs/${f.t.a.programId}/network${query}`, f.admin), { programId: f.t.a.programId })
  return { status: result.status, page: result.body as PickerPage }
}

/** Saves one page of the picker (mode=changes), with the form's other fields. */
export function savePickerPage(f: PickerFixture, form: Record<string, string>) {
  return statusOf(
    networkPage.action,
    postRequest(`/employer/programs/${f.t.a.programId}/network`, { intent: 'network', mode: 'changes', ...form }, { cookie: f.admin }),
    { programId: f.t.a.programId },
  )
}

/** Saves the whole selection at once (no mode: the form without JS paging). */
export function savePickerWhole(f: PickerFixture, offerIds: string) {
  return statusOf(networkPage.action, postRequest(`/employer/programs/${f.t.a.programId}/network`, { intent: 'network', offerIds }, { cookie: f.admin }), { programId: f.t.a.programId })
}
