import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import type { NationalComparison } from '~/domain/quality'
import { facilitySearchKeys } from '~/domain/search/facility-text'
import * as facilityPage from '~/routes/facilities.$facilityId'
import * as careOption from '~/routes/member.care.$offerId'
import * as findCare from '~/routes/member.care._index'
import { cookieFor, getRequest, statusOf } from './support'
import { addKneeProcedure, createTwoTenants, type TwoTenants } from './tenants'

/*
 * Issue 20, items 1 and 4, through the member's pages: a Columbus member (ZIP 43215) whose program
 * covers a knee replacement at three centers that all cost the member $0 (deductible and
 * coinsurance waived): a 5-star Columbus center, a Denver center 1,163 miles away with no CMS star
 * rating (its old renormalised score beat the Columbus one), and a Cleveland center with a star
 * rating and nothing else.
 */
let t: TwoTenants
let member: string
const offers: Record<'columbus' | 'denver' | 'cleveland', string> = { columbus: '', denver: '', cleveland: '' }
let columbusFacility = ''

interface Card {
  offerId: string
  facilityName: string
  distanceMiles: number
  quality: { tier: string; starRating: number | null; complication: string; readmission: string; hipKneeMeasured: boolean }
  travel: { isCovered: boolean; nights?: number; nightsSetBy?: string; lodgingCents?: number; mealsCents?: number; transportCents?: number; totalCents?: number; mode?: string }
}
const search = async (query: string) => {
  const page = await statusOf(findCare.loader, getRequest(`/member/care?procedure=TKA${query}`, member))
  expect(page.status).toBe(200)
  return (page.body as { found: { status: string; results: Card[] } }).found.results
}
const names = (cards: readonly Card[]) => cards.map((c) => c.facilityName)

beforeAll(async () => {
  const db = getDb()
  t = await createTwoTenants(db)
  member = await cookieFor(t.users.employeeA)
  const now = new Date().toISOString()
  const procedureId = await addKneeProcedure(db, t.a.versionId, now)
  const center = async (
    key: keyof typeof offers, name: string, city: string, state: string, zip: string, latitude: number, longitude: number, starRating: number | null,
    measures: Array<[string, number, NationalComparison]>,
  ) => {
    const facilityId = newId()
    await db
      .insertInto('facilities')
      .values({
        id: facilityId, ccn: null, name, address: '1 Test St', city, state, zip, county: null, ...facilitySearchKeys({ name, city }), phone: null, latitude, longitude,
        coordinateSource: 'cms_location', facilityType: 'Acute Care Hospitals', ownership: null, hasEmergencyServices: 1, starRating, healthSystemId: null, createdAt: now, updatedAt: now,
      })
      .execute()
    for (const [measureCode, value, comparison] of measures) {
      await db
        .insertInto('qualityMeasures')
        .values({ id: newId(), facilityId, measureCode, value, comparison, denominator: 300, periodStart: '2021-04-01', periodEnd: '2024-03-31', source: 'CMS test', footnote: null, updatedAt: now })
        .execute()
    }
    const offerId = newId()
    await db
      .insertInto('offers')
      .values({
        id: offerId, facilityId, procedureId, priceCents: 2_800_000, includesFacility: 1, includesSurgeon: 1, includesAnesthesia: 1, includesImplant: 1, includesFollowUp: 1,
        warrantyDays: 90, followUpVisits: 2, annualVolume: 400, accreditation: null, appointmentWithinDays: 14, validFrom: '2026-01-01', validTo: null, status: 'active',
        createdAt: now, updatedAt: now,
      })
      .execute()
    await db.insertInto('programNetwork').values({ programVersionId: t.a.versionId, offerId, bundlePriceCents: 2_800_000 }).execute()
    offers[key] = offerId
    return facilityId
  }
  // Columbus, 5 stars, complications and readmissions no different, fewer readmissions than expected: top.
  columbusFacility = await center('columbus', 'Columbus Test Hospital', 'Columbus', 'OH', '43210', 39.995, -83.017, 5, [
    ['COMP_HIP_KNEE', 2.4, 'no_different'], ['READM_30_HIP_KNEE', 4.1, 'no_different'], ['READM_30_HIP_KNEE_HRRP', 0.97, 'not_available'],
  ])
  // Denver, no star rating, both comparisons better: good at best (the missing stars count as 3).
  await center('denver', 'Denver Test Hospital', 'Denver', 'CO', '80204', 39.7392, -104.9903, null, [
    ['COMP_HIP_KNEE', 1.2, 'better'], ['READM_30_HIP_KNEE', 3.0, 'better'], ['READM_30_HIP_KNEE_HRRP', 0.9, 'not_available'],
  ])
  // Cleveland, 4 stars and no hip/knee measure: not enough data.
  await center('cleveland', 'Cleveland Test Hospital', 'Cleveland', 'OH', '44195', 41.5025, -81.6208, 4, [])
})

