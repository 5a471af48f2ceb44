import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { QUALITY_TIERS, qualityScore, qualityTier, type NationalComparison, type QualityFacts } from '~/domain/quality'
import { rankResults, SORT_KEYS, type RankableResult, type RankingOptions, type SortKey } from '~/domain/search/ranking'
import { cents, RUNS } from './arbitraries'

// DESIGN §4 "Search ranking" and "Quality score".

// Small value ranges on purpose: ties on cost, quality and distance are where ordering bugs hide.
const result: fc.Arbitrary<Omit<RankableResult, 'id'>> = fc.record({
  memberCostCents: fc.oneof(fc.constantFrom(0, 0, 25_000, 170_000), cents()),
  qualityTier: fc.constantFrom(...QUALITY_TIERS),
  qualityScore: fc.integer({ min: 0, max: 100 }),
  distanceMiles: fc.oneof(fc.constantFrom(0, 12.5, 50, 100), fc.double({ min: 0, max: 3_000, noNaN: true })),
  starRating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
})
/** Results with distinct ids (offer ids are unique), in a random order. */
const results = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 25 }).chain((ids) =>
  fc.tuple(...ids.map((id) => result.map((r) => ({ ...r, id })))).map((rows): RankableResult[] => rows),
)
const sort = fc.constantFrom(...SORT_KEYS)
const options: fc.Arbitrary<RankingOptions> = fc.record({
  sort,
  radiusMiles: fc.oneof(fc.constantFrom(25, 50, 100, 250), fc.double({ min: 0, max: 3_000, noNaN: true })),
  minStars: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
})

/** The DESIGN's order, written independently of the implementation: the key first, then the others, then id. */
function sortTuple(r: RankableResult, key: SortKey): Array<number | string> {
  const dollars = Math.round(r.memberCostCents / 100)
  const cost = r.memberCostCents
  const tier = QUALITY_TIERS.indexOf(r.qualityTier) // top first, not enough data last
  const score = -r.qualityScore // descending
  const distance = r.distanceMiles
  const keys =
    key === 'best' ? [dollars, tier, distance] : key === 'cost' ? [cost, tier, distance] : key === 'quality' ? [tier, score, cost, distance] : [distance, cost, tier]
  return [...keys, r.id]
}
function compareTuples(a: Array<number | string>, b: Array<number | string>): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1
    if (a[i]! > b[i]!) return 1
  }
  return 0
}
const ids = (rows: readonly RankableResult[]) => rows.map((r) => r.id)

describe('rankResults: properties', () => {
  it('with no radius or star filter the result is a permutation of the input', () => {
    fc.assert(
      fc.property(results, sort, (rows, key) => {
        const ranked = rankResults(rows, { sort: key, radiusMiles: Number.POSITIVE_INFINITY, minStars: null })
        expect(ranked).toHaveLength(rows.length)
        expect([...ids(ranked)].sort()).toEqual([...ids(rows)].sort())
        for (const r of ranked) expect(rows).toContain(r) // the same objects, untouched
      }),
      RUNS,
    )
  })

  it('keeps exactly the results within the radius and at or above the minimum stars (unrated left out when a minimum is set)', () => {
    fc.assert(
      fc.property(results, options, (rows, opts) => {
        const kept = rows.filter((r) => r.distanceMiles <= opts.radiusMiles && (opts.minStars === null || (r.starRating !== null && r.starRating >= opts.minStars)))
        expect([...ids(rankResults(rows, opts))].sort()).toEqual([...ids(kept)].sort())
      }),
      RUNS,
    )
  })

  it('respects the sort key, then the other keys, then the id (strictly increasing)', () => {
    fc.assert(
      fc.property(results, options, (rows, opts) => {
        const ranked = rankResults(rows, opts)
        for (let i = 1; i < ranked.length; i++) {
          expect(compareTuples(sortTuple(ranked[i - 1]!, opts.sort), sortTuple(ranked[i]!, opts.sort))).toBe(-1)
        }
      }),
      RUNS,
    )
  })

  it('is deterministic: the order of the input does not matter, and the input is not changed', () => {
    fc.assert(
      fc.property(results.chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length }))), options, ([rows, shuffled], opts) => {
        const before = ids(rows)
        expect(ids(rankResults(shuffled, opts))).toEqual(ids(rankResults(rows, opts)))
        expect(ids(rows)).toEqual(before)
      }),
      RUNS,
    )
  })

  it('a smaller radius keeps a subsequence of the larger radius ranking, in the same order', () => {
    fc.assert(
      fc.property(results, options, fc.double({ min: 0, max: 1, noNaN: true }), (rows, opts, shrink) => {
        const wide = ids(rankResults(rows, opts))
        const narrow = ids(rankResults(rows, { ...opts, radiusMiles: opts.radiusMiles * shrink }))
        expect(wide.filter((id) => narrow.includes(id))).toEqual(narrow)
      }),
      RUNS,
    )
  })
})

