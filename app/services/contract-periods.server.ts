import { createHash } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type Stripe from 'stripe'
import { stringify } from 'csv-stringify/sync'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { listAttributableCases } from '~/db/repositories/contract-episodes.server'
import {
  claimOpenPeriod,
  claimStatementSettlement,
  clearCarriedInto,
  countLedgerReferences,
  deleteOpenPeriods,
  findContractPeriod,
  findPeriodStatement,
  insertContractPeriods,
  insertContractStatement,
  listContractPeriods,
  listContractStatementHeaders,
  listFacilityNames,
  updateClosedPeriod,
  updateOpenPeriod,
} from '~/db/repositories/contract-periods.server'
import { findPartyContract, listContractVersions } from '~/db/repositories/contracts.server'
import { listContractWarrantyEvents } from '~/db/repositories/warranty.server'
import type { Database } from '~/db/schema'
import { attributeCase, type EpisodeRecord } from '~/domain/contracts/attribution'
import { closability, planPeriods } from '~/domain/contracts/periods'
import { reconcilePeriod } from '~/domain/contracts/reconciliation'
import {
  canonicalJson,
  carryForwardWords,
  episodePage,
  periodInWords,
  settlementWords,
  statementCsvRows,
  statementEpisodeRows,
  StatementDocumentSchema,
  type PeriodRef,
  type StatementDocument,
} from '~/domain/contracts/statement'
import { ContractTermsSchema, type ContractTerms } from '~/domain/contracts/terms'
import { toIsoDate } from '~/domain/dates'
import type { Actor, ContractParty } from '~/domain/tenancy'
import { notFound } from '~/http/responses.server'
import { getStripe } from '~/integrations/stripe.server'
import { ensureCustomer } from './billing.server'
import { allocationOf, attributionScopeOf, withoutCasesOfOtherContracts } from './coalition-contracts.server'
import { renderStatementPdf } from './contract-statement-pdf.server'
import { neutralizeFormula } from './report-exports.server'

/*
 * Reconciliation periods, period close and statements, settlement (issue 21, DESIGN §11, ADR 0016
 * §3, §5–§8). Periods are made when a version is signed by both sides. Either side's admin closes
 * a period once its end + the warranty window has passed: the episodes are attributed, frozen on
 * the period, reconciled by `reconcilePeriod`, and the statement stored, in one transaction.
 * Pages, PDF and CSV render the stored statement and never recompute it. Settlement goes through
 * the ledger, or through Stripe (an invoice to the purchaser, or a credit to its balance) when it
 * is configured. Every step is audited.
 */

export type PeriodActionResult = { ok: true; note: string } | { ok: false; formError: string }

const NO_STATEMENT_MESSAGE = 'This period has no statement yet: close it first.'
const NOTHING_TO_SETTLE_MESSAGE = 'This statement settles at $0.00: nothing is owed either way, so there is nothing to settle.'

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')
const parseTerms = (json: string): ContractTerms => ContractTermsSchema.parse(JSON.parse(json))
const refOf = (period: { sequence: number; periodStart: string; periodEnd: string }): PeriodRef => ({ sequence: period.sequence, periodStart: period.periodStart, periodEnd: period.periodEnd })

type AuditDb = Parameters<typeof insertAuditEntry>[0]
const audit = (db: AuditDb, actor: Actor, purchaserId: string, action: string, subjectType: string, subjectId: string, at: string, detail: Record<string, unknown>) =>
  insertAuditEntry(db, actor, { action, subjectType, subjectId, employerId: purchaserId, at, detail: JSON.stringify(detail) })

/**
 * In the transaction that makes a version signed: the contract's reconciliation periods for the
 * version's terms. The first signed version makes them all; a later one moves the open periods to
 * itself and follows its attribution dates (`planPeriods`); closed periods keep theirs.
 */
