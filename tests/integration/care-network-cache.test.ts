import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { findCareNetworkStamp } from '~/db/repositories/cache-stamps.server'
import { newId } from '~/db/ids'
import { facilitySearchKeys } from '~/domain/search/facility-text'
import * as findCare from '~/routes/member.care._index'
import { cookieFor, getRequest, statusOf } from './support'
import { addKneeProcedure, createTwoTenants, type TwoTenants } from './tenants'

/*
 * Issue 24, ADR 0031: each server keeps the priced network of a program version (offers, rules,
 * prices, CMS measures) and the hospitals outside it near a ZIP in memory, under the care-network
 * stamp. Every write to those facts, whoever makes it, sets a new stamp by database trigger, so the
 * next search sees it. A Columbus member (43215): one center in the network 0.5° north, one hospital
 * outside it 0.2° north with a facility market price.
 */
let t: TwoTenants
let member: string
let procedureId: string
let procedureName: string
let programName: string
let centerId: string
let offerId: string
let outsideId: string

interface Found {
  status: string
  completionIncentiveCents: number
  results: Array<{ offerId: string; cost: { memberPaysCents: number; bundlePriceCents?: number }; quality: { tier: string }; travel: { totalCents?: number } }>
  nearby: Array<{ id: string; memberCost: { memberPaysCents: number } | null }>
}
const searchPage = async () => {
  const page = await statusOf(findCare.loader, getRequest('/member/care?procedure=TKA&zip=43215&sort=distance&more=1', member))
  expect(page.status).toBe(200)
  return (page.body as { found: Found & { programName?: string; procedure?: { name: string }; procedures: Array<{ code: string; name: string }> } }).found
}
const search = async () => {
  const page = await statusOf(findCare.loader, getRequest('/member/care?procedure=TKA&zip=43215&sort=distance&more=1', member))
  expect(page.status).toBe(200)
  const found = (page.body as { found: Found }).found
  expect(found.status).toBe('ok')
  return found
}

async function addFacility(name: string, latitude: number) {
  const db = getDb()
  const id = newId()
  const now = new Date().toISOString()
  await db
    .insertInto('facilities')
    .values({
      id, ccn: null, name, address: '1 Test St', city: 'Columbus', state: 'OH', zip: '43215', county: null, ...facilitySearchKeys({ name, city: 'Columbus' }),
      phone: null, latitude, longitude: -83.0, coordinateSource: 'cms_location', facilityType: 'Acute Care Hospitals', ownership: null,
      hasEmergencyServices: 1, starRating: 4, healthSystemId: null, createdAt: now, updatedAt: now,
    })
    .execute()
  return id
}

beforeAll(async () => {
  const db = getDb()
  t = await createTwoTenants(db)
  member = await cookieFor(t.users.employeeA)
  const now = new Date().toISOString()
  procedureId = await addKneeProcedure(db, t.a.versionId, now)
  procedureName = (await db.selectFrom('procedures').select('name').where('id', '=', procedureId).executeTakeFirstOrThrow()).name
  programName = (await db.selectFrom('programs').select('name').where('id', '=', t.a.programId).executeTakeFirstOrThrow()).name
  centerId = await addFacility('Cached Center', 40.46)
  outsideId = await addFacility('Outside Hospital', 40.16)
  offerId = newId()
  await db
    .insertInto('offers')
    .values({
      id: offerId, facilityId: centerId, procedureId, priceCents: 2_800_000, includesFacility: 1, includesSurgeon: 1, includesAnesthesia: 1, includesImplant: 1,
      includesFollowUp: 1, warrantyDays: 90, followUpVisits: 2, annualVolume: 400, accreditation: null, appointmentWithinDays: 14, validFrom: '2026-01-01', validTo: null,
      status: 'active', createdAt: now, updatedAt: now,
    })
    .execute()
  await db.insertInto('programNetwork').values({ programVersionId: t.a.versionId, offerId, bundlePriceCents: 2_800_000 }).execute()
  await db
    .insertInto('marketPrices')
    .values({
      id: newId(), procedureId, scope: 'facility', scopeKey: outsideId, facilityId: outsideId, state: 'OH', priceCents: 5_000_000, medicareBaseCents: 1_500_000,
      costIndex: null, commercialMultiplier: 2, source: 'test', computedAt: now,
    })
    .execute()
})

