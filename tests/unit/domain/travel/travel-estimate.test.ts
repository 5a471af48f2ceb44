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

describe('estimateTravel: more worked cases', () => {
  it.each<[string, number, Partial<TravelRules>, number, number | null, Record<string, unknown>]>([
    // 2 × 50.01 × 70¢ = 7,001.4¢ → $70.01; + lodging $175 + meals $60 × 2 days × 2 = $240 → $485.01
    ['just over the 50 mi minimum: covered, drive', 50.01, {}, 1, 48_501, { isCovered: true, mode: 'drive', transportCents: 7_001 }],
    // another program, 100 mi minimum: 99.9 < 100 → not covered; the reason echoes both numbers
    ['99.9 mi with a 100 mi minimum: not covered', 99.9, { minDistanceMiles: 100 }, 1, null, { isCovered: false, reason: 'within-local-radius', distanceMiles: 99.9, minDistanceMiles: 100 }],
    // exactly 100 ≥ 100: covered; 2 × 100 × 70¢ = $140 + $175 + $240 = $555
    ['exactly at a 100 mi minimum: covered ("at least")', 100, { minDistanceMiles: 100 }, 1, 55_500, { isCovered: true, transportCents: 14_000 }],
    // 300.01 ≥ 300: fly, $600 × 2 = $1,200 + $175 + $240 = $1,615
    ['just over the fly threshold: fly', 300.01, {}, 1, 161_500, { mode: 'fly', transportCents: 120_000 }],
    // fly threshold 150: 149.99 mi drives, 2 × 149.99 × 70 = 20,998.6¢ → $209.99 + $175 + $240 = $624.99
    ['just under a 150 mi fly threshold: drive', 149.99, { flyThresholdMiles: 150 }, 1, 62_499, { mode: 'drive', transportCents: 20_999 }],
    // fly threshold 150, companion not covered: $600 × 1 + $175 + $60 × 2 × 1 = $895
    ['at a 150 mi fly threshold, no companion: one airfare', 150, { flyThresholdMiles: 150, companionCovered: false }, 1, 89_500, { mode: 'fly', persons: 1, transportCents: 60_000, mealsCents: 12_000 }],
    // no companion, 3 nights, fly: $600 + 3 × $175 = $525 + $60 × 4 × 1 = $240 → $1,365
    ['companion not covered, 3 nights: meals for one person', 800, { companionCovered: false }, 3, 136_500, { persons: 1, lodgingCents: 52_500, mealsCents: 24_000 }],
    // the rule's 0 nights beats the procedure's 3 (0 is not "unset"): lodging $0, meals $60 × 1 × 2 = $120, airfare $1,200 → $1,320
    ['rule sets 0 nights: the procedure\'s 3 nights are ignored', 800, { lodgingNights: 0 }, 3, 132_000, { nights: 0, lodgingCents: 0, mealsCents: 12_000 }],
    // the rule's 2 nights beats the procedure's 5: lodging $350, meals 60 × 3 × 2 = $360, airfare $1,200 → $1,910
    ['rule sets 2 nights: fewer than the procedure\'s 5', 800, { lodgingNights: 2 }, 5, 191_000, { nights: 2, lodgingCents: 35_000, mealsCents: 36_000 }],
    // null rule → the procedure's 4 nights: lodging $700, meals 60 × 5 × 2 = $600, airfare $1,200 → $2,500
    ['null rule nights: the procedure\'s 4 nights', 800, { lodgingNights: null }, 4, 250_000, { nights: 4, lodgingCents: 70_000, mealsCents: 60_000 }],
    // zero nights, driving 60 mi: 2 × 60 × 70 = $84 + $0 + 60 × 1 × 2 = $120 → $204
    ['zero nights, driving: mileage and one day of meals', 60, {}, 0, 20_400, { mode: 'drive', nights: 0, lodgingCents: 0, mealsCents: 12_000 }],
    // cap exactly equal to the $1,615 total: not capped
    ['cap equal to the total: not capped', 1_000, { travelCapCents: 161_500 }, 1, 161_500, { isCapped: false, uncappedCents: 161_500 }],
    // cap one cent below the $1,615 total: $1,614.99, capped
    ['cap one cent below the total: capped', 1_000, { travelCapCents: 161_499 }, 1, 161_499, { isCapped: true, uncappedCents: 161_500 }],
    // no companion, 10 nights at $250: $600 + $2,500 + $60 × 11 × 1 = $660 → $3,760, capped at $3,000
    ['cap binds with no companion on a long stay', 2_000, { companionCovered: false, lodgingNightlyCapCents: 25_000, travelCapCents: 300_000 }, 10, 300_000, { isCapped: true, uncappedCents: 376_000 }],
    // long drive under a high fly threshold: 2 × 900 × 70 = $1,260 + 2 × $175 + $60 × 3 × 2 = $360 → $1,970 → capped at $1,500
    ['cap binds on a long drive', 900, { flyThresholdMiles: 1_000, travelCapCents: 150_000 }, 2, 150_000, { mode: 'drive', transportCents: 126_000, uncappedCents: 197_000, isCapped: true }],
    // cap not binding: 3 nights, fly: $1,200 + $525 + $480 = $2,205 < $5,000
    ['cap not binding', 800, {}, 3, 220_500, { isCapped: false, uncappedCents: 220_500 }],
  ])('%s', (_name, miles, rules, nights, total, parts) => {
    const estimate = estimateTravel(miles, { ...RULES, ...rules }, nights)
    expect(estimate).toMatchObject(parts)
    if (total === null) expect(estimate.isCovered).toBe(false)
    else expect(estimate.isCovered && estimate.totalCents).toBe(total)
  })
})

