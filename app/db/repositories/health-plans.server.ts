import type { Kysely } from 'kysely'
import type { Database, HealthPlanUpdate, NewHealthPlan } from '~/db/schema'
import type { EmployerScope } from '~/domain/tenancy'

const PLAN_COLUMNS = [
  'id', 'name', 'planType', 'isHsaQualified', 'deductibleIndividualCents', 'deductibleFamilyCents', 'coinsuranceRate',
  'oopMaxIndividualCents', 'oopMaxFamilyCents', 'updatedAt',
] as const

export function listHealthPlans(db: Kysely<Database>, scope: EmployerScope) {
  return db.selectFrom('healthPlans').select(PLAN_COLUMNS).where('employerId', '=', scope.employerId).orderBy('name').execute()
}

export function findHealthPlan(db: Kysely<Database>, scope: EmployerScope, planId: string) {
  return db
    .selectFrom('healthPlans')
    .select(PLAN_COLUMNS)
    .where('id', '=', planId)
    .where('employerId', '=', scope.employerId)
    .executeTakeFirst()
}

export function findHealthPlanByName(db: Kysely<Database>, scope: EmployerScope, name: string) {
  return db
    .selectFrom('healthPlans')
    .select(['id'])
    .where('employerId', '=', scope.employerId)
    .where('name', '=', name)
    .executeTakeFirst()
}

export function insertHealthPlan(db: Kysely<Database>, plan: NewHealthPlan) {
  return db.insertInto('healthPlans').values(plan).execute()
}

/** Updates a plan of this employer; returns the number of rows changed (0: not in scope). */
export async function updateHealthPlan(
  db: Kysely<Database>,
  scope: EmployerScope,
  planId: string,
  changes: Omit<HealthPlanUpdate, 'id' | 'employerId' | 'createdAt'>,
): Promise<number> {
  const result = await db
    .updateTable('healthPlans')
    .set(changes)
    .where('id', '=', planId)
    .where('employerId', '=', scope.employerId)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export async function countMembersByPlan(db: Kysely<Database>, scope: EmployerScope, asOfDate: string) {
  const rows = await db
    .selectFrom('rosterMembers')
    .select(['healthPlanId', (eb) => eb.fn.countAll<number>().as('members')])
    .where('employerId', '=', scope.employerId)
    .where((eb) => eb.or([eb('coverageEnd', 'is', null), eb('coverageEnd', '>=', asOfDate)]))
    .groupBy('healthPlanId')
    .execute()
  return new Map(rows.map((row) => [row.healthPlanId, Number(row.members)]))
}
