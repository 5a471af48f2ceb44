import { describe, expect, it } from 'vitest'
import type { MemberPlan } from '~/domain/benefits/member-cost'
import { nearestCenter, projectProgram, type MemberGroup, type ProjectionAssumptions } from '~/domain/savings/program-projection'

// Worked example. A PPO with the deductible and OOP max already met by nobody: $1,500 / 20% / $5,000.
const PPO: MemberPlan = { deductibleCents: 150_000, deductibleMetCents: 0, coinsuranceRate: 0.2, oopMaxCents: 500_000, oopPaidCents: 0, isHsaQualified: false, irsMinimumDeductibleCents: 170_000 }
const COLUMBUS = { latitude: 39.9671, longitude: -83.0044 }
// 1 degree of latitude ≈ 69.09 mi: homes at known distances north of the center.
const north = (miles: number) => ({ latitude: COLUMBUS.latitude + miles / 69.0934, longitude: COLUMBUS.longitude })

const ASSUMPTIONS: ProjectionAssumptions = {
  adoptionRate: 0.4,
  benefit: { deductibleWaived: true, coinsuranceWaived: true, copayCents: 0, completionIncentiveCents: 50_000 },
  outsideRule: { kind: 'plan_terms' },
  travel: {
    minDistanceMiles: 50, companionCovered: true, flyThresholdMiles: 300, mileageRateCents: 70, airfareAllowanceCents: 60_000,
    lodgingNights: null, lodgingNightlyCapCents: 17_500, mealsPerDiemCents: 6_000, travelCapCents: 500_000,
  },
}
const TKA = { code: 'TKA', incidencePerThousand: 2, nightsAway: 1, centers: [{ facilityId: 'coe', location: COLUMBUS, bundleCents: 2_800_000 }] }
const PRICE = { TKA: 6_000_000 } // $60,000 typical local price

