import { z } from 'zod'
import { centsToDollarInput, formatCents } from '~/domain/money'
import type { EpisodeRecord } from './attribution'
import type { ReconciliationStatement } from './reconciliation'
import { formatRate, formatTarget, QUALITY_MEASURE_CODES, QUALITY_MEASURES } from './terms'

/*
 * A stored reconciliation statement (issue 21, ADR 0016 §8): the output of `reconcilePeriod` with
 * the facts a reader needs beside each episode (procedure date, facility, the period it came
 * from), the warranty credits of the period's episodes, who the parties were and what carried
 * forward, all frozen when the period closed. Page, PDF and CSV of both sides render this
 * document and never recompute it. Stored as JSON text and parsed with `StatementDocumentSchema`
 * on every read (ADR 0003).
 */

export interface PeriodRef {
  sequence: number
  periodStart: string
  periodEnd: string
}

/** What a statement shows beside an episode's numbers (same order as the reconciliation's episodes). */
export interface StatementEpisodeFacts {
  caseId: string
  facilityId: string
  facilityName: string
  procedureDate: string
  dischargeDate: string
  /** The period whose dates hold the procedure date: an earlier one when the episode carried forward. */
  originalPeriod: PeriodRef
}

/** A warranty credit of one of the period's episodes: what the center credits the purchaser. */
export interface StatementWarrantyCredit {
  eventId: string
  caseId: string
  kind: 'complication' | 'readmission'
  occurredOn: string
  place: 'center' | 'elsewhere'
  providerName: string | null
  description: string
  costCents: number
  creditedCents: number
  /** The ledger credit (contract_credits) issued for it, when there is one. */
  creditId: string | null
}

/** A member employer's line of a coalition statement's allocation (issue 23, DESIGN §12). */
export interface StatementAllocationLine {
  employerId: string
  employerName: string
  episodes: number
  /** Its share of the settlement (allocateSettlement): same sign as the settlement. */
  allocatedCents: number
}

export interface StatementDocument {
  contract: { id: string; title: string; purchaserName: string; healthSystemName: string }
  version: { id: string; number: number; termsSha256: string }
  period: PeriodRef & { id: string; closesOn: string }
  /** The first procedure date read: this period's start, or an earlier period's whose episodes carried into it. */
  attributedFrom: string
  /** Earlier periods whose episodes carried into this one (fewer than the minimum there). */
  carriedFrom: PeriodRef[]
  /** Fewer than the minimum episodes: the period they carry into, or null when this is the last period. Null when nothing carries. */
  carryForward: { into: PeriodRef | null } | null
  episodeFacts: StatementEpisodeFacts[]
  warrantyCredits: StatementWarrantyCredit[]
  reconciliation: ReconciliationStatement
  /**
   * A coalition contract's settlement allocated to the member employers by their episodes (every
   * member during the attributed dates, 0 episodes included); absent for an employer's own contract.
   */
  allocation?: StatementAllocationLine[]
  closedAt: string
}

const PeriodRefSchema = z.object({ sequence: z.number().int(), periodStart: z.string(), periodEnd: z.string() })
const cents = z.number().int()

/** The numbers of an attributed episode (AttributedEpisode without its outcomes), in a statement and frozen on a period. */
const EpisodeNumbersShape = {
  caseId: z.string(),
  procedureCode: z.string(),
  benchmarkCents: cents,
  bundleCents: cents,
  travelPaidCents: cents,
  incentiveCents: cents,
  otherClaimsCents: cents,
  warrantyCreditCents: cents,
}

