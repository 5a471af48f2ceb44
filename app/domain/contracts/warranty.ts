import { dayInWords } from '~/domain/cases/outcomes'
import { addDays } from '~/domain/dates'
import { formatCents } from '~/domain/money'
import { MAX_TERM_CENTS, type ContractTerms, type WarrantyCoverage } from './terms'

/*
 * Warranty events on cases (DESIGN §11, ADR 0016 §9): a complication or readmission related to
 * the procedure, within the contract's warranty window, is the center's cost. Care at the center
 * is invoiced at $0 (cost 0, nothing to credit). Care elsewhere costs what its claim says; it is an
 * "other claim within W" of the episode, and the center credits the same amount back to the
 * purchaser (a credit line on the center's statement). The window runs from the procedure date to
 * `windowDays` days after discharge, discharge being the procedure date + the procedure's typical
 * nights (the same discharge as attribution, app/domain/contracts/attribution.ts).
 */

export const WARRANTY_EVENT_KINDS = ['complication', 'readmission'] as const
export type WarrantyEventKind = (typeof WARRANTY_EVENT_KINDS)[number]
export const WARRANTY_PLACES = ['center', 'elsewhere'] as const
export type WarrantyPlace = (typeof WARRANTY_PLACES)[number]

export const WARRANTY_KIND_LABELS: Readonly<Record<WarrantyEventKind, string>> = { complication: 'complication', readmission: 'readmission' }
export const WARRANTY_PLACE_LABELS: Readonly<Record<WarrantyPlace, string>> = { center: 'at the center', elsewhere: 'elsewhere' }

/** The largest claim for care elsewhere, $10,000,000 (the largest amount a contract term may hold). */
export const MAX_WARRANTY_CLAIM_CENTS = MAX_TERM_CENTS

/** The warranty term that covers each kind of event. */
const COVERAGE_OF: Readonly<Record<WarrantyEventKind, WarrantyCoverage>> = { complication: 'complications', readmission: 'readmissions' }

export interface WarrantyWindow {
  /** The procedure date: the first day an event can count. */
  from: string
  dischargeDate: string
  /** The last day an event can count: discharge + the window's days. */
  lastDay: string
  windowDays: number
}

/** The days an event counts under a warranty: the procedure date to `windowDays` days after discharge (procedure date + typical nights). */
export function warrantyWindow(warranty: ContractTerms['warranty'], procedureDate: string, typicalNights: number): WarrantyWindow {
  const dischargeDate = addDays(procedureDate, typicalNights)
  return { from: procedureDate, dischargeDate, lastDay: addDays(dischargeDate, warranty.windowDays), windowDays: warranty.windowDays }
}

export interface WarrantyCaseFacts {
  status: string
  procedureDate: string | null
  /** Nights in hospital the procedure typically needs. */
  typicalNights: number
}

export interface WarrantyEventInput {
  kind: WarrantyEventKind
  occurredOn: string
  place: WarrantyPlace
  providerName: string | null
  description: string
  /** The claim for care elsewhere, in cents; null when none was entered. */
  claimCents: number | null
}

export type WarrantyAssessment =
  | { ok: true; costCents: number; creditedCents: number; providerName: string | null; window: WarrantyWindow }
  | { ok: false; fieldErrors: Record<string, string> }

const refuse = (fieldErrors: Record<string, string>): WarrantyAssessment => ({ ok: false, fieldErrors })
const CLAIM_RANGE_MESSAGE = `Enter the cost of the care elsewhere, from $0.01 to ${formatCents(MAX_WARRANTY_CLAIM_CENTS, { wholeDollars: true })}`

/** "complications and readmissions", "complications", "nothing": what a warranty covers, in words. */
function coverageInWords(covers: readonly WarrantyCoverage[]): string {
  return covers.length === 0 ? 'nothing' : [...covers].sort().join(' and ')
}

/**
 * Whether a warranty event counts under the contract covering the case (`warranty` null: no
 * contract covers it), and what it costs and credits: at the center $0 and $0; elsewhere the
 * claim entered (more than $0, at most $10,000,000), credited in full. Refusals name the field
 * ('' for the whole form): procedure not done, no contract, a kind the warranty does not cover,
 * a date before the procedure, in the future or after the window (its last day named), care
 * elsewhere without a provider or a cost, a cost for care at the center. At the center the
 * provider is the case's facility, so a provider name typed there is dropped.
 */
