import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { coeMemberCost, outsideMemberCost } from '~/domain/benefits/member-cost'
import { distanceMiles } from '~/domain/geo/distance'
import { nearestCenter, projectProgram, type MemberGroup, type NetworkCenter, type ProjectedProcedure, type ProjectionAssumptions } from '~/domain/savings/program-projection'
import { estimateTravel } from '~/domain/travel/travel-estimate'
import { cents, isCents, memberPlan, outsideRule, programBenefit, rate, RUNS, travelRules, usPoint } from './arbitraries'

// DESIGN §4 "Program projection".

const CODES = ['TKA', 'THA', 'SPINE_FUSION'] as const

const group: fc.Arbitrary<MemberGroup> = fc.record({
  home: usPoint,
  // Some groups have no typical local price for a procedure (then it is left out of spend).
  outsidePriceCents: fc.record({ TKA: cents(), THA: cents(), SPINE_FUSION: cents() }, { requiredKeys: [] }),
  members: fc.integer({ min: 0, max: 20_000 }),
  plan: memberPlan,
})
// Centers often share a site (several offers at one campus), so distance ties are common.
const SITES = [
  { latitude: 44.0225, longitude: -92.4666 }, // Rochester, MN
  { latitude: 41.5026, longitude: -81.6213 }, // Cleveland, OH
  { latitude: 30.2672, longitude: -97.7431 }, // Austin, TX
]
const location = fc.oneof(usPoint, fc.constantFrom(...SITES))
const centers: fc.Arbitrary<NetworkCenter[]> = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 4 })
  .chain((ids) => fc.tuple(...ids.map((facilityId) => fc.record({ facilityId: fc.constant(facilityId), location, bundleCents: cents(20_000_000) }))))
const procedure = (code: string): fc.Arbitrary<ProjectedProcedure> =>
  fc.record({ code: fc.constant(code), incidencePerThousand: fc.double({ min: 0, max: 20, noNaN: true }), nightsAway: fc.integer({ min: 0, max: 14 }), centers })
const procedures = fc.subarray([...CODES], { minLength: 1 }).chain((codes) => fc.tuple(...codes.map(procedure)))
const assumptions: fc.Arbitrary<ProjectionAssumptions> = fc.record({
  adoptionRate: fc.oneof(fc.constant(0.4), rate),
  benefit: programBenefit.chain((b) => cents(500_000).map((completionIncentiveCents) => ({ ...b, completionIncentiveCents }))),
  outsideRule,
  travel: travelRules,
})
const scenario = fc.record({ groups: fc.array(group, { maxLength: 5 }), procedures, assumptions })