describe('the care-network stamp', () => {
  it('is served from memory while the stamp stays: a write whose stamp is put back by hand is not seen, then is once the stamp moves', async () => {
    const db = getDb()
    const before = await search()
    expect(before.results.map((r) => r.offerId)).toEqual([offerId])
    const stamp = await findCareNetworkStamp(db)
    await db.updateTable('offers').set({ status: 'withdrawn' }).where('id', '=', offerId).execute()
    expect(await findCareNetworkStamp(db)).not.toBe(stamp)
    // Undo the trigger's work: the cache cannot know, and still answers the old network.
    await db.updateTable('cacheStamps').set({ stamp: stamp! }).where('name', '=', 'care-network').execute()
    expect((await search()).results.map((r) => r.offerId)).toEqual([offerId])
    await db.updateTable('cacheStamps').set({ stamp: 'moved-by-hand' }).where('name', '=', 'care-network').execute()
    expect((await search()).results).toEqual([])
    await db.updateTable('offers').set({ status: 'active' }).where('id', '=', offerId).execute()
    expect((await search()).results.map((r) => r.offerId)).toEqual([offerId])
  })

  it.each([
    ['an offer taken out of the network', async () => void (await getDb().deleteFrom('programNetwork').where('offerId', '=', offerId).execute())],
    ['a withdrawn offer', async () => void (await getDb().updateTable('offers').set({ status: 'withdrawn' }).where('id', '=', offerId).execute())],
    ['a facility CMS no longer lists', async () => void (await getDb().updateTable('facilities').set({ inactiveSince: '2026-12-01' }).where('id', '=', centerId).execute())],
    ['a new CMS measure', async () => void (await getDb().insertInto('qualityMeasures').values({
      id: newId(), facilityId: centerId, measureCode: 'COMP_HIP_KNEE', value: 9.9, comparison: 'worse', denominator: 300, periodStart: '2022-04-01', periodEnd: '2025-03-31',
      source: 'test', footnote: null, updatedAt: new Date().toISOString(),
    }).execute())],
    ['a market price outside the network', async () => void (await getDb().updateTable('marketPrices').set({ priceCents: 7_000_000 }).where('scopeKey', '=', outsideId).execute())],
    ['the completion incentive', async () => void (await getDb().updateTable('programBenefitRules').set({ completionIncentiveCents: 77_700 }).where('programVersionId', '=', t.a.versionId).execute())],
    ['the travel rules', async () => void (await getDb().updateTable('programTravelRules').set({ minDistanceMiles: 10 }).where('programVersionId', '=', t.a.versionId).execute())],
  ])('sees %s on the next search, with no cache cleared', async (_change, change) => {
    const db = getDb()
    const before = await search()
    const stamp = await findCareNetworkStamp(db)
    await change()
    expect(await findCareNetworkStamp(db)).not.toBe(stamp)
    const after = await search()
    expect(after).not.toEqual(before)
    // Put the facts back for the next case (a new stamp again).
    await restore()
    expect(await search()).toEqual(before)
  })
})

describe("the employer's programs in force, kept under the same stamp", () => {
  it.each([
    ['a version ended yesterday', async () => void (await getDb().updateTable('programVersions').set({ effectiveTo: '2026-01-01' }).where('id', '=', t.a.versionId).execute())],
    ['a version back to draft', async () => void (await getDb().updateTable('programVersions').set({ status: 'draft' }).where('id', '=', t.a.versionId).execute())],
    ['a procedure taken off the version', async () => void (await getDb().deleteFrom('programProcedures').where('programVersionId', '=', t.a.versionId).where('procedureId', '=', procedureId).execute())],
    ['a program renamed', async () => void (await getDb().updateTable('programs').set({ name: 'Renamed Program' }).where('id', '=', t.a.programId).execute())],
    ['a procedure renamed', async () => void (await getDb().updateTable('procedures').set({ name: 'Knee, renamed' }).where('id', '=', procedureId).execute())],
  ])('sees %s on the next search', async (_change, change) => {
    const db = getDb()
    const before = await searchPage()
    expect(before.status).toBe('ok')
    const stamp = await findCareNetworkStamp(db)
    await change()
    expect(await findCareNetworkStamp(db)).not.toBe(stamp)
    expect(await searchPage()).not.toEqual(before)
    await restoreCoverage()
    expect(await searchPage()).toEqual(before)
  })

  it('moves the stamp on a write to the price factors (the IRS minimum deductibles a member cost uses)', async () => {
    const db = getDb()
    const stamp = await findCareNetworkStamp(db)
    const key = `test_factor_${newId()}`
    await db.insertInto('priceFactors').values({ id: newId(), key, value: 1, unit: 'cents', source: 'test', updatedAt: new Date().toISOString(), updatedByUserId: null }).execute()
    const inserted = await findCareNetworkStamp(db)
    expect(inserted).not.toBe(stamp)
    await db.deleteFrom('priceFactors').where('key', '=', key).execute()
    expect(await findCareNetworkStamp(db)).not.toBe(inserted)
  })
})

async function restoreCoverage() {
  const db = getDb()
  await db.updateTable('programVersions').set({ effectiveTo: null, status: 'published' }).where('id', '=', t.a.versionId).execute()
  if (!(await db.selectFrom('programProcedures').select('procedureId').where('programVersionId', '=', t.a.versionId).where('procedureId', '=', procedureId).executeTakeFirst())) {
    await db.insertInto('programProcedures').values({ programVersionId: t.a.versionId, procedureId }).execute()
  }
  await db.updateTable('programs').set({ name: programName }).where('id', '=', t.a.programId).execute()
  await db.updateTable('procedures').set({ name: procedureName }).where('id', '=', procedureId).execute()
}

/** The fixture's facts as beforeAll made them. */
async function restore() {
  const db = getDb()
  if (!(await db.selectFrom('programNetwork').select('offerId').where('offerId', '=', offerId).executeTakeFirst())) {
    await db.insertInto('programNetwork').values({ programVersionId: t.a.versionId, offerId, bundlePriceCents: 2_800_000 }).execute()
  }
  await db.updateTable('offers').set({ status: 'active' }).where('id', '=', offerId).execute()
  await db.updateTable('facilities').set({ inactiveSince: null }).where('id', '=', centerId).execute()
  await db.deleteFrom('qualityMeasures').where('facilityId', '=', centerId).execute()
  await db.updateTable('marketPrices').set({ priceCents: 5_000_000 }).where('scopeKey', '=', outsideId).execute()
  await db.updateTable('programBenefitRules').set({ completionIncentiveCents: 50_000 }).where('programVersionId', '=', t.a.versionId).execute()
  await db.updateTable('programTravelRules').set({ minDistanceMiles: 50 }).where('programVersionId', '=', t.a.versionId).execute()
}
