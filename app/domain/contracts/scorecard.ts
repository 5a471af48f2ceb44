import { hasHipKneeMeasures } from '~/domain/cms/measured-procedures'
import { medianCents } from '~/domain/pricing/market-price'
import { QUALITY_TIERS, rateQuality, type NationalComparison, type QualityTier } from '~/domain/quality'

/*
 * A health system's value scorecard (issue 21, DESIGN §11, seed 000: "demonstrate value, better
 * than the market"): per procedure its bundle prices across its facilities against the typical
 * local price, its CMS quality against the nation, volume, access and warranty; and, when the
 * health system allows it, its reconciled contract results summed over every purchaser, naming
 * none. Pure: the service loads the facts and says which typical price they are compared with.
 */

/** One current offer of the health system. */
export interface ScorecardOffer {
  facilityId: string
  procedureCode: string
  procedureName: string
  priceCents: number
  annualVolume: number | null
  appointmentWithinDays: number | null
  warrantyDays: number
  isDemo: boolean
}

/** One facility of the health system with its CMS facts (hip/knee comparisons with the nation). */
export interface ScorecardFacility {
  facilityId: string
  name: string
  city: string
  state: string
  starRating: number | null
  complication: NationalComparison
  readmission: NationalComparison
  excessReadmissionRatio: number | null
}

/** The header of one stored reconciliation statement (the latest of its period); goals null when the statement does not list them. */
export interface ReconciledStatementFacts {
  episodeCount: number
  totalBenchmarkCents: number
  grossSavingsCents: number
  settlementCents: number
  goals: { met: number; total: number } | null
}

export type ComparisonCounts = Record<NationalComparison, number>

export interface ProcedureScore {
  code: string
  name: string
  facilityCount: number
  lowestBundleCents: number
  medianBundleCents: number
  highestBundleCents: number
  /** The typical price compared with (see the scorecard's basis); null when none is known. */
  typicalPriceCents: number | null
  /** typical − median bundle: positive when the bundle is below the market. */
  differenceCents: number | null
  /** differenceCents ÷ typical, a share (0.25: 25% below the typical price). */
  differenceRate: number | null
  /** Some of the prices are demo offers made up by the demo seed. */
  hasDemoOffers: boolean
  /** Σ annual volume over the facilities that state one. */
  annualVolume: number
  facilitiesStatingVolume: number
  fastestAccessDays: number | null
  slowestAccessDays: number | null
  shortestWarrantyDays: number
  longestWarrantyDays: number
  /** Mean CMS stars of the rated facilities, one decimal; null when none is rated. */
  averageStars: number | null
  ratedFacilities: number
  tiers: Record<QualityTier, number>
  /** Whether CMS's hip/knee complication and readmission measures describe this procedure. */
  hipKneeMeasured: boolean
  /** Facilities by CMS's verdict against the nation; null when the measures do not describe the procedure. */
  complication: ComparisonCounts | null
  readmission: ComparisonCounts | null
}

export interface FacilityScore {
  facilityId: string
  name: string
  city: string
  state: string
  starRating: number | null
  complication: NationalComparison
  readmission: NationalComparison
  offers: Array<{ procedureCode: string; priceCents: number; tier: QualityTier }>
}

export interface ReconciledResults {
  statements: number
  episodes: number
  totalBenchmarkCents: number
  grossSavingsCents: number
  /** Gross savings ÷ total benchmark; null when the benchmark is 0. */
  grossSavingsRate: number | null
  /** Σ settlements: positive paid by purchasers to the health system, negative paid back by it. */
  settlementCents: number
  /** Goals met over goals set, on the statements that list their goals; null when none does. */
  goalsMet: number | null
  goalsTotal: number | null
}