export async function syncContractPeriods(
  trx: Transaction<Database>,
  actor: Actor,
  contract: { id: string; purchaserOrganizationId: string },
  version: { id: string; version: number },
  terms: ContractTerms,
  at: string,
): Promise<void> {
  const existing = await listContractPeriods(trx, contract.id)
  const plan = planPeriods(existing, terms.attribution, terms.warranty.windowDays)
  const inserted = plan.insert.map((span) => ({
    id: newId(), contractId: contract.id, versionId: version.id, ...span, status: 'open' as const, carriedIntoPeriodId: null, episodes: null, closedAt: null, closedByUserId: null,
  }))
  await insertContractPeriods(trx, inserted)
  for (const { id, ...span } of plan.update) {
    const before = existing.find((period) => period.id === id)!
    await updateOpenPeriod(trx, id, { versionId: version.id, ...span })
    await audit(trx, actor, contract.purchaserOrganizationId, 'contract_period.moved_to_version', 'contract_period', id, at, {
      contractId: contract.id, version: version.version, sequence: span.sequence, before: { periodStart: before.periodStart, periodEnd: before.periodEnd, closesOn: before.closesOn },
      after: { periodStart: span.periodStart, periodEnd: span.periodEnd, closesOn: span.closesOn },
    })
  }
  await clearCarriedInto(trx, plan.remove)
  await deleteOpenPeriods(trx, plan.remove)
  for (const id of plan.remove) {
    await audit(trx, actor, contract.purchaserOrganizationId, 'contract_period.removed', 'contract_period', id, at, { contractId: contract.id, version: version.version })
  }
  for (const period of inserted) {
    await audit(trx, actor, contract.purchaserOrganizationId, 'contract_period.opened', 'contract_period', period.id, at, {
      contractId: contract.id, version: version.version, sequence: period.sequence, periodStart: period.periodStart, periodEnd: period.periodEnd, closesOn: period.closesOn,
    })
  }
}

async function requireContract(party: ContractParty, contractId: string) {
  const contract = await findPartyContract(getDb(), party, contractId)
  if (!contract) throw notFound('Contract')
  return contract
}

async function requirePeriodOf(party: ContractParty, contractId: string, periodId: string) {
  const contract = await requireContract(party, contractId)
  const period = await findContractPeriod(getDb(), contract.id, periodId)
  if (!period) throw notFound('Period')
  return { contract, period }
}

/** 404 unless the party may see the contract and the period is one of its periods (before an action reads its form). */
export async function requireVisiblePeriod(party: ContractParty, contractId: string, periodId: string): Promise<void> {
  await requirePeriodOf(party, contractId, periodId)
}

/** The contract's periods for its page: dates, status, when each can close, and its statement's settlement. */
export async function listContractPeriodsView(party: ContractParty, contractId: string, now = new Date()) {
  const contract = await requireContract(party, contractId)
  const db = getDb()
  const [periods, statements] = await Promise.all([listContractPeriods(db, contract.id), listContractStatementHeaders(db, contract.id)])
  const today = toIsoDate(now)
  return periods.map((period, index) => {
    const verdict = closability(period, periods[index - 1], today)
    const statement = statements.find((row) => row.periodId === period.id)
    const carriedInto = periods.find((other) => other.id === period.carriedIntoPeriodId)
    return {
      id: period.id,
      sequence: period.sequence,
      periodStart: period.periodStart,
      periodEnd: period.periodEnd,
      closesOn: period.closesOn,
      status: period.status,
      canClose: verdict.canClose,
      /** Why it cannot close yet, in a few words: the date, or the earlier period to close first. */
      closeHint: period.status !== 'open' || verdict.canClose ? null : today < period.closesOn ? `Can close on or after ${period.closesOn}` : `Close period ${period.sequence - 1} first`,
      carriedIntoSequence: carriedInto?.sequence ?? null,
      statement: statement
        ? { settlementCents: statement.settlementCents, outcome: statement.outcome, settledVia: statement.settledVia, settlementReference: statement.settlementReference, settledAt: statement.settledAt }
        : null,
    }
  })
}