const ReconciliationSchema = z.object({
  episodes: z.array(
    z.object({
      ...EpisodeNumbersShape,
      actualSpendCents: cents,
      outlierCapCents: cents,
      countedSpendCents: cents,
      isTruncated: z.boolean(),
      savingsCents: cents,
    }),
  ),
  episodeCount: z.number().int(),
  minimumEpisodes: z.number().int(),
  totalBenchmarkCents: cents,
  totalActualSpendCents: cents,
  totalCountedSpendCents: cents,
  grossSavingsCents: cents,
  goals: z.array(
    z.object({
      measure: z.enum(QUALITY_MEASURE_CODES),
      label: z.string(),
      direction: z.enum(['lower_is_better', 'higher_is_better']),
      target: z.number(),
      weight: z.number(),
      measuredValue: z.number().nullable(),
      numerator: z.number(),
      denominator: z.number().int(),
      isMet: z.boolean(),
      explanation: z.string(),
    }),
  ),
  compositeScore: z.number(),
  qualityGate: z.number(),
  isGateMet: z.boolean(),
  steps: z.array(
    z.object({
      key: z.enum(['episodes', 'total_benchmark', 'actual_spend', 'outlier_cap', 'gross_savings', 'quality', 'quality_gate', 'shared_savings', 'stop_gain', 'shared_loss', 'stop_loss', 'settlement']),
      label: z.string(),
      calculation: z.string(),
      explanation: z.string(),
      cents: cents.nullable(),
    }),
  ),
  settlementCents: cents,
  paidBy: z.enum(['purchaser', 'center']).nullable(),
  outcome: z.enum([
    'below_minimum_episodes',
    'no_episodes',
    'quality_gate_not_met',
    'shared_savings',
    'shared_savings_at_stop_gain',
    'loss_not_shared',
    'shared_loss',
    'shared_loss_at_stop_loss',
  ]),
  reason: z.string(),
})

export const StatementDocumentSchema: z.ZodType<StatementDocument, z.ZodTypeDef, unknown> = z.object({
  contract: z.object({ id: z.string(), title: z.string(), purchaserName: z.string(), healthSystemName: z.string() }),
  version: z.object({ id: z.string(), number: z.number().int(), termsSha256: z.string() }),
  period: PeriodRefSchema.extend({ id: z.string(), closesOn: z.string() }),
  attributedFrom: z.string(),
  carriedFrom: z.array(PeriodRefSchema),
  carryForward: z.object({ into: PeriodRefSchema.nullable() }).nullable(),
  episodeFacts: z.array(
    z.object({ caseId: z.string(), facilityId: z.string(), facilityName: z.string(), procedureDate: z.string(), dischargeDate: z.string(), originalPeriod: PeriodRefSchema }),
  ),
  warrantyCredits: z.array(
    z.object({
      eventId: z.string(),
      caseId: z.string(),
      kind: z.enum(['complication', 'readmission']),
      occurredOn: z.string(),
      place: z.enum(['center', 'elsewhere']),
      providerName: z.string().nullable(),
      description: z.string(),
      costCents: cents,
      creditedCents: cents,
      creditId: z.string().nullable(),
    }),
  ),
  reconciliation: ReconciliationSchema,
  allocation: z.array(z.object({ employerId: z.string(), employerName: z.string(), episodes: z.number().int(), allocatedCents: cents })).optional(),
  closedAt: z.string(),
})

/** Episode records frozen on a period at close (`contract_periods.episodes`). */
export const FrozenEpisodesSchema = z.array(
  z.object({
    employerId: z.string().optional(),
    rosterMemberId: z.string(),
    facilityId: z.string(),
    procedureDate: z.string(),
    dischargeDate: z.string(),
    episode: z.object({
      ...EpisodeNumbersShape,
      outcomes: z.object({
        hadComplication90d: z.boolean().nullable(),
        wasReadmitted30d: z.boolean().nullable(),
        satisfaction: z.number().nullable(),
        hasPatientReportedOutcomes: z.boolean(),
        daysToFirstConsult: z.number().nullable(),
      }),
    }),
  }),
) satisfies z.ZodType<EpisodeRecord[], z.ZodTypeDef, unknown>

/**
 * JSON with object keys sorted at every level, so equal values always give equal text: what the
 * statement's inputs hash (`inputs_sha256`) is computed over.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** "Period 2: 2027-01-01 to 2027-12-31". */
export function periodLabel(period: PeriodRef): string {
  return `Period ${period.sequence}: ${period.periodStart} to ${period.periodEnd}`
}