describe('projectProgram', () => {
  it('works the numbers for 10,000 local members', () => {
    const groups: MemberGroup[] = [{ home: COLUMBUS, outsidePriceCents: PRICE, members: 10_000, plan: PPO }]
    const [tka] = projectProgram(groups, [TKA], ASSUMPTIONS)
    // 10,000 × 2 / 1,000 = 20 expected cases; 40% = 8 go to the COE.
    expect(tka!.expectedCases).toBe(20)
    expect(tka!.programCases).toBe(8)
    // Outside on plan terms: member pays the $5,000 OOP max (1,500 + 20% × 58,500 > 5,000): employer $55,000 a case.
    // Without the program: 20 × $55,000 = $1,100,000.
    expect(tka!.spendWithoutProgramCents).toBe(110_000_000)
    // COE, 0 mi (no travel): $28,000 + $500 incentive − $0 = $28,500; 8 × 28,500 = 228,000 + 12 × 55,000 = 660,000 → $888,000.
    expect(tka!.spendWithProgramCents).toBe(88_800_000)
    expect(tka!.netSavingsCents).toBe(21_200_000) // $1,100,000 − $888,000 = $212,000
    expect(tka!.savingsRate).toBeCloseTo(212_000 / 1_100_000, 10)
    expect(tka!.access).toEqual({ within50: 1, within100: 1, within250: 1 })
    // Deductible and coinsurance waived: members pay $0 per program case.
    expect(tka!.memberCostPerCaseCents).toBe(0)
  })

  it('averages what members pay per program case', () => {
    // Coinsurance not waived: 20% × ($28,000 − $1,500 deductible, waived) = $5,600, capped at the $5,000 OOP max.
    // A second group already paid $4,000 toward the OOP max: pays $1,000. Adopted cases 4 and 4 → ($5,000 + $1,000) / 2 = $3,000.
    const paid = { ...PPO, oopPaidCents: 400_000 }
    const groups: MemberGroup[] = [
      { home: COLUMBUS, outsidePriceCents: PRICE, members: 5_000, plan: PPO },
      { home: COLUMBUS, outsidePriceCents: PRICE, members: 5_000, plan: paid },
    ]
    const [tka] = projectProgram(groups, [TKA], { ...ASSUMPTIONS, benefit: { ...ASSUMPTIONS.benefit, coinsuranceWaived: false } })
    expect(tka!.memberCostPerCaseCents).toBe(300_000)
    const [none] = projectProgram(groups, [{ ...TKA, centers: [] }], ASSUMPTIONS)
    expect(none!.memberCostPerCaseCents).toBeNull()
  })

  it('adds travel for members beyond the minimum distance and measures access', () => {
    const groups: MemberGroup[] = [
      { home: north(10), outsidePriceCents: PRICE, members: 5_000, plan: PPO },
      { home: north(120), outsidePriceCents: PRICE, members: 3_000, plan: PPO },
      { home: north(400), outsidePriceCents: PRICE, members: 2_000, plan: PPO },
    ]
    const [tka] = projectProgram(groups, [TKA], ASSUMPTIONS)
    // Cases: 10 + 6 + 4 = 20; adopted 4 + 2.4 + 1.6 = 8.
    expect(tka!.programCases).toBeCloseTo(8, 10)
    // Per COE case: 10 mi → no travel: 28,500. 120 mi → drive: 2 × 120 × 0.70 = 168 + 175 + 240 = 583 → 29,083.
    // 400 mi → fly: 1,200 + 175 + 240 = 1,615 → 30,115.
    // With: 4 × 28,500 + 2.4 × 29,083 + 1.6 × 30,115 + 12 × 55,000 = 114,000 + 69,799.2 + 48,184 + 660,000 = $891,983.20
    expect(tka!.spendWithProgramCents).toBe(89_198_320)
    expect(tka!.spendWithoutProgramCents).toBe(110_000_000)
    expect(tka!.access).toEqual({ within50: 0.5, within100: 0.5, within250: 0.8 })
  })

  it('sends no case to the program when the procedure has no center, and saves nothing', () => {
    const [spine] = projectProgram([{ home: COLUMBUS, outsidePriceCents: { SPINE: 8_000_000 }, members: 1_000, plan: PPO }], [{ code: 'SPINE', incidencePerThousand: 1, nightsAway: 3, centers: [] }], ASSUMPTIONS)
    expect(spine).toMatchObject({ expectedCases: 1, programCases: 0, netSavingsCents: 0, access: { within50: 0, within100: 0, within250: 0 } })
  })

  it('applies the outside rule to cases that stay outside when the program is in place', () => {
    const groups: MemberGroup[] = [{ home: COLUMBUS, outsidePriceCents: PRICE, members: 10_000, plan: PPO }]
    const [tka] = projectProgram(groups, [TKA], { ...ASSUMPTIONS, outsideRule: { kind: 'not_covered' } })
    // Outside cases now cost the employer $0 (the member pays it all): with = 8 × 28,500 = $228,000.
    expect(tka!.spendWithProgramCents).toBe(22_800_000)
    expect(tka!.netSavingsCents).toBe(110_000_000 - 22_800_000)
  })

  it('scales with the adoption rate', () => {
    const groups: MemberGroup[] = [{ home: COLUMBUS, outsidePriceCents: PRICE, members: 10_000, plan: PPO }]
    const none = projectProgram(groups, [TKA], { ...ASSUMPTIONS, adoptionRate: 0 })[0]!
    const all = projectProgram(groups, [TKA], { ...ASSUMPTIONS, adoptionRate: 1 })[0]!
    expect(none.netSavingsCents).toBe(0)
    // every case: 20 × (55,000 − 28,500) = $530,000
    expect(all.netSavingsCents).toBe(53_000_000)
  })

  it('has no savings rate and no access when there are no members', () => {
    expect(projectProgram([], [TKA], ASSUMPTIONS)[0]).toMatchObject({ expectedCases: 0, savingsRate: null, access: { within50: 0, within100: 0, within250: 0 } })
  })
})

describe('nearestCenter', () => {
  it('picks the closest, and breaks ties by facility id', () => {
    const centers = [
      { facilityId: 'b', location: north(30), bundleCents: 1 },
      { facilityId: 'a', location: north(30), bundleCents: 2 },
      { facilityId: 'c', location: north(60), bundleCents: 3 },
    ]
    expect(nearestCenter(COLUMBUS, centers)?.center.facilityId).toBe('a')
    expect(nearestCenter(COLUMBUS, [])).toBeNull()
  })
})
