import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeMarketPrices, facilityMarketPriceCents, medianCents, type FacilityCostIndex } from '~/domain/pricing/market-price'
import { cents, isCents, RUNS } from './arbitraries'

// DESIGN §3 market_prices: the typical local price P that §4's outside cost and savings use.

const base = cents(10_000_000) // Medicare episode bases are tens of thousands of dollars at most
const costIndex = fc.double({ min: 0.5, max: 1.6, noNaN: true }) // MSPB-1 is ~0.8–1.2
const multiplier = fc.oneof(fc.constant(2.54), fc.double({ min: 0.5, max: 5, noNaN: true }))

describe('facilityMarketPriceCents: properties', () => {
  it('is whole, non-negative cents, and base × index × multiplier rounded', () => {
    fc.assert(
      fc.property(base, costIndex, multiplier, (b, index, m) => {
        const price = facilityMarketPriceCents(b, index, m)
        expect(isCents(price)).toBe(true)
        expect(Math.abs(price - b * index * m)).toBeLessThanOrEqual(0.5 + 1e-6)
      }),
      RUNS,
    )
  })

  it('never falls when any factor rises', () => {
    fc.assert(
      fc.property(base, costIndex, multiplier, cents(1_000_000), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (b, index, m, moreBase, moreIndex, moreMultiplier) => {
        const price = facilityMarketPriceCents(b, index, m)
        expect(facilityMarketPriceCents(b + moreBase, index, m)).toBeGreaterThanOrEqual(price)
        expect(facilityMarketPriceCents(b, index + moreIndex, m)).toBeGreaterThanOrEqual(price)
        expect(facilityMarketPriceCents(b, index, m + moreMultiplier)).toBeGreaterThanOrEqual(price)
      }),
      RUNS,
    )
  })

  it('refuses a negative base or a non-positive factor', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: -1 }), fc.double({ min: -5, max: 0, noNaN: true }), base, costIndex, multiplier, (negativeBase, nonPositive, b, index, m) => {
        expect(() => facilityMarketPriceCents(negativeBase, index, m)).toThrow(RangeError)
        expect(() => facilityMarketPriceCents(b, nonPositive, m)).toThrow(RangeError)
        expect(() => facilityMarketPriceCents(b, index, nonPositive)).toThrow(RangeError)
      }),
      RUNS,
    )
  })
})

describe('medianCents: properties', () => {
  it('null for no values; otherwise whole cents between the smallest and the largest, whatever the order', () => {
    fc.assert(
      fc.property(fc.array(cents(), { maxLength: 30 }).chain((values) => fc.tuple(fc.constant(values), fc.shuffledSubarray(values, { minLength: values.length }))), ([values, shuffled]) => {
        const median = medianCents(values)
        if (values.length === 0) {
          expect(median).toBeNull()
          return
        }
        expect(isCents(median!)).toBe(true)
        expect(median).toBeGreaterThanOrEqual(Math.min(...values))
        expect(median).toBeLessThanOrEqual(Math.max(...values))
        expect(medianCents(shuffled)).toBe(median)
      }),
      RUNS,
    )
  })

  it('for an even count it is the rounded midpoint of the two middle values: a list mirrored around m has median m', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500_000_000 }), fc.array(fc.integer({ min: 0, max: 500_000_000 }), { minLength: 1, maxLength: 15 }), (m, offsets) => {
        const values = offsets.flatMap((offset) => [m - Math.min(offset, m), m + Math.min(offset, m)])
        expect(medianCents(values)).toBe(m)
        expect(medianCents([m, m + 2 * offsets[0]!])).toBe(m + offsets[0]!)
      }),
      RUNS,
    )
  })

  it('splits the values: at most half lie strictly below it, at most half strictly above', () => {
    fc.assert(
      fc.property(fc.array(cents(), { minLength: 1, maxLength: 30 }), (values) => {
        const median = medianCents(values)!
        expect(values.filter((v) => v < median).length).toBeLessThanOrEqual(values.length / 2)
        expect(values.filter((v) => v > median).length).toBeLessThanOrEqual(values.length / 2)
      }),
      RUNS,
    )
  })
})

describe('computeMarketPrices: properties', () => {
  const facilities: fc.Arbitrary<FacilityCostIndex[]> = fc
    .uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 20 })
    .chain((ids) => fc.tuple(...ids.map((facilityId) => fc.record({ facilityId: fc.constant(facilityId), state: fc.constantFrom('CA', 'NY', 'TX', 'WA', 'OH'), costIndex }))))

  it('one row per facility, one per state present, one national; every price whole, non-negative cents', () => {
    fc.assert(
      fc.property(fc.option(base, { nil: null }), multiplier, facilities, (b, m, list) => {
        const rows = computeMarketPrices(b, m, list)
        if (b === null || list.length === 0) {
          expect(rows).toEqual([])
          return
        }
        const states = new Set(list.map((f) => f.state))
        expect(rows.filter((r) => r.scope === 'facility').map((r) => r.facilityId)).toEqual(list.map((f) => f.facilityId))
        expect(new Set(rows.filter((r) => r.scope === 'state').map((r) => r.state))).toEqual(states)
        expect(rows.filter((r) => r.scope === 'state')).toHaveLength(states.size)
        expect(rows.filter((r) => r.scope === 'national')).toHaveLength(1)
        expect(rows.every((r) => isCents(r.priceCents))).toBe(true)
      }),
      RUNS,
    )
  })

  it("each state's price lies within its facilities' prices, the national one within all of them", () => {
    fc.assert(
      fc.property(base, multiplier, facilities, (b, m, list) => {
        const rows = computeMarketPrices(b, m, list)
        const facilityRows = rows.filter((r) => r.scope === 'facility')
        for (const row of rows.filter((r) => r.scope !== 'facility')) {
          const prices = facilityRows.filter((f) => row.scope === 'national' || f.state === row.state).map((f) => f.priceCents)
          expect(row.priceCents).toBe(medianCents(prices))
          expect(row.priceCents).toBeGreaterThanOrEqual(Math.min(...prices))
          expect(row.priceCents).toBeLessThanOrEqual(Math.max(...prices))
        }
      }),
      RUNS,
    )
  })
})
