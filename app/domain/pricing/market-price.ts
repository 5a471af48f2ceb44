/**
 * The typical local price of a procedure outside any COE program (DESIGN §3 market_prices):
 * Medicare episode base × the facility's Medicare spending-per-beneficiary ratio (MSPB-1, a
 * relative cost index) × the commercial multiplier (RAND round 5.1: 2.54). Rolled up per state
 * and nationally as medians of the facility prices.
 */

/** One facility's typical commercial price in cents, rounded to the cent. */
export function facilityMarketPriceCents(medicareBaseCents: number, costIndex: number, commercialMultiplier: number): number {
  if (medicareBaseCents < 0 || costIndex <= 0 || commercialMultiplier <= 0) throw new RangeError('Market price factors must be positive')
  return Math.round(medicareBaseCents * costIndex * commercialMultiplier)
}

/** The median of integer cents (mean of the middle two for an even count, rounded), or null when empty. */
export function medianCents(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2)
}

export interface FacilityCostIndex {
  facilityId: string
  state: string
  costIndex: number
}

export interface MarketPriceRow {
  scope: 'facility' | 'state' | 'national'
  scopeKey: string
  facilityId: string | null
  state: string | null
  priceCents: number
  costIndex: number | null
}

/**
 * Every market price of one procedure: one per facility that has a cost index, the median per
 * state of those, and the national median. A procedure without a Medicare base has none.
 */
export function computeMarketPrices(medicareBaseCents: number | null, commercialMultiplier: number, facilities: readonly FacilityCostIndex[]): MarketPriceRow[] {
  if (medicareBaseCents === null || facilities.length === 0) return []
  const rows: MarketPriceRow[] = facilities.map((f) => ({
    scope: 'facility',
    scopeKey: f.facilityId,
    facilityId: f.facilityId,
    state: f.state,
    priceCents: facilityMarketPriceCents(medicareBaseCents, f.costIndex, commercialMultiplier),
    costIndex: f.costIndex,
  }))
  const byState = new Map<string, number[]>()
  for (const row of rows) byState.set(row.state!, [...(byState.get(row.state!) ?? []), row.priceCents])
  for (const [state, prices] of [...byState].sort(([a], [b]) => a.localeCompare(b))) {
    rows.push({ scope: 'state', scopeKey: state, facilityId: null, state, priceCents: medianCents(prices)!, costIndex: null })
  }
  rows.push({ scope: 'national', scopeKey: 'US', facilityId: null, state: null, priceCents: medianCents(rows.filter((r) => r.scope === 'facility').map((r) => r.priceCents))!, costIndex: null })
  return rows
}
