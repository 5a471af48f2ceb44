import type { Kysely } from 'kysely'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import {
  findMemberWithPlan,
  findOfferProcedureId,
  insertSearchEvent,
  listFacilitiesInBox,
  listFacilityMarketPrices,
  listMeasuresOfFacilities,
  listNetworkOffersForProcedure,
} from '~/db/repositories/care.server'
import { findCareNetworkStamp } from '~/db/repositories/cache-stamps.server'
import { listAreaMarketPrices } from '~/db/repositories/market-prices.server'
import { findPublishedVersionInForce, findVersionRules, listVersionProcedures } from '~/db/repositories/programs.server'
import type { Database } from '~/db/schema'
import { coeMemberCost, memberPlanFromTerms, outsideMemberCost, type MemberPlan } from '~/domain/benefits/member-cost'
import { toIsoDate } from '~/domain/dates'
import { boundingBox, distanceMiles, type Point } from '~/domain/geo/distance'
import { hasHipKneeMeasures } from '~/domain/cms/measured-procedures'
import { rateQuality, type NationalComparison } from '~/domain/quality'
import { rankResults, type SortKey } from '~/domain/search/ranking'
import { estimateTravel } from '~/domain/travel/travel-estimate'
import type { Actor, EmployerScope } from '~/domain/tenancy'
import { zipPlace } from '~/integrations/zip-geocoding.server'
import { cachedUnderStamp } from './care-network-cache.server'
import { benefitOf, irsMinimumDeductibles, localPrices, outsideRuleOf, travelRulesOf } from './plan-terms.server'

export interface FindCareQuery {
  procedure: string | null
  zip: string | null
  radiusMiles: number
  sort: SortKey
  minStars: number | null
  /** false: only the first FIRST_RESULTS results as cards, the rest as map pins; absent or true: every card. */
  more?: boolean
}

/** Result cards on a search page before "Show more" (issue 24: each card is most of a page's server time). */
export const FIRST_RESULTS = 10

/** How many out-of-network hospitals near the member are shown for comparison. */
const OUT_OF_NETWORK_SHOWN = 5
const OUT_OF_NETWORK_RADIUS_MILES = 60

type Measures = Awaited<ReturnType<typeof listMeasuresOfFacilities>>

function measuresByFacility(rows: Measures) {
  const map = new Map<string, Measures>()
  for (const row of rows) map.set(row.facilityId, [...(map.get(row.facilityId) ?? []), row])
  return map
}

function comparisonOf(measures: Measures, code: string): NationalComparison {
  return (measures.find((m) => m.measureCode === code)?.comparison ?? 'not_available') as NationalComparison
}

/**
 * The member's context for pricing care: their roster row and plan (with what they already paid
 * this year), the programs in force and the procedures they cover. Null when the account is not
 * bound to a roster row.
 */
async function memberContext(db: Kysely<Database>, actor: Actor, now: Date) {
  if (!actor.rosterMemberId) return null
  const scope = { employerId: actor.organizationId }
  const member = await findMemberWithPlan(db, scope, actor.rosterMemberId)
  if (!member) return null
  const today = toIsoDate(now)
  const isCovered = member.coverageStart <= today && (member.coverageEnd === null || member.coverageEnd >= today)
  // The same for every member of the employer on the day: kept under the care-network stamp (ADR 0031).
  const stamp = await findCareNetworkStamp(db)
  const covered = isCovered ? (await cachedUnderStamp('coverage', stamp, `programs ${scope.employerId} ${today}`, async () => ({ covered: await coveredProcedures(db, scope, today) }))).covered : []
  const year = now.getUTCFullYear()
  const irs = await cachedUnderStamp('coverage', stamp, `irs ${year}`, () => irsMinimumDeductibles(db, year))
  const plan: MemberPlan | null =
    member.planId === null
      ? null
      : memberPlanFromTerms(
          {
            deductibleIndividualCents: member.deductibleIndividualCents!, deductibleFamilyCents: member.deductibleFamilyCents!,
            coinsuranceRate: member.coinsuranceRate!, oopMaxIndividualCents: member.oopMaxIndividualCents!, oopMaxFamilyCents: member.oopMaxFamilyCents!,
            isHsaQualified: member.isHsaQualified === 1,
          },
          member.coverageTier === 'employee' ? 'individual' : 'family',
          irs,
          { deductibleMetCents: member.deductibleMetCents, oopPaidCents: member.oopPaidCents },
        )
  return { scope, member, isCovered, covered, plan, stamp }
}

