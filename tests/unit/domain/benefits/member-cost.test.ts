import { describe, expect, it } from 'vitest'
import { coeMemberCost, memberPlanFromTerms, outsideMemberCost, type MemberPlan, type OutsideRule, type PlanTerms, type ProgramBenefit } from '~/domain/benefits/member-cost'

// A $1,500 deductible, 20% coinsurance, $5,000 out-of-pocket max PPO, nothing paid yet.
const PPO: MemberPlan = { deductibleCents: 150_000, deductibleMetCents: 0, coinsuranceRate: 0.2, oopMaxCents: 500_000, oopPaidCents: 0, isHsaQualified: false, irsMinimumDeductibleCents: 170_000 }
// An HSA-qualified HDHP: $3,000 deductible, 10% coinsurance, $6,500 OOP max; IRS 2026 self-only minimum $1,700.
const HDHP: MemberPlan = { deductibleCents: 300_000, deductibleMetCents: 0, coinsuranceRate: 0.1, oopMaxCents: 650_000, oopPaidCents: 0, isHsaQualified: true, irsMinimumDeductibleCents: 170_000 }
const FULL_WAIVER: ProgramBenefit = { deductibleWaived: true, coinsuranceWaived: true, copayCents: 0 }
const NO_WAIVER: ProgramBenefit = { deductibleWaived: false, coinsuranceWaived: false, copayCents: 0 }

describe('coeMemberCost (bundle B at a COE)', () => {
  it.each<[string, number, MemberPlan, ProgramBenefit, number, Partial<ReturnType<typeof coeMemberCost>>]>([
    ['PPO, everything waived: $0', 2_800_000, PPO, FULL_WAIVER, 0, { deductibleCents: 0, coinsuranceCents: 0 }],
    ['PPO, everything waived but a $250 copay', 2_800_000, PPO, { ...FULL_WAIVER, copayCents: 25_000 }, 25_000, { copayCents: 25_000 }],
    // 1,500 + 20% × (28,000 − 1,500) = 1,500 + 5,300 = 6,800 → capped at 5,000
    ['PPO, no waivers: capped at the $5,000 OOP max', 2_800_000, PPO, NO_WAIVER, 500_000, { deductibleCents: 150_000, coinsuranceCents: 530_000, uncappedCents: 680_000, isCapped: true }],
    // deductible waived, coinsurance 20% × 28,000 = 5,600 → capped 5,000
    ['PPO, deductible waived only', 2_800_000, PPO, { ...NO_WAIVER, deductibleWaived: true }, 500_000, { deductibleCents: 0, coinsuranceCents: 560_000 }],
    // small bundle: 1,500 + 20% × (2,000 − 1,500) = 1,600
    ['PPO, coinsurance waived only, $2,000 second opinion', 200_000, PPO, { ...NO_WAIVER, coinsuranceWaived: true }, 150_000, { deductibleCents: 150_000, coinsuranceCents: 0 }],
    ['PPO, no waivers, $2,000 bundle: deductible then 20%', 200_000, PPO, NO_WAIVER, 160_000, { deductibleCents: 150_000, coinsuranceCents: 10_000, isCapped: false }],
    // $1,000 of the deductible already met: 500 + 20% × 1,500 = 800
    ['PPO, deductible partly met', 200_000, { ...PPO, deductibleMetCents: 100_000 }, NO_WAIVER, 80_000, { deductibleCents: 50_000, coinsuranceCents: 30_000 }],
    ['PPO, deductible fully met: coinsurance only', 200_000, { ...PPO, deductibleMetCents: 150_000, oopPaidCents: 150_000 }, NO_WAIVER, 40_000, { deductibleCents: 0, coinsuranceCents: 40_000 }],
    ['PPO, deductible met beyond the plan amount counts as met', 200_000, { ...PPO, deductibleMetCents: 999_999 }, NO_WAIVER, 40_000, { deductibleCents: 0 }],
    ['PPO, out-of-pocket max already reached: $0', 2_800_000, { ...PPO, oopPaidCents: 500_000 }, NO_WAIVER, 0, { isCapped: true }],
    ['PPO, out-of-pocket paid beyond the max still means $0', 2_800_000, { ...PPO, oopPaidCents: 600_000 }, NO_WAIVER, 0, { isCapped: true }],
    ['PPO, $4,900 of the OOP max paid: $100 more at most', 2_800_000, { ...PPO, oopPaidCents: 490_000 }, NO_WAIVER, 10_000, { isCapped: true }],
    // HSA: the IRS minimum $1,700 first, then waived terms: 1,700
    ['HDHP, everything waived: the IRS minimum first', 2_800_000, HDHP, FULL_WAIVER, 170_000, { hsaMinimumCents: 170_000, deductibleCents: 0, coinsuranceCents: 0 }],
    ['HDHP, $1,200 already met: $500 to reach the IRS minimum', 2_800_000, { ...HDHP, deductibleMetCents: 120_000 }, FULL_WAIVER, 50_000, { hsaMinimumCents: 50_000 }],
    ['HDHP, IRS minimum already met: $0', 2_800_000, { ...HDHP, deductibleMetCents: 180_000 }, FULL_WAIVER, 0, { hsaMinimumCents: 0 }],
    ['HDHP, bundle below the IRS minimum: the whole bundle', 120_000, HDHP, FULL_WAIVER, 120_000, { hsaMinimumCents: 120_000 }],
    // deductible waived, 10% coinsurance kept: 1,700 + 10% × (28,000 − 1,700) = 1,700 + 2,630 = 4,330
    ['HDHP, deductible waived, coinsurance kept', 2_800_000, HDHP, { ...NO_WAIVER, deductibleWaived: true }, 433_000, { hsaMinimumCents: 170_000, coinsuranceCents: 263_000 }],
    // not waived: plan deductible 3,000 + 10% × 25,000 = 5,500 (no separate IRS step)
    ['HDHP, no waivers: the plan deductible already covers the IRS minimum', 2_800_000, HDHP, NO_WAIVER, 550_000, { hsaMinimumCents: 0, deductibleCents: 300_000, coinsuranceCents: 250_000 }],
    // rounding: 20% × 1,234.57 = 246.914 → 246.91
    ['coinsurance rounds to the cent', 123_457, { ...PPO, deductibleMetCents: 150_000 }, NO_WAIVER, 24_691, { coinsuranceCents: 24_691 }],
  ])('%s', (_name, bundle, plan, benefit, pays, parts) => {
    const cost = coeMemberCost(bundle, plan, benefit)
    expect(cost.memberPaysCents).toBe(pays)
    expect(cost).toMatchObject(parts)
    expect(cost.memberPaysCents).toBeLessThanOrEqual(cost.uncappedCents)
  })
})

