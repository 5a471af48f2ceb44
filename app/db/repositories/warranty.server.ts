import type { Insertable, Kysely, Transaction } from 'kysely'
import type { CaseWarrantyEventsTable, ContractCreditsTable, Database } from '~/db/schema'
import { owningClaimOf } from '~/domain/contracts/precedence'
import type { ContractTerms } from '~/domain/contracts/terms'
import { listClosedEpisodeOwners, listContractClaims } from './contract-episodes.server'

/*
 * Warranty events on cases and the credits they create (issue 21, ADR 0016 §9). Which contract
 * covers a case is read here; whether an event counts is app/domain/contracts/warranty.ts.
 */

/** The contract that covers a case, with its latest signed version's terms. */
export interface CoveringContract {
  contractId: string
  versionId: string
  version: number
  title: string
  purchaserOrganizationId: string
  healthSystemOrganizationId: string
  terms: ContractTerms
}

/**
 * The contract covering a case, or undefined: the one contract whose episode the case is (ADR 0021,
 * owningClaimOf): active, the case's employer its purchaser or a coalition the employer was a
 * member of on the procedure date (issue 23), the facility in the network of its latest signed
 * version with a bundle rate for the procedure, the procedure date inside that version's
 * attribution period; the employer's own contract before a coalition's, then the one signed
 * first, then by id, so the warranty is credited once, under the contract whose statement counts
 * the episode; with the case id, a contract whose closed period has the case as an episode keeps
 * it. Cross-tenant by nature (the care team asks for any employer's case).
 */
export async function unscopedFindCoveringContract(
  db: Kysely<Database>,
  facts: { caseId?: string; employerId: string; facilityId: string; procedureCode: string; procedureDate: string },
): Promise<CoveringContract | undefined> {
  const claims = await listContractClaims(db, [facts.employerId])
  // A case already an episode of a contract's closed period is that contract's (ADR 0021).
  const closedIn = facts.caseId === undefined ? undefined : (await listClosedEpisodeOwners(db, claims.map((claim) => claim.contractId))).get(facts.caseId)
  const owner = claims.find((claim) => claim.contractId === closedIn) ?? owningClaimOf(facts, claims)
  if (!owner) return undefined
  const row = await db
    .selectFrom('contracts')
    .innerJoin('contractVersions', 'contractVersions.contractId', 'contracts.id')
    .select([
      'contracts.id as contractId',
      'contracts.title',
      'contracts.purchaserOrganizationId',
      'contracts.healthSystemOrganizationId',
      'contractVersions.id as versionId',
      'contractVersions.version',
    ])
    .where('contracts.id', '=', owner.contractId)
    .where('contractVersions.status', '=', 'signed')
    // The latest signed version is the one in force (the one whose terms owningClaimOf read).
    .orderBy('contractVersions.version', 'desc')
    .executeTakeFirstOrThrow()
  return { ...row, terms: owner.terms }
}

/** The contract's reconciliation period a procedure date falls in (none before both sides signed). */
export function findCasePeriod(db: Kysely<Database>, contractId: string, procedureDate: string) {
  return db
    .selectFrom('contractPeriods')
    .select(['periodStart', 'periodEnd', 'status', 'carriedIntoPeriodId'])
    .where('contractId', '=', contractId)
    .where('periodStart', '<=', procedureDate)
    .where('periodEnd', '>=', procedureDate)
    .executeTakeFirst()
}

export function insertWarrantyEvent(trx: Transaction<Database>, row: Insertable<CaseWarrantyEventsTable>) {
  return trx.insertInto('caseWarrantyEvents').values(row).execute()
}

export function insertContractCredit(trx: Transaction<Database>, row: Insertable<ContractCreditsTable>) {
  return trx.insertInto('contractCredits').values(row).execute()
}

const EVENT_COLUMNS = [
  'caseWarrantyEvents.id',
  'caseWarrantyEvents.caseId',
  'caseWarrantyEvents.contractId',
  'caseWarrantyEvents.kind',
  'caseWarrantyEvents.occurredOn',
  'caseWarrantyEvents.place',
  'caseWarrantyEvents.providerName',
  'caseWarrantyEvents.description',
  'caseWarrantyEvents.costCents',
  'caseWarrantyEvents.creditedCents',
  'caseWarrantyEvents.recordedAt',
  'users.displayName as recordedBy',
  'contractCredits.id as creditId',
  'contractCredits.amountCents as creditAmountCents',
  'contractCredits.stripeCreditNoteId',
] as const

