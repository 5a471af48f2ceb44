export interface TravelRules {
  minDistanceMiles: number
  companionCovered: boolean
  flyThresholdMiles: number
  mileageRateCents: number
  airfareAllowanceCents: number
  /** Null: the procedure's typical nights. */
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
      nights: number
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
 * fly threshold, else the airfare allowance per person. Lodging: nights × nightly cap. Meals: per
 * diem × (nights + 1) × persons. The total is capped at the travel cap.
 */
export function estimateTravel(distanceMiles: number, rules: TravelRules, procedureNights: number): TravelEstimate {
  if (distanceMiles < rules.minDistanceMiles) {
    return { isCovered: false, reason: 'within-local-radius', distanceMiles, minDistanceMiles: rules.minDistanceMiles }
  }
  const persons = 1 + (rules.companionCovered ? 1 : 0)
  const nights = rules.lodgingNights ?? procedureNights
  const mode = distanceMiles < rules.flyThresholdMiles ? 'drive' : 'fly'
  const transportCents = mode === 'drive' ? Math.round(2 * distanceMiles * rules.mileageRateCents) : rules.airfareAllowanceCents * persons
  const lodgingCents = nights * rules.lodgingNightlyCapCents
  const mealsCents = rules.mealsPerDiemCents * (nights + 1) * persons
  const uncappedCents = transportCents + lodgingCents + mealsCents
  const totalCents = Math.min(uncappedCents, rules.travelCapCents)
  return { isCovered: true, mode, persons, nights, transportCents, lodgingCents, mealsCents, uncappedCents, totalCents, isCapped: totalCents < uncappedCents }
}
