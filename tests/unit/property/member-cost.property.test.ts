import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { coeMemberCost, memberPlanFromTerms, outsideMemberCost, type MemberCost, type MemberPlan, type PlanTerms } from '~/domain/benefits/member-cost'
import { cents, isCents, memberPlan, outsideRule, programBenefit, rate, RUNS } from './arbitraries'

// DESIGN §4 "Member cost at an in-network COE" and "Member cost outside the program".

const remainingOop = (plan: MemberPlan) => Math.max(0, plan.oopMaxCents - plan.oopPaidCents)
const parts = (cost: MemberCost) => [cost.hsaMinimumCents, cost.deductibleCents, cost.coinsuranceCents, cost.copayCents, cost.uncappedCents, cost.memberPaysCents]

describe('coeMemberCost: properties', () => {
  it('every part is a whole, non-negative number of cents', () => {
    fc.assert(
      fc.property(cents(), memberPlan, programBenefit, (bundle, plan, benefit) => {
        expect(parts(coeMemberCost(bundle, plan, benefit)).every(isCents)).toBe(true)
      }),
      RUNS,
    )
  })

  it('the parts add up, and the out-of-pocket cap is the only thing that lowers the sum', () => {
    fc.assert(
      fc.property(cents(), memberPlan, programBenefit, (bundle, plan, benefit) => {
        const cost = coeMemberCost(bundle, plan, benefit)
        expect(cost.uncappedCents).toBe(cost.hsaMinimumCents + cost.deductibleCents + cost.coinsuranceCents + cost.copayCents)
        expect(cost.memberPaysCents).toBe(Math.min(cost.uncappedCents, remainingOop(plan)))
        expect(cost.isCapped).toBe(cost.memberPaysCents < cost.uncappedCents)
      }),
      RUNS,
    )
  })

  it('the member never pays more than the remaining out-of-pocket maximum', () => {
    fc.assert(
      fc.property(cents(), memberPlan, programBenefit, (bundle, plan, benefit) => {
        expect(coeMemberCost(bundle, plan, benefit).memberPaysCents).toBeLessThanOrEqual(remainingOop(plan))
      }),
      RUNS,
    )
  })

  it('the member never pays more than the bundled price (a copay cannot exceed what is left of it)', () => {
    fc.assert(
      fc.property(cents(), memberPlan, programBenefit, (bundle, plan, benefit) => {
        expect(coeMemberCost(bundle, plan, benefit).memberPaysCents).toBeLessThanOrEqual(bundle)
      }),
      RUNS,
    )
  })

  it('a higher bundled price never lowers what the member pays', () => {
    fc.assert(
      fc.property(cents(), cents(), memberPlan, programBenefit, (a, b, plan, benefit) => {
        const [low, high] = a <= b ? [a, b] : [b, a]
        expect(coeMemberCost(high, plan, benefit).memberPaysCents).toBeGreaterThanOrEqual(coeMemberCost(low, plan, benefit).memberPaysCents)
      }),
      RUNS,
    )
  })

  it('a higher bundled price raises what the member pays by at most the difference (the employer share never falls)', () => {
    fc.assert(
      fc.property(cents(), cents(), memberPlan, programBenefit, (a, b, plan, benefit) => {
        const [low, high] = a <= b ? [a, b] : [b, a]
        const rise = coeMemberCost(high, plan, benefit).memberPaysCents - coeMemberCost(low, plan, benefit).memberPaysCents
        expect(rise).toBeLessThanOrEqual(high - low)
      }),
      RUNS,
    )
  })

  it('waiving the deductible never raises what the member pays (HSA plans included)', () => {
    fc.assert(
      fc.property(cents(), memberPlan, programBenefit, (bundle, plan, benefit) => {
        const waived = coeMemberCost(bundle, plan, { ...benefit, deductibleWaived: true })
        const kept = coeMemberCost(bundle, plan, { ...benefit, deductibleWaived: false })
        expect(waived.memberPaysCents).toBeLessThanOrEqual(kept.memberPaysCents)
      }),
      RUNS,
    )
  })

  it('waiving the coinsurance never raises what the member pays', () => {
    fc.assert(
      fc.property(cents(), memberPlan, programBenefit, (bundle, plan, benefit) => {
        const waived = coeMemberCost(bundle, plan, { ...benefit, coinsuranceWaived: true })
        const kept = coeMemberCost(bundle, plan, { ...benefit, coinsuranceWaived: false })
        expect(waived.memberPaysCents).toBeLessThanOrEqual(kept.memberPaysCents)
      }),
      RUNS,
    )
  })

  it('a higher copay never lowers what the member pays', () => {
    fc.assert(
      fc.property(cents(), memberPlan, programBenefit, cents(500_000), (bundle, plan, benefit, extra) => {
        const more = coeMemberCost(bundle, plan, { ...benefit, copayCents: benefit.copayCents + extra })
        expect(more.memberPaysCents).toBeGreaterThanOrEqual(coeMemberCost(bundle, plan, benefit).memberPaysCents)
      }),
      RUNS,
    )
  })

  it('more already paid this year (deductible met, out-of-pocket paid) never raises what the member pays', () => {
    fc.assert(
      fc.property(cents(), memberPlan, programBenefit, cents(1_000_000), cents(1_000_000), (bundle, plan, benefit, moreMet, morePaid) => {
        const later = { ...plan, deductibleMetCents: plan.deductibleMetCents + moreMet, oopPaidCents: plan.oopPaidCents + morePaid }
        expect(coeMemberCost(bundle, later, benefit).memberPaysCents).toBeLessThanOrEqual(coeMemberCost(bundle, plan, benefit).memberPaysCents)
      }),
      RUNS,
    )
  })

  it('the deductible part is min(D − d, B) unless waived; the IRS-minimum step only for HSA plans with a waived deductible', () => {
    fc.assert(
      fc.property(cents(), memberPlan, programBenefit, (bundle, plan, benefit) => {
        const cost = coeMemberCost(bundle, plan, benefit)
        const deductible = benefit.deductibleWaived ? 0 : Math.min(Math.max(0, plan.deductibleCents - plan.deductibleMetCents), bundle)
        const hsa = plan.isHsaQualified && benefit.deductibleWaived ? Math.min(Math.max(0, plan.irsMinimumDeductibleCents - plan.deductibleMetCents), bundle) : 0
        expect(cost.deductibleCents).toBe(deductible)
        expect(cost.hsaMinimumCents).toBe(hsa)
        if (benefit.coinsuranceWaived) expect(cost.coinsuranceCents).toBe(0)
      }),
      RUNS,
    )
  })

  it('everything waived and no copay: $0 outside an HSA plan, at most the rest of the IRS minimum in one', () => {
    fc.assert(
      fc.property(cents(), memberPlan, (bundle, plan) => {
        const pays = coeMemberCost(bundle, plan, { deductibleWaived: true, coinsuranceWaived: true, copayCents: 0 }).memberPaysCents
        const irsRest = plan.isHsaQualified ? Math.max(0, plan.irsMinimumDeductibleCents - plan.deductibleMetCents) : 0
        expect(pays).toBe(Math.min(irsRest, bundle, remainingOop(plan)))
      }),
      RUNS,
    )
  })

  it('with no waivers and no copay the COE price is charged exactly like plan terms outside', () => {
    fc.assert(
      fc.property(cents(), memberPlan, (price, plan) => {
        const coe = coeMemberCost(price, plan, { deductibleWaived: false, coinsuranceWaived: false, copayCents: 0 })
        expect(coe.memberPaysCents).toBe(outsideMemberCost(price, plan, { kind: 'plan_terms' }).memberPaysCents)
      }),
      RUNS,
    )
  })
})

