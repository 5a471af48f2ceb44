import { describe, expect, it } from 'vitest'
import { coeMemberCost, outsideMemberCost, type MemberPlan, type OutsideRule, type ProgramBenefit } from '~/domain/benefits/member-cost'

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
