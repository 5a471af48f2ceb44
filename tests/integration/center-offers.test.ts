import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import * as centerHome from '~/routes/center._index'
import * as editOffer from '~/routes/center.offers.$offerId'
import * as newOffer from '~/routes/center.offers.new'
import { facilitySearchKeys } from '~/domain/search/facility-text'
import { cookieFor, getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

let t: TwoTenants
let cookie: string
let ownOfferId: string
let ownFacilityId: string
let procedureId: string
let otherOfferId: string
let otherFacilityId: string

const form = (overrides: Record<string, string> = {}) => ({
  facilityId: ownFacilityId, procedureId, priceCents: '29,750', includesFacility: 'on', includesSurgeon: 'on', includesAnesthesia: 'on', includesImplant: 'on',
  warrantyDays: '120', followUpVisits: '3', annualVolume: '520', accreditation: 'TJC Advanced Certification', appointmentWithinDays: '10',
  validFrom: '2026-01-01', validTo: '2027-06-30', status: 'active', ...overrides,
})

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  cookie = await cookieFor(t.users.center)
  const own = await getDb().selectFrom('programNetwork').innerJoin('offers', 'offers.id', 'programNetwork.offerId').select(['offers.id', 'offers.facilityId', 'offers.procedureId']).where('programNetwork.programVersionId', '=', t.a.versionId).executeTakeFirstOrThrow()
  ownOfferId = own.id
  ownFacilityId = own.facilityId
  procedureId = own.procedureId
  const now = new Date().toISOString()
  const otherSystem = newId()
  await getDb().insertInto('organizations').values({ id: otherSystem, kind: 'health_system', name: 'Other Health', code: `OTHER-${otherSystem.slice(-6)}`, createdAt: now }).execute()
  otherFacilityId = newId()
  await getDb()
    .insertInto('facilities')
    .values({
      ...facilitySearchKeys({ name: 'Other Hospital', city: 'Akron' }),
      id: otherFacilityId, ccn: null, name: 'Other Hospital', address: '2 St', city: 'Akron', state: 'OH', zip: '44308', county: null, phone: null, latitude: 41.08, longitude: -81.5,
      coordinateSource: 'zip_centroid', facilityType: 'Acute Care Hospitals', ownership: null, hasEmergencyServices: 1, starRating: 3, healthSystemId: otherSystem, createdAt: now, updatedAt: now,
    })
    .execute()
  otherOfferId = newId()
  await getDb()
    .insertInto('offers')
    .values({
      id: otherOfferId, facilityId: otherFacilityId, procedureId, priceCents: 3_100_000, includesFacility: 1, includesSurgeon: 1, includesAnesthesia: 1, includesImplant: 1, includesFollowUp: 1,
      warrantyDays: 90, followUpVisits: 2, annualVolume: null, accreditation: null, appointmentWithinDays: null, validFrom: '2026-01-01', validTo: null, status: 'active', createdAt: now, updatedAt: now,
    })
    .execute()
})

const offer = (id: string) => getDb().selectFrom('offers').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

describe('a health system edits its own offers', () => {
  it('saves an edit of its offer', async () => {
    // The offer is in employer A's published program: the new price is confirmed as for new contracts only (issue 22).
    const result = await statusOf(editOffer.action, postRequest(`/center/offers/${ownOfferId}`, form({ includesImplant: '', confirmPriceChange: 'on' }), { cookie }), { offerId: ownOfferId })
    expect(result).toMatchObject({ status: 302, location: '/center' })
    expect(await offer(ownOfferId)).toMatchObject({ priceCents: 2_975_000, includesImplant: 0, includesFollowUp: 0, warrantyDays: 120, annualVolume: 520, validTo: '2027-06-30' })
  })

  it("gets 404 for another health system's offer, which stays unchanged", async () => {
    const before = await offer(otherOfferId)
    expect((await statusOf(editOffer.loader, getRequest(`/center/offers/${otherOfferId}`, cookie), { offerId: otherOfferId })).status).toBe(404)
    expect((await statusOf(editOffer.action, postRequest(`/center/offers/${otherOfferId}`, form(), { cookie }), { offerId: otherOfferId })).status).toBe(404)
    expect(await offer(otherOfferId)).toEqual(before)
  })

  it('cannot create an offer for a facility it does not own', async () => {
    const result = await statusOf(newOffer.action, postRequest('/center/offers/new', form({ facilityId: otherFacilityId, validFrom: '2026-03-01' }), { cookie }))
    expect(result.status).toBe(422)
    expect(result.body).toMatchObject({ error: { facilityId: ['Choose one of your facilities'] } })
  })

  it('gets field errors for bad values and a clashing start date, and nothing changes', async () => {
    const before = await offer(ownOfferId)
    const bad = await statusOf(editOffer.action, postRequest(`/center/offers/${ownOfferId}`, form({ priceCents: '0', warrantyDays: '-3', validTo: '2025-01-01', status: 'gone' }), { cookie }), { offerId: ownOfferId })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({
      error: {
        priceCents: ['The bundled price must be above $0'],
        warrantyDays: ['The warranty cannot be negative'],
        status: ['Choose active or withdrawn'],
      },
    })
    const clash = await statusOf(newOffer.action, postRequest('/center/offers/new', form(), { cookie }))
    expect(clash.status).toBe(422)
    expect(clash.body).toMatchObject({ error: { validFrom: ['This facility already has an offer for this procedure starting that day'] } })
    expect(await offer(ownOfferId)).toEqual(before)
  })

  it('sees demand for its procedures: searches and requests at its facilities, counts only', async () => {
    const now = new Date().toISOString()
    const old = new Date(Date.now() - 200 * 86_400_000).toISOString()
    await getDb()
      .insertInto('searchEvents')
      .values([now, now, old].map((occurredAt) => ({ id: newId(), occurredAt, userId: null, employerId: t.a.employerId, procedureId, zip3: '432', radiusMiles: 100, resultCount: 3 })))
      .execute()
    await getDb()
      .insertInto('cases')
      .values({
        id: newId(), employerId: t.a.employerId, rosterMemberId: t.a.rosterMemberId, programVersionId: t.a.versionId, procedureId, offerId: ownOfferId, facilityId: ownFacilityId,
        status: 'requested', statusReason: null, preferredStart: null, preferredEnd: null, scheduledDate: null, procedureDate: null, hasCompanion: 0, contactPreference: 'email',
        memberNote: null, bundlePriceCents: 2_800_000, memberCostCents: 0, travelEstimateCents: 0, travelActualCents: null, hadComplication: null, wasReadmitted: null,
        satisfaction: null, requestedAt: now, completedAt: null, updatedAt: now,
      })
      .execute()
    const home = await statusOf(centerHome.loader, getRequest('/center', cookie))
    expect((home.body as { demand: unknown[] }).demand).toEqual([{ code: expect.stringMatching(/^TKA-/), name: 'Total knee replacement', searches: 2, requests: 1 }])
    expect(JSON.stringify(home.body)).not.toContain('Ada')
  })

  it('is only for health systems', async () => {
    expect((await statusOf(newOffer.loader, getRequest('/center/offers/new', await cookieFor(t.users.adminA)))).status).toBe(403)
  })
})