function events(db: Kysely<Database>) {
  return db
    .selectFrom('caseWarrantyEvents')
    .leftJoin('users', 'users.id', 'caseWarrantyEvents.recordedByUserId')
    .leftJoin('contractCredits', 'contractCredits.warrantyEventId', 'caseWarrantyEvents.id')
}

/** A case's warranty events, oldest first, with who recorded each and its credit (care elsewhere). */
export function listCaseWarrantyEvents(db: Kysely<Database>, caseId: string) {
  return events(db).select(EVENT_COLUMNS).where('caseWarrantyEvents.caseId', '=', caseId).orderBy('caseWarrantyEvents.occurredOn').orderBy('caseWarrantyEvents.id').execute()
}

/**
 * A contract's warranty events, oldest first, with the case's procedure and facility and the
 * credit of each (for the contract page and the statement; call only with a contract the reader
 * may see). No member names: both sides of the contract read this.
 */
export function listContractWarrantyEvents(db: Kysely<Database>, contractId: string) {
  return events(db)
    .innerJoin('cases', 'cases.id', 'caseWarrantyEvents.caseId')
    .innerJoin('procedures', 'procedures.id', 'cases.procedureId')
    .innerJoin('facilities', 'facilities.id', 'cases.facilityId')
    .select([...EVENT_COLUMNS, 'cases.procedureDate', 'procedures.code as procedureCode', 'procedures.name as procedureName', 'facilities.name as facilityName'])
    .where('caseWarrantyEvents.contractId', '=', contractId)
    .orderBy('caseWarrantyEvents.occurredOn')
    .orderBy('caseWarrantyEvents.id')
    .execute()
}

/** A credit with the ledger invoice of its case (the one a Stripe credit note goes on), for mirroring. */
export function findCreditWithCaseInvoice(db: Kysely<Database>, creditId: string) {
  return db
    .selectFrom('contractCredits')
    .leftJoin('invoices', (join) => join.onRef('invoices.caseId', '=', 'contractCredits.caseId').on('invoices.status', '!=', 'void'))
    .select([
      'contractCredits.id',
      'contractCredits.contractId',
      'contractCredits.caseId',
      'contractCredits.warrantyEventId',
      'contractCredits.purchaserOrganizationId',
      'contractCredits.amountCents',
      'contractCredits.description',
      'contractCredits.stripeCreditNoteId',
      'invoices.id as invoiceId',
      'invoices.stripeInvoiceId',
      'invoices.totalCents as invoiceTotalCents',
    ])
    .where('contractCredits.id', '=', creditId)
    .executeTakeFirst()
}

/** Remembers the Stripe credit note of a credit (once: a credit never gets a second one). */
export async function setCreditStripeCreditNote(db: Kysely<Database>, creditId: string, stripeCreditNoteId: string): Promise<boolean> {
  const result = await db
    .updateTable('contractCredits')
    .set({ stripeCreditNoteId })
    .where('id', '=', creditId)
    .where('stripeCreditNoteId', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** The audit action that says a credit stayed in the ledger only, and why (`detail.outcome`). */
export const CREDIT_KEPT_IN_LEDGER_ACTION = 'contract.warranty_credit_kept_in_ledger'

/** Why each credit of these contracts stayed in the ledger only (the latest reason per credit), from the audit log. */
export async function listCreditsKeptInLedger(db: Kysely<Database>, contractIds: readonly string[]): Promise<Map<string, string>> {
  if (contractIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('auditLog')
    .select(['detail'])
    .where('subjectType', '=', 'contract')
    .where('subjectId', 'in', contractIds)
    .where('action', '=', CREDIT_KEPT_IN_LEDGER_ACTION)
    .orderBy('occurredAt')
    .execute()
  const outcomes = new Map<string, string>()
  for (const row of rows) {
    const detail = JSON.parse(row.detail ?? '{}') as { creditId?: unknown; outcome?: unknown }
    if (typeof detail.creditId === 'string' && typeof detail.outcome === 'string') outcomes.set(detail.creditId, detail.outcome)
  }
  return outcomes
}
