import { describe, expect, it } from 'vitest'
import { memberPlanFromTerms } from '~/domain/benefits/member-cost'
import { explainMemberCost, memberCostBrief, memberCostWords, type PlanMemberGroup } from '~/domain/proposals/member-cost'
import { projectProgram } from '~/domain/savings/program-projection'
import { DESIGN, scenario } from './fixtures'

const IRS = { selfCents: 170_000, familyCents: 340_000 }
const COLUMBUS = { latitude: 39.96, longitude: -83.0 }
const ppo = { deductibleIndividualCents: 150_000, deductibleFamilyCents: 300_000, coinsuranceRate: 0.2, oopMaxIndividualCents: 500_000, oopMaxFamilyCents: 1_000_000, isHsaQualified: false }
const hdhp = { deductibleIndividualCents: 300_000, deductibleFamilyCents: 600_000, coinsuranceRate: 0.1, oopMaxIndividualCents: 650_000, oopMaxFamilyCents: 1_300_000, isHsaQualified: true }
const group = (planName: string, terms: typeof ppo, coverage: 'individual' | 'family', members: number): PlanMemberGroup => ({
  home: COLUMBUS, members, outsidePriceCents: { TKA: 4_500_000 }, planName, coverage, plan: memberPlanFromTerms(terms, coverage, IRS),
})
const groups = [group('Choice PPO', ppo, 'individual', 600), group('Saver HDHP', hdhp, 'individual', 250), group('Saver HDHP', hdhp, 'family', 150)]
const procedures = [{ code: 'TKA', incidencePerThousand: 5, nightsAway: 5, centers: [{ facilityId: 'f1', location: COLUMBUS, bundleCents: 2_800_000 }] }]
const waived = { deductibleWaived: true, coinsuranceWaived: true, copayCents: 0 }

describe('explainMemberCost', () => {
  it('makes up the per-case cost by plan: nothing on the PPO, the IRS minimum first on the HSA plan; its weighting is the projection’s average', () => {
    const explained = explainMemberCost(groups, procedures, 0.4, waived, { year: 2026, ...IRS })
    expect(explained.byPlan.map((r) => [r.planName, r.coverage, r.memberPaysCents, r.hsaMinimumCents])).toEqual([
      ['Choice PPO', 'individual', 0, 0],
      ['Saver HDHP', 'individual', 170_000, 170_000],
      ['Saver HDHP', 'family', 340_000, 340_000],
    ])
    // 600 × 0 + 250 × $1,700 + 150 × $3,400 over 1,000 members = $935 a case.
    const [projected] = projectProgram(groups, procedures, {
      adoptionRate: 0.4, benefit: { ...waived, completionIncentiveCents: 0 }, outsideRule: { kind: 'plan_terms' }, travel: { ...DESIGN.travel },
    })
    expect(projected!.memberCostPerCaseCents).toBe(93_500)
    const cases = explained.byPlan.reduce((sum, r) => sum + r.programCases, 0)
    expect(cases).toBeCloseTo(projected!.programCases)
    expect(explained.byPlan.reduce((sum, r) => sum + r.memberPaysCents * r.programCases, 0) / cases).toBeCloseTo(93_500)
  })

  it('splits a non-waived design into deductible, coinsurance and copay, and notes the out-of-pocket cap', () => {
    const explained = explainMemberCost([group('Choice PPO', ppo, 'individual', 100)], procedures, 0.4, { deductibleWaived: false, coinsuranceWaived: false, copayCents: 25_000 }, { year: 2026, ...IRS })
    // $1,500 deductible + 20% of $26,500 = $5,300, capped at the $5,000 out-of-pocket maximum.
    expect(explained.byPlan[0]).toMatchObject({ deductibleCents: 150_000, coinsuranceCents: 530_000, copayCents: 25_000, memberPaysCents: 500_000, cappedShare: 1 })
    const words = memberCostWords(scenario('Plain', { memberCost: explained, metrics: { ...scenario('x').metrics, memberCostPerCaseCents: 500_000 } }))
    expect(words.byPlan).toEqual(['Choice PPO, self-only: $5,000 a case ($1,500 deductible + $5,300 coinsurance (20%) + $250 copay, lowered to the out-of-pocket maximum) · 100% of program cases'])
  })
})

describe('memberCostWords and memberCostBrief', () => {
  const explained = explainMemberCost(groups, procedures, 0.4, waived, { year: 2026, ...IRS })
  const s = scenario('Today', { memberCost: explained, metrics: { ...scenario('x').metrics, memberCostPerCaseCents: 93_500 } })

  it('explains the HSA rule with the IRS minimums and the weighting', () => {
    const { how, byPlan } = memberCostWords(s)
    expect(how).toContain('This scenario waives the deductible and the coinsurance and has no copay.')
    expect(how.join(' ')).toContain('IRS minimum deductible ($1,700 self-only, $3,400 family in 2026)')
    expect(how.join(' ')).toContain('The average of $935 a case weights each plan and coverage below')
    expect(byPlan[2]).toBe('Saver HDHP (HSA-qualified), family: $3,400 a case ($3,400 up to the IRS minimum deductible) · 15% of program cases')
  })

  it('says it briefly for the summary', () => {
    expect(memberCostBrief(s)).toBe('$935 a program case on average (Choice PPO $0; Saver HDHP (HSA) $1,700 self-only, $3,400 family).')
  })
})
