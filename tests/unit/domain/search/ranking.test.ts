import { describe, expect, it } from 'vitest'
import type { QualityTier } from '~/domain/quality'
import { rankResults, type RankableResult, type RankingOptions } from '~/domain/search/ranking'

/** One result: id, member cost (cents), quality tier, distance (mi), CMS stars (or null), score inside the tier. */
const r = (id: string, memberCostCents: number, qualityTier: QualityTier, distanceMiles: number, starRating: number | null = 4, qualityScore = 60): RankableResult => ({
  id, memberCostCents, qualityTier, qualityScore, distanceMiles, starRating,
})

// The default: best match, any distance, no star filter.
const DEFAULT: RankingOptions = { sort: 'best', radiusMiles: 3000, minStars: null }

describe('rankResults: the issue 20 case (a Columbus member, every center $0)', () => {
  // Denver: 1,163 mi, no CMS star rating, only one core fact → not enough data (its old hidden score was 87).
  // Columbus: 5-star center 4 mi away → top (old score 86). Cleveland: 4 stars, 126 mi → good.
  const denver = r('denver', 0, 'not_enough_data', 1_163, null, 87)
  const columbus = r('columbus', 0, 'top', 4, 5, 86)
  const cleveland = r('cleveland', 0, 'good', 126, 4, 70)

  it('best match: the 5-star Columbus center first, Denver last', () => {
    expect(rankResults([denver, cleveland, columbus], DEFAULT).map((x) => x.id)).toEqual(['columbus', 'cleveland', 'denver'])
  })

  it('quality: Denver does not rank above the 5-star center', () => {
    expect(rankResults([denver, cleveland, columbus], { ...DEFAULT, sort: 'quality' }).map((x) => x.id)).toEqual(['columbus', 'cleveland', 'denver'])
  })

  it('a Denver center that is "good" still comes after a "good" one nearer home among $0 costs', () => {
    const denverGood = r('denver', 0, 'good', 1_163, null, 90)
    expect(rankResults([denverGood, cleveland], DEFAULT).map((x) => x.id)).toEqual(['cleveland', 'denver'])
  })
})

