import type { Kysely } from 'kysely'
import type { Database, NewRosterMember } from '~/db/schema'

export function findEmployerByCode(db: Kysely<Database>, code: string) {
  return db.selectFrom('organizations').select(['id', 'name']).where('code', '=', code).where('kind', '=', 'employer').executeTakeFirst()
}

export function listRosterByEmployeeIds(db: Kysely<Database>, employerId: string, employeeIds: string[]) {
  return db
    .selectFrom('rosterMembers')
    .select(['id', 'employeeId', 'firstName', 'lastName', 'dateOfBirth', 'zip', 'healthPlanId', 'coverageTier', 'coverageStart', 'coverageEnd', 'dependentsCount'])
    .where('employerId', '=', employerId)
    .where('employeeId', 'in', employeeIds)
    .execute()
}

export function insertRosterMembers(db: Kysely<Database>, rows: NewRosterMember[]) {
  return db.insertInto('rosterMembers').values(rows).execute()
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
