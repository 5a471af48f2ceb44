import { describe, expect, it } from 'vitest'
import { computeMarketPrices, facilityMarketPriceCents, medianCents } from '~/domain/pricing/market-price'

describe('facilityMarketPriceCents = Medicare base × MSPB ratio × commercial multiplier', () => {
  it.each([
    // $22,530 (CMS PAYM_90_HIP_KNEE) × 1.00 × 2.54 = $57,226.20
    [2_253_000, 1.0, 2.54, 5_722_620],
    // × 1.03 (3% above the national median) = $58,942.99 (58942.986 rounds up)
    [2_253_000, 1.03, 2.54, 5_894_299],
    // × 0.85 = $48,642.27
    [2_253_000, 0.85, 2.54, 4_864_227],
    // A cheaper bundle base and a lower multiplier: $14,500 × 0.92 × 2.0 = $26,680
    [1_450_000, 0.92, 2.0, 2_668_000],
    [0, 1.1, 2.54, 0],
  ])('%i × %f × %f = %i cents', (base, index, multiplier, cents) => {
    expect(facilityMarketPriceCents(base, index, multiplier)).toBe(cents)
  })
  it.each([
    [-1, 1, 2.54],
    [100, 0, 2.54],
    [100, 1, 0],
  ])('refuses non-positive factors (%i, %f, %f)', (base, index, multiplier) => {
    expect(() => facilityMarketPriceCents(base, index, multiplier)).toThrow(RangeError)
  })
})

describe('medianCents', () => {
  it.each([
    [[], null],
    [[500], 500],
    [[300, 100, 200], 200],
    [[100, 201, 300, 401], 251],
    [[5, 5, 5, 5], 5],
  ])('median of %j is %j', (values, median) => expect(medianCents(values)).toBe(median))
})

describe('computeMarketPrices', () => {
  const facilities = [
    { facilityId: 'a', state: 'OH', costIndex: 1.0 },
    { facilityId: 'b', state: 'OH', costIndex: 1.1 },
    { facilityId: 'c', state: 'OH', costIndex: 0.9 },
    { facilityId: 'd', state: 'IN', costIndex: 1.2 },
  ]
  it('prices each facility, takes the median per state and nationally', () => {
    const rows = computeMarketPrices(1_000_000, 2.5, facilities)
    expect(rows).toEqual([
      { scope: 'facility', scopeKey: 'a', facilityId: 'a', state: 'OH', priceCents: 2_500_000, costIndex: 1.0 },
      { scope: 'facility', scopeKey: 'b', facilityId: 'b', state: 'OH', priceCents: 2_750_000, costIndex: 1.1 },
      { scope: 'facility', scopeKey: 'c', facilityId: 'c', state: 'OH', priceCents: 2_250_000, costIndex: 0.9 },
      { scope: 'facility', scopeKey: 'd', facilityId: 'd', state: 'IN', priceCents: 3_000_000, costIndex: 1.2 },
      { scope: 'state', scopeKey: 'IN', facilityId: null, state: 'IN', priceCents: 3_000_000, costIndex: null },
      { scope: 'state', scopeKey: 'OH', facilityId: null, state: 'OH', priceCents: 2_500_000, costIndex: null },
      // national median of 2.25, 2.5, 2.75, 3.0 million = 2.625 million
      { scope: 'national', scopeKey: 'US', facilityId: null, state: null, priceCents: 2_625_000, costIndex: null },
    ])
  })
  it('has no prices without a Medicare base or without facilities', () => {
    expect(computeMarketPrices(null, 2.54, facilities)).toEqual([])
    expect(computeMarketPrices(1_000_000, 2.54, [])).toEqual([])
  })
})
