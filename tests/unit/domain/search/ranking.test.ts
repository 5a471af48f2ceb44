import { describe, expect, it } from 'vitest'
import { rankResults, type RankableResult, type RankingOptions } from '~/domain/search/ranking'

/** One result: id, member cost (cents), quality score (0–100 or null), distance (mi), CMS stars (or null). */
const r = (id: string, memberCostCents: number, qualityScore: number | null, distanceMiles: number, starRating: number | null = 4): RankableResult => ({
  id, memberCostCents, qualityScore, distanceMiles, starRating,
})

// The default: cost order, 250 mi radius, no star filter.
const DEFAULT: RankingOptions = { sort: 'cost', radiusMiles: 250, minStars: null }

describe('rankResults', () => {
  it.each<[string, RankableResult[], Partial<RankingOptions>, string[]]>([
    ['empty input: empty output', [], {}, []],
    // cost ascending: b $0 < c $250 < a $900
    ['default: member cost ascending', [r('a', 90_000, 90, 10), r('b', 0, 40, 200), r('c', 25_000, 60, 100)], {}, ['b', 'c', 'a']],
    // equal $0 cost → quality descending: b 90 > c 75 > a 70
    ['default: equal cost → higher quality first', [r('a', 0, 70, 10), r('b', 0, 90, 200), r('c', 0, 75, 100)], {}, ['b', 'c', 'a']],
    // equal $0 cost and quality 80 → distance ascending: b 40 mi < a 120 mi
    ['default: equal cost and quality → nearer first', [r('a', 0, 80, 120), r('b', 0, 80, 40)], {}, ['b', 'a']],
    // cost beats quality: a $100 with quality 99 ranks after b $50 with quality 10
    ['default: cost outranks quality and distance', [r('a', 10_000, 99, 5), r('b', 5_000, 10, 240)], {}, ['b', 'a']],
    // equal cost: a known score of 0 ranks before an unknown (null) score
    ['default: equal cost → a score of 0 beats an unknown score', [r('a', 0, null, 10), r('b', 0, 0, 200)], {}, ['b', 'a']],
    // everything equal → id ascending, whatever the input order: a, b, c
    ['default: full tie → id order', [r('c', 0, 80, 50), r('a', 0, 80, 50), r('b', 0, 80, 50)], {}, ['a', 'b', 'c']],
    // quality descending with unknown scores last: b 95, d 80, a 60, c null
    ['quality sort: higher first, unknown last', [r('a', 0, 60, 10), r('b', 500_000, 95, 10), r('c', 0, null, 10), r('d', 0, 80, 10)], { sort: 'quality' }, ['b', 'd', 'a', 'c']],
    // quality tie at 80 → cost: b $100 < a $300
    ['quality sort: equal quality → cheaper first', [r('a', 30_000, 80, 10), r('b', 10_000, 80, 200)], { sort: 'quality' }, ['b', 'a']],
    // two unknown scores, both after the known one; between them cost decides: c $0 < b $500
    ['quality sort: among unknown scores, cheaper first', [r('a', 99_000, 50, 10), r('b', 50_000, null, 10), r('c', 0, null, 10)], { sort: 'quality' }, ['a', 'c', 'b']],
    // quality 70 and cost $0 tie → distance: b 20 mi < a 30 mi
    ['quality sort: equal quality and cost → nearer first', [r('a', 0, 70, 30), r('b', 0, 70, 20)], { sort: 'quality' }, ['b', 'a']],
    // distance ascending: b 20, c 150, a 240
    ['distance sort: nearer first', [r('a', 0, 90, 240), r('b', 90_000, 10, 20), r('c', 50_000, 50, 150)], { sort: 'distance' }, ['b', 'c', 'a']],
    // distance tie at 100 mi → cost: a $0 < b $100; then c (same distance, $100) loses to b on quality 90 vs 40
    ['distance sort: equal distance → cheaper, then higher quality', [r('c', 10_000, 40, 100), r('b', 10_000, 90, 100), r('a', 0, 10, 100)], { sort: 'distance' }, ['a', 'b', 'c']],
    // radius 100 inclusive: 99.99 and 100 kept, 100.01 dropped; equal cost and quality → nearer first
    ['radius filter is inclusive at the boundary', [r('edge', 0, 50, 100), r('out', 0, 50, 100.01), r('in', 0, 50, 99.99)], { radiusMiles: 100 }, ['in', 'edge']],
    // radius 0: only the facility at 0 mi
    ['radius 0: only results at 0 mi', [r('here', 10_000, 50, 0), r('near', 0, 50, 0.1)], { radiusMiles: 0 }, ['here']],
    // min 4 stars: 5★ and 4★ kept, 3★ and unrated dropped; cost order a $200 < b $300
    ['min stars 4: lower and unrated left out', [r('a', 20_000, 50, 10, 4), r('b', 30_000, 50, 10, 5), r('c', 0, 50, 10, 3), r('d', 0, 50, 10, null)], { minStars: 4 }, ['a', 'b']],
    // min 1 star: every rated result passes but the unrated one is still left out
    ['min stars 1: only the unrated one is left out', [r('a', 0, 50, 10, 1), r('b', 0, 50, 10, null)], { minStars: 1 }, ['a']],
    // no star filter: unrated results stay
    ['no star filter: unrated results stay', [r('a', 10_000, 50, 10, null), r('b', 0, 50, 10, 2)], { minStars: null }, ['b', 'a']],
    // both filters with distance sort: 'far' (260 mi > 250) and 'low' (2★ < 3) dropped; near 30 < mid 80
    ['radius and star filters together, distance sort', [r('far', 0, 99, 260, 5), r('low', 0, 99, 10, 2), r('mid', 0, 50, 80, 3), r('near', 90_000, 10, 30, 5)], { sort: 'distance', minStars: 3 }, ['near', 'mid']],
    // everything filtered out: empty
    ['all filtered out: empty', [r('a', 0, 50, 300), r('b', 0, 50, 10, null)], { radiusMiles: 250, minStars: 1 }, []],
  ])('%s', (_name, results, options, ids) => {
    expect(rankResults(results, { ...DEFAULT, ...options }).map((x) => x.id)).toEqual(ids)
  })

  it('gives the same order whatever the input order (id breaks full ties)', () => {
    const results = [r('d', 0, 80, 50), r('b', 0, 80, 50), r('a', 0, 80, 50), r('c', 0, 80, 50)]
    // four identical results → a, b, c, d forwards and backwards
    expect(rankResults(results, DEFAULT).map((x) => x.id)).toEqual(['a', 'b', 'c', 'd'])
    expect(rankResults([...results].reverse(), DEFAULT).map((x) => x.id)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('leaves the input untouched and keeps the caller\'s extra fields', () => {
    const results = [{ ...r('b', 10_000, 50, 10), name: 'Bravo' }, { ...r('a', 0, 50, 10), name: 'Alpha' }]
    const ranked = rankResults(results, DEFAULT)
    // a $0 before b $100; input order stays b, a
    expect(ranked.map((x) => x.name)).toEqual(['Alpha', 'Bravo'])
    expect(results.map((x) => x.id)).toEqual(['b', 'a'])
  })
})
