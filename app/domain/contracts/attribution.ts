import { addDays } from '~/domain/dates'
import type { AttributedEpisode } from './reconciliation'
import type { ContractTerms } from './terms'

/*
 * Attribution (DESIGN §11, ADR 0016 §6): which completed cases are a contract's episodes in a
 * period, and the numbers the reconciliation reads from each. The repository narrows the cases by
 * purchaser, network facility, procedure and procedure date; this decides, case by case, and says
 * why a case is left out.
 */

/** A completed case as the repository reads it, with its warranty events summed. */
export interface EpisodeCaseFacts {
  caseId: string
  /** The employer whose program the case is under (a coalition's member employer for a coalition contract). */
  employerId: string
  rosterMemberId: string
  procedureCode: string
  facilityId: string
  /** When the member asked for care (ISO instant); authorisation is prospective: before the procedure. */
  requestedAt: string
  procedureDate: string
  /** Nights in hospital the procedure typically needs: discharge = procedure date + nights. */
  typicalNights: number
  bundlePriceCents: number
  travelActualCents: number | null
  incentiveCents: number
  hadComplication: boolean | null
  wasReadmitted: boolean | null
  satisfaction: number | null
  hasPatientReportedOutcomes: boolean | null
  firstConsultDate: string | null
  /** Σ cost of warranty events elsewhere (other claims within W) and Σ credited by the center. */
  warrantyElsewhereCostCents: number
  warrantyCreditedCents: number
}

/** An attributed episode with the facts an extract or a statement shows beside the numbers. */
export interface EpisodeRecord {
  episode: AttributedEpisode
  /** The case's employer (what a coalition allocation counts); absent on periods closed before coalitions (issue 23). */
  employerId?: string
  rosterMemberId: string
  facilityId: string
  procedureDate: string
  dischargeDate: string
}

export type AttributionRefusal = 'not_prospective' | 'no_bundle_rate' | 'no_benchmark' | 'outside_network' | 'outside_period' | 'not_a_member'

/** A member employer's accepted membership of a coalition: from `joinedOn` to `leftOn`, its last day (null: still a member). */
export interface MembershipSpan {
  employerId: string
  joinedOn: string
  leftOn: string | null
}

/**
 * Was the employer a member of the coalition on `date` (YYYY-MM-DD)? From the day it joined to
 * `leftOn`, both days included (ADR 0020, as `isMemberOn` in app/domain/coalitions/membership.ts).
 * An employer may have joined, left and joined again: any span counts.
 */
export function wasMemberOn(memberships: readonly MembershipSpan[], employerId: string, date: string): boolean {
  return memberships.some((span) => span.employerId === employerId && span.joinedOn <= date && (span.leftOn === null || date <= span.leftOn))
}

/** Whole days from one ISO date to another (both YYYY-MM-DD). */
function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/**
 * The episode a case is under the terms, or why it is not one: the procedure date inside
 * [from, to], at a network facility, a procedure with a bundle rate and a benchmark, requested on
 * or before the procedure date. `from` is the period's start, or an earlier period's whose episodes
 * carried forward. For a coalition contract, `memberships` are the coalition's: the case's employer
 * must have been a member on the procedure date (null for an employer's own contract).
 */
export function attributeCase(
  terms: Pick<ContractTerms, 'bundleRates' | 'benchmarks' | 'networkFacilityIds'>,
  facts: EpisodeCaseFacts,
  from: string,
  to: string,
  memberships: readonly MembershipSpan[] | null = null,
): { ok: true; record: EpisodeRecord } | { ok: false; refusal: AttributionRefusal } {
  if (facts.procedureDate < from || facts.procedureDate > to) return { ok: false, refusal: 'outside_period' }
  // A coalition contract (issue 23): the case's employer must have been a member on the procedure date.
  if (memberships !== null && !wasMemberOn(memberships, facts.employerId, facts.procedureDate)) return { ok: false, refusal: 'not_a_member' }
  if (!terms.networkFacilityIds.includes(facts.facilityId)) return { ok: false, refusal: 'outside_network' }
  if (!terms.bundleRates.some((rate) => rate.procedureCode === facts.procedureCode)) return { ok: false, refusal: 'no_bundle_rate' }
  const benchmark = terms.benchmarks.find((item) => item.procedureCode === facts.procedureCode)
  if (!benchmark) return { ok: false, refusal: 'no_benchmark' }
  const requestedOn = facts.requestedAt.slice(0, 10)
  if (requestedOn > facts.procedureDate) return { ok: false, refusal: 'not_prospective' }
  return {
    ok: true,
    record: {
      employerId: facts.employerId,
      rosterMemberId: facts.rosterMemberId,
      facilityId: facts.facilityId,
      procedureDate: facts.procedureDate,
      dischargeDate: addDays(facts.procedureDate, facts.typicalNights),
      episode: {
        caseId: facts.caseId,
        procedureCode: facts.procedureCode,
        benchmarkCents: benchmark.benchmarkCents,
        bundleCents: facts.bundlePriceCents,
        travelPaidCents: facts.travelActualCents ?? 0,
        incentiveCents: facts.incentiveCents,
        otherClaimsCents: facts.warrantyElsewhereCostCents,
        warrantyCreditCents: facts.warrantyCreditedCents,
        outcomes: {
          hadComplication90d: facts.hadComplication,
          wasReadmitted30d: facts.wasReadmitted,
          satisfaction: facts.satisfaction,
          hasPatientReportedOutcomes: facts.hasPatientReportedOutcomes === true,
          daysToFirstConsult: facts.firstConsultDate === null ? null : Math.max(0, daysFrom(requestedOn, facts.firstConsultDate)),
        },
      },
    },
  }
}