describe('outsideMemberCost: properties', () => {
  it('every part is a whole, non-negative number of cents', () => {
    fc.assert(
      fc.property(cents(), memberPlan, outsideRule, (price, plan, rule) => {
        expect(parts(outsideMemberCost(price, plan, rule)).every(isCents)).toBe(true)
      }),
      RUNS,
    )
  })

  it('covered: never more than the price nor the remaining out-of-pocket maximum; not covered: exactly the price, no cap', () => {
    fc.assert(
      fc.property(cents(), memberPlan, outsideRule, (price, plan, rule) => {
        const cost = outsideMemberCost(price, plan, rule)
        expect(cost.memberPaysCents).toBeLessThanOrEqual(price)
        if (rule.kind === 'not_covered') {
          expect(cost.memberPaysCents).toBe(price)
          expect(cost.isCapped).toBe(false)
        } else {
          expect(cost.memberPaysCents).toBeLessThanOrEqual(remainingOop(plan))
          expect(cost.memberPaysCents).toBe(Math.min(cost.uncappedCents, remainingOop(plan)))
          expect(cost.hsaMinimumCents + cost.copayCents).toBe(0) // no program waivers or copay outside
        }
      }),
      RUNS,
    )
  })

  it('a higher typical local price never lowers what the member pays, nor what the plan pays', () => {
    fc.assert(
      fc.property(cents(), cents(), memberPlan, outsideRule, (a, b, plan, rule) => {
        const [low, high] = a <= b ? [a, b] : [b, a]
        const lowCost = outsideMemberCost(low, plan, rule).memberPaysCents
        const highCost = outsideMemberCost(high, plan, rule).memberPaysCents
        expect(highCost).toBeGreaterThanOrEqual(lowCost)
        expect(high - highCost).toBeGreaterThanOrEqual(low - lowCost)
      }),
      RUNS,
    )
  })

  it('a higher coinsurance rule never charges less than plan terms at a lower rate; not covered never less than any rule', () => {
    fc.assert(
      fc.property(cents(), memberPlan, rate, (price, plan, higherRate) => {
        const planTerms = outsideMemberCost(price, plan, { kind: 'plan_terms' }).memberPaysCents
        const higher = outsideMemberCost(price, plan, { kind: 'higher_coinsurance', coinsuranceRate: higherRate }).memberPaysCents
        const notCovered = outsideMemberCost(price, plan, { kind: 'not_covered' }).memberPaysCents
        if (higherRate >= plan.coinsuranceRate) expect(higher).toBeGreaterThanOrEqual(planTerms)
        expect(notCovered).toBeGreaterThanOrEqual(Math.max(planTerms, higher))
      }),
      RUNS,
    )
  })

  it('on plan terms the member pays at least what the COE charges under any waiver with no copay', () => {
    fc.assert(
      fc.property(cents(), memberPlan, fc.boolean(), fc.boolean(), (price, plan, deductibleWaived, coinsuranceWaived) => {
        const coe = coeMemberCost(price, plan, { deductibleWaived, coinsuranceWaived, copayCents: 0 }).memberPaysCents
        expect(outsideMemberCost(price, plan, { kind: 'plan_terms' }).memberPaysCents).toBeGreaterThanOrEqual(coe)
      }),
      RUNS,
    )
  })
})

