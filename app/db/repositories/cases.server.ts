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

/** The oldest open cases first, for the care team's queue. */
export function unscopedListOpenCases(db: Kysely<Database>, limit: number) {
  return db
    .selectFrom('cases')
    .innerJoin('organizations', 'organizations.id', 'cases.employerId')
    .innerJoin('procedures', 'procedures.id', 'cases.procedureId')
    .innerJoin('facilities', 'facilities.id', 'cases.facilityId')
    .select([
      'cases.id',
      'cases.status',
      'cases.requestedAt',
      'organizations.name as employerName',
      'procedures.code as procedureCode',
      'facilities.name as facilityName',
    ])
    .where('cases.status', 'not in', ['completed', 'cancelled', 'denied'])
    .orderBy('cases.requestedAt')
    .limit(limit)
    .execute()
}
