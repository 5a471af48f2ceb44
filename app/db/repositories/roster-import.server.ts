import { sql, SqliteAdapter, type CompiledQuery, type Kysely, type RawBuilder } from 'kysely'
import type { Database, NewRosterMember, RosterChangeKind, RosterImportChangesTable, RosterMembersTable } from '~/db/schema'
import type { Insertable } from 'kysely'

export function findEmployerByCode(db: Kysely<Database>, code: string) {
  return db.selectFrom('organizations').select(['id', 'name']).where('code', '=', code).where('kind', '=', 'employer').executeTakeFirst()
}

export async function findTerminationLimit(db: Kysely<Database>, employerId: string): Promise<number | null> {
  const row = await db.selectFrom('organizations').select('rosterTerminationLimitPercent').where('id', '=', employerId).executeTakeFirst()
  return row?.rosterTerminationLimitPercent ?? null
}

export function updateTerminationLimit(db: Kysely<Database>, employerId: string, percent: number) {
  return db.updateTable('organizations').set({ rosterTerminationLimitPercent: percent }).where('id', '=', employerId).where('kind', '=', 'employer').execute()
}

const STORED_COLUMNS = [
  'id', 'employeeId', 'employeeIdKey', 'firstName', 'lastName', 'dateOfBirth', 'zip', 'healthPlanId', 'coverageTier', 'coverageStart', 'coverageEnd', 'dependentsCount',
] as const

/** This employer's members whose employee id, without case, is one of `keys`. */
export function listRosterByIdKeys(db: Kysely<Database>, employerId: string, keys: readonly string[]) {
  return db.selectFrom('rosterMembers').select(STORED_COLUMNS).where('employerId', '=', employerId).where('employeeIdKey', 'in', keys).execute()
}

/** Members whose id without leading zeros is one of `looseKeys` (ids a spreadsheet shortened, or lengthened). */
export function listRosterByLooseIds(db: Kysely<Database>, employerId: string, looseKeys: readonly string[]) {
  return db.selectFrom('rosterMembers').select(['employeeId', 'employeeIdKey', 'employeeIdLoose']).where('employerId', '=', employerId).where('employeeIdLoose', 'in', looseKeys).execute()
}

/** Members not ended on `today` (coverage end empty or not before it), with their id key: full files end those they miss. */
export function listNotEndedMembers(db: Kysely<Database>, employerId: string, today: string) {
  return db
    .selectFrom('rosterMembers')
    .select(['id', 'employeeId', 'employeeIdKey', 'coverageEnd'])
    .where('employerId', '=', employerId)
    .where((eb) => eb.or([eb('coverageEnd', 'is', null), eb('coverageEnd', '>=', today)]))
    .execute()
}