describe('outsideMemberCost (typical local price P outside the program)', () => {
  const P = 5_722_620 // $57,226.20: $22,530 × 1.00 × 2.54
  it.each<[string, number, MemberPlan, OutsideRule, number, boolean]>([
    // 1,500 + 20% × 55,726.20 = 1,500 + 11,145.24 → capped at 5,000
    ['plan terms on the PPO: the OOP max', P, PPO, { kind: 'plan_terms' }, 500_000, true],
    ['plan terms, small price under the cap', 300_000, PPO, { kind: 'plan_terms' }, 180_000, false],
    // 1,500 + 40% × 1,500 = 2,100
    ['higher coinsurance 40% on a $3,000 price', 300_000, PPO, { kind: 'higher_coinsurance', coinsuranceRate: 0.4 }, 210_000, false],
    ['higher coinsurance still capped by the OOP max', P, PPO, { kind: 'higher_coinsurance', coinsuranceRate: 0.5 }, 500_000, true],
    ['not covered: the whole price, no cap', P, PPO, { kind: 'not_covered' }, P, false],
    ['not covered even after the OOP max is reached', P, { ...PPO, oopPaidCents: 500_000 }, { kind: 'not_covered' }, P, false],
    // HDHP plan terms: 3,000 + 10% × 54,226.20 = 3,000 + 5,422.62 → capped at 6,500
    ['plan terms on the HDHP', P, HDHP, { kind: 'plan_terms' }, 650_000, true],
    ['plan terms with the deductible met', 300_000, { ...PPO, deductibleMetCents: 150_000 }, { kind: 'plan_terms' }, 60_000, false],
  ])('%s', (_name, price, plan, rule, pays, capped) => {
    const cost = outsideMemberCost(price, plan, rule)
    expect(cost.memberPaysCents).toBe(pays)
    expect(cost.isCapped).toBe(capped)
  })
})

// An HSA-qualified HDHP as stored: $3,300 / $6,600 deductible, 10% coinsurance, $7,000 / $14,000 OOP max.
const HDHP_TERMS: PlanTerms = {
  deductibleIndividualCents: 330_000, deductibleFamilyCents: 660_000, coinsuranceRate: 0.1,
  oopMaxIndividualCents: 700_000, oopMaxFamilyCents: 1_400_000, isHsaQualified: true,
}
// A PPO as stored: $1,000 / $2,000 deductible, 20% coinsurance, $4,000 / $8,000 OOP max.
const PPO_TERMS: PlanTerms = {
  deductibleIndividualCents: 100_000, deductibleFamilyCents: 200_000, coinsuranceRate: 0.2,
  oopMaxIndividualCents: 400_000, oopMaxFamilyCents: 800_000, isHsaQualified: false,
}
// IRS minimum annual HDHP deductible, 2026: $1,700 self-only, $3,400 family.
const IRS_2026 = { selfCents: 170_000, familyCents: 340_000 }

