import type { Insertable, Kysely, Transaction } from 'kysely'
import type { CaseWarrantyEventsTable, ContractCreditsTable, Database } from '~/db/schema'
import { ContractTermsSchema, type ContractTerms } from '~/domain/contracts/terms'

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
 * The contract covering a case, or undefined: active, the case's employer its purchaser (or a coalition
 * the employer was a member of on the procedure date, issue 23), the
 * facility's health system the other party, the facility in the network of its latest signed
 * version, and the procedure date inside that version's attribution period. Cross-tenant by
 * nature (the care team asks for any employer's case); the first such contract by creation.
 */
export async function unscopedFindCoveringContract(
  db: Kysely<Database>,
  facts: { employerId: string; facilityId: string; procedureDate: string },
): Promise<CoveringContract | undefined> {
  const rows = await db
    .selectFrom('contracts')
    .innerJoin('facilities', (join) => join.onRef('facilities.healthSystemId', '=', 'contracts.healthSystemOrganizationId').on('facilities.id', '=', facts.facilityId))
    .innerJoin('contractVersions', 'contractVersions.contractId', 'contracts.id')
    .innerJoin('contractVersionFacilities', (join) =>
      join.onRef('contractVersionFacilities.versionId', '=', 'contractVersions.id').onRef('contractVersionFacilities.facilityId', '=', 'facilities.id'),
    )
    .select([
      'contracts.id as contractId',
      'contracts.title',
      'contracts.purchaserOrganizationId',
      'contracts.healthSystemOrganizationId',
      'contractVersions.id as versionId',
      'contractVersions.version',
      'contractVersions.terms',
    ])
    .where('contracts.status', '=', 'active')
    // The employer's own contracts, and those of a coalition it was a member of on the procedure date (issue 23).
    .where((eb) =>
      eb.or([
        eb('contracts.purchaserOrganizationId', '=', facts.employerId),
        eb(
          'contracts.purchaserOrganizationId',
          'in',
          eb
            .selectFrom('coalitionMemberships')
            .select('coalitionMemberships.coalitionOrganizationId')
            .where('coalitionMemberships.employerOrganizationId', '=', facts.employerId)
            .where('coalitionMemberships.status', 'in', ['active', 'ended'])
            .where('coalitionMemberships.joinedOn', '<=', facts.procedureDate)
            .where((m) => m.or([m('coalitionMemberships.leftOn', 'is', null), m('coalitionMemberships.leftOn', '>=', facts.procedureDate)])),
        ),
      ]),
    )
    .where('contractVersions.status', '=', 'signed')
    // The latest signed version is the one in force; a facility it dropped is no longer covered.
    .where('contractVersions.version', '=', (eb) =>
      eb
        .selectFrom('contractVersions as latest')
        .select((l) => l.fn.max('latest.version').as('v'))
        .whereRef('latest.contractId', '=', 'contracts.id')
        .where('latest.status', '=', 'signed'),
    )
    .orderBy('contracts.createdAt')
    .orderBy('contracts.id')
    .execute()
  for (const row of rows) {
    const terms = ContractTermsSchema.parse(JSON.parse(row.terms))
    const { periodStart, periodEnd } = terms.attribution
    if (facts.procedureDate < periodStart || facts.procedureDate > periodEnd) continue
    const { terms: _text, ...contract } = row
    return { ...contract, terms }
  }
  return undefined
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
