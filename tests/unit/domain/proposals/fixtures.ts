import type { ProposalScenario, ScenarioDesign } from '~/domain/proposals/proposal'

export const DESIGN: ScenarioDesign = {
  benefit: { deductibleWaived: true, coinsuranceWaived: true, coeCopayCents: 0, completionIncentiveCents: 50_000, outsideRule: 'plan_terms', outsideCoinsuranceRate: null },
  travel: {
    minDistanceMiles: 50, companionCovered: true, flyThresholdMiles: 300, mileageRateCents: 70, airfareAllowanceCents: 60_000, lodgingNights: null,
    lodgingNightlyCapCents: 17_500, mealsPerDiemCents: 6_000, travelCapCents: 500_000,
  },
  adoptionRate: 0.4,
  nightsAway: [{ code: 'TKA', nights: 5 }],
}

export function scenario(id: string, overrides: Partial<ProposalScenario> = {}): ProposalScenario {
  return {
    id,
    name: id,
    isRecommended: false,
    procedures: [{ code: 'TKA', name: 'Total knee replacement' }],
    centerCount: 2,
    benefitLines: [],
    travelLines: [],
    design: DESIGN,
    centers: [
      { facilityId: 'f1', name: 'Riverside', city: 'Columbus', state: 'OH', procedures: ['TKA'], x: 1, y: 1 },
      { facilityId: 'f2', name: 'Lakeside', city: 'Cleveland', state: 'OH', procedures: ['TKA'], x: 2, y: 2 },
    ],
    memberCost: null,
    metrics: {
      expectedCases: 10, programCases: 4, spendWithoutProgramCents: 10_000_000, spendWithProgramCents: 8_000_000, netSavingsCents: 2_000_000, savingsRate: 0.2,
      memberCostPerCaseCents: 0, access: [{ code: 'TKA', within50: 0.5, within100: 0.75, within250: 1 }],
      quality: { centers: 2, averageStars: 4, betterComplicationShare: 0.5, betterReadmissionShare: 0 },
    },
    ...overrides,
  }
}
