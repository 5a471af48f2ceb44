import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { estimateTravel, type TravelEstimate } from '~/domain/travel/travel-estimate'
import { cents, isCents, miles, nights, RUNS, travelRules } from './arbitraries'

// DESIGN §4 "Travel estimate".

type Covered = Extract<TravelEstimate, { isCovered: true }>
function covered(estimate: TravelEstimate): Covered {
  if (!estimate.isCovered) throw new Error('expected a covered estimate')
  return estimate
}

describe('estimateTravel: properties', () => {
  it('covered exactly when the distance is at least the program minimum', () => {
    fc.assert(
      fc.property(miles, travelRules, nights, (distance, rules, procedureNights) => {
        const estimate = estimateTravel(distance, rules, procedureNights)
        expect(estimate.isCovered).toBe(distance >= rules.minDistanceMiles)
        if (!estimate.isCovered) expect(estimate).toEqual({ isCovered: false, reason: 'within-local-radius', distanceMiles: distance, minDistanceMiles: rules.minDistanceMiles })
      }),
      RUNS,
    )
  })

  it('every amount is a whole, non-negative number of cents', () => {
    fc.assert(
      fc.property(miles, travelRules, nights, (distance, rules, procedureNights) => {
        const estimate = estimateTravel(distance, { ...rules, minDistanceMiles: 0 }, procedureNights)
        const e = covered(estimate)
        expect([e.transportCents, e.lodgingCents, e.mealsCents, e.uncappedCents, e.totalCents].every(isCents)).toBe(true)
      }),
      RUNS,
    )
  })

  it('the total never exceeds the travel cap; the cap is the only thing that lowers it', () => {
    fc.assert(
      fc.property(miles, travelRules, nights, (distance, rules, procedureNights) => {
        const e = covered(estimateTravel(distance, { ...rules, minDistanceMiles: 0 }, procedureNights))
        expect(e.totalCents).toBeLessThanOrEqual(rules.travelCapCents)
        expect(e.uncappedCents).toBe(e.transportCents + e.lodgingCents + e.mealsCents)
        expect(e.totalCents).toBe(Math.min(e.uncappedCents, rules.travelCapCents))
        expect(e.isCapped).toBe(e.totalCents < e.uncappedCents)
      }),
      RUNS,
    )
  })

  it("lodging is at most nights × the nightly cap, with the rule's nights or else the procedure's", () => {
    fc.assert(
      fc.property(miles, travelRules, nights, (distance, rules, procedureNights) => {
        const e = covered(estimateTravel(distance, { ...rules, minDistanceMiles: 0 }, procedureNights))
        expect(e.nights).toBe(rules.lodgingNights ?? procedureNights)
        expect(e.lodgingCents).toBeLessThanOrEqual(e.nights * rules.lodgingNightlyCapCents)
      }),
      RUNS,
    )
  })

  it('persons = 1 + companion; meals = per diem × (nights + 1) × persons', () => {
    fc.assert(
      fc.property(miles, travelRules, nights, (distance, rules, procedureNights) => {
        const e = covered(estimateTravel(distance, { ...rules, minDistanceMiles: 0 }, procedureNights))
        expect(e.persons).toBe(rules.companionCovered ? 2 : 1)
        expect(e.mealsCents).toBe(rules.mealsPerDiemCents * (e.nights + 1) * e.persons)
      }),
      RUNS,
    )
  })

  it('drive below the fly threshold (round-trip miles × rate, one car), fly from it (airfare × persons)', () => {
    fc.assert(
      fc.property(miles, travelRules, nights, (distance, rules, procedureNights) => {
        const e = covered(estimateTravel(distance, { ...rules, minDistanceMiles: 0 }, procedureNights))
        if (distance < rules.flyThresholdMiles) {
          expect(e.mode).toBe('drive')
          expect(e.transportCents).toBe(Math.round(2 * distance * rules.mileageRateCents))
        } else {
          expect(e.mode).toBe('fly')
          expect(e.transportCents).toBe(rules.airfareAllowanceCents * e.persons)
        }
      }),
      RUNS,
    )
  })

  it('covering the companion never lowers the estimate', () => {
    fc.assert(
      fc.property(miles, travelRules, nights, (distance, rules, procedureNights) => {
        const alone = covered(estimateTravel(distance, { ...rules, minDistanceMiles: 0, companionCovered: false }, procedureNights))
        const withCompanion = covered(estimateTravel(distance, { ...rules, minDistanceMiles: 0, companionCovered: true }, procedureNights))
        expect(withCompanion.totalCents).toBeGreaterThanOrEqual(alone.totalCents)
      }),
      RUNS,
    )
  })

  it('more nights, a higher nightly cap, per diem, mileage rate, airfare or travel cap never lower the estimate', () => {
    fc.assert(
      fc.property(miles, travelRules, nights, fc.integer({ min: 0, max: 10 }), cents(50_000), cents(10_000), fc.integer({ min: 0, max: 100 }), cents(100_000), cents(1_000_000), (distance, rules, procedureNights, moreNights, moreLodging, moreMeals, moreRate, moreAirfare, moreCap) => {
        const base = { ...rules, minDistanceMiles: 0 }
        const richer = {
          ...base,
          lodgingNights: base.lodgingNights === null ? null : base.lodgingNights + moreNights,
          lodgingNightlyCapCents: base.lodgingNightlyCapCents + moreLodging,
          mealsPerDiemCents: base.mealsPerDiemCents + moreMeals,
          mileageRateCents: base.mileageRateCents + moreRate,
          airfareAllowanceCents: base.airfareAllowanceCents + moreAirfare,
          travelCapCents: base.travelCapCents + moreCap,
        }
        const before = covered(estimateTravel(distance, base, procedureNights))
        const after = covered(estimateTravel(distance, richer, procedureNights + moreNights))
        expect(after.totalCents).toBeGreaterThanOrEqual(before.totalCents)
        expect(after.uncappedCents).toBeGreaterThanOrEqual(before.uncappedCents)
      }),
      RUNS,
    )
  })

  it('driving farther never lowers the estimate, and once covered a longer trip stays covered', () => {
    fc.assert(
      fc.property(miles, miles, travelRules, nights, (a, b, rules, procedureNights) => {
        const [near, far] = a <= b ? [a, b] : [b, a]
        const nearEstimate = estimateTravel(near, rules, procedureNights)
        const farEstimate = estimateTravel(far, rules, procedureNights)
        if (nearEstimate.isCovered) expect(farEstimate.isCovered).toBe(true)
        if (nearEstimate.isCovered && farEstimate.isCovered && farEstimate.mode === 'drive') {
          expect(farEstimate.totalCents).toBeGreaterThanOrEqual(nearEstimate.totalCents)
        }
      }),
      RUNS,
    )
  })
})
