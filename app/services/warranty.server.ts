import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { unscopedFindCase } from '~/db/repositories/care.server'
import { findPartyContract } from '~/db/repositories/contracts.server'
import {
  CREDIT_KEPT_IN_LEDGER_ACTION,
  findCasePeriod,
  findCreditWithCaseInvoice,
  insertContractCredit,
  insertWarrantyEvent,
  listCreditsKeptInLedger,
  listCaseWarrantyEvents,
  listContractWarrantyEvents,
  setCreditStripeCreditNote,
  unscopedFindCoveringContract,
  type CoveringContract,
} from '~/db/repositories/warranty.server'
import { dayInWords } from '~/domain/cases/outcomes'
import { WARRANTY_COVERAGE } from '~/domain/contracts/terms'
import {
  assessWarrantyEvent,
  frozenPeriodMessage,
  isPeriodFrozen,
  isWarrantyFormOffered,
  warrantyWindow,
  WARRANTY_KIND_LABELS,
  type CasePeriodFacts,
  type WarrantyWindow,
} from '~/domain/contracts/warranty'
import { toIsoDate } from '~/domain/dates'
import type { Actor, ContractParty } from '~/domain/tenancy'
import type { WarrantyEventFormInput } from '~/forms/warranty'
import { logError } from '~/http/logger.server'
import { notFound } from '~/http/responses.server'
import { getStripe } from '~/integrations/stripe.server'

/*
 * Warranty events on cases (issue 21, ADR 0016 §9). The care team records a related complication
 * or readmission: at the center it is invoiced at $0; elsewhere its cost is credited back by the
 * center to the purchaser, as a contract credit in the ledger (a credit line on the center's
 * statement), mirrored to Stripe as a credit note on the case's invoice when Stripe is configured.
 */

export type WarrantyEventResult = { ok: true; eventId: string; creditId: string | null } | { ok: false; fieldErrors: Record<string, string[]> }

/**
 * Records a warranty event on a case, as one transaction: the event, for care elsewhere the
 * contract credit, and the audit entries. Then, outside the transaction, the credit goes to Stripe
 * when it can (a failure leaves it in the ledger). Refusals change nothing.
 */
export async function recordWarrantyEvent(actor: Actor, caseId: string, input: WarrantyEventFormInput, now = new Date()): Promise<WarrantyEventResult> {
  const db = getDb()
  const found = await unscopedFindCase(db, caseId)
  if (!found) throw notFound('Case')
  const contract = found.procedureDate
    ? await unscopedFindCoveringContract(db, { caseId: found.id, employerId: found.employerId, facilityId: found.facilityId, procedureCode: found.procedureCode, procedureDate: found.procedureDate })
    : undefined
  const assessment = assessWarrantyEvent(
    contract?.terms.warranty ?? null,
    found,
    { kind: input.kind, occurredOn: input.occurredOn, place: input.place, providerName: input.providerName, description: input.description, claimCents: input.costCents },
    toIsoDate(now),
  )
  if (!assessment.ok) return { ok: false, fieldErrors: Object.fromEntries(Object.entries(assessment.fieldErrors).map(([k, v]) => [k, [v]])) }
  const covering = contract!
  const period = await findCasePeriod(db, covering.contractId, found.procedureDate!)
  if (period && isPeriodFrozen(period)) return { ok: false, fieldErrors: { '': [frozenPeriodMessage(period)] } }
  const at = now.toISOString()
  const eventId = newId()
  const creditId = assessment.creditedCents > 0 ? newId() : null
  const kind = WARRANTY_KIND_LABELS[input.kind]
  await db.transaction().execute(async (trx) => {
    await insertWarrantyEvent(trx, {
      id: eventId, caseId, contractId: covering.contractId, contractVersionId: covering.versionId, kind: input.kind, occurredOn: input.occurredOn, place: input.place,
      providerName: assessment.providerName, description: input.description, costCents: assessment.costCents, creditedCents: assessment.creditedCents,
      recordedByUserId: actor.userId, recordedAt: at,
    })
    const detail = { eventId, contractId: covering.contractId, version: covering.version, kind: input.kind, occurredOn: input.occurredOn, place: input.place, costCents: assessment.costCents, creditedCents: assessment.creditedCents }
    await insertAuditEntry(trx, actor, { action: 'case.warranty_event_recorded', subjectType: 'case', subjectId: caseId, employerId: found.employerId, at, detail: JSON.stringify(detail) })
    if (creditId) {
      await insertContractCredit(trx, {
        id: creditId, contractId: covering.contractId, caseId, warrantyEventId: eventId, purchaserOrganizationId: covering.purchaserOrganizationId,
        healthSystemOrganizationId: covering.healthSystemOrganizationId, amountCents: assessment.creditedCents,
        description: `Warranty credit, case ${caseId} (${found.procedureName}): ${kind} on ${input.occurredOn} at ${assessment.providerName}`,
        stripeCreditNoteId: null, createdAt: at,
      })
      await insertAuditEntry(trx, actor, {
        action: 'contract.warranty_credit_created', subjectType: 'contract', subjectId: covering.contractId, employerId: covering.purchaserOrganizationId, at,
        detail: JSON.stringify({ creditId, eventId, caseId, amountCents: assessment.creditedCents }),
      })
    }
  })
  if (creditId) await mirrorWarrantyCreditQuietly(actor, creditId)
  return { ok: true, eventId, creditId }
}