/** The procedures the employer's published programs in force on a day cover, each with the version that covers it. */
async function coveredProcedures(db: Kysely<Database>, scope: EmployerScope, today: string) {
  const covered: Array<{ versionId: string; programName: string; procedure: Awaited<ReturnType<typeof listVersionProcedures>>[number] }> = []
  for (const version of await findPublishedVersionInForce(db, scope, today)) {
    for (const procedure of await listVersionProcedures(db, version.id)) {
      // The newest published version in force wins for a procedure several programs cover.
      if (!covered.some((c) => c.procedure.id === procedure.id)) covered.push({ versionId: version.id, programName: version.name, procedure })
    }
  }
  return covered
}

/**
 * Prices every in-network center of the member's program for one procedure from a home point:
 * distance, what the member pays (their own plan, what they already paid), travel (the procedure's
 * nights away unless the program sets its own), the quality facts and their tier (DESIGN §4; the
 * hip/knee measures count only for hip and knee replacement); and the same procedure at a typical
 * local facility.
 */
async function priceNetwork(db: Kysely<Database>, context: NonNullable<Awaited<ReturnType<typeof memberContext>>>, procedureCode: string, home: Point & { state: string }) {
  const entry = context.covered.find((c) => c.procedure.code === procedureCode)
  if (!entry || !context.plan) return null
  const stamp = context.stamp
  const { offers, rules, areaPrices } = await networkFacts(db, stamp, entry.versionId, entry.procedure)
  if (!rules) return null
  const outsidePrice = areaPrices.forState(home.state)[procedureCode] ?? null
  const outsideRule = outsideRuleOf(rules)
  const outsideOnPlan = outsidePrice === null ? null : outsideMemberCost(outsidePrice, context.plan, outsideRule)
  const benefit = benefitOf(rules)
  const travelRules = travelRulesOf(rules)
  const results = offers.map(({ offer, facts, quality }) => {
    const miles = distanceMiles(home, { latitude: offer.latitude!, longitude: offer.longitude! })
    const cost = coeMemberCost(offer.bundlePriceCents, context.plan!, benefit)
    return {
      ...offer,
      id: offer.offerId,
      distanceMiles: miles,
      memberCostCents: cost.memberPaysCents,
      cost,
      travel: estimateTravel(miles, travelRules, entry.procedure.nightsAway),
      measures: facts,
      quality,
      qualityTier: quality.tier,
      qualityScore: quality.score,
    }
  })
  return { stamp, entry, rules, outsidePrice, outsideOnPlan, outsideRule, results }
}

/**
 * The network of a program version for one procedure, its rules, its typical local prices, and
 * each placed hospital's CMS measures and quality rating: the same for every member, so kept per
 * care-network stamp (ADR 0031). Only distance, cost and travel are the member's, per search.
 */
function networkFacts(db: Kysely<Database>, stamp: string | null, versionId: string, procedure: { id: string; code: string }) {
  return cachedUnderStamp('network', stamp, `${versionId} ${procedure.id}`, async () => {
    const [listed, rules, prices] = await Promise.all([
      listNetworkOffersForProcedure(db, [versionId], procedure.id),
      findVersionRules(db, versionId),
      listAreaMarketPrices(db, [procedure.id]),
    ])
    const measures = measuresByFacility(await listMeasuresOfFacilities(db, [...new Set(listed.map((o) => o.facilityId))]))
    // The CMS hip/knee measures describe hip and knee replacement only.
    const hipKneeMeasured = hasHipKneeMeasures(procedure.code)
    const offers = listed
      .filter((offer) => offer.latitude !== null && offer.longitude !== null)
      .map((offer) => {
        const facts = measures.get(offer.facilityId) ?? []
        const hrrp = facts.find((m) => m.measureCode === 'READM_30_HIP_KNEE_HRRP')?.value ?? null
        const quality = rateQuality(
          {
            starRating: offer.starRating,
            complication: comparisonOf(facts, 'COMP_HIP_KNEE'),
            readmission: comparisonOf(facts, 'READM_30_HIP_KNEE'),
            excessReadmissionRatio: hrrp,
            annualVolume: offer.annualVolume,
          },
          hipKneeMeasured,
        )
        return { offer, facts, quality }
      })
    return { offers, rules, areaPrices: localPrices(prices, [procedure]) }
  })
}