export function assessWarrantyEvent(
  warranty: ContractTerms['warranty'] | null,
  facts: WarrantyCaseFacts,
  input: WarrantyEventInput,
  today: string,
): WarrantyAssessment {
  if (facts.procedureDate === null || !['procedure_done', 'completed'].includes(facts.status)) {
    return refuse({ '': 'Warranty events are recorded once the procedure is done' })
  }
  if (warranty === null) return refuse({ '': 'This case is not under a value-based contract, so no warranty covers it' })
  if (warranty.windowDays === 0 || warranty.covers.length === 0) return refuse({ '': "This case's contract has no warranty: it covers nothing after discharge" })
  const kind = WARRANTY_KIND_LABELS[input.kind]
  if (!warranty.covers.includes(COVERAGE_OF[input.kind])) {
    return refuse({ kind: `This contract's warranty does not cover ${kind}s: it covers ${coverageInWords(warranty.covers)}` })
  }

  const window = warrantyWindow(warranty, facts.procedureDate, facts.typicalNights)
  const errors: Record<string, string> = {}
  if (input.occurredOn < window.from) errors.occurredOn = `The ${kind} cannot be before the procedure (${dayInWords(window.from)})`
  else if (input.occurredOn > today) errors.occurredOn = `The date of the ${kind} cannot be in the future`
  else if (input.occurredOn > window.lastDay) {
    errors.occurredOn = `This ${kind} is after the warranty window, which ended on ${dayInWords(window.lastDay)} (${window.windowDays} days after discharge on ${dayInWords(window.dischargeDate)})`
  }
  if (!input.description.trim()) errors.description = 'Describe what happened in a few words'

  if (input.place === 'center') {
    if (input.claimCents !== null) errors.costCents = 'Care at the center is invoiced at $0: leave the cost empty'
    return Object.keys(errors).length > 0 ? refuse(errors) : { ok: true, costCents: 0, creditedCents: 0, providerName: null, window }
  }
  const providerName = input.providerName?.trim() || null
  if (!providerName) errors.providerName = 'Name the hospital or provider where the care took place'
  if (input.claimCents === null || !Number.isSafeInteger(input.claimCents) || input.claimCents <= 0 || input.claimCents > MAX_WARRANTY_CLAIM_CENTS) {
    errors.costCents = CLAIM_RANGE_MESSAGE
  }
  if (Object.keys(errors).length > 0) return refuse(errors)
  return { ok: true, costCents: input.claimCents!, creditedCents: input.claimCents!, providerName, window }
}

/** The reconciliation period a case's procedure date falls in, as far as the warranty cares. */
export interface CasePeriodFacts {
  periodStart: string
  periodEnd: string
  status: 'open' | 'closed' | 'reconciled'
  /** Set when the period had fewer than the minimum episodes: they, and their warranty events, count in a later period. */
  carriedIntoPeriodId: string | null
}

/**
 * Is the case's period closed for good: reconciled, its statement issued, its episodes not carried
 * forward? Then a warranty event can no longer change what settles.
 */
export function isPeriodFrozen(period: CasePeriodFacts | null): boolean {
  return period !== null && period.status !== 'open' && period.carriedIntoPeriodId === null
}

/**
 * Does the page offer the warranty form? From the procedure day on, and for as long as the case's
 * period is not closed for good: claims for care elsewhere often arrive after the window ended,
 * for an event inside it (its date is checked against the window when it is recorded).
 */
export function isWarrantyFormOffered(window: WarrantyWindow, today: string, period: CasePeriodFacts | null): boolean {
  return today >= window.from && !isPeriodFrozen(period)
}

/** The refusal of an event on a case whose period is closed for good. */
export function frozenPeriodMessage(period: CasePeriodFacts): string {
  return `The period this case belongs to (${dayInWords(period.periodStart)} to ${dayInWords(period.periodEnd)}) is closed and its statement issued: a warranty event can no longer change it`
}