/** What became of a credit on its way to Stripe; every outcome but `mirrored` leaves it in the ledger only. */
export type CreditMirrorOutcome = 'mirrored' | 'already-mirrored' | 'no-stripe' | 'invoice-not-in-stripe' | 'invoice-not-creditable' | 'exceeds-invoice'

/**
 * Mirrors a contract credit to Stripe as a credit note on its case's Stripe invoice, with an
 * idempotency key so a retry never issues two. The part Stripe can take off the amount still due
 * reduces it; on a paid invoice (or beyond what is still due) the rest goes to the customer's
 * balance (`credit_amount`), applied to their next invoice.
 *
 * A credit larger than what the invoice can still be credited (its total less earlier credit
 * notes) is not sent at all: a credit note is capped at its invoice, and half a credit in Stripe
 * beside a whole one in the ledger would make the two disagree. It stays in the ledger, where the
 * center's statement settles it, and the page says so.
 */
export async function mirrorWarrantyCreditToStripe(creditId: string): Promise<CreditMirrorOutcome> {
  const stripe = getStripe()
  if (!stripe) return 'no-stripe'
  const db = getDb()
  const credit = await findCreditWithCaseInvoice(db, creditId)
  if (!credit) throw notFound('Credit')
  if (credit.stripeCreditNoteId) return 'already-mirrored'
  if (!credit.stripeInvoiceId) return 'invoice-not-in-stripe'
  const invoice = await stripe.invoices.retrieve(credit.stripeInvoiceId)
  if (invoice.status !== 'open' && invoice.status !== 'paid') return 'invoice-not-creditable'
  const creditable = invoice.total - (invoice.pre_payment_credit_notes_amount ?? 0) - (invoice.post_payment_credit_notes_amount ?? 0)
  if (credit.amountCents > creditable) return 'exceeds-invoice'
  const prePayment = invoice.status === 'open' ? Math.min(credit.amountCents, invoice.amount_remaining) : 0
  const postPayment = credit.amountCents - prePayment
  const note = await stripe.creditNotes.create(
    {
      invoice: invoice.id!,
      lines: [{ type: 'custom_line_item', description: credit.description, quantity: 1, unit_amount: credit.amountCents }],
      ...(postPayment > 0 ? { credit_amount: postPayment } : {}),
      memo: credit.description,
      metadata: { contractCreditId: credit.id, contractId: credit.contractId, caseId: credit.caseId ?? '', warrantyEventId: credit.warrantyEventId ?? '' },
    },
    { idempotencyKey: `contract-credit-${credit.id}` },
  )
  await setCreditStripeCreditNote(db, credit.id, note.id)
  return 'mirrored'
}

/** Mirrors after the commit and audits the outcome; a Stripe failure is logged and leaves the credit in the ledger. */
export async function mirrorWarrantyCreditQuietly(actor: Actor, creditId: string): Promise<CreditMirrorOutcome | 'failed'> {
  let outcome: CreditMirrorOutcome | 'failed'
  try {
    outcome = await mirrorWarrantyCreditToStripe(creditId)
  } catch (error) {
    logError(error)
    outcome = 'failed'
  }
  if (outcome !== 'no-stripe' && outcome !== 'already-mirrored') {
    const db = getDb()
    const credit = await findCreditWithCaseInvoice(db, creditId)
    await insertAuditEntry(db, actor, {
      action: outcome === 'mirrored' ? 'contract.warranty_credit_mirrored' : CREDIT_KEPT_IN_LEDGER_ACTION, subjectType: 'contract',
      subjectId: credit?.contractId ?? null, employerId: credit?.purchaserOrganizationId ?? null, at: new Date().toISOString(),
      detail: JSON.stringify({ creditId, outcome, stripeCreditNoteId: credit?.stripeCreditNoteId ?? null }),
    })
  }
  return outcome
}

