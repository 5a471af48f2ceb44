import type { Insertable, Kysely, Transaction, Updateable } from 'kysely'
import type { ContractPeriodsTable, ContractStatementsTable, Database } from '~/db/schema'

/*
 * Reconciliation periods and their stored statements (issue 21, ADR 0016 §3, §8). Callers find
 * the contract for the party first (contracts.server.ts `findPartyContract`); every read here is
 * then filtered by that contract's id, so a period or statement of another contract is not found.
 */

const PERIOD_COLUMNS = [
  'id', 'contractId', 'versionId', 'sequence', 'periodStart', 'periodEnd', 'closesOn', 'status', 'carriedIntoPeriodId', 'closedAt', 'closedByUserId',
] as const

/** The contract's periods in order (without their frozen episodes). */
export function listContractPeriods(db: Kysely<Database>, contractId: string) {
  return db.selectFrom('contractPeriods').select(PERIOD_COLUMNS).where('contractId', '=', contractId).orderBy('sequence').execute()
}

/** One period of the contract, or undefined (also when it is another contract's). */
export function findContractPeriod(db: Kysely<Database>, contractId: string, periodId: string) {
  return db.selectFrom('contractPeriods').select([...PERIOD_COLUMNS, 'episodes']).where('contractId', '=', contractId).where('id', '=', periodId).executeTakeFirst()
}

export async function insertContractPeriods(trx: Transaction<Database>, periods: ReadonlyArray<Insertable<ContractPeriodsTable>>) {
  if (periods.length === 0) return
  await trx.insertInto('contractPeriods').values([...periods]).execute()
}

/** Changes an open period (a newly signed version's dates); a closed one is never touched. */
export function updateOpenPeriod(trx: Transaction<Database>, periodId: string, changes: Updateable<ContractPeriodsTable>) {
  return trx.updateTable('contractPeriods').set(changes).where('id', '=', periodId).where('status', '=', 'open').execute()
}

export async function deleteOpenPeriods(trx: Transaction<Database>, periodIds: readonly string[]) {
  if (periodIds.length === 0) return
  await trx.deleteFrom('contractPeriods').where('id', 'in', periodIds).where('status', '=', 'open').execute()
}

/** Closed periods whose episodes carried into one of these (to drop the link when the target goes). */
export async function clearCarriedInto(trx: Transaction<Database>, periodIds: readonly string[]) {
  if (periodIds.length === 0) return
  await trx.updateTable('contractPeriods').set({ carriedIntoPeriodId: null }).where('carriedIntoPeriodId', 'in', periodIds).execute()
}

/**
 * Marks an open period closed and takes its row lock for the rest of the transaction; false when
 * it is no longer open (a second, concurrent close: PostgreSQL waits on the row, then sees it
 * closed; SQLite holds its one write lock from here).
 */
export async function claimOpenPeriod(trx: Transaction<Database>, periodId: string, changes: Pick<Updateable<ContractPeriodsTable>, 'closedAt' | 'closedByUserId'>): Promise<boolean> {
  const result = await trx.updateTable('contractPeriods').set({ ...changes, status: 'closed' }).where('id', '=', periodId).where('status', '=', 'open').executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export function updateClosedPeriod(trx: Transaction<Database>, periodId: string, changes: Pick<Updateable<ContractPeriodsTable>, 'status' | 'episodes' | 'carriedIntoPeriodId'>) {
  return trx.updateTable('contractPeriods').set(changes).where('id', '=', periodId).where('status', '=', 'closed').execute()
}

export function insertContractStatement(trx: Transaction<Database>, statement: Insertable<ContractStatementsTable>) {
  return trx.insertInto('contractStatements').values(statement).execute()
}

const STATEMENT_COLUMNS = [
  'id', 'periodId', 'contractId', 'versionId', 'statement', 'inputsSha256', 'episodeCount', 'totalBenchmarkCents', 'grossSavingsCents', 'settlementCents', 'outcome',
  'supersededByStatementId', 'settledVia', 'settlementReference', 'settledAt', 'createdAt', 'createdByUserId',
] as const

/** The period's statement in force (the one no later statement supersedes). */
export async function findPeriodStatement(db: Kysely<Database>, contractId: string, periodId: string) {
  const row = await db
    .selectFrom('contractStatements')
    .select(STATEMENT_COLUMNS)
    .where('contractId', '=', contractId)
    .where('periodId', '=', periodId)
    .where('supersededByStatementId', 'is', null)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return row && { ...row, episodeCount: Number(row.episodeCount), totalBenchmarkCents: Number(row.totalBenchmarkCents), grossSavingsCents: Number(row.grossSavingsCents), settlementCents: Number(row.settlementCents) }
}

/** Header columns of the statements in force of a contract's periods (for the contract page). */
export async function listContractStatementHeaders(db: Kysely<Database>, contractId: string) {
  const rows = await db
    .selectFrom('contractStatements')
    .select(['id', 'periodId', 'settlementCents', 'outcome', 'settledVia', 'settlementReference', 'settledAt'])
    .where('contractId', '=', contractId)
    .where('supersededByStatementId', 'is', null)
    .execute()
  return rows.map((row) => ({ ...row, settlementCents: Number(row.settlementCents) }))
}

/** Records a settlement once: false when the statement was already settled. */
export async function claimStatementSettlement(
  trx: Transaction<Database>,
  statementId: string,
  settlement: { settledVia: 'ledger' | 'stripe'; settlementReference: string; settledAt: string },
): Promise<boolean> {
  const result = await trx.updateTable('contractStatements').set(settlement).where('id', '=', statementId).where('settledAt', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** How many statements were settled through the ledger with a reference of this prefix ("SET-2026-"). */
export async function countLedgerReferences(trx: Transaction<Database>, prefix: string): Promise<number> {
  const row = await trx
    .selectFrom('contractStatements')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('settledVia', '=', 'ledger')
    .where('settlementReference', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Names of facilities by id. */
export async function listFacilityNames(db: Kysely<Database>, facilityIds: readonly string[]): Promise<Map<string, string>> {
  if (facilityIds.length === 0) return new Map()
  const rows = await db.selectFrom('facilities').select(['id', 'name']).where('id', 'in', [...new Set(facilityIds)]).execute()
  return new Map(rows.map((row) => [row.id, row.name]))
}
