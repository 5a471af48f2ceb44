import { describe, expect, it } from 'vitest'
import { estimateTravel, type TravelRules } from '~/domain/travel/travel-estimate'

// The demo program's rules: from 50 mi, companion covered, fly from 300 mi, 70¢/mi, $600 airfare
// per person, lodging the procedure's nights at up to $175, meals $60 per person per day, cap $5,000.
const RULES: TravelRules = {
  minDistanceMiles: 50, companionCovered: true, flyThresholdMiles: 300, mileageRateCents: 70, airfareAllowanceCents: 60_000,
  lodgingNights: null, lodgingNightlyCapCents: 17_500, mealsPerDiemCents: 6_000, travelCapCents: 500_000,
}

describe('estimateTravel', () => {
  it.each<[string, number, Partial<TravelRules>, number, number | null, Record<string, unknown>]>([
    ['next door: not covered', 5, {}, 1, null, { isCovered: false, reason: 'within-local-radius' }],
    ['just under the 50 mi minimum: not covered', 49.99, {}, 1, null, { isCovered: false }],
    // 2 × 50 × 70¢ = $70; lodging 1 × $175; meals $60 × 2 days × 2 people = $240 → $485
    ['exactly 50 mi: covered, drive', 50, {}, 1, 48_500, { mode: 'drive', persons: 2, transportCents: 7_000, lodgingCents: 17_500, mealsCents: 24_000 }],
    // 2 × 299.99 × 70 = 41,998.6 → $419.99; + 175 + 240 = $834.99
    ['just under the fly threshold: drive', 299.99, {}, 1, 83_499, { mode: 'drive', transportCents: 41_999 }],
    // airfare $600 × 2 = $1,200 + 175 + 240 = $1,615
    ['exactly at the fly threshold: fly', 300, {}, 1, 161_500, { mode: 'fly', transportCents: 120_000 }],
    ['far away: fly', 1_200, {}, 1, 161_500, { mode: 'fly' }],
    // companion not covered: 1 person: $600 + 175 + 60 × 2 = $895
    ['companion not covered: one airfare, one set of meals', 1_200, { companionCovered: false }, 1, 89_500, { persons: 1, transportCents: 60_000, mealsCents: 12_000 }],
    ['companion not covered, driving: the car costs the same', 100, { companionCovered: false }, 1, 14_000 + 17_500 + 12_000, { persons: 1, transportCents: 14_000 }],
    // spine: 3 nights → lodging $525, meals 60 × 4 × 2 = $480, airfare $1,200 → $2,205
    ['a 3-night procedure', 800, {}, 3, 220_500, { nights: 3, lodgingCents: 52_500, mealsCents: 48_000 }],
    ['the rule sets 5 nights whatever the procedure', 800, { lodgingNights: 5 }, 1, 120_000 + 87_500 + 72_000, { nights: 5 }],
    ['a second opinion with no nights: meals for one day', 400, {}, 0, 120_000 + 0 + 12_000, { nights: 0, lodgingCents: 0 }],
    // CABG 6 nights: lodging $1,050, meals 60 × 7 × 2 = $840, airfare $1,200 = $3,090, under the cap
    ['a 6-night stay under the cap', 900, {}, 6, 309_000, { isCapped: false }],
    // 12 nights at a $300 cap: 3,600 + 60 × 13 × 2 = 1,560 + 1,200 = 6,360 → capped at 5,000
    ['the travel cap binds', 900, { lodgingNightlyCapCents: 30_000, lodgingNights: 12 }, 1, 500_000, { isCapped: true, uncappedCents: 636_000 }],
    ['a low cap binds even for a short trip', 60, { travelCapCents: 20_000 }, 1, 20_000, { isCapped: true }],
    ['no minimum distance: covered from 0 mi', 0, { minDistanceMiles: 0 }, 1, 17_500 + 24_000, { transportCents: 0 }],
    // 70¢ × 2 × 123.456 = 172.8384 → $172.84
    ['mileage rounds to the cent', 123.456, {}, 1, 17_284 + 17_500 + 24_000, { transportCents: 17_284 }],
  ])('%s', (_name, miles, rules, nights, total, parts) => {
    const estimate = estimateTravel(miles, { ...RULES, ...rules }, nights)
    expect(estimate).toMatchObject(parts)
    if (total === null) expect(estimate.isCovered).toBe(false)
    else expect(estimate.isCovered && estimate.totalCents).toBe(total)
  })
})