describe('memberPlanFromTerms: properties', () => {
  const planTerms: fc.Arbitrary<PlanTerms> = fc.record({
    deductibleIndividualCents: cents(5_000_000),
    deductibleFamilyCents: cents(10_000_000),
    coinsuranceRate: rate,
    oopMaxIndividualCents: cents(5_000_000),
    oopMaxFamilyCents: cents(10_000_000),
    isHsaQualified: fc.boolean(),
  })

  it('individual coverage takes the individual amounts and self-only IRS minimum, family the family ones; nothing else changes', () => {
    fc.assert(
      fc.property(planTerms, fc.constantFrom('individual' as const, 'family' as const), cents(500_000), cents(500_000), cents(), cents(), (terms, coverage, self, family, met, paid) => {
        const plan = memberPlanFromTerms(terms, coverage, { selfCents: self, familyCents: family }, { deductibleMetCents: met, oopPaidCents: paid })
        const isFamily = coverage === 'family'
        expect(plan).toEqual({
          deductibleCents: isFamily ? terms.deductibleFamilyCents : terms.deductibleIndividualCents,
          deductibleMetCents: met,
          coinsuranceRate: terms.coinsuranceRate,
          oopMaxCents: isFamily ? terms.oopMaxFamilyCents : terms.oopMaxIndividualCents,
          oopPaidCents: paid,
          isHsaQualified: terms.isHsaQualified,
          irsMinimumDeductibleCents: isFamily ? family : self,
        })
      }),
      RUNS,
    )
  })
})
