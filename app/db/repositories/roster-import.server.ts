import type { CompiledQuery, Kysely } from 'kysely'
import type { Database, NewRosterMember, RosterMembersTable } from '~/db/schema'

export function findEmployerByCode(db: Kysely<Database>, code: string) {
  return db.selectFrom('organizations').select(['id', 'name']).where('code', '=', code).where('kind', '=', 'employer').executeTakeFirst()
}

export async function hasRosterMembers(db: Kysely<Database>, employerId: string): Promise<boolean> {
  return (await db.selectFrom('rosterMembers').select('id').where('employerId', '=', employerId).limit(1).executeTakeFirst()) !== undefined
}

export function listRosterByEmployeeIds(db: Kysely<Database>, employerId: string, employeeIds: string[]) {
  return db
    .selectFrom('rosterMembers')
    .select(['id', 'employeeId', 'firstName', 'lastName', 'dateOfBirth', 'zip', 'healthPlanId', 'coverageTier', 'coverageStart', 'coverageEnd', 'dependentsCount'])
    .where('employerId', '=', employerId)
    .where('employeeId', 'in', employeeIds)
    .execute()
}

const ROSTER_COLUMNS = [
  'id', 'employerId', 'employeeId', 'firstName', 'lastName', 'dateOfBirth', 'zip', 'healthPlanId', 'coverageTier',
  'coverageStart', 'coverageEnd', 'dependentsCount', 'deductibleMetCents', 'oopPaidCents', 'createdAt', 'updatedAt',
] as const satisfies ReadonlyArray<keyof RosterMembersTable>

/**
 * Many-row INSERTs for one import: the statement for each row count is built by Kysely once
 * (from placeholder rows, which also tell where each row's value goes among the parameters) and
 * then run with the next rows' values, instead of rebuilding 16,000 value nodes per batch.
 */
export function createRosterInserter(db: Kysely<Database>) {
  const compiled = new Map<number, { query: CompiledQuery; slots: Array<[row: number, column: number]> }>()
  const prepare = (count: number) => {
    const placeholders = Array.from({ length: count }, (_, row) =>
      Object.fromEntries(ROSTER_COLUMNS.map((column, index) => [column, `\u0000${row}:${index}`])),
    ) as unknown as NewRosterMember[]
    const query = db.insertInto('rosterMembers').values(placeholders).compile()
    const slots = query.parameters.map((parameter) => {
      const [row, column] = String(parameter).slice(1).split(':').map(Number)
      return [row!, column!] as [number, number]
    })
    if (slots.length !== count * ROSTER_COLUMNS.length) throw new Error('unexpected INSERT shape for roster rows')
    return { query, slots }
  }
  return async (rows: readonly NewRosterMember[]) => {
    if (rows.length === 0) return
    let statement = compiled.get(rows.length)
    if (!statement) compiled.set(rows.length, (statement = prepare(rows.length)))
    const parameters = statement.slots.map(([row, column]) => rows[row]![ROSTER_COLUMNS[column]!] ?? null)
    await db.executeQuery({ ...statement.query, parameters })
  }
}

export function updateRosterMember(db: Kysely<Database>, id: string, changes: Partial<NewRosterMember>) {
  return db.updateTable('rosterMembers').set(changes).where('id', '=', id).execute()
}

/** Full-file mode: members absent from the file get a coverage end (never deleted). */
export async function endCoverageOfMissing(db: Kysely<Database>, employerId: string, presentIds: ReadonlySet<string>, endDate: string, at: string) {
  const open = await db
    .selectFrom('rosterMembers')
    .select(['id', 'employeeId'])
    .where('employerId', '=', employerId)
    .where((eb) => eb.or([eb('coverageEnd', 'is', null), eb('coverageEnd', '>', endDate)]))
    .execute()
  const missing = open.filter((row) => !presentIds.has(row.employeeId)).map((row) => row.id)
  for (let i = 0; i < missing.length; i += 500) {
    await db.updateTable('rosterMembers').set({ coverageEnd: endDate, updatedAt: at }).where('id', 'in', missing.slice(i, i + 500)).execute()
  }
  return missing.length
}