/**
 * Find care (DESIGN §4, §5): the covered centers for a procedure around a ZIP, ranked and
 * filtered, each priced for this member, and a few nearby hospitals outside the network for
 * comparison. Records an anonymous search event (ZIP3, radius, count) for health systems' demand.
 */
export async function findCare(actor: Actor, query: FindCareQuery, now = new Date()) {
  const db = getDb()
  const context = await memberContext(db, actor, now)
  if (!context) return { status: 'not-linked' as const }
  const procedures = context.covered.map((c) => ({ code: c.procedure.code, name: c.procedure.name, programName: c.programName }))
  if (!context.isCovered) return { status: 'not-covered' as const, memberZip: context.member.zip, procedures }
  if (procedures.length === 0) return { status: 'no-program' as const, memberZip: context.member.zip, procedures }
  const procedureCode = procedures.some((p) => p.code === query.procedure) ? query.procedure! : procedures[0]!.code
  const zip = query.zip ?? context.member.zip
  const place = zipPlace(zip)
  const base = { memberZip: context.member.zip, procedures, procedureCode, zip, hasPlan: context.plan !== null }
  if (!place) return { status: 'unknown-zip' as const, ...base }
  const priced = await priceNetwork(db, context, procedureCode, place)
  if (!priced) return { status: 'no-plan' as const, ...base }
  const ranked = rankResults(priced.results, { sort: query.sort, radiusMiles: query.radiusMiles, minStars: query.minStars })
  const shown = query.more === false ? ranked.slice(0, FIRST_RESULTS) : ranked
  const nearby = await nearbyOutOfNetwork(db, priced, { ...place, zip }, context.plan!)
  await insertSearchEvent(db, {
    id: newId(), occurredAt: now.toISOString(), userId: actor.userId, employerId: context.scope.employerId, procedureId: priced.entry.procedure.id,
    zip3: zip.slice(0, 3), radiusMiles: query.radiusMiles, resultCount: ranked.length,
  })
  return {
    status: 'ok' as const,
    ...base,
    home: { latitude: place.latitude, longitude: place.longitude, state: place.state },
    procedure: priced.entry.procedure,
    programName: priced.entry.programName,
    completionIncentiveCents: priced.rules.completionIncentiveCents,
    outsidePrice: priced.outsidePrice,
    outsideOnPlan: priced.outsideOnPlan,
    outsideRule: priced.outsideRule,
    totalInNetwork: priced.results.length,
    /** Every result that matches, shown as a card or not. */
    resultCount: ranked.length,
    results: shown.map(resultCard),
    /** The results after the first cards, as the map shows them (a pin, its popup, its link). */
    moreOnMap: ranked.slice(shown.length).map((r) => ({
      offerId: r.offerId, facilityName: r.facilityName, latitude: r.latitude, longitude: r.longitude,
      memberPaysCents: r.cost.memberPaysCents, starRating: r.starRating, distanceMiles: r.distanceMiles,
    })),
    nearby: nearby.map(({ id, name, city, state, latitude, longitude, starRating, distanceMiles, memberCost }) => ({
      id, name, city, state, latitude, longitude, starRating, distanceMiles, memberCost,
    })),
  }
}

type PricedResult = NonNullable<Awaited<ReturnType<typeof priceNetwork>>>['results'][number]