/*
 * Issue 20, item 4: lodging is nights away from home × the nightly cap, with the catalog's nights
 * away for each procedure (procedures.nights_away, db/migrations/2026-12-06T1000_procedure_nights_away.ts),
 * not the hospital stay alone (a hip or knee was 1 night). Worked numbers with the demo rules.
 */
describe('estimateTravel: nights away from home by procedure', () => {
  it.each<[string, number, number, Partial<TravelRules>, Record<string, unknown>]>([
    // Denver from Columbus, 1,163 mi, fly: airfare $600 × 2 = $1,200; lodging 5 × $175 = $875; meals $60 × 6 days × 2 = $720 → $2,795
    ['knee replacement (5 nights away), 1,163 mi', 1_163, 5, {}, { mode: 'fly', nights: 5, nightsSetBy: 'procedure', transportCents: 120_000, lodgingCents: 87_500, mealsCents: 72_000, totalCents: 279_500 }],
    // Cleveland from Columbus, 126 mi, drive: 2 × 126 × 70¢ = $176.40; lodging $875; meals $720 → $1,771.40
    ['hip replacement (5 nights away), 126 mi drive', 126, 5, {}, { mode: 'drive', nights: 5, transportCents: 17_640, lodgingCents: 87_500, mealsCents: 72_000, totalCents: 177_140 }],
    // spinal fusion 7 nights: $1,200 + 7 × $175 = $1,225 + $60 × 8 × 2 = $960 → $3,385
    ['spinal fusion (7 nights away), fly', 800, 7, {}, { nights: 7, lodgingCents: 122_500, mealsCents: 96_000, totalCents: 338_500 }],
    // sleeve gastrectomy 4 nights: $1,200 + $700 + $60 × 5 × 2 = $600 → $2,500
    ['sleeve gastrectomy (4 nights away), fly', 800, 4, {}, { nights: 4, lodgingCents: 70_000, mealsCents: 60_000, totalCents: 250_000 }],
    // heart bypass 11 nights: $1,200 + $1,925 + $60 × 12 × 2 = $1,440 → $4,565, under the $5,000 cap
    ['heart bypass (11 nights away), fly', 800, 11, {}, { nights: 11, lodgingCents: 192_500, mealsCents: 144_000, totalCents: 456_500, isCapped: false }],
    // cancer second opinion 2 nights: $1,200 + $350 + $60 × 3 × 2 = $360 → $1,910
    ['cancer second opinion (2 nights away), fly', 800, 2, {}, { nights: 2, lodgingCents: 35_000, mealsCents: 36_000, totalCents: 191_000 }],
    // the program sets 3 nights for everything: a knee's 5 are overridden → $1,200 + $525 + $60 × 4 × 2 = $480 → $2,205
    ["the program's 3 nights override the knee's 5", 1_163, 5, { lodgingNights: 3 }, { nights: 3, nightsSetBy: 'program', lodgingCents: 52_500, mealsCents: 48_000, totalCents: 220_500 }],
    // the program's rule equal to the catalog still says who set it
    ["the program's 5 nights, equal to the knee's", 1_163, 5, { lodgingNights: 5 }, { nights: 5, nightsSetBy: 'program', totalCents: 279_500 }],
    // no companion: $600 + $875 + $60 × 6 × 1 = $360 → $1,835
    ['knee replacement without a paid companion', 1_163, 5, { companionCovered: false }, { persons: 1, transportCents: 60_000, lodgingCents: 87_500, mealsCents: 36_000, totalCents: 183_500 }],
    // a $2,000 cap binds on the $2,795 knee trip
    ['a $2,000 cap binds on a knee trip', 1_163, 5, { travelCapCents: 200_000 }, { uncappedCents: 279_500, totalCents: 200_000, isCapped: true }],
  ])('%s', (_name, miles, nightsAway, rules, parts) => {
    expect(estimateTravel(miles, { ...RULES, ...rules }, nightsAway)).toMatchObject({ isCovered: true, ...parts })
  })

  it('is not covered under the minimum distance, whatever the nights away', () => {
    // Columbus to a Columbus center, 4 mi: under 50 mi, nothing is paid, not even for 5 nights.
    expect(estimateTravel(4, RULES, 5)).toEqual({ isCovered: false, reason: 'within-local-radius', distanceMiles: 4, minDistanceMiles: 50 })
  })
})
