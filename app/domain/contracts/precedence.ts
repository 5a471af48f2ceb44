import { wasMemberOn, type MembershipSpan } from './attribution'
import type { ContractTerms } from './terms'

/*
 * One contract per episode (issue 23, ADR 0021). A completed case may fall under several
 * contracts in force: its employer's own, and a coalition's the employer was a member of on the
 * procedure date (or two of the same kind). It is an episode of exactly one of them, never two:
 * otherwise the savings would be shared, and the warranty credited, twice. Precedence:
 *   1. the employer's own contract over a coalition's: the employer's direct terms are the more
 *      specific ones (DESIGN §11–12: a coalition contract serves members without terms of their
 *      own with that health system; it does not override them);
 *   2. between two of the same kind, the one signed first (the first signed version's signature);
 *   3. then the smaller contract id, so the rule is total and every caller decides the same way.
 */

/** A contract in force that may claim cases: its latest signed version's network, rates and period. */
export interface ContractClaim {
  contractId: string
  purchaserOrganizationId: string
  /** The coalition's accepted membership spans when the purchaser is a coalition; null for an employer's own contract. */
  memberships: readonly MembershipSpan[] | null
  /** When its first version was signed by both sides (ISO instant). */
  firstSignedAt: string
  terms: Pick<ContractTerms, 'networkFacilityIds' | 'bundleRates' | 'attribution'>
}

/** What precedence reads of a case. */
export interface CaseClaimFacts {
  employerId: string
  facilityId: string
  procedureCode: string
  procedureDate: string
}

/**
 * How the contract covers the case, or null: 'own' when the case's employer is its purchaser,
 * 'coalition' when the purchaser is a coalition the employer was a member of on the procedure
 * date; and in both cases the facility in its network, a bundle rate for the procedure, the
 * procedure date inside its attribution period.
 */
export function claimKindOf(claim: ContractClaim, facts: CaseClaimFacts): 'own' | 'coalition' | null {
  const kind = claim.memberships === null ? (claim.purchaserOrganizationId === facts.employerId ? 'own' : null) : wasMemberOn(claim.memberships, facts.employerId, facts.procedureDate) ? 'coalition' : null
  if (kind === null) return null
  const { terms } = claim
  if (facts.procedureDate < terms.attribution.periodStart || facts.procedureDate > terms.attribution.periodEnd) return null
  if (!terms.networkFacilityIds.includes(facts.facilityId)) return null
  if (!terms.bundleRates.some((rate) => rate.procedureCode === facts.procedureCode)) return null
  return kind
}

/** Negative when `a` takes precedence over `b` for a case they both cover as `kindA` and `kindB`. */
function compareClaims(a: ContractClaim, kindA: 'own' | 'coalition', b: ContractClaim, kindB: 'own' | 'coalition'): number {
  if (kindA !== kindB) return kindA === 'own' ? -1 : 1
  if (a.firstSignedAt !== b.firstSignedAt) return a.firstSignedAt < b.firstSignedAt ? -1 : 1
  return a.contractId < b.contractId ? -1 : a.contractId > b.contractId ? 1 : 0
}

/** The one contract whose episode the case is among the claims (the precedence above), or null when none covers it. */
export function owningClaimOf<C extends ContractClaim>(facts: CaseClaimFacts, claims: readonly C[]): C | null {
  let best: { claim: C; kind: 'own' | 'coalition' } | null = null
  for (const claim of claims) {
    const kind = claimKindOf(claim, facts)
    if (kind === null) continue
    if (best === null || compareClaims(claim, kind, best.claim, best.kind) < 0) best = { claim, kind }
  }
  return best?.claim ?? null
}

/**
 * The contract that takes the case from `contractId`, or null when none does: another claim that
 * covers the case and ranks before `contractId` (which covers it as `kind`, decided by attribution
 * under the period's version). A case no other contract covers stays with `contractId`.
 */
export function takenFrom(contractId: string, kind: 'own' | 'coalition', facts: CaseClaimFacts, claims: readonly ContractClaim[]): ContractClaim | null {
  const self = claims.find((claim) => claim.contractId === contractId)
  for (const claim of claims) {
    if (claim.contractId === contractId) continue
    const other = claimKindOf(claim, facts)
    if (other === null) continue
    const selfForOrder: ContractClaim = self ?? { ...claim, contractId, firstSignedAt: '\uffff' }
    if (compareClaims(claim, other, selfForOrder, kind) < 0) return claim
  }
  return null
}

/**
 * Which other contract keeps a case `contractId` attributes, or null when `contractId` keeps it.
 * A case already an episode of another contract's closed period stays there: a closed statement is
 * never re-attributed, so a contract signed or amended after that close cannot count it a second
 * time (`closedEpisodes`: case id → the contract whose closed period has it). Otherwise takenFrom.
 */
export function keeperOf(
  contractId: string,
  kind: 'own' | 'coalition',
  facts: CaseClaimFacts & { caseId: string },
  claims: readonly ContractClaim[],
  closedEpisodes: ReadonlyMap<string, string>,
): string | null {
  const closedIn = closedEpisodes.get(facts.caseId)
  if (closedIn !== undefined && closedIn !== contractId) return closedIn
  return takenFrom(contractId, kind, facts, claims)?.contractId ?? null
}