/**
 * What a result card shows, and no more: the page's data is serialised into every response
 * (issue 9: the full quality rows and offer fields were half of it). The center page has the rest.
 */
function resultCard(r: PricedResult) {
  return {
    offerId: r.offerId, facilityName: r.facilityName, city: r.city, state: r.state, latitude: r.latitude, longitude: r.longitude,
    distanceMiles: r.distanceMiles, starRating: r.starRating, annualVolume: r.annualVolume, isDemo: r.isDemo, cost: r.cost, travel: r.travel, quality: r.quality,
    measures: r.measures.map(({ measureCode, comparison }) => ({ measureCode, comparison })),
    includesFacility: r.includesFacility, includesSurgeon: r.includesSurgeon, includesAnesthesia: r.includesAnesthesia,
    includesImplant: r.includesImplant, includesFollowUp: r.includesFollowUp, followUpVisits: r.followUpVisits, warrantyDays: r.warrantyDays,
  }
}

/** The nearest hospitals outside the network, with what the member would pay there under the outside rule. */
async function nearbyOutOfNetwork(
  db: Kysely<Database>,
  priced: NonNullable<Awaited<ReturnType<typeof priceNetwork>>>,
  home: Point & { zip: string },
  plan: MemberPlan,
) {
  // The same hospitals and prices for every member searching from this ZIP in this network (ADR 0031).
  const { candidates, prices } = await cachedUnderStamp('nearby', priced.stamp, `${priced.entry.versionId} ${priced.entry.procedure.id} ${home.zip}`, async () => {
    const inNetwork = new Set(priced.results.map((r) => r.facilityId))
    const candidates = (await listFacilitiesInBox(db, boundingBox(home, OUT_OF_NETWORK_RADIUS_MILES), 400))
      .filter((f) => !inNetwork.has(f.id) && f.latitude !== null && f.longitude !== null)
      .map((f) => ({ ...f, distanceMiles: distanceMiles(home, { latitude: f.latitude!, longitude: f.longitude! }) }))
      .filter((f) => f.distanceMiles <= OUT_OF_NETWORK_RADIUS_MILES)
      .sort((a, b) => a.distanceMiles - b.distanceMiles || (a.id < b.id ? -1 : 1))
      .slice(0, OUT_OF_NETWORK_SHOWN)
    const prices = new Map((await listFacilityMarketPrices(db, priced.entry.procedure.id, candidates.map((c) => c.id))).map((p) => [p.facilityId, p.priceCents]))
    return { candidates, prices }
  })
  return candidates.map((f) => {
    const price = prices.get(f.id) ?? priced.outsidePrice
    return { ...f, priceCents: price, memberCost: price === null ? null : outsideMemberCost(price, plan, priced.outsideRule) }
  })
}

/** One in-network center for the member: the full cost and travel breakdown and its facts. */
export async function getCareOption(actor: Actor, offerId: string, zipInput: string | null, now = new Date()) {
  const db = getDb()
  const context = await memberContext(db, actor, now)
  if (!context || !context.isCovered) return null
  const zip = zipInput && zipPlace(zipInput) ? zipInput : context.member.zip
  const place = zipPlace(zip)
  if (!place) return null
  // Price the one procedure the offer is for, not every procedure the program covers.
  const procedureId = await findOfferProcedureId(db, offerId)
  const entry = context.covered.find((c) => c.procedure.id === procedureId)
  if (entry) {
    const priced = await priceNetwork(db, context, entry.procedure.code, place)
    const result = priced?.results.find((r) => r.offerId === offerId)
    if (priced && result) {
      return {
        member: context.member,
        zip,
        isHomeZip: zip === context.member.zip,
        procedure: priced.entry.procedure,
        programName: priced.entry.programName,
        versionId: priced.entry.versionId,
        rules: priced.rules,
        result,
        outsidePrice: priced.outsidePrice,
        outsideOnPlan: priced.outsideOnPlan,
        completionIncentiveCents: priced.rules.completionIncentiveCents,
      }
    }
  }
  return null
}