describe('memberPlanFromTerms (individual vs family)', () => {
  it.each<[string, PlanTerms, 'individual' | 'family', { deductibleMetCents: number; oopPaidCents: number } | undefined, MemberPlan]>([
    ['HDHP, individual: individual amounts and the $1,700 self-only IRS minimum', HDHP_TERMS, 'individual', undefined,
      { deductibleCents: 330_000, deductibleMetCents: 0, coinsuranceRate: 0.1, oopMaxCents: 700_000, oopPaidCents: 0, isHsaQualified: true, irsMinimumDeductibleCents: 170_000 }],
    ['HDHP, family: family amounts and the $3,400 family IRS minimum', HDHP_TERMS, 'family', undefined,
      { deductibleCents: 660_000, deductibleMetCents: 0, coinsuranceRate: 0.1, oopMaxCents: 1_400_000, oopPaidCents: 0, isHsaQualified: true, irsMinimumDeductibleCents: 340_000 }],
    ['PPO, family, with $500 met and $900 paid this year', PPO_TERMS, 'family', { deductibleMetCents: 50_000, oopPaidCents: 90_000 },
      { deductibleCents: 200_000, deductibleMetCents: 50_000, coinsuranceRate: 0.2, oopMaxCents: 800_000, oopPaidCents: 90_000, isHsaQualified: false, irsMinimumDeductibleCents: 340_000 }],
  ])('%s', (_name, terms, coverage, alreadyPaid, plan) => {
    expect(memberPlanFromTerms(terms, coverage, IRS_2026, alreadyPaid)).toEqual(plan)
  })
})