export interface Scorecard {
  procedures: ProcedureScore[]
  /** Facilities with current offers, by name; at most `facilityLimit` of them. */
  facilities: FacilityScore[]
  facilityCount: number
  /** Procedures with a typical price, and how many of them the median bundle is below it. */
  proceduresCompared: number
  proceduresBelowTypical: number
  /** 'hidden': the health system does not let them show; 'none': it does, and there is no statement yet. */
  reconciled: ReconciledResults | 'hidden' | 'none'
}

const zeroComparisons = (): ComparisonCounts => ({ better: 0, no_different: 0, worse: 0, not_available: 0 })

/**
 * The scorecard of one health system. Per procedure: the lowest, median and highest bundle price
 * of its facilities, compared with the typical price by the median (typical − median, and that as
 * a share of typical); Σ stated annual volume; the fastest and slowest first appointment; the
 * shortest and longest warranty; CMS stars and tiers (rateQuality, the hip/knee measures only for
 * TKA and THA) and, where they apply, how many facilities CMS finds better, no different or worse
 * than the nation. A facility with two current offers for a procedure counts once, at the lower
 * price. Reconciled results are summed over `statements` (null: the health system does not publish
 * them). Procedures by name; facilities by name, at most `facilityLimit`.
 */
export function assembleScorecard(input: {
  facilities: readonly ScorecardFacility[]
  offers: readonly ScorecardOffer[]
  typicalPriceCents: Readonly<Record<string, number | undefined>>
  statements: readonly ReconciledStatementFacts[] | null
  facilityLimit: number
}): Scorecard {
  const facilityById = new Map(input.facilities.map((facility) => [facility.facilityId, facility]))
  // One price per facility and procedure: the lowest, when a facility has two current offers.
  const cheapest = new Map<string, ScorecardOffer>()
  for (const offer of input.offers) {
    const key = `${offer.facilityId}|${offer.procedureCode}`
    const kept = cheapest.get(key)
    if (facilityById.has(offer.facilityId) && (!kept || offer.priceCents < kept.priceCents)) cheapest.set(key, offer)
  }
  const offers = [...cheapest.values()]
  const tierOf = (offer: ScorecardOffer) => {
    const facility = facilityById.get(offer.facilityId)!
    return rateQuality(
      {
        starRating: facility.starRating,
        complication: facility.complication,
        readmission: facility.readmission,
        excessReadmissionRatio: facility.excessReadmissionRatio,
        annualVolume: offer.annualVolume,
      },
      hasHipKneeMeasures(offer.procedureCode),
    ).tier
  }

  const byProcedure = new Map<string, ScorecardOffer[]>()
  for (const offer of offers) byProcedure.set(offer.procedureCode, [...(byProcedure.get(offer.procedureCode) ?? []), offer])
  const procedures = [...byProcedure.values()]
    .map((group): ProcedureScore => {
      const code = group[0]!.procedureCode
      const prices = group.map((offer) => offer.priceCents)
      const median = medianCents(prices)!
      const typical = input.typicalPriceCents[code] ?? null
      const difference = typical === null ? null : typical - median
      const hipKneeMeasured = hasHipKneeMeasures(code)
      const facilities = group.map((offer) => facilityById.get(offer.facilityId)!)
      const stars = facilities.flatMap((facility) => (facility.starRating === null ? [] : [facility.starRating]))
      const tiers = Object.fromEntries(QUALITY_TIERS.map((tier) => [tier, 0])) as Record<QualityTier, number>
      for (const offer of group) tiers[tierOf(offer)] += 1
      const count = (pick: (facility: ScorecardFacility) => NationalComparison) => {
        const counts = zeroComparisons()
        for (const facility of facilities) counts[pick(facility)] += 1
        return counts
      }
      const volumes = group.flatMap((offer) => (offer.annualVolume === null ? [] : [offer.annualVolume]))
      const waits = group.flatMap((offer) => (offer.appointmentWithinDays === null ? [] : [offer.appointmentWithinDays]))
      const warranties = group.map((offer) => offer.warrantyDays)
      return {
        code,
        name: group[0]!.procedureName,
        facilityCount: group.length,
        lowestBundleCents: Math.min(...prices),
        medianBundleCents: median,
        highestBundleCents: Math.max(...prices),
        typicalPriceCents: typical,
        differenceCents: difference,
        differenceRate: typical === null || difference === null || typical === 0 ? null : difference / typical,
        hasDemoOffers: group.some((offer) => offer.isDemo),
        annualVolume: volumes.reduce((sum, volume) => sum + volume, 0),
        facilitiesStatingVolume: volumes.length,
        fastestAccessDays: waits.length === 0 ? null : Math.min(...waits),
        slowestAccessDays: waits.length === 0 ? null : Math.max(...waits),
        shortestWarrantyDays: Math.min(...warranties),
        longestWarrantyDays: Math.max(...warranties),
        averageStars: stars.length === 0 ? null : Math.round((stars.reduce((sum, s) => sum + s, 0) / stars.length) * 10) / 10,
        ratedFacilities: stars.length,
        tiers,
        hipKneeMeasured,
        complication: hipKneeMeasured ? count((facility) => facility.complication) : null,
        readmission: hipKneeMeasured ? count((facility) => facility.readmission) : null,
      }
    })
    .sort((a, b) => a.name.localeCompare(b.name) || (a.code < b.code ? -1 : 1))

  const offersByFacility = new Map<string, ScorecardOffer[]>()
  for (const offer of offers) offersByFacility.set(offer.facilityId, [...(offersByFacility.get(offer.facilityId) ?? []), offer])
  const facilities = input.facilities
    .filter((facility) => offersByFacility.has(facility.facilityId))
    .sort((a, b) => a.name.localeCompare(b.name) || (a.facilityId < b.facilityId ? -1 : 1))
  const compared = procedures.filter((procedure) => procedure.differenceCents !== null)

  return {
    procedures,
    facilities: facilities.slice(0, input.facilityLimit).map((facility) => ({
      facilityId: facility.facilityId,
      name: facility.name,
      city: facility.city,
      state: facility.state,
      starRating: facility.starRating,
      complication: facility.complication,
      readmission: facility.readmission,
      offers: offersByFacility
        .get(facility.facilityId)!
        .map((offer) => ({ procedureCode: offer.procedureCode, priceCents: offer.priceCents, tier: tierOf(offer) }))
        .sort((a, b) => (a.procedureCode < b.procedureCode ? -1 : a.procedureCode > b.procedureCode ? 1 : a.priceCents - b.priceCents)),
    })),
    facilityCount: facilities.length,
    proceduresCompared: compared.length,
    proceduresBelowTypical: compared.filter((procedure) => procedure.differenceCents! > 0).length,
    reconciled: input.statements === null ? 'hidden' : input.statements.length === 0 ? 'none' : sumStatements(input.statements),
  }
}

/** Reconciled results summed over statements (every purchaser together; none is named). */
export function sumStatements(statements: readonly ReconciledStatementFacts[]): ReconciledResults {
  const total = (pick: (statement: ReconciledStatementFacts) => number) => statements.reduce((sum, statement) => sum + pick(statement), 0)
  const withGoals = statements.flatMap((statement) => (statement.goals === null ? [] : [statement.goals]))
  const totalBenchmarkCents = total((s) => s.totalBenchmarkCents)
  const grossSavingsCents = total((s) => s.grossSavingsCents)
  return {
    statements: statements.length,
    episodes: total((s) => s.episodeCount),
    totalBenchmarkCents,
    grossSavingsCents,
    grossSavingsRate: totalBenchmarkCents === 0 ? null : grossSavingsCents / totalBenchmarkCents,
    settlementCents: total((s) => s.settlementCents),
    goalsMet: withGoals.length === 0 ? null : withGoals.reduce((sum, goals) => sum + goals.met, 0),
    goalsTotal: withGoals.length === 0 ? null : withGoals.reduce((sum, goals) => sum + goals.total, 0),
  }
}