describe('projectProgram: properties', () => {
  it('one result per procedure, in order; spend is whole, non-negative cents; net savings = without − with', () => {
    fc.assert(
      fc.property(scenario, ({ groups, procedures, assumptions }) => {
        const results = projectProgram(groups, procedures, assumptions)
        expect(results.map((r) => r.code)).toEqual(procedures.map((p) => p.code))
        for (const r of results) {
          expect(isCents(r.spendWithoutProgramCents)).toBe(true)
          expect(isCents(r.spendWithProgramCents)).toBe(true)
          expect(r.netSavingsCents).toBe(r.spendWithoutProgramCents - r.spendWithProgramCents)
          if (r.spendWithoutProgramCents === 0) expect(r.savingsRate).toBeNull()
          else expect(r.savingsRate).toBeCloseTo(r.netSavingsCents / r.spendWithoutProgramCents, 12)
          if (r.memberCostPerCaseCents !== null) expect(isCents(r.memberCostPerCaseCents)).toBe(true)
        }
      }),
      RUNS,
    )
  })

  it('expected cases = members × incidence / 1,000; program cases = adoption × the cases that have a center and a price', () => {
    fc.assert(
      fc.property(scenario, ({ groups, procedures, assumptions }) => {
        projectProgram(groups, procedures, assumptions).forEach((r, i) => {
          const p = procedures[i]!
          const expected = groups.reduce((sum, g) => sum + (g.members * p.incidencePerThousand) / 1000, 0)
          const reachable = p.centers.length === 0 ? 0 : groups.filter((g) => g.outsidePriceCents[p.code] !== undefined).reduce((sum, g) => sum + (g.members * p.incidencePerThousand) / 1000, 0)
          expect(r.expectedCases).toBeCloseTo(expected, 9)
          expect(r.programCases).toBeCloseTo(assumptions.adoptionRate * reachable, 9)
          expect(r.programCases).toBeLessThanOrEqual(r.expectedCases + 1e-9)
          expect(r.programCases === 0).toBe(r.memberCostPerCaseCents === null)
        })
      }),
      RUNS,
    )
  })

  it('access shares are 0–1 and widen with the radius (50 ≤ 100 ≤ 250 mi), and match the members near a center', () => {
    fc.assert(
      fc.property(scenario, ({ groups, procedures, assumptions }) => {
        const total = groups.reduce((sum, g) => sum + g.members, 0)
        projectProgram(groups, procedures, assumptions).forEach((r, i) => {
          const { within50, within100, within250 } = r.access
          for (const share of [within50, within100, within250]) {
            expect(share).toBeGreaterThanOrEqual(0)
            expect(share).toBeLessThanOrEqual(1)
          }
          expect(within50).toBeLessThanOrEqual(within100)
          expect(within100).toBeLessThanOrEqual(within250)
          const near = (miles: number) => groups.filter((g) => procedures[i]!.centers.some((c) => distanceMiles(g.home, c.location) <= miles)).reduce((sum, g) => sum + g.members, 0)
          expect(within250).toBeCloseTo(total === 0 ? 0 : near(250) / total, 12)
        })
      }),
      RUNS,
    )
  })

  it('nobody adopting, or no center, with plan terms outside: spend with the program equals spend without, no savings', () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), ({ groups, procedures, assumptions }, noCenters) => {
        const noProgram = noCenters ? procedures.map((p) => ({ ...p, centers: [] })) : procedures
        const a = { ...assumptions, outsideRule: { kind: 'plan_terms' as const }, adoptionRate: noCenters ? assumptions.adoptionRate : 0 }
        for (const r of projectProgram(groups, noProgram, a)) {
          expect(r.spendWithProgramCents).toBe(r.spendWithoutProgramCents)
          expect(r.netSavingsCents).toBe(0)
          expect(r.programCases).toBe(0)
        }
      }),
      RUNS,
    )
  })

  it('higher bundled prices never lower spend with the program and leave spend without it alone', () => {
    fc.assert(
      fc.property(scenario, cents(5_000_000), ({ groups, procedures, assumptions }, rise) => {
        const dearer = procedures.map((p) => ({ ...p, centers: p.centers.map((c) => ({ ...c, bundleCents: c.bundleCents + rise })) }))
        const before = projectProgram(groups, procedures, assumptions)
        projectProgram(groups, dearer, assumptions).forEach((after, i) => {
          expect(after.spendWithProgramCents).toBeGreaterThanOrEqual(before[i]!.spendWithProgramCents)
          expect(after.spendWithoutProgramCents).toBe(before[i]!.spendWithoutProgramCents)
          expect(after.netSavingsCents).toBeLessThanOrEqual(before[i]!.netSavingsCents)
        })
      }),
      RUNS,
    )
  })

  it('higher typical local prices never lower spend without the program, nor spend with it', () => {
    fc.assert(
      fc.property(scenario, cents(5_000_000), ({ groups, procedures, assumptions }, rise) => {
        const dearer = groups.map((g) => ({ ...g, outsidePriceCents: Object.fromEntries(Object.entries(g.outsidePriceCents).map(([code, price]) => [code, price + rise])) }))
        const before = projectProgram(groups, procedures, assumptions)
        projectProgram(dearer, procedures, assumptions).forEach((after, i) => {
          expect(after.spendWithoutProgramCents).toBeGreaterThanOrEqual(before[i]!.spendWithoutProgramCents)
          expect(after.spendWithProgramCents).toBeGreaterThanOrEqual(before[i]!.spendWithProgramCents)
        })
      }),
      RUNS,
    )
  })

  it('spend with the program = the rest outside under the rule + adopted cases × (B + travel + incentive − member cost)', () => {
    fc.assert(
      fc.property(group, procedure('TKA'), assumptions, ({ outsidePriceCents: _prices, ...g }, p, a) => {
        fc.pre(p.centers.length > 0)
        const price = 5_722_620
        const [r] = projectProgram([{ ...g, outsidePriceCents: { TKA: price } }], [p], a)
        const cases = (g.members * p.incidencePerThousand) / 1000
        const nearest = nearestCenter(g.home, p.centers)!
        const travel = estimateTravel(nearest.miles, a.travel, p.nightsAway)
        const member = coeMemberCost(nearest.center.bundleCents, g.plan, a.benefit).memberPaysCents
        const perCase = nearest.center.bundleCents + (travel.isCovered ? travel.totalCents : 0) + a.benefit.completionIncentiveCents - member
        const outside = price - outsideMemberCost(price, g.plan, a.outsideRule).memberPaysCents
        const expected = cases * (1 - a.adoptionRate) * outside + cases * a.adoptionRate * perCase
        expect(Math.abs(r!.spendWithProgramCents - expected)).toBeLessThanOrEqual(1 + expected * 1e-12)
      }),
      RUNS,
    )
  })

  it('waiving the deductible and coinsurance, or a larger incentive, never lowers spend with the program (the employer pays what the member does not)', () => {
    fc.assert(
      fc.property(scenario, cents(500_000), ({ groups, procedures, assumptions }, moreIncentive) => {
        const kept = { ...assumptions, benefit: { ...assumptions.benefit, deductibleWaived: false, coinsuranceWaived: false } }
        const waived = { ...assumptions, benefit: { ...assumptions.benefit, deductibleWaived: true, coinsuranceWaived: true, completionIncentiveCents: assumptions.benefit.completionIncentiveCents + moreIncentive } }
        const before = projectProgram(groups, procedures, kept)
        projectProgram(groups, procedures, waived).forEach((after, i) => {
          expect(after.spendWithProgramCents).toBeGreaterThanOrEqual(before[i]!.spendWithProgramCents)
          if (after.memberCostPerCaseCents !== null) expect(after.memberCostPerCaseCents).toBeLessThanOrEqual(before[i]!.memberCostPerCaseCents!)
        })
      }),
      RUNS,
    )
  })

  it('what members pay per program case is never more than the dearest bundle nor the largest remaining out-of-pocket maximum', () => {
    fc.assert(
      fc.property(scenario, ({ groups, procedures, assumptions }) => {
        const largestRemaining = Math.max(0, ...groups.map((g) => Math.max(0, g.plan.oopMaxCents - g.plan.oopPaidCents)))
        projectProgram(groups, procedures, assumptions).forEach((r, i) => {
          if (r.memberCostPerCaseCents === null) return
          expect(r.memberCostPerCaseCents).toBeLessThanOrEqual(Math.max(...procedures[i]!.centers.map((c) => c.bundleCents)))
          expect(r.memberCostPerCaseCents).toBeLessThanOrEqual(largestRemaining)
        })
      }),
      RUNS,
    )
  })
})

