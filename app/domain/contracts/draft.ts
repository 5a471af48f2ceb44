import { addDays } from '~/domain/dates'
import { ContractTermsSchema, type BundleInclusion, type ContractTerms } from './terms'

/*
 * The first draft of a contract made from a program's network (issue 21, ADR 0016 §4): bundle
 * rates copied from the offers, benchmarks from the typical local prices for the purchaser's
 * members, the network's facilities, and defaults the two sides then negotiate. Pure.
 */

/** One offer of the health system in the program's network. */
export interface NetworkOffer {
  offerId: string
  facilityId: string
  procedureCode: string
  bundleCents: number
  includes: readonly BundleInclusion[]
  warrantyDays: number
  appointmentWithinDays: number | null
}

/** Members living where a procedure's typical local price is `priceCents` (undefined: no price known there). */
export interface MemberPriceGroup {
  members: number
  priceCents: number | undefined
}

/**
 * The typical local price for a purchaser's members: the member-weighted mean of the prices where
 * they live, rounded half up to the cent; members without a known price are left out. Undefined
 * when no member has one (no roster, or no prices).
 */
export function memberWeightedPriceCents(groups: readonly MemberPriceGroup[]): number | undefined {
  let members = 0
  let total = 0
  for (const group of groups) {
    if (group.priceCents === undefined || group.members <= 0) continue
    members += group.members
    total += group.members * group.priceCents
  }
  return members === 0 ? undefined : Math.round(total / members)
}

/** The first day of the month after `today` (YYYY-MM-DD): a contract period starts on a month boundary. */
export function nextMonthStart(today: string): string {
  const [year, month] = today.split('-').map(Number) as [number, number]
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`
}

/**
 * The draft terms: per procedure the lowest bundle rate among the offers (its offer kept as the
 * source), the benchmark given per procedure (typical local price) or, when none is known, the
 * bundle rate marked negotiated for the two sides to settle; the shortest warranty of the offers
 * (at least 90 days is the norm of the offers; never above 365), the longest appointment wait as
 * the access guarantee (1–90 days, 14 when none is stated); a one-year period from the next month.
 */
export function draftContractTerms(input: {
  offers: readonly NetworkOffer[]
  benchmarkCents: Readonly<Record<string, number | undefined>>
  today: string
}): ContractTerms {
  const byProcedure = new Map<string, NetworkOffer>()
  for (const offer of [...input.offers].sort((a, b) => a.bundleCents - b.bundleCents || (a.offerId < b.offerId ? -1 : 1))) {
    if (!byProcedure.has(offer.procedureCode)) byProcedure.set(offer.procedureCode, offer)
  }
  const codes = [...byProcedure.keys()].sort()
  const periodStart = nextMonthStart(input.today)
  const periodEnd = addDays(`${Number(periodStart.slice(0, 4)) + 1}${periodStart.slice(4)}`, -1)
  const warrantyDays = Math.min(365, ...input.offers.map((offer) => offer.warrantyDays))
  const waits = input.offers.map((offer) => offer.appointmentWithinDays).filter((days): days is number => days !== null)
  const accessGuaranteeDays = waits.length === 0 ? 14 : Math.min(90, Math.max(1, ...waits))
  return ContractTermsSchema.parse({
    bundleRates: codes.map((code) => {
      const offer = byProcedure.get(code)!
      return { procedureCode: code, bundleCents: offer.bundleCents, includes: offer.includes.length > 0 ? [...offer.includes] : ['facility'], sourceOfferId: offer.offerId }
    }),
    warranty: { windowDays: Number.isFinite(warrantyDays) ? warrantyDays : 90, covers: ['complications', 'readmissions'] },
    benchmarks: codes.map((code) => {
      const typical = input.benchmarkCents[code]
      return typical === undefined
        ? { procedureCode: code, source: 'negotiated', benchmarkCents: byProcedure.get(code)!.bundleCents }
        : { procedureCode: code, source: 'typical_local_price', benchmarkCents: typical }
    }),
    attribution: { model: 'prospective', periodStart, periodEnd },
    qualityGoals: [
      { measure: 'complication_rate_90d', direction: 'lower_is_better', target: 0.05, weight: 0.5 },
      { measure: 'readmission_rate_30d', direction: 'lower_is_better', target: 0.05, weight: 0.5 },
    ],
    qualityGate: 0.5,
    riskSharing: { model: 'one_sided', sharingRate: 0.5, downsideRate: null, stopGainShare: 0.1, stopLossShare: null, outlierCap: 3, minimumEpisodes: 10 },
    accessGuaranteeDays,
    networkFacilityIds: [...new Set(input.offers.map((offer) => offer.facilityId))].sort(),
    dataSharing: { cadence: 'quarterly', fields: ['member_pseudonym', 'procedure_code', 'facility_id', 'procedure_date', 'complication_90d', 'readmission_30d'] },
    responsibilities: { care_management: 'platform', case_management: 'platform', travel_booking: 'platform', discharge_follow_up: 'center', outcome_reporting: 'center' },
    reporting: { cadence: 'quarterly', reviewDates: [addDays(periodStart, 181), addDays(periodEnd, -14)] },
    recalibrationDate: addDays(periodEnd, -30),
  })
}
