import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { coeMemberCost, outsideMemberCost } from '~/domain/benefits/member-cost'
import { caseEconomics } from '~/domain/savings/case-economics'
import { realizedSavings, totalRealizedSavings, type CompletedCaseMoney } from '~/domain/savings/realized-savings'
import { cents, isCents, memberPlan, outsideRule, programBenefit, RUNS } from './arbitraries'

// DESIGN §4 "Employer cost per case" and savings; realized savings of completed cases.

/** One case as the pages compute it: member costs come from the member-cost rules, not made up. */
const caseDraw = fc.record({ bundle: cents(), travel: cents(2_000_000), incentive: cents(500_000), outsidePrice: cents(), plan: memberPlan, benefit: programBenefit, rule: outsideRule })
type CaseDraw = typeof caseDraw extends fc.Arbitrary<infer T> ? T : never

const economicsInput = (c: CaseDraw, bundle = c.bundle, outsidePrice = c.outsidePrice) => ({
  bundleCents: bundle,
  travelCents: c.travel,
  incentiveCents: c.incentive,
  coeMemberCents: coeMemberCost(bundle, c.plan, c.benefit).memberPaysCents,
  outsidePriceCents: outsidePrice,
  outsideMemberCents: outsideMemberCost(outsidePrice, c.plan, c.rule).memberPaysCents,
})

describe('caseEconomics: properties', () => {
  it('employer costs are whole, non-negative cents; the COE cost is at least the travel and incentive the employer pays', () => {
    fc.assert(
      fc.property(caseDraw, (c) => {
        const e = caseEconomics(economicsInput(c))
        expect(isCents(e.coeEmployerCents)).toBe(true)
        expect(isCents(e.outsideEmployerCents)).toBe(true)
        expect(Number.isSafeInteger(e.savingsCents)).toBe(true)
        expect(e.coeEmployerCents).toBeGreaterThanOrEqual(c.travel + c.incentive)
        expect(e.outsideEmployerCents).toBeLessThanOrEqual(c.outsidePrice)
      }),
      RUNS,
    )
  })

  it('savings = outside − COE, and COE = B + travel + incentive − member cost', () => {
    fc.assert(
      fc.property(caseDraw, (c) => {
        const e = caseEconomics(economicsInput(c))
        expect(e.coeEmployerCents).toBe(c.bundle + c.travel + c.incentive - economicsInput(c).coeMemberCents)
        expect(e.outsideEmployerCents).toBe(c.outsidePrice - economicsInput(c).outsideMemberCents)
        expect(e.savingsCents).toBe(e.outsideEmployerCents - e.coeEmployerCents)
      }),
      RUNS,
    )
  })

  it('a higher bundled price never raises savings; a higher typical local price never lowers them', () => {
    fc.assert(
      fc.property(caseDraw, cents(), cents(), (c, moreBundle, morePrice) => {
        const base = caseEconomics(economicsInput(c)).savingsCents
        expect(caseEconomics(economicsInput(c, c.bundle + moreBundle)).savingsCents).toBeLessThanOrEqual(base)
        expect(caseEconomics(economicsInput(c, c.bundle, c.outsidePrice + morePrice)).savingsCents).toBeGreaterThanOrEqual(base)
      }),
      RUNS,
    )
  })

  it('more travel or a larger incentive lowers savings by exactly that amount', () => {
    fc.assert(
      fc.property(caseDraw, cents(1_000_000), cents(1_000_000), (c, moreTravel, moreIncentive) => {
        const base = caseEconomics(economicsInput(c)).savingsCents
        const more = caseEconomics({ ...economicsInput(c), travelCents: c.travel + moreTravel, incentiveCents: c.incentive + moreIncentive }).savingsCents
        expect(base - more).toBe(moreTravel + moreIncentive)
      }),
      RUNS,
    )
  })
})