describe('find care ranks by best match: cost to the dollar, then quality tier, then distance', () => {
  it('puts the 5-star Columbus center first and the center without enough data last, all at $0', async () => {
    const cards = await search('')
    expect(names(cards)).toEqual(['Columbus Test Hospital', 'Denver Test Hospital', 'Cleveland Test Hospital'])
    expect(cards.map((c) => c.quality.tier)).toEqual(['top', 'good', 'not_enough_data'])
    expect(cards[0]!.quality).toMatchObject({ starRating: 5, complication: 'no_different', readmission: 'no_different', hipKneeMeasured: true })
    expect(Math.round(cards[1]!.distanceMiles)).toBeGreaterThan(1_100)
  })

  it('on quality, Denver without stars never ranks above the 5-star center', async () => {
    expect(names(await search('&sort=quality'))).toEqual(['Columbus Test Hospital', 'Denver Test Hospital', 'Cleveland Test Hospital'])
  })

  it('on distance, nearest first', async () => {
    expect(names(await search('&sort=distance'))).toEqual(['Columbus Test Hospital', 'Cleveland Test Hospital', 'Denver Test Hospital'])
  })

  it('a minimum of 4 stars leaves out the unrated Denver center', async () => {
    expect(names(await search('&stars=4'))).toEqual(['Columbus Test Hospital', 'Cleveland Test Hospital'])
  })
})

describe('travel counts the nights away from home (5 for a knee), or the program\'s own', () => {
  it('prices Denver with 5 nights: airfare $1,200, hotel 5 × $175 = $875, meals $60 × 6 × 2 = $720, $2,795 in all', async () => {
    const denver = (await search('')).find((c) => c.offerId === offers.denver)!
    expect(denver.travel).toMatchObject({ isCovered: true, mode: 'fly', nights: 5, nightsSetBy: 'procedure', transportCents: 120_000, lodgingCents: 87_500, mealsCents: 72_000, totalCents: 279_500 })
  })

  it('prices Cleveland, a drive, with the same 5 nights', async () => {
    const cleveland = (await search('')).find((c) => c.offerId === offers.cleveland)!
    expect(cleveland.travel).toMatchObject({ isCovered: true, mode: 'drive', nights: 5, lodgingCents: 87_500, mealsCents: 72_000 })
  })

  it("shows the center page with the nights, the hospital stay they include and the tier's facts", async () => {
    const page = await statusOf(careOption.loader, getRequest(`/member/care/${offers.denver}`, member), { offerId: offers.denver })
    const body = page.body as { procedure: { typicalNights: number; nightsAway: number }; result: Card }
    expect(body.procedure).toMatchObject({ typicalNights: 1, nightsAway: 5 })
    expect(body.result.travel).toMatchObject({ nights: 5, nightsSetBy: 'procedure' })
    expect(body.result.quality).toMatchObject({ tier: 'good', starRating: null, complication: 'better', readmission: 'better' })
  })

  it("uses the program's nights when its travel rule sets them (3 here): $1,200 + $525 + $480 = $2,205", async () => {
    await getDb().updateTable('programTravelRules').set({ lodgingNights: 3 }).where('programVersionId', '=', t.a.versionId).execute()
    const denver = (await search('')).find((c) => c.offerId === offers.denver)!
    expect(denver.travel).toMatchObject({ nights: 3, nightsSetBy: 'program', lodgingCents: 52_500, mealsCents: 48_000, totalCents: 220_500 })
    await getDb().updateTable('programTravelRules').set({ lodgingNights: null }).where('programVersionId', '=', t.a.versionId).execute()
  })
})

describe("the facility page's quality summary is the tier, not a score", () => {
  it('gives the Columbus hospital its tier and facts', async () => {
    const page = await statusOf(facilityPage.loader, getRequest(`/facilities/${columbusFacility}`, member), { facilityId: columbusFacility })
    const body = page.body as { quality: { tier: string; starRating: number }; qualityScore?: unknown }
    expect(body.quality).toMatchObject({ tier: 'top', starRating: 5 })
    expect(body.qualityScore).toBeUndefined()
  })
})