const KEPT_IN_LEDGER: Record<string, string> = {
  'exceeds-invoice': "In the ledger only: larger than what the case's Stripe invoice can still be credited, so no Stripe credit note",
  'invoice-not-in-stripe': "In the ledger only: the case's invoice is not in Stripe",
  'invoice-not-creditable': "In the ledger only: the case's Stripe invoice is neither open nor paid",
  failed: 'In the ledger only: Stripe did not take the credit note (logged)',
}

/** Where a credit stands, in words for the care team: its Stripe credit note, or why it is in the ledger only. */
function creditStatus(stripeCreditNoteId: string | null, ledgerOutcome: string | undefined): string {
  if (stripeCreditNoteId) return `Credit note ${stripeCreditNoteId} in Stripe`
  return (ledgerOutcome && KEPT_IN_LEDGER[ledgerOutcome]) ?? 'In the ledger'
}

const coverageWords = (covers: readonly string[]) => WARRANTY_COVERAGE.filter((c) => covers.includes(c)).join(' and ') || 'nothing'

type WarrantyCase = { id: string; status: string; employerId: string; facilityId: string; procedureCode: string; procedureDate: string | null; typicalNights: number }

/**
 * The warranty part of the coordinator's case page: the covering contract and its window (none:
 * the page says the case is not under a value-based contract), whether the form is offered
 * (procedure done, its period not closed for good), and the events recorded with their credits.
 */
export async function getCaseWarranty(found: WarrantyCase, now: Date) {
  const db = getDb()
  const today = toIsoDate(now)
  const hasProcedure = found.procedureDate !== null && (found.status === 'procedure_done' || found.status === 'completed')
  const contract = hasProcedure
    ? await unscopedFindCoveringContract(db, { caseId: found.id, employerId: found.employerId, facilityId: found.facilityId, procedureCode: found.procedureCode, procedureDate: found.procedureDate! })
    : undefined
  const rows = await listCaseWarrantyEvents(db, found.id)
  const outcomes = await listCreditsKeptInLedger(db, [...new Set(rows.map((row) => row.contractId))])
  const events = rows.map((row) => ({ ...row, creditStatus: row.creditId ? creditStatus(row.stripeCreditNoteId, outcomes.get(row.creditId)) : null }))
  if (!contract) return { contract: null, events }
  const window = warrantyWindow(contract.terms.warranty, found.procedureDate!, found.typicalNights)
  return {
    contract: {
      id: contract.contractId,
      title: contract.title,
      version: contract.version,
      covers: contract.terms.warranty.windowDays === 0 ? [] : contract.terms.warranty.covers,
      coverage: coverageWords(contract.terms.warranty.covers),
      window,
      windowInWords: `${dayInWords(window.from)} to ${dayInWords(window.lastDay)} (${window.windowDays} days after discharge on ${dayInWords(window.dischargeDate)})`,
      ...(await recordability(contract, window, today, (await findCasePeriod(db, contract.contractId, found.procedureDate!)) ?? null)),
    },
    events,
  }
}

/** Whether the page offers the warranty form, and why not when it does not. */
function recordability(contract: CoveringContract, window: WarrantyWindow, today: string, period: CasePeriodFacts | null): { canRecord: boolean; notOffered: string | null } {
  if (contract.terms.warranty.windowDays === 0 || contract.terms.warranty.covers.length === 0) {
    return { canRecord: false, notOffered: "This case's contract has no warranty: it covers nothing after discharge." }
  }
  if (isWarrantyFormOffered(window, today, period)) return { canRecord: true, notOffered: null }
  if (period && isPeriodFrozen(period)) return { canRecord: false, notOffered: `${frozenPeriodMessage(period)}.` }
  return { canRecord: false, notOffered: `No event can be recorded before the procedure day (${dayInWords(window.from)}).` }
}

/**
 * The warranty events of a contract for one of its parties (404 when the party may not see the
 * contract), with each case's procedure and facility and the credit: the contract page shows them.
 */
export async function getContractWarrantyEvents(party: ContractParty, contractId: string) {
  const db = getDb()
  if (!(await findPartyContract(db, party, contractId))) throw notFound('Contract')
  return listContractWarrantyEvents(db, contractId)
}
