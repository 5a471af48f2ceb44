import { describe, expect, it } from 'vitest'
import { caseEconomics } from '~/domain/savings/case-economics'

describe('caseEconomics', () => {
  it.each([
    // $28,000 bundle + $1,615 travel + $500 incentive − $0 member = $30,115 at the COE;
    // $57,226.20 local price − $5,000 member = $52,226.20 outside; savings $22,111.20
    ['a TKA at a COE vs a typical local hospital', { bundleCents: 2_800_000, travelCents: 161_500, incentiveCents: 50_000, coeMemberCents: 0, outsidePriceCents: 5_722_620, outsideMemberCents: 500_000 }, 3_011_500, 5_222_620, 2_211_120],
    ['a member copay lowers the COE cost', { bundleCents: 2_800_000, travelCents: 0, incentiveCents: 0, coeMemberCents: 25_000, outsidePriceCents: 3_000_000, outsideMemberCents: 500_000 }, 2_775_000, 2_500_000, -275_000],
    ['not covered outside: the employer pays nothing there', { bundleCents: 1_500_000, travelCents: 50_000, incentiveCents: 0, coeMemberCents: 0, outsidePriceCents: 3_600_000, outsideMemberCents: 3_600_000 }, 1_550_000, 0, -1_550_000],
  ])('%s', (_name, input, coe, outside, savings) => {
    expect(caseEconomics(input)).toEqual({ coeEmployerCents: coe, outsideEmployerCents: outside, savingsCents: savings })
  })
})