export async function countNotEndedMembers(db: Kysely<Database>, employerId: string, today: string): Promise<number> {
  const row = await db
    .selectFrom('rosterMembers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('employerId', '=', employerId)
    .where((eb) => eb.or([eb('coverageEnd', 'is', null), eb('coverageEnd', '>=', today)]))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Of these roster members, those with a case still open (not completed, cancelled or denied). */
export async function listMembersWithOpenCases(db: Kysely<Database>, rosterMemberIds: readonly string[]): Promise<Set<string>> {
  if (rosterMemberIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('cases')
    .select('rosterMemberId')
    .distinct()
    .where('rosterMemberId', 'in', rosterMemberIds)
    .where('status', 'not in', ['completed', 'cancelled', 'denied'])
    .execute()
  return new Set(rows.map((r) => r.rosterMemberId))
}

const ROSTER_INSERT_COLUMNS = [
  'id', 'employerId', 'employeeId', 'firstName', 'lastName', 'dateOfBirth', 'zip', 'healthPlanId', 'coverageTier',
  'coverageStart', 'coverageEnd', 'dependentsCount', 'deductibleMetCents', 'oopPaidCents', 'createdAt', 'updatedAt',
  'employeeIdKey', 'employeeIdLoose', 'firstNameKey', 'lastNameKey',
] as const satisfies ReadonlyArray<keyof RosterMembersTable>

const CHANGE_COLUMNS = ['importId', 'seq', 'kind', 'employeeId', 'rosterMemberId', 'sourceLine', 'fields', 'previous', 'next', 'hasOpenCase'] as const satisfies ReadonlyArray<
  keyof RosterImportChangesTable
>

/**
 * Many-row INSERTs for one table and column list: the statement for each row count is built by
 * Kysely once per process (from placeholder rows, which also tell where each row's value goes among the
 * parameters) and then run with the next rows' values (issue 9: rebuilding 16,000 value nodes per
 * batch was a third of the import's time).
 */
function createBulkInserter(table: 'rosterMembers' | 'rosterImportChanges', columns: readonly string[]) {
  const compiled = new Map<number, { query: CompiledQuery; slots: Array<[row: number, column: number]> }>()
  const prepare = (db: Kysely<Database>, count: number) => {
    const placeholders = Array.from({ length: count }, (_, row) => Object.fromEntries(columns.map((column, index) => [column, `\u0000${row}:${index}`])))
    const query = (db as unknown as Kysely<Record<string, Record<string, unknown>>>).insertInto(table).values(placeholders).compile()
    const slots = query.parameters.map((parameter) => {
      const [row, column] = String(parameter).slice(1).split(':').map(Number)
      return [row!, column!] as [number, number]
    })
    if (slots.length !== count * columns.length) throw new Error(`unexpected INSERT shape for ${table}`)
    return { query, slots }
  }
  /** SQLite binds at most 32,766 parameters per statement. */
  const rowsPerStatement = Math.floor(30_000 / columns.length)
  /** Inserts `rows` through `db` (a transaction when called inside one). */
  return async (db: Kysely<Database>, rows: ReadonlyArray<Record<string, unknown>>) => {
    for (let start = 0; start < rows.length; start += rowsPerStatement) {
      const slice = rows.slice(start, start + rowsPerStatement)
      let statement = compiled.get(slice.length)
      if (!statement) compiled.set(slice.length, (statement = prepare(db, slice.length)))
      const parameters = statement.slots.map(([row, column]) => slice[row]![columns[column]!] ?? null)
      await db.executeQuery({ ...statement.query, parameters })
    }
  }
}

export const insertRosterMembers = createBulkInserter('rosterMembers', ROSTER_INSERT_COLUMNS) as (db: Kysely<Database>, rows: readonly NewRosterMember[]) => Promise<void>
export const insertImportChanges = createBulkInserter('rosterImportChanges', CHANGE_COLUMNS) as (
  db: Kysely<Database>,
  rows: ReadonlyArray<Insertable<RosterImportChangesTable>>,
) => Promise<void>

export function updateRosterMember(db: Kysely<Database>, id: string, changes: Partial<NewRosterMember>) {
  return db.updateTable('rosterMembers').set(changes).where('id', '=', id).execute()
}

export function deleteImportChanges(db: Kysely<Database>, importId: string) {
  return db.deleteFrom('rosterImportChanges').where('importId', '=', importId).execute()
}

/** Withdraws staged changes of lines found to conflict with a later line of the same file. */
export function deleteImportChangesAtLines(db: Kysely<Database>, importId: string, lines: readonly number[]) {
  return db.deleteFrom('rosterImportChanges').where('importId', '=', importId).where('sourceLine', 'in', lines).execute()
}

export async function countImportChanges(db: Kysely<Database>, importId: string) {
  const rows = await db
    .selectFrom('rosterImportChanges')
    .select(['kind', 'hasOpenCase', (eb) => eb.fn.countAll<number>().as('n')])
    .where('importId', '=', importId)
    .groupBy(['kind', 'hasOpenCase'])
    .execute()
  const counts = { added: 0, changed: 0, ended: 0, reinstated: 0, withOpenCase: 0, total: 0 }
  for (const row of rows) {
    counts[row.kind as RosterChangeKind] += Number(row.n)
    counts.total += Number(row.n)
    if (row.hasOpenCase) counts.withOpenCase += Number(row.n)
  }
  return counts
}

/** Is this connection (or transaction) SQLite? */
export function isSqlite(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter
}

/**
 * A bulk import's connection (SQLite): a 16 MiB page cache instead of the default 2 MiB, so more of
 * the roster's seven B-trees stay in memory while members are added (issue 24). Per connection; the
 * CLI and the import worker have their own. (64 MiB and a 64 MB WAL checkpoint interval were tried:
 * the 1,000,000-row import then grew the process by 216 MB, over the 200 MB bound, and other
 * employers' writes waited for the longer checkpoints.)
 */
export async function useBulkWriteCache(db: Kysely<Database>): Promise<void> {
  if (!isSqlite(db)) return
  await sql`pragma cache_size = -16384`.execute(db)
}

/** The next chunk of changes after `afterSeq` (file order): its last seq, its size, and how many are not "added". */
export async function findApplyChunk(db: Kysely<Database>, importId: string, afterSeq: number, limit: number) {
  const chunk = db.selectFrom('rosterImportChanges').select(['seq', 'kind']).where('importId', '=', importId).where('seq', '>', afterSeq).orderBy('seq').limit(limit).as('chunk')
  const row = await db
    .selectFrom(chunk)
    .select((eb) => [
      eb.fn.max<number>('chunk.seq').as('lastSeq'),
      eb.fn.countAll<number>().as('size'),
      eb.fn.sum<number>(sql`case when ${sql.ref('chunk.kind')} = 'added' then 0 else 1 end`).as('others'),
    ])
    .executeTakeFirstOrThrow()
  return { lastSeq: Number(row.lastSeq ?? afterSeq), size: Number(row.size), others: Number(row.others ?? 0) }
}

/** The changes other than "added" among seq (afterSeq, throughSeq]. */
export function listOtherChangesToApply(db: Kysely<Database>, importId: string, afterSeq: number, throughSeq: number) {
  return db
    .selectFrom('rosterImportChanges')
    .select(['seq', 'kind', 'employeeId', 'rosterMemberId', 'next'])
    .where('importId', '=', importId)
    .where('seq', '>', afterSeq)
    .where('seq', '<=', throughSeq)
    .where('kind', '<>', 'added')
    .orderBy('seq')
    .execute()
}

/**
 * Adds the members of the "added" changes among seq (afterSeq, throughSeq] to the roster with one
 * INSERT … SELECT from the staged changes (issue 24: the values never travel through JavaScript).
 * The match keys are computed in SQL: an id's key is its lower case (ids are ASCII letters, digits,
 * - and _), a name's key is its lower case when the name is ASCII (a stored name is already
 * normalised, so nameKey changes nothing else); names with other letters get their key from
 * nameKey afterwards (`listAddedWithNonAsciiNames`). Returns the rows inserted.
 */
export async function insertAddedMembersFromChanges(db: Kysely<Database>, importId: string, employerId: string, afterSeq: number, throughSeq: number, at: string): Promise<number> {
  const sqlite = isSqlite(db)
  const field = (name: string, integer = false): RawBuilder<unknown> =>
    sqlite ? sql`json_extract(next, ${`$.${name}`})` : integer ? sql`((next::jsonb) ->> ${name})::integer` : sql`((next::jsonb) ->> ${name})`
  const id = sql`lower(employee_id)`
  const loose = sql`case when ltrim(${id}, '0') = '' then '0' else ltrim(${id}, '0') end`
  const result = await sql`
    insert into roster_members (id, employer_id, employee_id, first_name, last_name, date_of_birth, zip, health_plan_id, coverage_tier, coverage_start, coverage_end,
      dependents_count, deductible_met_cents, oop_paid_cents, created_at, updated_at, employee_id_key, employee_id_loose, first_name_key, last_name_key)
    select roster_member_id, ${employerId}, employee_id, ${field('firstName')}, ${field('lastName')}, ${field('dateOfBirth')}, ${field('zip')}, ${field('healthPlanId')},
      ${field('coverageTier')}, ${field('coverageStart')}, ${field('coverageEnd')}, coalesce(${field('dependentsCount', true)}, 0), 0, 0, ${at}, ${at},
      ${id}, ${loose}, lower(${field('firstName')}), lower(${field('lastName')})
    from roster_import_changes
    where import_id = ${importId} and seq > ${afterSeq} and seq <= ${throughSeq} and kind = 'added'
    order by seq`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}

/** Of the members just added from seq (afterSeq, throughSeq], those whose first or last name is not plain ASCII. */
export function listAddedWithNonAsciiNames(db: Kysely<Database>, importId: string, afterSeq: number, throughSeq: number) {
  const nonAscii = (column: string) => (isSqlite(db) ? sql<boolean>`${sql.ref(column)} glob '*[^ -~]*'` : sql<boolean>`${sql.ref(column)} ~ '[^ -~]'`)
  return db
    .selectFrom('rosterMembers')
    .select(['id', 'firstName', 'lastName'])
    .where('id', 'in', (eb) =>
      eb.selectFrom('rosterImportChanges').select('rosterMemberId').where('importId', '=', importId).where('seq', '>', afterSeq).where('seq', '<=', throughSeq).where('kind', '=', 'added'),
    )
    .where((eb) => eb.or([nonAscii('roster_members.first_name'), nonAscii('roster_members.last_name')]))
    .execute()
}

/** The next changes to write, in file order, after `afterSeq`. */
export function listChangesToApply(db: Kysely<Database>, importId: string, afterSeq: number, limit: number) {
  return db
    .selectFrom('rosterImportChanges')
    .select(['seq', 'kind', 'employeeId', 'rosterMemberId', 'next'])
    .where('importId', '=', importId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute()
}

export interface ChangeFilter {
  kind?: RosterChangeKind
  openCaseOnly?: boolean
}

/** One page of an import's difference (issue 17), in file order. */
export function listImportChanges(db: Kysely<Database>, importId: string, filter: ChangeFilter, page: { afterSeq: number; limit: number }) {
  let query = db
    .selectFrom('rosterImportChanges')
    .select(['seq', 'kind', 'employeeId', 'rosterMemberId', 'sourceLine', 'fields', 'previous', 'next', 'hasOpenCase'])
    .where('importId', '=', importId)
    .where('seq', '>', page.afterSeq)
  if (filter.kind) query = query.where('kind', '=', filter.kind)
  if (filter.openCaseOnly) query = query.where('hasOpenCase', '=', 1)
  return query.orderBy('seq').limit(page.limit).execute()
}

export async function countImportChangesMatching(db: Kysely<Database>, importId: string, filter: ChangeFilter): Promise<number> {
  let query = db.selectFrom('rosterImportChanges').select((eb) => eb.fn.countAll<number>().as('n')).where('importId', '=', importId)
  if (filter.kind) query = query.where('kind', '=', filter.kind)
  if (filter.openCaseOnly) query = query.where('hasOpenCase', '=', 1)
  return Number((await query.executeTakeFirstOrThrow()).n)
}

/** A member's coverage history: every applied import that changed them, newest first. */
export function listMemberChanges(db: Kysely<Database>, rosterMemberId: string, limit: number) {
  return db
    .selectFrom('rosterImportChanges')
    .innerJoin('imports', 'imports.id', 'rosterImportChanges.importId')
    .select([
      'imports.id as importId', 'imports.fileName', 'imports.kind as fileKind', 'imports.finishedAt', 'imports.createdByLabel',
      'rosterImportChanges.kind', 'rosterImportChanges.fields', 'rosterImportChanges.previous', 'rosterImportChanges.next', 'rosterImportChanges.sourceLine',
    ])
    .where('rosterImportChanges.rosterMemberId', '=', rosterMemberId)
    .where('imports.status', '=', 'applied')
    .orderBy('imports.finishedAt', 'desc')
    .orderBy('imports.id', 'desc')
    .limit(limit)
    .execute()
}