/** Who pays whom, in words: "Employer A pays Test Health $1,234.56", or that nothing is owed. */
export function settlementWords(document: Pick<StatementDocument, 'contract' | 'reconciliation'>): string {
  const { settlementCents } = document.reconciliation
  const { purchaserName, healthSystemName } = document.contract
  if (settlementCents > 0) return `${purchaserName} pays ${healthSystemName} ${formatCents(settlementCents)}.`
  if (settlementCents < 0) return `${healthSystemName} pays ${purchaserName} ${formatCents(-settlementCents)}.`
  return 'Nothing is owed either way: the settlement is $0.00, so there is nothing to settle.'
}

/** "period 2 (2028-01-01 to 2028-12-31)", inside a sentence. */
export function periodInWords(period: PeriodRef): string {
  return `period ${period.sequence} (${period.periodStart} to ${period.periodEnd})`
}

/** What the statement says about episodes that carry forward, or null when none do. */
export function carryForwardWords(document: Pick<StatementDocument, 'carryForward' | 'reconciliation'>): string | null {
  const carry = document.carryForward
  if (!carry) return null
  const { episodeCount: count, minimumEpisodes } = document.reconciliation
  const fewer = `Fewer than the minimum of ${minimumEpisodes} ${minimumEpisodes === 1 ? 'episode' : 'episodes'}`
  if (count === 0) {
    return carry.into
      ? `${fewer}: no episode was attributed, so nothing settles now; ${periodInWords(carry.into)} is reconciled on its own episodes.`
      : `${fewer}: no episode was attributed, and this is the contract's last period: nothing settles.`
  }
  const these = count === 1 ? 'this episode' : `these ${count} episodes`
  return carry.into
    ? `${fewer}: nothing settles now, and ${these} ${count === 1 ? 'carries' : 'carry'} forward into ${periodInWords(carry.into)}, to be reconciled with that period's own episodes.`
    : `${fewer}, and this is the contract's last period: there is no later period to carry ${these} into, so nothing settles for ${count === 1 ? 'it' : 'them'}.`
}

/** A statement's settlement and its status, as page and PDF state it (from the stored row). */
export interface StatementSettlement {
  cents: number
  words: string
  reason: string
  needsSettlement: boolean
  settledVia: 'ledger' | 'stripe' | null
  reference: string | null
  settledAt: string | null
}

/** Settled through the ledger (its number) or Stripe (its id), not yet, or needing none: in words. */
export function settlementStatusWords(settlement: StatementSettlement): string {
  if (!settlement.needsSettlement) return 'No settlement needed: nothing is owed either way.'
  if (settlement.settledAt === null) return 'Not settled yet.'
  const on = settlement.settledAt.slice(0, 10)
  return settlement.settledVia === 'stripe'
    ? `Settled through Stripe on ${on}: ${settlement.cents > 0 ? 'invoice' : 'credit to the purchaser’s balance'} ${settlement.reference}.`
    : `Settled through the ledger on ${on}: settlement ${settlement.reference}.`
}

/** A goal's measured value in its unit ("3.3333%", "8.5 of 10", "12 days"), or "not measured". */
export function measuredText(goal: ReconciliationStatement['goals'][number]): string {
  if (goal.measuredValue === null) return 'not measured'
  const kind = QUALITY_MEASURES[goal.measure].kind
  return kind === 'rate' ? formatRate(goal.measuredValue) : formatTarget(goal.measure, Number(goal.measuredValue.toFixed(2)))
}

/** One episode of a statement with its facts, as page, PDF and CSV show it. */
export interface StatementEpisodeRow {
  line: ReconciliationStatement['episodes'][number]
  facts: StatementEpisodeFacts
}

/** The statement's episodes with their facts, in the statement's order. */
export function statementEpisodeRows(document: StatementDocument): StatementEpisodeRow[] {
  return document.reconciliation.episodes.map((line, index) => ({ line, facts: document.episodeFacts[index]! }))
}

/** Episodes a statement page shows at once; the PDF and CSV carry them all. */
export const EPISODES_PER_PAGE = 100

