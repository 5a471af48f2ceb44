import { QUALITY_TIERS, type QualityTier } from '../quality'

/** How the member may order results (DESIGN §4 "Search ranking"); the first is the default. */
export const SORT_KEYS = ['best', 'cost', 'quality', 'distance'] as const
export type SortKey = (typeof SORT_KEYS)[number]
export const DEFAULT_SORT: SortKey = 'best'

/** What ranking needs of one in-network result. */
export interface RankableResult {
  /** Stable tie-breaker (offer id). */
  id: string
  memberCostCents: number
  /** From `qualityTier`: "not enough data" ranks after every rated result. */
  qualityTier: QualityTier
  /** From `qualityScore`: orders results inside a tier on the quality sort only. */
  qualityScore: number
  distanceMiles: number
  /** CMS overall stars 1–5, null when not rated. */
  starRating: number | null
}

export interface RankingOptions {
  sort: SortKey
  /** Results farther than this are left out. */
  radiusMiles: number
  /** When set, results below it, and unrated ones, are left out. */
  minStars: number | null
}

type Compare = (a: RankableResult, b: RankableResult) => number

/** Whole dollars, half up: $0.49 and $0 are the same to a member choosing where to go. */
const dollars = (cents: number) => Math.round(cents / 100)
const byDollars: Compare = (a, b) => dollars(a.memberCostCents) - dollars(b.memberCostCents)
const byCost: Compare = (a, b) => a.memberCostCents - b.memberCostCents
const byTier: Compare = (a, b) => QUALITY_TIERS.indexOf(a.qualityTier) - QUALITY_TIERS.indexOf(b.qualityTier)
const byScore: Compare = (a, b) => b.qualityScore - a.qualityScore
const byDistance: Compare = (a, b) => a.distanceMiles - b.distanceMiles
const byId: Compare = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * The order of each sort (DESIGN §4), every one ending on the id so equal results keep one order:
 *
 * - **best** (the default, "best match"): what the member pays to the dollar, then the quality
 *   tier (top, good, average, not enough data), then distance. Among centers that all cost $0 a
 *   top center 3 miles away comes before a good one 1,163 miles away, and a center without enough
 *   data comes last however near.
 * - **cost**: what the member pays to the cent, then tier, then distance.
 * - **quality**: tier, then the score inside the tier, then cost, then distance.
 * - **distance**: distance, then cost, then tier.
 */
const ORDER: Record<SortKey, readonly Compare[]> = {
  best: [byDollars, byTier, byDistance, byId],
  cost: [byCost, byTier, byDistance, byId],
  quality: [byTier, byScore, byCost, byDistance, byId],
  distance: [byDistance, byCost, byTier, byId],
}

/**
 * The member's search results (DESIGN §4): in-network results within the radius (inclusive) and
 * at or above the minimum star rating (unrated ones are left out when a minimum is set), in the
 * chosen order (see ORDER above). The input is not changed.
 */
export function rankResults<T extends RankableResult>(results: readonly T[], options: RankingOptions): T[] {
  const order = ORDER[options.sort]
  return results
    .filter((r) => r.distanceMiles <= options.radiusMiles)
    .filter((r) => options.minStars === null || (r.starRating !== null && r.starRating >= options.minStars))
    .sort((a, b) => {
      for (const compare of order) {
        const d = compare(a, b)
        if (d !== 0) return d
      }
      return 0
    })
}
