import { coeMemberCost, type ProgramBenefit } from '~/domain/benefits/member-cost'
import { formatCents } from '~/domain/money'
import { nearestCenter, type MemberGroup, type ProjectedProcedure } from '~/domain/savings/program-projection'
import type { MemberCostByPlan, MemberCostExplanation, ProposalScenario } from './proposal'

/**
 * How a scenario's "member pays per program case" is made up (issue 20 item 11): the same cases as
 * the projection (`projectProgram`: each group's expected cases × adoption, at its nearest center,
 * counted only where the procedure has a typical local price), grouped by plan and coverage, with
 * the parts of DESIGN §4's member cost (IRS minimum first on HSA plans, deductible, coinsurance,
 * copay, out-of-pocket cap). The weighted average of the plan rows is the projection's figure.
 */
export interface PlanMemberGroup extends MemberGroup {
  planName: string
  coverage: 'individual' | 'family'
}

export function explainMemberCost(
  groups: readonly PlanMemberGroup[],
  procedures: ReadonlyArray<Pick<ProjectedProcedure, 'code' | 'incidencePerThousand' | 'centers'>>,
  adoptionRate: number,
  benefit: ProgramBenefit,
  irsMinimum: MemberCostExplanation['irsMinimum'],
): MemberCostExplanation {
  interface Sum {
    row: MemberCostByPlan
    paid: number
    hsa: number
    deductible: number
    coinsurance: number
    copay: number
    capped: number
  }
  const sums = new Map<string, Sum>()
  for (const procedure of procedures) {
    for (const group of groups) {
      if (group.outsidePriceCents[procedure.code] === undefined) continue
      const nearest = nearestCenter(group.home, procedure.centers)
      const cases = ((group.members * procedure.incidencePerThousand) / 1000) * adoptionRate
      if (!nearest || cases <= 0) continue
      const cost = coeMemberCost(nearest.center.bundleCents, group.plan, benefit)
      const key = `${group.planName}\u0000${group.coverage}\u0000${group.plan.isHsaQualified}`
      const sum = sums.get(key) ?? {
        row: {
          planName: group.planName, coverage: group.coverage, isHsaQualified: group.plan.isHsaQualified, programCases: 0, memberPaysCents: 0, hsaMinimumCents: 0,
          deductibleCents: 0, coinsuranceCents: 0, copayCents: 0, cappedShare: 0, deductiblePlanCents: group.plan.deductibleCents, coinsuranceRate: group.plan.coinsuranceRate,
        },
        paid: 0, hsa: 0, deductible: 0, coinsurance: 0, copay: 0, capped: 0,
      }
      sums.set(key, sum)
      sum.row.programCases += cases
      sum.paid += cases * cost.memberPaysCents
      sum.hsa += cases * cost.hsaMinimumCents
      sum.deductible += cases * cost.deductibleCents
      sum.coinsurance += cases * cost.coinsuranceCents
      sum.copay += cases * cost.copayCents
      sum.capped += cost.isCapped ? cases : 0
    }
  }
  const byPlan = [...sums.values()]
    .map(({ row, paid, hsa, deductible, coinsurance, copay, capped }): MemberCostByPlan => {
      const per = (cents: number) => Math.round(cents / row.programCases)
      return {
        ...row,
        memberPaysCents: per(paid),
        hsaMinimumCents: per(hsa),
        deductibleCents: per(deductible),
        coinsuranceCents: per(coinsurance),
        copayCents: per(copay),
        cappedShare: capped / row.programCases,
      }
    })
    .sort((a, b) => a.planName.localeCompare(b.planName, 'en') || (a.coverage === b.coverage ? 0 : a.coverage === 'individual' ? -1 : 1))
  return { irsMinimum, byPlan }
}

const dollars = (cents: number) => formatCents(cents, { wholeDollars: true })
const percent = (rate: number) => `${Math.round(rate * 100)}%`
const COVERAGE = { individual: 'self-only', family: 'family' } as const