/** The stored statement of a period, parsed (ADR 0003: stored JSON is parsed on every read); unscoped: callers check the party first (or run as its job). */
export async function loadStatement(contractId: string, periodId: string, db: Kysely<Database> = getDb()) {
  const row = await findPeriodStatement(db, contractId, periodId)
  if (!row) return null
  return { row, document: StatementDocumentSchema.parse(JSON.parse(row.statement)) }
}

type StatementRow = NonNullable<Awaited<ReturnType<typeof findPeriodStatement>>>

/** The settlement of a stored statement as both sides see it. */
function settlementView(row: StatementRow, document: StatementDocument) {
  return {
    cents: row.settlementCents,
    paidBy: document.reconciliation.paidBy,
    words: settlementWords(document),
    reason: document.reconciliation.reason,
    needsSettlement: row.settlementCents !== 0,
    settledVia: row.settledVia,
    reference: row.settlementReference,
    settledAt: row.settledAt,
  }
}

/**
 * A period's page, the same for both sides: the period and when it can close; once closed, the
 * stored statement with one page of its episodes (`page`, 100 a page: the PDF and CSV carry all).
 */
export async function getPeriodPage(party: ContractParty, contractId: string, periodId: string, page: string | null, now = new Date()) {
  const { contract, period } = await requirePeriodOf(party, contractId, periodId)
  const db = getDb()
  const [periods, versions, stored] = await Promise.all([listContractPeriods(db, contract.id), listContractVersions(db, contract.id), loadStatement(contract.id, period.id)])
  const index = periods.findIndex((row) => row.id === period.id)
  const verdict = closability(period, periods[index - 1], toIsoDate(now))
  const version = versions.find((row) => row.id === period.versionId)!
  const base = {
    side: party.side,
    contract: { id: contract.id, title: contract.title, purchaserName: contract.purchaserName, healthSystemName: contract.healthSystemName },
    period: { id: period.id, sequence: period.sequence, periodStart: period.periodStart, periodEnd: period.periodEnd, closesOn: period.closesOn, status: period.status },
    version: { number: version.version, termsSha256: version.termsSha256 },
    canClose: verdict.canClose,
    closeNote: verdict.canClose ? null : verdict.reason,
  }
  if (!stored) return { ...base, statement: null }
  const { row, document } = stored
  const rows = statementEpisodeRows(document)
  const paging = episodePage(page, rows.length)
  const { episodes: _episodes, ...reconciliation } = document.reconciliation
  const credits = document.warrantyCredits
  return {
    ...base,
    version: { number: document.version.number, termsSha256: document.version.termsSha256 },
    statement: {
      id: row.id,
      createdAt: row.createdAt,
      closedAt: document.closedAt,
      inputsSha256: row.inputsSha256,
      attributedFrom: document.attributedFrom,
      carriedFrom: document.carriedFrom,
      carryWords: carryForwardWords(document),
      reconciliation,
      episodes: rows.slice(paging.from, paging.to),
      paging: { ...paging, total: rows.length },
      warrantyCredits: credits.slice(0, WARRANTY_CREDITS_SHOWN),
      warrantyCreditCount: credits.length,
      warrantyCreditTotalCents: credits.reduce((total, credit) => total + credit.creditedCents, 0),
      settlement: settlementView(row, document),
      allocation: document.allocation ?? null,
    },
  }
}

/** Warranty credit lines a page shows (the PDF carries all). */
const WARRANTY_CREDITS_SHOWN = 100

/**
 * Closes a period and reconciles it, in one transaction: the episodes attributed from the start of
 * the earliest period whose episodes carried into this one (else this period's start) to its end,
 * frozen on the period; `reconcilePeriod` on them under the period's version; the statement stored
 * with its inputs' hash. Fewer than n₀ episodes: they carry into the next period (the statement
 * says so; on the last period, that there is none). A second close changes nothing.
 */
