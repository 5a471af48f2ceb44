import { outsideMemberCost, type MemberPlan } from '~/domain/benefits/member-cost'

/**
 * Realized savings of one completed case (DESIGN §4, the method page /employer/savings-method):
 * what the same procedure would have cost the employer outside the program — the typical local
 * price for the member's state, minus what the member would have paid on their plan under normal
 * plan terms — minus what the employer paid at the center: bundle + travel actually paid (the
 * estimate when none was entered) + completion incentive − what the member paid. Platform fees
 * are spend, reported beside savings, not inside them. Integer cents.
 */
export interface CompletedCaseMoney {
  bundleCents: number
  travelActualCents: number | null
  travelEstimateCents: number
  incentiveCents: number
  memberPaidCents: number
  /** Typical local price for the member's state (national when the state has none); null: unknown. */
  outsidePriceCents: number | null
  plan: MemberPlan
}

export interface RealizedSavings {
  employerPaidCents: number
  /** Null when no typical local price is known: the case is left out of savings and counted apart. */
  outsideEmployerCents: number | null
  savingsCents: number | null
}

export function realizedSavings(c: CompletedCaseMoney): RealizedSavings {
  const travel = c.travelActualCents ?? c.travelEstimateCents
  const employerPaidCents = c.bundleCents + travel + c.incentiveCents - c.memberPaidCents
  if (c.outsidePriceCents === null) return { employerPaidCents, outsideEmployerCents: null, savingsCents: null }
  const outsideEmployerCents = c.outsidePriceCents - outsideMemberCost(c.outsidePriceCents, c.plan, { kind: 'plan_terms' }).memberPaysCents
  return { employerPaidCents, outsideEmployerCents, savingsCents: outsideEmployerCents - employerPaidCents }
}

/** Sums realized savings over cases; cases without a typical price are counted, not guessed. */
export function totalRealizedSavings(cases: readonly RealizedSavings[]) {
  let savingsCents = 0
  let employerPaidCents = 0
  let outsideEmployerCents = 0
  let priced = 0
  for (const c of cases) {
    employerPaidCents += c.employerPaidCents
    if (c.savingsCents === null || c.outsideEmployerCents === null) continue
    savingsCents += c.savingsCents
    outsideEmployerCents += c.outsideEmployerCents
    priced++
  }
  return { cases: cases.length, pricedCases: priced, unpricedCases: cases.length - priced, employerPaidCents, outsideEmployerCents, savingsCents }
}
