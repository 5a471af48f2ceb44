/** How the member may order results (DESIGN §4 "Search ranking"). */
export const SORT_KEYS = ['cost', 'quality', 'distance'] as const
export type SortKey = (typeof SORT_KEYS)[number]

/** What ranking needs of one in-network result. */
export interface RankableResult {
  /** Stable tie-breaker (offer id). */
  id: string
  memberCostCents: number
  /** 0–100 from `qualityScore`, null when nothing is known (ranks after every known score). */
  qualityScore: number | null
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

const byCost = (a: RankableResult, b: RankableResult) => a.memberCostCents - b.memberCostCents
const byQuality = (a: RankableResult, b: RankableResult) => (b.qualityScore ?? -1) - (a.qualityScore ?? -1)
const byDistance = (a: RankableResult, b: RankableResult) => a.distanceMiles - b.distanceMiles
const byId = (a: RankableResult, b: RankableResult) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

const ORDER: Record<SortKey, Array<(a: RankableResult, b: RankableResult) => number>> = {
  // The default: what the member pays, then quality, then distance.
  cost: [byCost, byQuality, byDistance, byId],
  quality: [byQuality, byCost, byDistance, byId],
  distance: [byDistance, byCost, byQuality, byId],
}

/**
 * The member's search results (DESIGN §4): in-network results within the radius and at or above
 * the minimum star rating, ordered by the chosen key with the others breaking ties, then by id so
 * equal results always come out in the same order.
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
