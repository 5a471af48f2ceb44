/** A member's plan terms and what they have already paid this plan year (integer cents, rates 0–1). */
export interface MemberPlan {
  deductibleCents: number
  deductibleMetCents: number
  coinsuranceRate: number
  oopMaxCents: number
  oopPaidCents: number
  /** HSA-qualified HDHP: the plan may not pay before the IRS minimum deductible. */
  isHsaQualified: boolean
  /** The IRS minimum annual deductible for this member's coverage (self-only or family) this year. */
  irsMinimumDeductibleCents: number
}

export interface ProgramBenefit {
  deductibleWaived: boolean
  coinsuranceWaived: boolean
  copayCents: number
}

export interface MemberCost {
  /** HSA plans with a waived deductible: paid first, up to the IRS minimum deductible. */
  hsaMinimumCents: number
  deductibleCents: number
  coinsuranceCents: number
  copayCents: number
  /** Before the out-of-pocket maximum. */
  uncappedCents: number
  /** What the member pays. */
  memberPaysCents: number
  /** True when the remaining out-of-pocket maximum lowered the amount. */
  isCapped: boolean
}

const nonNegative = (cents: number) => Math.max(0, cents)

/**
 * What the member pays at an in-network COE for a bundle of `bundleCents` (DESIGN §4):
 * deductible part = waived ? 0 : min(D − d, B); coinsurance = waived ? 0 : c × (B − deductible part);
 * plus the COE copay (at most what is left of B); the sum capped at M − m. For an HSA-qualified HDHP a waived deductible applies
 * only above the IRS minimum: the member first pays min(IRS minimum − d, B).
 */
export function coeMemberCost(bundleCents: number, plan: MemberPlan, benefit: ProgramBenefit): MemberCost {
  const remainingDeductible = nonNegative(plan.deductibleCents - plan.deductibleMetCents)
  const hsaMinimumCents =
    plan.isHsaQualified && benefit.deductibleWaived ? Math.min(nonNegative(plan.irsMinimumDeductibleCents - plan.deductibleMetCents), bundleCents) : 0
  const deductibleCents = benefit.deductibleWaived ? 0 : Math.min(remainingDeductible, bundleCents)
  const coinsuranceCents = benefit.coinsuranceWaived ? 0 : Math.round(plan.coinsuranceRate * (bundleCents - hsaMinimumCents - deductibleCents))
  // A member never pays more than the bundle itself: the copay is at most what is left of it
  // (a $5,000 copay on a $1,500 second opinion is $1,500), else the employer's cost goes negative.
  const copayCents = Math.min(benefit.copayCents, nonNegative(bundleCents - hsaMinimumCents - deductibleCents - coinsuranceCents))
  return finish({ hsaMinimumCents, deductibleCents, coinsuranceCents, copayCents }, plan)
}

export type OutsideRule = { kind: 'plan_terms' } | { kind: 'higher_coinsurance'; coinsuranceRate: number } | { kind: 'not_covered' }

/**
 * What the member pays for the same procedure outside the program at the typical local price
 * (DESIGN §4): the plan formula with no waivers, under the program's outside rule; "not covered"
 * means the member pays the whole price, with no out-of-pocket cap.
 */
export function outsideMemberCost(priceCents: number, plan: MemberPlan, rule: OutsideRule): MemberCost {
  if (rule.kind === 'not_covered') {
    return { hsaMinimumCents: 0, deductibleCents: 0, coinsuranceCents: 0, copayCents: 0, uncappedCents: priceCents, memberPaysCents: priceCents, isCapped: false }
  }
  const deductibleCents = Math.min(nonNegative(plan.deductibleCents - plan.deductibleMetCents), priceCents)
  const rate = rule.kind === 'higher_coinsurance' ? rule.coinsuranceRate : plan.coinsuranceRate
  const coinsuranceCents = Math.round(rate * (priceCents - deductibleCents))
  return finish({ hsaMinimumCents: 0, deductibleCents, coinsuranceCents, copayCents: 0 }, plan)
}

function finish(parts: Pick<MemberCost, 'hsaMinimumCents' | 'deductibleCents' | 'coinsuranceCents' | 'copayCents'>, plan: MemberPlan): MemberCost {
  const uncappedCents = parts.hsaMinimumCents + parts.deductibleCents + parts.coinsuranceCents + parts.copayCents
  const remainingOop = nonNegative(plan.oopMaxCents - plan.oopPaidCents)
  const memberPaysCents = Math.min(uncappedCents, remainingOop)
  return { ...parts, uncappedCents, memberPaysCents, isCapped: memberPaysCents < uncappedCents }
}

/** A plan's terms as stored (integer cents, rate 0–1). */
export interface PlanTerms {
  deductibleIndividualCents: number
  deductibleFamilyCents: number
  coinsuranceRate: number
  oopMaxIndividualCents: number
  oopMaxFamilyCents: number
  isHsaQualified: boolean
}

/**
 * The member's side of a plan: a member covered alone gets the individual deductible and
 * out-of-pocket maximum (and the IRS self-only minimum), anyone covering dependents the family ones.
 */
export function memberPlanFromTerms(
  terms: PlanTerms,
  coverage: 'individual' | 'family',
  irsMinimum: { selfCents: number; familyCents: number },
  alreadyPaid: { deductibleMetCents: number; oopPaidCents: number } = { deductibleMetCents: 0, oopPaidCents: 0 },
): MemberPlan {
  const family = coverage === 'family'
  return {
    deductibleCents: family ? terms.deductibleFamilyCents : terms.deductibleIndividualCents,
    deductibleMetCents: alreadyPaid.deductibleMetCents,
    coinsuranceRate: terms.coinsuranceRate,
    oopMaxCents: family ? terms.oopMaxFamilyCents : terms.oopMaxIndividualCents,
    oopPaidCents: alreadyPaid.oopPaidCents,
    isHsaQualified: terms.isHsaQualified,
    irsMinimumDeductibleCents: family ? irsMinimum.familyCents : irsMinimum.selfCents,
  }
}