/** The page of `total` rows a `?page=` value asks for: a whole number from 1 to the last page, else 1 (or the last page). */
export function episodePage(requested: string | null, total: number, perPage = EPISODES_PER_PAGE): { page: number; pages: number; from: number; to: number } {
  const pages = Math.max(1, Math.ceil(total / perPage))
  const asked = requested !== null && /^\d{1,6}$/.test(requested) ? Number(requested) : 1
  const page = Math.min(Math.max(asked, 1), pages)
  return { page, pages, from: (page - 1) * perPage, to: Math.min(total, page * perPage) }
}

type Cell = string | number

/** The CSV's columns: one row per episode, then one totals row with the settlement. */
export const STATEMENT_CSV_HEADER = [
  'row',
  'case_id',
  'procedure',
  'facility',
  'procedure_date',
  'period',
  'benchmark_usd',
  'bundle_usd',
  'travel_usd',
  'incentive_usd',
  'other_claims_usd',
  'warranty_credits_usd',
  'actual_spend_usd',
  'outlier_cap_usd',
  'counted_spend_usd',
  'truncated',
  'savings_usd',
  'settlement_usd',
  'paid_by',
] as const

/**
 * The statement as CSV rows (header first): each episode with every number of its line, then a
 * totals row with Σ benchmark, Σ A before and after the cap, S and the settlement (positive: the
 * purchaser pays the center; negative: the center pays the purchaser). Dollars with cents.
 */
export function statementCsvRows(document: StatementDocument): Cell[][] {
  const dollars = centsToDollarInput
  const r = document.reconciliation
  const sum = (pick: (line: ReconciliationStatement['episodes'][number]) => number) => r.episodes.reduce((total, line) => total + pick(line), 0)
  const episodes = statementEpisodeRows(document).map(({ line, facts }): Cell[] => [
    'episode',
    line.caseId,
    line.procedureCode,
    facts.facilityName,
    facts.procedureDate,
    facts.originalPeriod.sequence,
    dollars(line.benchmarkCents),
    dollars(line.bundleCents),
    dollars(line.travelPaidCents),
    dollars(line.incentiveCents),
    dollars(line.otherClaimsCents),
    dollars(line.warrantyCreditCents),
    dollars(line.actualSpendCents),
    dollars(line.outlierCapCents),
    dollars(line.countedSpendCents),
    line.isTruncated ? 'yes' : 'no',
    dollars(line.savingsCents),
    '',
    '',
  ])
  const totals: Cell[] = [
    'totals',
    `${r.episodeCount} ${r.episodeCount === 1 ? 'episode' : 'episodes'}`,
    '',
    '',
    '',
    document.period.sequence,
    dollars(r.totalBenchmarkCents),
    dollars(sum((line) => line.bundleCents)),
    dollars(sum((line) => line.travelPaidCents)),
    dollars(sum((line) => line.incentiveCents)),
    dollars(sum((line) => line.otherClaimsCents)),
    dollars(sum((line) => line.warrantyCreditCents)),
    dollars(r.totalActualSpendCents),
    '',
    dollars(r.totalCountedSpendCents),
    String(r.episodes.filter((line) => line.isTruncated).length),
    dollars(r.grossSavingsCents),
    dollars(r.settlementCents),
    r.paidBy === 'purchaser' ? 'purchaser pays center' : r.paidBy === 'center' ? 'center pays purchaser' : 'nothing owed',
  ]
  // A coalition statement: one row per member employer, its episodes where the totals row has its
  // count, its allocated share in the settlement column, and whose share it is in the last column.
  const allocation = (document.allocation ?? []).map((line): Cell[] => [
    'allocation',
    `${line.episodes} ${line.episodes === 1 ? 'episode' : 'episodes'}`,
    ...Array.from({ length: 3 }, () => ''),
    document.period.sequence,
    ...Array.from({ length: 11 }, () => ''),
    dollars(line.allocatedCents),
    `${line.employerName} share`,
  ])
  return [[...STATEMENT_CSV_HEADER], ...episodes, totals, ...allocation]
}