describe('coeMemberCost: more worked cases', () => {
  const hdhpSelf = (met = 0, paid = met) => memberPlanFromTerms(HDHP_TERMS, 'individual', IRS_2026, { deductibleMetCents: met, oopPaidCents: paid })
  const hdhpFamily = (met = 0, paid = met) => memberPlanFromTerms(HDHP_TERMS, 'family', IRS_2026, { deductibleMetCents: met, oopPaidCents: paid })
  const ppoFamily = memberPlanFromTerms(PPO_TERMS, 'family', IRS_2026)
  it.each<[string, number, MemberPlan, ProgramBenefit, number, Partial<ReturnType<typeof coeMemberCost>>]>([
    // self-only HDHP, all waived: min($1,700 − $0, $28,000) = $1,700
    ['HDHP self-only from terms, all waived: $1,700 IRS minimum', 2_800_000, hdhpSelf(), FULL_WAIVER, 170_000, { hsaMinimumCents: 170_000, isCapped: false }],
    // family HDHP, all waived: min($3,400 − $0, $28,000) = $3,400
    ['HDHP family from terms, all waived: $3,400 IRS minimum', 2_800_000, hdhpFamily(), FULL_WAIVER, 340_000, { hsaMinimumCents: 340_000 }],
    // family, $1,700 met (enough for self-only, not for family): $3,400 − $1,700 = $1,700
    ['HDHP family, $1,700 met: $1,700 more to reach the family minimum', 2_800_000, hdhpFamily(170_000), FULL_WAIVER, 170_000, { hsaMinimumCents: 170_000 }],
    // family, $3,500 met ≥ $3,400: nothing before the waiver applies
    ['HDHP family, IRS minimum already met: $0', 2_800_000, hdhpFamily(350_000), FULL_WAIVER, 0, { hsaMinimumCents: 0 }],
    // self-only, $2,000 met ≥ $1,700 though the $3,300 plan deductible is not met: waiver applies, $0
    ['HDHP self, past the IRS minimum but below the plan deductible: $0', 2_800_000, hdhpSelf(200_000), FULL_WAIVER, 0, { hsaMinimumCents: 0, deductibleCents: 0 }],
    // $1,700 + $100 copay = $1,800
    ['HDHP self, all waived with a $100 copay: IRS minimum + copay', 2_800_000, hdhpSelf(), { ...FULL_WAIVER, copayCents: 10_000 }, 180_000, { hsaMinimumCents: 170_000, copayCents: 10_000, uncappedCents: 180_000 }],
    // deductible waived, 10% kept, $1,000 met: ($1,700 − $1,000) = $700 + 10% × ($28,000 − $700) = $700 + $2,730 = $3,430
    ['HDHP self, deductible partly met, coinsurance kept', 2_800_000, hdhpSelf(100_000), { ...NO_WAIVER, deductibleWaived: true }, 343_000, { hsaMinimumCents: 70_000, coinsuranceCents: 273_000 }],
    // self-only, $6,500 of the $7,000 OOP paid ($0 of deductible): $1,700 capped at $7,000 − $6,500 = $500
    ['HDHP self, IRS minimum step capped by the OOP max', 2_800_000, hdhpSelf(0, 650_000), FULL_WAIVER, 50_000, { hsaMinimumCents: 170_000, uncappedCents: 170_000, isCapped: true }],
    // family, no waivers: $6,600 + 10% × ($28,000 − $6,600) = $6,600 + $2,140 = $8,740 < $14,000
    ['HDHP family, no waivers: family deductible then 10%', 2_800_000, hdhpFamily(), NO_WAIVER, 874_000, { hsaMinimumCents: 0, deductibleCents: 660_000, coinsuranceCents: 214_000, isCapped: false }],
    // self, no waivers: $3,300 + 10% × $24,700 = $3,300 + $2,470 = $5,770 < $7,000
    ['HDHP self, no waivers: individual deductible then 10%', 2_800_000, hdhpSelf(), NO_WAIVER, 577_000, { deductibleCents: 330_000, coinsuranceCents: 247_000 }],
    // a PPO is not HSA-qualified: all waived means $0, no IRS step even for family coverage
    ['PPO family, all waived: $0 (no IRS step)', 2_800_000, ppoFamily, FULL_WAIVER, 0, { hsaMinimumCents: 0 }],
    // PPO D $1,500, $500 met, $4,200 OOP paid: $1,000 + 20% × ($30,000 − $1,000) = $1,000 + $5,800 = $6,800, capped at $5,000 − $4,200 = $800
    ['PPO, deductible partly met and OOP binding partially', 3_000_000, { ...PPO, deductibleMetCents: 50_000, oopPaidCents: 420_000 }, NO_WAIVER, 80_000, { deductibleCents: 100_000, coinsuranceCents: 580_000, uncappedCents: 680_000, isCapped: true }],
    // coinsurance waived, $1,200 of $1,500 met, $250 copay: $300 + $0 + $250 = $550
    ['PPO, coinsurance waived, deductible partly met, copay', 2_800_000, { ...PPO, deductibleMetCents: 120_000, oopPaidCents: 120_000 }, { ...NO_WAIVER, coinsuranceWaived: true, copayCents: 25_000 }, 55_000, { deductibleCents: 30_000, coinsuranceCents: 0, copayCents: 25_000 }],
    // $4,000 of $5,000 OOP paid, $1,000 bundle: deductible min($1,500, $1,000) = $1,000 + 20% × $0 = $1,000 = exactly the $1,000 left: not capped
    ['PPO, cost exactly equal to the remaining OOP: not capped', 100_000, { ...PPO, oopPaidCents: 400_000 }, NO_WAIVER, 100_000, { deductibleCents: 100_000, coinsuranceCents: 0, isCapped: false }],
    // all waived but a $250 copay, OOP max already reached: $250 capped at $0
    ['PPO, OOP max reached: even the copay is $0', 2_800_000, { ...PPO, oopPaidCents: 500_000 }, { ...FULL_WAIVER, copayCents: 25_000 }, 0, { copayCents: 25_000, uncappedCents: 25_000, isCapped: true }],
    // Issue 10 (property suite): the copay is at most what is left of the bundle, so the member never pays more than B.
    // $5,000 copay (the program form's maximum) on a $1,500 second opinion, all waived: $1,500, not $5,000
    ['PPO, all waived, a copay above a small bundle: the bundle, no more', 150_000, PPO, { ...FULL_WAIVER, copayCents: 500_000 }, 150_000, { copayCents: 150_000, uncappedCents: 150_000, isCapped: false }],
    // no waivers, $2,000 bundle: $1,500 + 20% × $500 = $1,600; the $1,000 copay only up to the $400 left → $2,000
    ['PPO, no waivers, $1,000 copay on a $2,000 bundle: copay up to the $400 left', 200_000, PPO, { ...NO_WAIVER, copayCents: 100_000 }, 200_000, { deductibleCents: 150_000, coinsuranceCents: 10_000, copayCents: 40_000 }],
    // HDHP all waived, $2,000 bundle: IRS minimum $1,700 + min($500 copay, $300 left) = $2,000
    ['HDHP self, all waived, copay on a $2,000 bundle: IRS minimum + the $300 left', 200_000, hdhpSelf(), { ...FULL_WAIVER, copayCents: 50_000 }, 200_000, { hsaMinimumCents: 170_000, copayCents: 30_000 }],
  ])('%s', (_name, bundle, plan, benefit, pays, parts) => {
    const cost = coeMemberCost(bundle, plan, benefit)
    expect(cost.memberPaysCents).toBe(pays)
    expect(cost).toMatchObject(parts)
  })
})