const comparison = fc.constantFrom<NationalComparison>('better', 'no_different', 'worse', 'not_available')
const facts: fc.Arbitrary<QualityFacts> = fc.record({
  starRating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  complication: comparison,
  readmission: comparison,
  excessReadmissionRatio: fc.option(fc.double({ min: 0.5, max: 1.6, noNaN: true }), { nil: null }),
  annualVolume: fc.option(fc.integer({ min: 0, max: 5_000 }), { nil: null }),
})
const CREDIT_ORDER: NationalComparison[] = ['worse', 'no_different', 'better']
const FACT_NAMES = ['starRating', 'complication', 'readmission', 'excessReadmissionRatio', 'annualVolume'] as const

/** The same facts with one known fact a step better (a missing fact stays missing). */
function improved(f: QualityFacts, which: (typeof FACT_NAMES)[number]): QualityFacts {
  const better: QualityFacts = { ...f }
  if (which === 'starRating' && f.starRating !== null) better.starRating = Math.min(5, f.starRating + 1)
  if (which === 'complication' && f.complication !== 'not_available') better.complication = CREDIT_ORDER[Math.min(2, CREDIT_ORDER.indexOf(f.complication) + 1)]!
  if (which === 'readmission' && f.readmission !== 'not_available') better.readmission = CREDIT_ORDER[Math.min(2, CREDIT_ORDER.indexOf(f.readmission) + 1)]!
  if (which === 'excessReadmissionRatio' && f.excessReadmissionRatio !== null) better.excessReadmissionRatio = f.excessReadmissionRatio - 0.05
  if (which === 'annualVolume' && f.annualVolume !== null) better.annualVolume = f.annualVolume + 50
  return better
}

describe('qualityScore: properties', () => {
  it('is a whole number 0–100', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const score = qualityScore(f)
        expect(Number.isInteger(score)).toBe(true)
        expect(score).toBeGreaterThanOrEqual(0)
        expect(score).toBeLessThanOrEqual(100)
      }),
      RUNS,
    )
  })

  it('a better fact never lowers the score (more stars, a better national comparison, a lower excess ratio, more volume)', () => {
    fc.assert(
      fc.property(facts, fc.constantFrom(...FACT_NAMES), (f, which) => {
        const better = improved(f, which)
        expect(qualityScore(better)).toBeGreaterThanOrEqual(qualityScore(f))
      }),
      RUNS,
    )
  })

  it('all-best facts score 100, all-worst facts score 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 5_000 }), fc.double({ min: 0.5, max: 0.8, noNaN: true }), (volume, ratio) => {
        expect(qualityScore({ starRating: 5, complication: 'better', readmission: 'better', excessReadmissionRatio: ratio, annualVolume: volume })).toBe(100)
        expect(qualityScore({ starRating: 1, complication: 'worse', readmission: 'worse', excessReadmissionRatio: ratio + 0.7, annualVolume: 0 })).toBe(0)
      }),
      RUNS,
    )
  })
})

const rank = (f: QualityFacts) => QUALITY_TIERS.indexOf(qualityTier(f)) // 0 = top

describe('qualityTier: properties (DESIGN §4: missing facts never help)', () => {
  it('fewer than two of {stars, complications, readmissions} known is always "not enough data", two or more never', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const known = [f.starRating !== null, f.complication !== 'not_available', f.readmission !== 'not_available'].filter(Boolean).length
        expect(qualityTier(f) === 'not_enough_data').toBe(known < 2)
      }),
      RUNS,
    )
  })

  it('a missing fact never rates better than the same fact at its best value', () => {
    fc.assert(
      fc.property(facts, fc.constantFrom(...FACT_NAMES), (f, which) => {
        const missing: QualityFacts = { ...f }
        const best: QualityFacts = { ...f }
        if (which === 'starRating') [missing.starRating, best.starRating] = [null, 5]
        if (which === 'complication') [missing.complication, best.complication] = ['not_available', 'better']
        if (which === 'readmission') [missing.readmission, best.readmission] = ['not_available', 'better']
        if (which === 'excessReadmissionRatio') [missing.excessReadmissionRatio, best.excessReadmissionRatio] = [null, 0.5]
        if (which === 'annualVolume') [missing.annualVolume, best.annualVolume] = [null, 5_000]
        expect(rank(missing)).toBeGreaterThanOrEqual(rank(best))
        expect(qualityScore(missing)).toBeLessThanOrEqual(qualityScore(best))
      }),
      RUNS,
    )
  })

  it('a better known fact never lowers the tier', () => {
    fc.assert(
      fc.property(facts, fc.constantFrom(...FACT_NAMES), (f, which) => {
        const better = improved(f, which)
        expect(rank(better)).toBeLessThanOrEqual(rank(f))
      }),
      RUNS,
    )
  })
})
