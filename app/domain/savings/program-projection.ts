import { coeMemberCost, outsideMemberCost, type MemberPlan, type OutsideRule, type ProgramBenefit } from '~/domain/benefits/member-cost'
import { distanceMiles, type Point } from '~/domain/geo/distance'
import { estimateTravel, type TravelRules } from '~/domain/travel/travel-estimate'

/** Members who share a home ZIP and a plan: the projection works on groups, not people. */
export interface MemberGroup {
  home: Point
  /** Typical local price of each procedure for this group (state median, or national), by procedure code. */
  outsidePriceCents: Readonly<Record<string, number>>
  members: number
  plan: MemberPlan
}

export interface NetworkCenter {
  facilityId: string
  location: Point
  bundleCents: number
}

export interface ProjectedProcedure {
  code: string
  incidencePerThousand: number
  /** Nights away from home near the center (catalog procedures.nights_away), for the travel estimate. */
  nightsAway: number
  centers: readonly NetworkCenter[]
}

export interface ProjectionAssumptions {
  /** Share of expected cases that go to the program (DESIGN §4 default 0.4). */
  adoptionRate: number
  benefit: ProgramBenefit & { completionIncentiveCents: number }
  outsideRule: OutsideRule
  travel: TravelRules
}

export interface ProcedureProjection {
  code: string
  expectedCases: number
  programCases: number
  spendWithoutProgramCents: number
  spendWithProgramCents: number
  netSavingsCents: number
  savingsRate: number | null
  /** What members pay on average per program case (cents), null when no case goes to the program. */
  memberCostPerCaseCents: number | null
  /** Share of members within 50, 100 and 250 miles of an in-network center. */
  access: { within50: number; within100: number; within250: number }
}

export const ACCESS_RADII_MILES = [50, 100, 250] as const

/**
 * The program projection (DESIGN §4): expected cases = members × incidence per 1,000 / 1,000; the
 * adoption rate of them go to the nearest in-network center (with travel), the rest stay outside
 * under the program's outside rule. Without the program every case is outside on plan terms.
 * Spend is the employer's cost (price + travel + incentive − what members pay). Cases are
 * fractional expectations; money is rounded to the cent once per procedure.
 */
export function projectProgram(groups: readonly MemberGroup[], procedures: readonly ProjectedProcedure[], assumptions: ProjectionAssumptions): ProcedureProjection[] {
  const totalMembers = groups.reduce((sum, g) => sum + g.members, 0)
  return procedures.map((procedure) => {
    let expectedCases = 0
    let programCases = 0
    let without = 0
    let withProgram = 0
    let memberPaid = 0
    const within = [0, 0, 0]
    for (const group of groups) {
      const cases = (group.members * procedure.incidencePerThousand) / 1000
      const price = group.outsidePriceCents[procedure.code]
      expectedCases += cases
      const nearest = nearestCenter(group.home, procedure.centers)
      if (nearest) ACCESS_RADII_MILES.forEach((radius, i) => (within[i]! += nearest.miles <= radius ? group.members : 0))
      if (price === undefined) continue
      const outsideOnPlanTerms = price - outsideMemberCost(price, group.plan, { kind: 'plan_terms' }).memberPaysCents
      without += cases * outsideOnPlanTerms
      const adopted = nearest ? cases * assumptions.adoptionRate : 0
      const outsideUnderRule = price - outsideMemberCost(price, group.plan, assumptions.outsideRule).memberPaysCents
      withProgram += (cases - adopted) * outsideUnderRule
      if (nearest && adopted > 0) {
        const travel = estimateTravel(nearest.miles, assumptions.travel, procedure.nightsAway)
        const member = coeMemberCost(nearest.center.bundleCents, group.plan, assumptions.benefit).memberPaysCents
        const perCase = nearest.center.bundleCents + (travel.isCovered ? travel.totalCents : 0) + assumptions.benefit.completionIncentiveCents - member
        withProgram += adopted * perCase
        memberPaid += adopted * member
        programCases += adopted
      }
    }
    const spendWithoutProgramCents = Math.round(without)
    const spendWithProgramCents = Math.round(withProgram)
    const share = (n: number) => (totalMembers === 0 ? 0 : n / totalMembers)
    return {
      code: procedure.code,
      expectedCases,
      programCases,
      spendWithoutProgramCents,
      spendWithProgramCents,
      netSavingsCents: spendWithoutProgramCents - spendWithProgramCents,
      savingsRate: spendWithoutProgramCents === 0 ? null : (spendWithoutProgramCents - spendWithProgramCents) / spendWithoutProgramCents,
      memberCostPerCaseCents: programCases > 0 ? Math.round(memberPaid / programCases) : null,
      access: { within50: share(within[0]!), within100: share(within[1]!), within250: share(within[2]!) },
    }
  })
}

/** The closest center (ties broken by facility id, so results are stable). */
export function nearestCenter(home: Point, centers: readonly NetworkCenter[]) {
  let best: { center: NetworkCenter; miles: number } | null = null
  for (const center of centers) {
    const miles = distanceMiles(home, center.location)
    if (!best || miles < best.miles || (miles === best.miles && center.facilityId < best.center.facilityId)) best = { center, miles }
  }
  return best
}