describe('outsideMemberCost: more worked cases', () => {
  const hdhpFamily = memberPlanFromTerms(HDHP_TERMS, 'family', IRS_2026)
  it.each<[string, number, MemberPlan, OutsideRule, number, Partial<ReturnType<typeof outsideMemberCost>>]>([
    // $1,000 of $1,500 met (and paid): $500 + 40% × ($10,000 − $500) = $500 + $3,800 = $4,300, capped at $5,000 − $1,000 = $4,000
    ['higher coinsurance 40%, deductible partly met, OOP binding', 1_000_000, { ...PPO, deductibleMetCents: 100_000, oopPaidCents: 100_000 }, { kind: 'higher_coinsurance', coinsuranceRate: 0.4 }, 400_000, { deductibleCents: 50_000, coinsuranceCents: 380_000, uncappedCents: 430_000, isCapped: true }],
    // same, nothing paid toward the OOP max yet (met via a prior-carrier credit): $4,300 < $5,000, not capped
    ['higher coinsurance 40%, deductible partly met, under the OOP max', 1_000_000, { ...PPO, deductibleMetCents: 100_000 }, { kind: 'higher_coinsurance', coinsuranceRate: 0.4 }, 430_000, { deductibleCents: 50_000, coinsuranceCents: 380_000, isCapped: false }],
    // price $800 below the $1,500 deductible: min($1,500, $800) = $800 + 20% × $0 = $800
    ['plan terms, price below the deductible: the whole price', 80_000, PPO, { kind: 'plan_terms' }, 80_000, { deductibleCents: 80_000, coinsuranceCents: 0 }],
    // $1,500 + 20% × $1,500 = $1,800, capped at $5,000 − $4,500 = $500
    ['plan terms, OOP max binding partially', 300_000, { ...PPO, oopPaidCents: 450_000 }, { kind: 'plan_terms' }, 50_000, { uncappedCents: 180_000, isCapped: true }],
    // OOP max reached: $0 under any covered rule
    ['higher coinsurance after the OOP max is reached: $0', 1_000_000, { ...PPO, oopPaidCents: 500_000 }, { kind: 'higher_coinsurance', coinsuranceRate: 0.5 }, 0, { isCapped: true }],
    // family HDHP outside: no IRS step, the plan deductible: min($6,600, $5,000) = $5,000
    ['plan terms, family HDHP: the family deductible, no separate IRS step', 500_000, hdhpFamily, { kind: 'plan_terms' }, 500_000, { hsaMinimumCents: 0, deductibleCents: 500_000, coinsuranceCents: 0 }],
    // family HDHP, $20,000 price: $6,600 + 10% × $13,400 = $6,600 + $1,340 = $7,940 < $14,000
    ['plan terms, family HDHP, larger price', 2_000_000, hdhpFamily, { kind: 'plan_terms' }, 794_000, { deductibleCents: 660_000, coinsuranceCents: 134_000 }],
    // not covered ignores what was met: pays the whole $12,345.67
    ['not covered: deductible already met changes nothing', 1_234_567, { ...PPO, deductibleMetCents: 150_000 }, { kind: 'not_covered' }, 1_234_567, { uncappedCents: 1_234_567, isCapped: false }],
    // not covered on the family HDHP, price above the $14,000 OOP max: still the whole $30,000
    ['not covered: above the OOP max, no cap', 3_000_000, hdhpFamily, { kind: 'not_covered' }, 3_000_000, { isCapped: false }],
    // 30% × ($1,234.57 − $0) = $370.371 → $370.37 (deductible met)
    ['higher coinsurance rounds to the cent', 123_457, { ...PPO, deductibleMetCents: 150_000 }, { kind: 'higher_coinsurance', coinsuranceRate: 0.3 }, 37_037, { coinsuranceCents: 37_037 }],
  ])('%s', (_name, price, plan, rule, pays, parts) => {
    const cost = outsideMemberCost(price, plan, rule)
    expect(cost.memberPaysCents).toBe(pays)
    expect(cost).toMatchObject(parts)
  })
})
