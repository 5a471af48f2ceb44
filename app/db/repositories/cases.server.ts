import type { Kysely } from 'kysely'
import type { CaseStatus, Database } from '~/db/schema'
import type { EmployerScope } from '~/domain/tenancy'

export async function countCasesByStatus(db: Kysely<Database>, scope: EmployerScope) {
  const rows = await db
    .selectFrom('cases')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('employerId', '=', scope.employerId)
    .groupBy('status')
    .execute()
  return rows.map((row) => ({ status: row.status, count: Number(row.count) }))
}

/** Across all employers: the care team works every employer's cases. */
export async function unscopedCountCasesByStatus(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('cases')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute()
  return rows.map((row) => ({ status: row.status as CaseStatus, count: Number(row.count) }))
}