describe('nearestCenter: properties', () => {
  it('null only without centers; otherwise no center is closer, ties go to the smallest facility id, whatever the order', () => {
    fc.assert(
      fc.property(usPoint, centers.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length }))), (home, [list, shuffled]) => {
        const nearest = nearestCenter(home, list)
        if (list.length === 0) {
          expect(nearest).toBeNull()
          return
        }
        expect(nearest!.miles).toBe(distanceMiles(home, nearest!.center.location))
        for (const c of list) {
          const d = distanceMiles(home, c.location)
          expect(d).toBeGreaterThanOrEqual(nearest!.miles)
          if (d === nearest!.miles) expect(c.facilityId >= nearest!.center.facilityId).toBe(true)
        }
        expect(nearestCenter(home, shuffled)!.center.facilityId).toBe(nearest!.center.facilityId)
      }),
      RUNS,
    )
  })

  it('a center at the home itself is the nearest, 0 mi away', () => {
    fc.assert(
      fc.property(usPoint, centers, (home, list) => {
        const nearest = nearestCenter(home, [...list, { facilityId: '', location: { ...home }, bundleCents: 1 }])
        expect(nearest!.miles).toBe(0)
        expect(nearest!.center.facilityId).toBe('')
      }),
      RUNS,
    )
  })
})
