import fc from 'fast-check'
import type { MemberPlan, OutsideRule, ProgramBenefit } from '~/domain/benefits/member-cost'
import type { Point } from '~/domain/geo/distance'
import type { TravelRules } from '~/domain/travel/travel-estimate'

/**
 * Realistic generators for the property suite (issue 10): money is integer cents up to
 * $10,000,000, rates are 0–1, distances are statute miles. Kept in one place so every area
 * draws from the same notion of "a plausible input".
 */

/** Number of runs per property: enough to find edge cases, small enough for a suite under 20 s. */
export const RUNS = { numRuns: 300 } as const

export const MAX_CENTS = 1_000_000_000 // $10,000,000

/** Integer cents, 0 to `max` (fast-check biases toward 0, small values and the bounds). */
export const cents = (max: number = MAX_CENTS) => fc.integer({ min: 0, max })

/** A rate 0–1: whole percents as people type them, and arbitrary doubles. */
export const rate = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map((percent) => percent / 100),
  fc.double({ min: 0, max: 1, noNaN: true }),
)

/** Distances in statute miles, fractional, from next door to across the country and beyond. */
export const miles = fc.oneof(fc.integer({ min: 0, max: 3_000 }), fc.double({ min: 0, max: 6_000, noNaN: true }))

/** A member's plan and accumulators. HSA-qualified plans have a deductible at least the IRS minimum (what makes them HSA-qualified). */
export const memberPlan: fc.Arbitrary<MemberPlan> = fc
  .record({
    deductibleCents: cents(2_000_000),
    coinsuranceRate: rate,
    oopMaxCents: cents(5_000_000),
    isHsaQualified: fc.boolean(),
    irsMinimumDeductibleCents: cents(500_000),
    metFraction: fc.double({ min: 0, max: 1.5, noNaN: true }),
    paidFraction: fc.double({ min: 0, max: 1.5, noNaN: true }),
  })
  .map(({ metFraction, paidFraction, ...p }) => {
    const deductibleCents = p.isHsaQualified ? Math.max(p.deductibleCents, p.irsMinimumDeductibleCents) : p.deductibleCents
    // The plan form requires the out-of-pocket maximum to be at least the deductible.
    const oopMaxCents = Math.max(p.oopMaxCents, deductibleCents)
    return {
      ...p,
      deductibleCents,
      oopMaxCents,
      deductibleMetCents: Math.round(metFraction * Math.max(deductibleCents, p.irsMinimumDeductibleCents)),
      oopPaidCents: Math.round(paidFraction * oopMaxCents),
    }
  })

export const programBenefit: fc.Arbitrary<ProgramBenefit> = fc.record({
  deductibleWaived: fc.boolean(),
  coinsuranceWaived: fc.boolean(),
  // The program form allows a copay up to $5,000; go beyond it.
  copayCents: fc.oneof(cents(500_000), cents(2_000_000)),
})

export const outsideRule: fc.Arbitrary<OutsideRule> = fc.oneof(
  fc.constant({ kind: 'plan_terms' as const }),
  rate.map((coinsuranceRate) => ({ kind: 'higher_coinsurance' as const, coinsuranceRate })),
  fc.constant({ kind: 'not_covered' as const }),
)

export const travelRules: fc.Arbitrary<TravelRules> = fc.record({
  minDistanceMiles: fc.integer({ min: 0, max: 500 }),
  companionCovered: fc.boolean(),
  flyThresholdMiles: fc.integer({ min: 0, max: 2_000 }),
  mileageRateCents: fc.integer({ min: 0, max: 200 }),
  airfareAllowanceCents: cents(500_000),
  lodgingNights: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
  lodgingNightlyCapCents: cents(100_000),
  mealsPerDiemCents: cents(50_000),
  travelCapCents: cents(10_000_000),
})

/** Procedure's typical inpatient nights. */
export const nights = fc.integer({ min: 0, max: 30 })

/** Any point on Earth away from the poles (nothing anyone lives at is beyond ±85°). */
export const worldPoint: fc.Arbitrary<Point> = fc.record({
  latitude: fc.double({ min: -85, max: 85, noNaN: true }),
  longitude: fc.double({ min: -180, max: 180, noNaN: true }),
})

/** A point in the US (Hawaii to Maine, Key West to the North Slope). */
export const usPoint: fc.Arbitrary<Point> = fc.record({
  latitude: fc.double({ min: 18, max: 71.5, noNaN: true }),
  longitude: fc.double({ min: -170, max: -66, noNaN: true }),
})

export const isCents = (value: number) => Number.isSafeInteger(value) && value >= 0
