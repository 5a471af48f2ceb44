import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { rosterKeys } from '~/domain/roster/names'
import { facilitySearchKeys } from '~/domain/search/facility-text'
import { zipPlace } from '~/integrations/zip-geocoding.server'
import * as scenarioNetworkPage from '~/routes/broker.clients.$employerId_.scenarios.$scenarioId_.network'
import * as networkPage from '~/routes/employer.programs.$programId_.network'
import { startNewVersion } from '~/services/programs.server'
import { createScenario } from '~/services/scenarios.server'
import { snapshot } from './hostile'
import { actorOf, cookieFor, getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/**
 * The bounded network picker (issue 24): candidates ranked by the share of the employer's covered
 * members within 100 miles (exact, to the member), filters and pages in the URL, saving a page
 * without losing offers elsewhere, and bad queries and posts refused with nothing written.
 */
let t: TwoTenants
let admin: string
let draftVersionId: string
const offerAt: Record<string, string> = {}
let farOfferIds: string[] = []
let scenarioId: string

interface Row {
  offerId: string
  facilityName: string
  state: string
  priceCents: number
  isChosen: boolean
  membersWithin100: number
  membersWithin100Share: number
  nearestMemberMiles: number | null
}
interface Page {
  rows: Row[]
  total: number
  pages: number
  members: number
  errors: string[]
  chosenCount: number
  filter: { page: number }
  map: { coords: number[]; chosen: number[]; pageIds: string[] }
}

const load = async (query = '') => {
  const result = await statusOf(networkPage.loader, getRequest(`/employer/programs/${t.a.programId}/network${query}`, admin), { programId: t.a.programId })
  return { status: result.status, page: result.body as Page }
}
const save = (form: Record<string, string>) =>
  statusOf(networkPage.action, postRequest(`/employer/programs/${t.a.programId}/network`, { intent: 'network', mode: 'changes', ...form }, { cookie: admin }), { programId: t.a.programId })
const saveWhole = (offerIds: string) =>
  statusOf(networkPage.action, postRequest(`/employer/programs/${t.a.programId}/network`, { intent: 'network', offerIds }, { cookie: admin }), { programId: t.a.programId })
const network = async () =>
  (await getDb().selectFrom('programNetwork').select('offerId').where('programVersionId', '=', draftVersionId).execute()).map((r) => r.offerId).sort()

beforeAll(async () => {
  const db = getDb()
  t = await createTwoTenants(db)
  admin = await cookieFor(t.users.adminA)
  const now = new Date().toISOString()
  // Scenarios start from the published program, so before the draft.
  const made = await createScenario(await actorOf(t.users.broker), { employerId: t.a.employerId }, { name: 'Picker check', source: 'program' })
  if (!made.ok) throw new Error('no scenario')
  scenarioId = made.scenarioId
  const started = await startNewVersion(await actorOf(t.users.adminA), { employerId: t.a.employerId }, t.a.programId)
  if (!started.ok) throw new Error('no draft')
  const draft = await db.selectFrom('programVersions').select('id').where('programId', '=', t.a.programId).where('status', '=', 'draft').executeTakeFirstOrThrow()
  draftVersionId = draft.id
  const { procedureId } = await db
    .selectFrom('programProcedures')
    .select('procedureId')
    .where('programVersionId', '=', draftVersionId)
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
  offerAt.portland = await facility('Portland Joint Center', '97201', 'OR', 5, 3_000_000)
  offerAt.seattle = await facility('Seattle Joint Center', '98101', 'WA', 4, 2_600_000)
  offerAt.tacoma = await facility('Tacoma Joint Center', '98402', 'WA', 3, 2_500_000)
  // 30 far away (Miami), so the candidates fill two pages of 25.
  farOfferIds = []
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
})

async function coveredMembers() {
  const today = new Date().toISOString().slice(0, 10)
  const rows = await getDb()
    .selectFrom('rosterMembers')
    .select('id')
    .where('employerId', '=', t.a.employerId)
    .where('coverageStart', '<=', today)
    .where((eb) => eb.or([eb('coverageEnd', 'is', null), eb('coverageEnd', '>=', today)]))
    .execute()
  return rows.length
}

describe('ranking by the share of members within 100 miles', () => {
  it('puts the center with the most members nearby first, and the share is right to the member', async () => {
    const { status, page } = await load()
    expect(status).toBe(200)
    const covered = await coveredMembers()
    expect(page.members).toBe(covered)
    const [first, second, third] = page.rows
    expect(first!.offerId).toBe(offerAt.portland)
    expect(first!.membersWithin100).toBe(6)
    expect(first!.membersWithin100Share).toBeCloseTo(6 / covered, 12)
    expect(first!.nearestMemberMiles).toBeLessThan(1)
    // Seattle and Tacoma reach the same 3 members: the cheaper (Tacoma) comes first.
    expect([second!.offerId, third!.offerId]).toEqual([offerAt.tacoma, offerAt.seattle])
    expect(third!.membersWithin100).toBe(3)
    const miami = page.rows.find((r) => r.offerId === farOfferIds[0])
    expect(miami?.membersWithin100 ?? 0).toBe(0)
  })

  it('pages the candidates: 25 on the first page, the rest on the second, the map holding every filtered place once', async () => {
    const first = await load()
    const second = await load('?page=2')
    expect(first.page.rows).toHaveLength(25)
    expect(first.page.pages).toBe(2)
    expect(second.page.rows).toHaveLength(first.page.total - 25)
    const ids = new Set([...first.page.rows, ...second.page.rows].map((r) => r.offerId))
    expect(ids.size).toBe(first.page.total)
    // Map: [lat, lon] pairs, one per facility of the filter (the 30 Miami centers share a ZIP but are 30 facilities).
    expect(first.page.map.coords.length).toBe(2 * first.page.total)
    expect(first.page.map.pageIds).toHaveLength(25)
  })

  it('filters by state, stars, price and distance to the nearest member', async () => {
    expect((await load('?state=WA')).page.rows.map((r) => r.offerId)).toEqual([offerAt.tacoma, offerAt.seattle])
    expect((await load('?stars=4&state=wa')).page.rows.map((r) => r.offerId)).toEqual([offerAt.seattle])
    expect((await load('?maxPrice=25000&state=WA')).page.rows.map((r) => r.offerId)).toEqual([offerAt.tacoma])
    const near = (await load('?near=50')).page.rows.map((r) => r.offerId)
    expect(near).toEqual(expect.arrayContaining([offerAt.portland, offerAt.seattle, offerAt.tacoma]))
    expect(near.some((id) => farOfferIds.includes(id))).toBe(false)
  })

  it('shows the same ranking on the broker scenario picker', async () => {
    const broker = await cookieFor(t.users.broker)
    const result = await statusOf(
      scenarioNetworkPage.loader,
      getRequest(`/broker/clients/${t.a.employerId}/scenarios/${scenarioId}/network?state=WA`, broker),
      { employerId: t.a.employerId, scenarioId: scenarioId },
    )
    expect(result.status).toBe(200)
    expect((result.body as Page).rows.map((r) => r.offerId)).toEqual([offerAt.tacoma, offerAt.seattle])
  })
})

describe('saving a page keeps the offers on other pages', () => {
  it('adds a ticked offer of page 2 and one carried from page 1, and keeps the rest', async () => {
    const before = await network()
    const second = (await load('?page=2')).page
    const pick = second.rows[0]!.offerId
    const result = await save({ shown: second.rows.map((r) => r.offerId).join(','), offerIds: pick, add: offerAt.portland!, remove: '' })
    expect(result.status).toBe(302)
    expect(await network()).toEqual([...new Set([...before, pick, offerAt.portland!])].sort())
    // Page 1, saved with nothing ticked but Portland: the page-1 offers other than Portland leave, page 2's pick stays.
    const first = (await load()).page
    const result2 = await save({ shown: first.rows.map((r) => r.offerId).join(','), offerIds: offerAt.portland! })
    expect(result2.status).toBe(302)
    const after = await network()
    expect(after).toContain(pick)
    expect(after).toContain(offerAt.portland)
    expect(after.filter((id) => first.rows.some((r) => r.offerId === id))).toEqual([offerAt.portland])
    const reloaded = (await load('?show=network')).page
    expect(reloaded.chosenCount).toBe(after.length)
    expect(reloaded.rows.map((r) => r.offerId).sort()).toEqual(after)
  })

  it('removes an offer carried from another page', async () => {
    const result = await save({ shown: '', remove: offerAt.portland! })
    expect(result.status).toBe(302)
    expect(await network()).not.toContain(offerAt.portland)
  })
})

describe('hostile input', () => {
  it.each([
    ['state=ZZ', 'Choose a state from the list'],
    ['state=OH&state=WA', 'Give one value for “state”'],
    ['near=7', 'Choose a distance of 25, 50, 100, 250, 500 miles'],
    ['stars=9', 'Choose a minimum of 1 to 5 stars'],
    ['stars=abc', 'Choose a minimum of 1 to 5 stars'],
    ['maxPrice=-5', 'Enter a maximum price in whole dollars, from $1 to $10,000,000'],
    ['maxPrice=1e309', 'Enter a maximum price in whole dollars, from $1 to $10,000,000'],
    ['page=0', 'Choose a page number from 1'],
    ['page=abc', 'Choose a page number from 1'],
    ['per=1000', 'Show 10, 25 or 50 offers a page'],
    ['show=everything', 'Show all candidates or only the network'],
    [`procedure=${encodeURIComponent('<script>alert(1)</script>')}`, 'Choose a procedure from the list'],
    ['procedure=NOPE', 'Choose a procedure from the list'],
    ['page=999', 'There are only 2 pages with these filters: showing the last'],
  ])('?%s gives a clear message and still shows the page', async (query, message) => {
    const { status, page } = await load(`?${query}`)
    expect(status).toBe(400)
    expect(page.errors).toContain(message)
    expect(page.rows.length).toBeGreaterThan(0)
  })

  it.each([
    ['an unknown offer to add', { shown: '', add: 'no-such-offer' }, 'One of the chosen offers is withdrawn or not for a covered procedure: reload the page and choose again'],
    ['an unknown offer ticked', { shown: '../../etc/passwd', offerIds: '../../etc/passwd' }, 'One of the chosen offers is withdrawn or not for a covered procedure: reload the page and choose again'],
    ['an unknown offer to remove', { shown: '', remove: 'no-such-offer' }, 'One of the chosen offers is withdrawn or not for a covered procedure: reload the page and choose again'],
    ['a ticked offer that was not shown', { shown: '', offerIds: 'PLACEHOLDER_SEATTLE' }, 'A ticked offer was not on the page you saved: reload the page and choose again'],
    ['an offer both added and removed', { shown: '', add: 'PLACEHOLDER_SEATTLE', remove: 'PLACEHOLDER_SEATTLE' }, 'An offer was both added and removed: reload the page and choose again'],
    ['an unknown way of saving', { mode: 'replace-all', offerIds: 'PLACEHOLDER_SEATTLE' }, 'Unknown way of saving the network: reload the page and try again'],
  ])('refuses %s and writes nothing', async (_name, form, message) => {
    const fill = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.replaceAll('PLACEHOLDER_SEATTLE', offerAt.seattle!)]))
    const before = await snapshot(['auditLog'])
    const result = await save(fill)
    expect(result.status).toBeGreaterThanOrEqual(400)
    expect(JSON.stringify(result.body)).toContain(message)
    expect(await snapshot(['auditLog'])).toEqual(before)
  })

  it('refuses an unknown offer in the whole selection and writes nothing', async () => {
    const before = await snapshot(['auditLog'])
    const result = await saveWhole('../../etc/passwd')
    expect(result.status).toBe(422)
    expect(await snapshot(['auditLog'])).toEqual(before)
  })

  it('refuses a body beyond the size limit unread (65,536 bytes: over 1,500 offer ids) and writes nothing', async () => {
    const before = await snapshot(['auditLog'])
    const result = await save({ shown: 'x,'.repeat(50_000) })
    expect(result.status).toBe(413)
    expect(await snapshot(['auditLog'])).toEqual(before)
  })

  it('saves an empty page (no candidate matches the filters) without dropping the network', async () => {
    const before = await network()
    expect(before.length).toBeGreaterThan(0)
    expect((await save({ shown: '' })).status).toBe(302)
    expect(await network()).toEqual(before)
  })
})
