import { describe, expect, it } from 'vitest'
import type { MemberPlan } from '~/domain/benefits/member-cost'
import { realizedSavings, totalRealizedSavings, type CompletedCaseMoney } from '~/domain/savings/realized-savings'

// PPO: $1,500 deductible, 20% coinsurance, $5,000 out-of-pocket maximum, nothing paid yet.
const PPO: MemberPlan = { deductibleCents: 150_000, deductibleMetCents: 0, coinsuranceRate: 0.2, oopMaxCents: 500_000, oopPaidCents: 0, isHsaQualified: false, irsMinimumDeductibleCents: 170_000 }
// HDHP: $3,000 deductible, 10% coinsurance, $6,500 maximum.
const HDHP: MemberPlan = { deductibleCents: 300_000, deductibleMetCents: 0, coinsuranceRate: 0.1, oopMaxCents: 650_000, oopPaidCents: 0, isHsaQualified: true, irsMinimumDeductibleCents: 170_000 }
const BASE: CompletedCaseMoney = { bundleCents: 2_800_000, travelActualCents: 120_000, travelEstimateCents: 161_500, incentiveCents: 50_000, memberPaidCents: 0, outsidePriceCents: 5_500_000, plan: PPO }

describe('realizedSavings', () => {
  it.each<[string, Partial<CompletedCaseMoney>, { employerPaidCents: number; outsideEmployerCents: number | null; savingsCents: number | null }]>([
    // Outside: member pays min($1,500 + 20% × $53,500, $5,000) = $5,000 → employer $50,000. COE: $28,000 + $1,200 + $500 = $29,700. Saved $20,300.
    ['a PPO member with travel', {}, { employerPaidCents: 2_970_000, outsideEmployerCents: 5_000_000, savingsCents: 2_030_000 }],
    // No travel actuals entered: the $1,615 estimate is used → $30,115; saved $19,885.
    ['travel estimate when no actuals', { travelActualCents: null }, { employerPaidCents: 3_011_500, outsideEmployerCents: 5_000_000, savingsCents: 1_988_500 }],
    // HSA member paid the $1,700 IRS minimum at the COE: $28,000 + $1,200 + $500 − $1,700 = $28,000. Outside: $3,000 + 10% × $52,000 = $8,200 → capped $6,500 → $48,500. Saved $20,500.
    ['an HDHP member who paid the IRS minimum', { plan: HDHP, memberPaidCents: 170_000 }, { employerPaidCents: 2_800_000, outsideEmployerCents: 4_850_000, savingsCents: 2_050_000 }],
    // A cheap local market: outside $30,000 → member $1,500 + 20% × $28,500 = $7,200 → $5,000 cap → $25,000. COE $29,700: the case cost $4,700 more.
    ['a case that cost more than outside', { outsidePriceCents: 3_000_000 }, { employerPaidCents: 2_970_000, outsideEmployerCents: 2_500_000, savingsCents: -470_000 }],
    // Member already at the out-of-pocket max: outside the employer pays the whole $55,000 → saved $25,300.
    ['a member already at the out-of-pocket maximum', { plan: { ...PPO, oopPaidCents: 500_000, deductibleMetCents: 150_000 } }, { employerPaidCents: 2_970_000, outsideEmployerCents: 5_500_000, savingsCents: 2_530_000 }],
    // No typical price known: what was paid is kept, savings are not guessed.
    ['no typical local price', { outsidePriceCents: null }, { employerPaidCents: 2_970_000, outsideEmployerCents: null, savingsCents: null }],
    // No incentive, no travel (local member): $28,000 paid; saved $22,000.
    ['a local member without incentive', { travelActualCents: 0, incentiveCents: 0 }, { employerPaidCents: 2_800_000, outsideEmployerCents: 5_000_000, savingsCents: 2_200_000 }],
  ])('%s', (_, change, expected) => {
    expect(realizedSavings({ ...BASE, ...change })).toEqual(expected)
  })
})

describe('totalRealizedSavings', () => {
  it('adds priced cases to the cent and counts the unpriced apart', () => {
    const cases = [realizedSavings(BASE), realizedSavings({ ...BASE, outsidePriceCents: 3_000_000 }), realizedSavings({ ...BASE, outsidePriceCents: null })]
    // $20,300 − $4,700 = $15,600 saved; paid $29,700 × 3 = $89,100; outside $50,000 + $25,000 = $75,000.
    expect(totalRealizedSavings(cases)).toEqual({ cases: 3, pricedCases: 2, unpricedCases: 1, employerPaidCents: 8_910_000, outsideEmployerCents: 7_500_000, savingsCents: 1_560_000 })
    expect(totalRealizedSavings([])).toEqual({ cases: 0, pricedCases: 0, unpricedCases: 0, employerPaidCents: 0, outsideEmployerCents: 0, savingsCents: 0 })
  })
})