export async function closeContractPeriod(actor: Actor, party: ContractParty, contractId: string, periodId: string, now = new Date()): Promise<PeriodActionResult> {
  const { contract, period } = await requirePeriodOf(party, contractId, periodId)
  return closePeriod(getDb(), actor, party.side, contract, period, now)
}

/** closeContractPeriod's work on a contract and period already found for the party (the demo seed closes its periods through it). */
export async function closePeriod(
  db: Kysely<Database>,
  actor: Actor,
  side: ContractParty['side'],
  contract: NonNullable<Awaited<ReturnType<typeof findPartyContract>>>,
  period: NonNullable<Awaited<ReturnType<typeof findContractPeriod>>>,
  now: Date,
): Promise<PeriodActionResult> {
  if (period.status !== 'open') return { ok: true, note: 'period-already-closed' }
  const [periods, versions] = await Promise.all([listContractPeriods(db, contract.id), listContractVersions(db, contract.id)])
  const index = periods.findIndex((row) => row.id === period.id)
  const verdict = closability(period, periods[index - 1], toIsoDate(now))
  if (!verdict.canClose) return { ok: false, formError: verdict.reason }

  const version = versions.find((row) => row.id === period.versionId)!
  const terms = parseTerms(version.terms)
  // The earlier periods whose episodes carried (one into the next) into this one.
  const carriedFrom: typeof periods = []
  for (let earlier = index - 1, target = period.id; earlier >= 0 && periods[earlier]!.carriedIntoPeriodId === target; earlier--) {
    carriedFrom.unshift(periods[earlier]!)
    target = periods[earlier]!.id
  }
  const from = carriedFrom[0]?.periodStart ?? period.periodStart
  const next = periods[index + 1]
  const at = now.toISOString()
  const statementId = newId()

  const closed = await db.transaction().execute(async (trx) => {
    if (!(await claimOpenPeriod(trx, period.id, { closedAt: at, closedByUserId: actor.userId }))) return false
    // An employer's own cases, or a coalition's member employers' while they were members (issue 23).
    const { employerIds, memberships } = await attributionScopeOf(trx, contract.purchaserOrganizationId, from, period.periodEnd)
    const candidates = await listAttributableCases(trx, contract.id, {
      employerIds,
      facilityIds: terms.networkFacilityIds,
      procedureCodes: terms.bundleRates.map((rate) => rate.procedureCode),
      from,
      to: period.periodEnd,
    })
    // A case another contract takes (the employer's own before a coalition's, ADR 0021) is not an episode here.
    const cases = await withoutCasesOfOtherContracts(trx, contract.id, memberships, candidates)
    const records: EpisodeRecord[] = cases.flatMap((facts) => {
      const attributed = attributeCase(terms, facts, from, period.periodEnd, memberships)
      return attributed.ok ? [attributed.record] : []
    })
    const episodes = records.map((record) => record.episode)
    const reconciliation = reconcilePeriod(terms, episodes)
    const allocation = memberships === null ? undefined : allocationOf(reconciliation.settlementCents, memberships, records)
    const caseIds = new Set(episodes.map((episode) => episode.caseId))
    const credits = (await listContractWarrantyEvents(trx, contract.id))
      .filter((event) => Number(event.creditedCents) > 0)
      .map((event) => ({
        eventId: event.id, caseId: event.caseId, kind: event.kind, occurredOn: event.occurredOn, place: event.place, providerName: event.providerName,
        description: event.description, costCents: Number(event.costCents), creditedCents: Number(event.creditedCents), creditId: event.creditId,
      }))
    const facilityNames = await listFacilityNames(trx, records.map((record) => record.facilityId))
    const spans = [...carriedFrom, period]
    const originalPeriod = (date: string) => refOf(spans.find((span) => date >= span.periodStart && date <= span.periodEnd) ?? period)
    const carries = reconciliation.outcome === 'below_minimum_episodes'
    const document: StatementDocument = {
      contract: { id: contract.id, title: contract.title, purchaserName: contract.purchaserName, healthSystemName: contract.healthSystemName },
      version: { id: version.id, number: version.version, termsSha256: version.termsSha256 },
      period: { id: period.id, ...refOf(period), closesOn: period.closesOn },
      attributedFrom: from,
      carriedFrom: carriedFrom.map(refOf),
      carryForward: carries ? { into: next ? refOf(next) : null } : null,
      episodeFacts: records.map((record) => ({
        caseId: record.episode.caseId,
        facilityId: record.facilityId,
        facilityName: facilityNames.get(record.facilityId) ?? record.facilityId,
        procedureDate: record.procedureDate,
        dischargeDate: record.dischargeDate,
        originalPeriod: originalPeriod(record.procedureDate),
      })),
      warrantyCredits: credits.filter((credit) => caseIds.has(credit.caseId)),
      reconciliation,
      ...(allocation ? { allocation } : {}),
      closedAt: at,
    }
    const inputsSha256 = sha256(canonicalJson({ terms, episodes }))
    await updateClosedPeriod(trx, period.id, { status: 'reconciled', episodes: JSON.stringify(records), carriedIntoPeriodId: carries && next ? next.id : null })
    await insertContractStatement(trx, {
      id: statementId,
      periodId: period.id,
      contractId: contract.id,
      versionId: version.id,
      statement: JSON.stringify(document),
      inputsSha256,
      episodeCount: reconciliation.episodeCount,
      totalBenchmarkCents: reconciliation.totalBenchmarkCents,
      grossSavingsCents: reconciliation.grossSavingsCents,
      settlementCents: reconciliation.settlementCents,
      outcome: reconciliation.outcome,
      supersededByStatementId: null,
      settledVia: null,
      settlementReference: null,
      settledAt: null,
      createdAt: at,
      createdByUserId: actor.userId,
    })
    await audit(trx, actor, contract.purchaserOrganizationId, 'contract_period.closed', 'contract_period', period.id, at, {
      contractId: contract.id, sequence: period.sequence, side, from, to: period.periodEnd, episodes: episodes.length,
    })
    await audit(trx, actor, contract.purchaserOrganizationId, 'contract_statement.issued', 'contract_statement', statementId, at, {
      contractId: contract.id, periodId: period.id, version: version.version, outcome: reconciliation.outcome, settlementCents: reconciliation.settlementCents, inputsSha256,
      carriedIntoPeriodId: carries && next ? next.id : null,
    })
    return true
  })
  return { ok: true, note: closed ? 'period-closed' : 'period-already-closed' }
}