const completedCase: fc.Arbitrary<CompletedCaseMoney> = fc
  .record({
    bundleCents: cents(),
    travelActualCents: fc.option(cents(2_000_000), { nil: null }),
    travelEstimateCents: cents(2_000_000),
    incentiveCents: cents(500_000),
    outsidePriceCents: fc.option(cents(), { nil: null }),
    plan: memberPlan,
    benefit: programBenefit,
  })
  .map(({ benefit, ...c }) => ({ ...c, memberPaidCents: coeMemberCost(c.bundleCents, c.plan, benefit).memberPaysCents }))

describe('realizedSavings: properties', () => {
  it('employer paid = B + travel (actual, else the estimate) + incentive − member paid: whole, non-negative cents', () => {
    fc.assert(
      fc.property(completedCase, (c) => {
        const r = realizedSavings(c)
        expect(r.employerPaidCents).toBe(c.bundleCents + (c.travelActualCents ?? c.travelEstimateCents) + c.incentiveCents - c.memberPaidCents)
        expect(isCents(r.employerPaidCents)).toBe(true)
      }),
      RUNS,
    )
  })

  it('no typical local price: no savings (null, not guessed); otherwise outside on plan terms, 0 ≤ outside ≤ P, savings = outside − paid', () => {
    fc.assert(
      fc.property(completedCase, (c) => {
        const r = realizedSavings(c)
        if (c.outsidePriceCents === null) {
          expect(r.outsideEmployerCents).toBeNull()
          expect(r.savingsCents).toBeNull()
        } else {
          expect(r.outsideEmployerCents).toBe(c.outsidePriceCents - outsideMemberCost(c.outsidePriceCents, c.plan, { kind: 'plan_terms' }).memberPaysCents)
          expect(isCents(r.outsideEmployerCents!)).toBe(true)
          expect(r.outsideEmployerCents).toBeLessThanOrEqual(c.outsidePriceCents)
          expect(r.savingsCents).toBe(r.outsideEmployerCents! - r.employerPaidCents)
        }
      }),
      RUNS,
    )
  })

  it('a higher typical local price never lowers realized savings; more paid at the center never raises them', () => {
    fc.assert(
      fc.property(completedCase, cents(), cents(1_000_000), (c, morePrice, moreTravel) => {
        fc.pre(c.outsidePriceCents !== null)
        const base = realizedSavings(c).savingsCents!
        expect(realizedSavings({ ...c, outsidePriceCents: c.outsidePriceCents! + morePrice }).savingsCents!).toBeGreaterThanOrEqual(base)
        const travel = (c.travelActualCents ?? c.travelEstimateCents) + moreTravel
        expect(realizedSavings({ ...c, travelActualCents: travel }).savingsCents!).toBeLessThanOrEqual(base)
        expect(realizedSavings({ ...c, bundleCents: c.bundleCents + moreTravel }).savingsCents!).toBeLessThanOrEqual(base)
      }),
      RUNS,
    )
  })

  it('the summary adds up: every case counted, priced + unpriced = cases, totals are the sums over priced cases', () => {
    fc.assert(
      fc.property(fc.array(completedCase, { maxLength: 20 }), (cases) => {
        const each = cases.map(realizedSavings)
        const summary = totalRealizedSavings(each)
        const priced = each.filter((r) => r.savingsCents !== null)
        expect(summary.cases).toBe(cases.length)
        expect(summary.pricedCases).toBe(priced.length)
        expect(summary.pricedCases + summary.unpricedCases).toBe(summary.cases)
        expect(summary.employerPaidCents).toBe(each.reduce((s, r) => s + r.employerPaidCents, 0))
        expect(summary.savingsCents).toBe(priced.reduce((s, r) => s + r.savingsCents!, 0))
        expect(summary.outsideEmployerCents).toBe(priced.reduce((s, r) => s + r.outsideEmployerCents!, 0))
        expect([summary.employerPaidCents, summary.outsideEmployerCents].every(isCents)).toBe(true)
      }),
      RUNS,
    )
  })
})
