export interface TravelRules {
  minDistanceMiles: number
  companionCovered: boolean
  flyThresholdMiles: number
  mileageRateCents: number
  airfareAllowanceCents: number
  /** The program's nights away, overriding the procedure's; null: the procedure's nights away (catalog). */
  lodgingNights: number | null
  lodgingNightlyCapCents: number
  mealsPerDiemCents: number
  travelCapCents: number
}

export type TravelEstimate =
  | { isCovered: false; reason: 'within-local-radius'; distanceMiles: number; minDistanceMiles: number }
  | {
      isCovered: true
      mode: 'drive' | 'fly'
      persons: number
      /** Nights away from home near the center. */
      nights: number
      /** Who set the nights: the program's travel rule, or the procedure's nights away in the catalog. */
      nightsSetBy: 'program' | 'procedure'
      transportCents: number
      lodgingCents: number
      mealsCents: number
      uncappedCents: number
      totalCents: number
      isCapped: boolean
    }

/**
 * The employer-paid travel estimate for one case (DESIGN §4). Covered only from the program's
 * minimum distance. Persons = 1 + companion. Transport: round-trip miles × mileage rate below the
 * fly threshold, else the airfare allowance per person. Lodging: nights away × nightly cap, where
 * nights away is the procedure's catalog figure (the pre-operative visit, the hospital stay and
 * the recovery the center asks for before travel home: 5 for a hip or knee), unless the program's
 * rule sets its own. Meals: per diem × (nights + 1) × persons. The total is capped at the travel cap.
 *
 * Worked example (tests/unit/domain/travel/travel-estimate.test.ts): a knee replacement 1,163 mi
 * away, 5 nights away, companion covered: airfare $600 × 2 = $1,200, lodging 5 × $175 = $875,
 * meals $60 × 6 days × 2 = $720, total $2,795 (under the $5,000 cap).
 */
export function estimateTravel(distanceMiles: number, rules: TravelRules, procedureNightsAway: number): TravelEstimate {
  if (distanceMiles < rules.minDistanceMiles) {
    return { isCovered: false, reason: 'within-local-radius', distanceMiles, minDistanceMiles: rules.minDistanceMiles }
  }
  const persons = 1 + (rules.companionCovered ? 1 : 0)
  const nightsSetBy = rules.lodgingNights === null ? 'procedure' : 'program'
  const nights = rules.lodgingNights ?? procedureNightsAway
  const mode = distanceMiles < rules.flyThresholdMiles ? 'drive' : 'fly'
  const transportCents = mode === 'drive' ? Math.round(2 * distanceMiles * rules.mileageRateCents) : rules.airfareAllowanceCents * persons
  const lodgingCents = nights * rules.lodgingNightlyCapCents
  const mealsCents = rules.mealsPerDiemCents * (nights + 1) * persons
  const uncappedCents = transportCents + lodgingCents + mealsCents
  const totalCents = Math.min(uncappedCents, rules.travelCapCents)
  return { isCovered: true, mode, persons, nights, nightsSetBy, transportCents, lodgingCents, mealsCents, uncappedCents, totalCents, isCapped: totalCents < uncappedCents }
}