/** "SET-2026-0001": the ledger's settlement numbers, counted per year. */
function ledgerReference(year: string, count: number): string {
  return `SET-${year}-${String(count + 1).padStart(4, '0')}`
}

/**
 * Stripe for a statement, with idempotency keys per statement (a retry after a failure makes
 * nothing twice): a positive settlement is an invoice to the purchaser's Stripe customer with one
 * item, finalized; a negative one (the center pays) is a credit on the purchaser's balance.
 * Returns the Stripe id that is the settlement's reference. Network calls, outside any transaction.
 */
async function settleThroughStripe(stripe: Stripe, purchaserId: string, row: StatementRow, document: StatementDocument): Promise<string> {
  const customer = await ensureCustomer(stripe, purchaserId)
  const description = `${document.contract.title}: settlement of ${periodInWords(document.period)} with ${document.contract.healthSystemName}`
  const metadata = { contractId: row.contractId, periodId: row.periodId, statementId: row.id }
  if (row.settlementCents > 0) {
    const invoice = await stripe.invoices.create(
      { customer, currency: 'usd', collection_method: 'send_invoice', days_until_due: 30, pending_invoice_items_behavior: 'exclude', description, metadata },
      { idempotencyKey: `statement-invoice-${row.id}` },
    )
    await stripe.invoiceItems.create({ customer, invoice: invoice.id!, amount: row.settlementCents, currency: 'usd', description, metadata }, { idempotencyKey: `statement-item-${row.id}` })
    const finalized = await stripe.invoices.finalizeInvoice(invoice.id!, {}, { idempotencyKey: `statement-finalize-${row.id}` })
    return finalized.id!
  }
  const credit = await stripe.customers.createBalanceTransaction(customer, { amount: row.settlementCents, currency: 'usd', description, metadata }, { idempotencyKey: `statement-credit-${row.id}` })
  return credit.id
}