describe('rankResults', () => {
  it.each<[string, RankableResult[], Partial<RankingOptions>, string[]]>([
    ['empty input: empty output', [], {}, []],
    // best: dollars ascending: b $0 < c $250 < a $900, whatever the tier or distance
    ['best: member cost ascending', [r('a', 90_000, 'top', 10), r('b', 0, 'average', 200), r('c', 25_000, 'good', 100)], {}, ['b', 'c', 'a']],
    // best compares whole dollars: $0.49 rounds to $0 like $0, so the tier decides (top a before good b)
    ['best: cost to the dollar ($0.49 = $0), then tier', [r('b', 0, 'good', 10), r('a', 49, 'top', 10)], {}, ['a', 'b']],
    // $0.50 rounds up to $1: now b ($0) is cheaper and comes first despite its tier
    ['best: $0.50 is $1, more than $0', [r('b', 0, 'good', 10), r('a', 50, 'top', 10)], {}, ['b', 'a']],
    // equal $0 cost → tier: top, good, average, not enough data (whatever the distance)
    ['best: equal cost → tier order', [r('n', 0, 'not_enough_data', 1), r('a', 0, 'average', 2), r('g', 0, 'good', 3), r('t', 0, 'top', 900)], {}, ['t', 'g', 'a', 'n']],
    // equal cost and tier → nearer first: b 40 mi < a 120 mi (the score does not matter here)
    ['best: equal cost and tier → nearer first', [r('a', 0, 'good', 120, 4, 99), r('b', 0, 'good', 40, 4, 10)], {}, ['b', 'a']],
    // everything equal → id ascending, whatever the input order
    ['best: full tie → id order', [r('c', 0, 'good', 50), r('a', 0, 'good', 50), r('b', 0, 'good', 50)], {}, ['a', 'b', 'c']],
    // cost: to the cent, $0.49 > $0 → b first even though a is top
    ['cost: to the cent', [r('a', 49, 'top', 10), r('b', 0, 'good', 10)], { sort: 'cost' }, ['b', 'a']],
    // cost: equal cents → tier, then distance: t (top) < g1 (good, 10 mi) < g2 (good, 20 mi)
    ['cost: equal cost → tier, then nearer', [r('g2', 0, 'good', 20), r('g1', 0, 'good', 10), r('t', 0, 'top', 900)], { sort: 'cost' }, ['t', 'g1', 'g2']],
    // quality: tier first, whatever the cost: top $5,000 before good $0 before not enough data $0
    ['quality: tier first', [r('n', 0, 'not_enough_data', 10, null, 99), r('g', 0, 'good', 10), r('t', 500_000, 'top', 10)], { sort: 'quality' }, ['t', 'g', 'n']],
    // quality: same tier → higher score: b 80 > a 70
    ['quality: same tier → higher score', [r('a', 0, 'good', 10, 4, 70), r('b', 0, 'good', 10, 4, 80)], { sort: 'quality' }, ['b', 'a']],
    // quality: same tier and score → cheaper: b $100 < a $300
    ['quality: same tier and score → cheaper', [r('a', 30_000, 'good', 10), r('b', 10_000, 'good', 200)], { sort: 'quality' }, ['b', 'a']],
    // quality: same tier, score and cost → nearer: b 20 < a 30
    ['quality: same tier, score and cost → nearer', [r('a', 0, 'top', 30), r('b', 0, 'top', 20)], { sort: 'quality' }, ['b', 'a']],
    // distance ascending: b 20, c 150, a 240
    ['distance: nearer first', [r('a', 0, 'top', 240), r('b', 90_000, 'average', 20), r('c', 50_000, 'good', 150)], { sort: 'distance' }, ['b', 'c', 'a']],
    // distance tie at 100 mi → cost: a $0 first; then b before c on tier (good vs average)
    ['distance: equal distance → cheaper, then tier', [r('c', 10_000, 'average', 100), r('b', 10_000, 'good', 100), r('a', 0, 'not_enough_data', 100)], { sort: 'distance' }, ['a', 'b', 'c']],
    // radius 100 inclusive: 99.99 and 100 kept, 100.01 dropped
    ['radius filter is inclusive at the boundary', [r('edge', 0, 'good', 100), r('out', 0, 'good', 100.01), r('in', 0, 'good', 99.99)], { radiusMiles: 100 }, ['in', 'edge']],
    ['radius 0: only results at 0 mi', [r('here', 10_000, 'good', 0), r('near', 0, 'good', 0.1)], { radiusMiles: 0 }, ['here']],
    // min 4 stars: 5★ and 4★ kept, 3★ and unrated dropped; cost order a $200 < b $300
    ['min stars 4: lower and unrated left out', [r('a', 20_000, 'good', 10, 4), r('b', 30_000, 'good', 10, 5), r('c', 0, 'good', 10, 3), r('d', 0, 'good', 10, null)], { minStars: 4 }, ['a', 'b']],
    ['min stars 1: only the unrated one is left out', [r('a', 0, 'good', 10, 1), r('b', 0, 'good', 10, null)], { minStars: 1 }, ['a']],
    ['no star filter: unrated results stay', [r('a', 10_000, 'good', 10, null), r('b', 0, 'good', 10, 2)], { minStars: null }, ['b', 'a']],
    // both filters with distance sort: 'far' (260 mi > 250) and 'low' (2★ < 3) dropped; near 30 < mid 80
    ['radius and star filters together, distance sort', [r('far', 0, 'top', 260, 5), r('low', 0, 'top', 10, 2), r('mid', 0, 'good', 80, 3), r('near', 90_000, 'average', 30, 5)], { sort: 'distance', radiusMiles: 250, minStars: 3 }, ['near', 'mid']],
    ['all filtered out: empty', [r('a', 0, 'good', 300), r('b', 0, 'good', 10, null)], { radiusMiles: 250, minStars: 1 }, []],
  ])('%s', (_name, results, options, ids) => {
    expect(rankResults(results, { ...DEFAULT, ...options }).map((x) => x.id)).toEqual(ids)
  })

  it('gives the same order whatever the input order (id breaks full ties)', () => {
    const results = [r('d', 0, 'good', 50), r('b', 0, 'good', 50), r('a', 0, 'good', 50), r('c', 0, 'good', 50)]
    expect(rankResults(results, DEFAULT).map((x) => x.id)).toEqual(['a', 'b', 'c', 'd'])
    expect(rankResults([...results].reverse(), DEFAULT).map((x) => x.id)).toEqual(['a', 'b', 'c', 'd'])
  })

  it("leaves the input untouched and keeps the caller's extra fields", () => {
    const results = [{ ...r('b', 10_000, 'good', 10), name: 'Bravo' }, { ...r('a', 0, 'good', 10), name: 'Alpha' }]
    const ranked = rankResults(results, DEFAULT)
    expect(ranked.map((x) => x.name)).toEqual(['Alpha', 'Bravo'])
    expect(results.map((x) => x.id)).toEqual(['b', 'a'])
  })
})