/** What one plan row pays, in words: "$1,700 a case: the IRS minimum deductible first · 18% of program cases". */
export function planCostLine(row: MemberCostByPlan, totalCases: number): string {
  const parts: string[] = []
  if (row.hsaMinimumCents > 0) parts.push(`${dollars(row.hsaMinimumCents)} up to the IRS minimum deductible`)
  if (row.deductibleCents > 0) parts.push(`${dollars(row.deductibleCents)} deductible`)
  if (row.coinsuranceCents > 0) parts.push(`${dollars(row.coinsuranceCents)} coinsurance (${percent(row.coinsuranceRate)})`)
  if (row.copayCents > 0) parts.push(`${dollars(row.copayCents)} copay`)
  const made = parts.length === 0 ? 'nothing to pay' : parts.join(' + ')
  const cap = row.cappedShare > 0 ? `, lowered to the out-of-pocket maximum${row.cappedShare < 0.995 ? ` in ${percent(row.cappedShare)} of cases` : ''}` : ''
  const share = totalCases > 0 ? ` · ${percent(row.programCases / totalCases)} of program cases` : ''
  return `${row.planName}${row.isHsaQualified ? ' (HSA-qualified)' : ''}, ${COVERAGE[row.coverage]}: ${dollars(row.memberPaysCents)} a case (${made}${cap})${share}`
}

/**
 * The member cost explained for one scenario: how it is counted (tailored to its rules), the HSA
 * rule where it applies, and the average as a weighting of the plan rows.
 */
export function memberCostWords(scenario: Pick<ProposalScenario, 'design' | 'memberCost' | 'metrics'>): { how: string[]; byPlan: string[] } {
  const average = scenario.metrics.memberCostPerCaseCents
  const design = scenario.design
  const explanation = scenario.memberCost
  const how: string[] = [
    "At a center the member pays the plan's deductible unless the program waives it, then the plan's coinsurance on the rest of the bundle price unless waived, plus the program's copay (never more than the bundle), all capped at what is left of the plan's out-of-pocket maximum. The projection assumes members start the plan year with nothing paid.",
  ]
  if (design) {
    const waived = [design.benefit.deductibleWaived ? 'the deductible' : null, design.benefit.coinsuranceWaived ? 'the coinsurance' : null].filter(Boolean)
    const copay = design.benefit.coeCopayCents > 0 ? `a ${dollars(design.benefit.coeCopayCents)} copay` : 'no copay'
    how.push(`This scenario waives ${waived.length ? waived.join(' and ') : 'nothing'} and has ${copay}.`)
  }
  const hsa = explanation?.byPlan.some((row) => row.isHsaQualified)
  if (explanation && hsa && design?.benefit.deductibleWaived) {
    const { year, selfCents, familyCents } = explanation.irsMinimum
    how.push(
      `On an HSA-qualified high-deductible plan the plan may not pay before the IRS minimum deductible (${dollars(selfCents)} self-only, ${dollars(familyCents)} family in ${year}), so those members pay up to that amount first; the waived deductible applies only above it.`,
    )
  }
  if (average !== null && explanation && explanation.byPlan.length > 0) {
    how.push(`The average of ${dollars(average)} a case weights each plan and coverage below by its share of the projected program cases.`)
  } else if (average === null) how.push('No program case is projected, so there is no average.')
  const total = explanation?.byPlan.reduce((sum, row) => sum + row.programCases, 0) ?? 0
  return { how, byPlan: explanation?.byPlan.map((row) => planCostLine(row, total)) ?? [] }
}

/** A short "what members pay" for the executive summary: each plan's cost, grouped by amount. */
export function memberCostBrief(scenario: Pick<ProposalScenario, 'memberCost' | 'metrics'>): string {
  const average = scenario.metrics.memberCostPerCaseCents
  if (average === null) return 'No program case is projected.'
  const rows = scenario.memberCost?.byPlan ?? []
  const byPlan = new Map<string, string[]>()
  for (const row of rows) {
    const name = `${row.planName}${row.isHsaQualified && !/\bHSA\b/.test(row.planName) ? ' (HSA)' : ''}`
    byPlan.set(name, [...(byPlan.get(name) ?? []), `${dollars(row.memberPaysCents)} ${COVERAGE[row.coverage]}`])
  }
  const plans = [...byPlan].map(([name, costs]) => {
    const unique = [...new Set(costs.map((c) => c.split(' ')[0]))]
    return unique.length === 1 ? `${name} ${unique[0]}` : `${name} ${costs.join(', ')}`
  })
  return `${dollars(average)} a program case on average${plans.length ? ` (${plans.join('; ')})` : ''}.`
}