/**
 * Settles a period's statement once, for either side: through Stripe when configured, else in the
 * ledger with a "SET-YYYY-NNNN" number. A $0 statement needs no settlement; a settled one stays as
 * it is. Audited.
 */
export async function settleContractStatement(actor: Actor, party: ContractParty, contractId: string, periodId: string, now = new Date()): Promise<PeriodActionResult> {
  const { contract, period } = await requirePeriodOf(party, contractId, periodId)
  const stored = await loadStatement(contract.id, period.id)
  if (!stored) return { ok: false, formError: NO_STATEMENT_MESSAGE }
  const { row, document } = stored
  if (row.settledAt !== null) return { ok: true, note: 'statement-already-settled' }
  if (row.settlementCents === 0) return { ok: false, formError: NOTHING_TO_SETTLE_MESSAGE }
  const stripe = getStripe()
  const stripeReference = stripe ? await settleThroughStripe(stripe, contract.purchaserOrganizationId, row, document) : null
  const at = now.toISOString()
  const settled = await getDb().transaction().execute(async (trx) => {
    const reference = stripeReference ?? ledgerReference(at.slice(0, 4), await countLedgerReferences(trx, `SET-${at.slice(0, 4)}-`))
    const settledVia = stripeReference ? 'stripe' : 'ledger'
    if (!(await claimStatementSettlement(trx, row.id, { settledVia, settlementReference: reference, settledAt: at }))) return false
    await audit(trx, actor, contract.purchaserOrganizationId, 'contract_statement.settled', 'contract_statement', row.id, at, {
      contractId: contract.id, periodId: period.id, side: party.side, settlementCents: row.settlementCents, paidBy: document.reconciliation.paidBy, settledVia, reference,
    })
    return true
  })
  return { ok: true, note: settled ? 'statement-settled' : 'statement-already-settled' }
}

/** The stored statement of a period for a download; 404 while the period has none. */
export async function requireStatement(party: ContractParty, contractId: string, periodId: string) {
  const { contract, period } = await requirePeriodOf(party, contractId, periodId)
  const stored = await loadStatement(contract.id, period.id)
  if (!stored) throw notFound('Statement')
  return stored
}

/** "statement-joint-replacement-2027-period-1": a file name for a statement's downloads. */
function fileNameOf(document: StatementDocument): string {
  const title = document.contract.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'contract'
  return `statement-${title}-period-${document.period.sequence}`
}

type StoredStatement = NonNullable<Awaited<ReturnType<typeof loadStatement>>>

/** The statement as a PDF: every episode, goal, formula step, credit and the settlement (made by a `statement.file` job, ADR 0029). */
export async function statementPdf({ row, document }: StoredStatement): Promise<{ fileName: string; pdf: Buffer }> {
  return { fileName: `${fileNameOf(document)}.pdf`, pdf: await renderStatementPdf(document, settlementView(row, document)) }
}

/** The statement as CSV: the header row, one row per episode, then the totals with the settlement. */
export function statementCsv({ document }: StoredStatement): { fileName: string; csv: string } {
  const rows = statementCsvRows(document).map((cells) => cells.map((cell) => neutralizeFormula(cell)))
  return { fileName: `${fileNameOf(document)}.csv`, csv: stringify(rows, { record_delimiter: '\r\n' }) }
}

export type SettlementView = ReturnType<typeof settlementView>
