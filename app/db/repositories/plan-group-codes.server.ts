import type { Kysely } from 'kysely'
import type { Database } from '~/db/schema'
import type { EmployerScope } from '~/domain/tenancy'

/** The employer's 834 REF*1L codes with the plan each stands for. */
export function listPlanGroupCodes(db: Kysely<Database>, scope: EmployerScope) {
  return db
    .selectFrom('planGroupCodes')
    .innerJoin('healthPlans', 'healthPlans.id', 'planGroupCodes.healthPlanId')
    .select(['planGroupCodes.id', 'planGroupCodes.code', 'planGroupCodes.codeKey', 'planGroupCodes.healthPlanId', 'healthPlans.name as planName'])
    .where('planGroupCodes.employerId', '=', scope.employerId)
    .orderBy('planGroupCodes.code')
    .execute()
}

export function findPlanGroupCode(db: Kysely<Database>, scope: EmployerScope, codeKey: string) {
  return db.selectFrom('planGroupCodes').select(['id', 'code']).where('employerId', '=', scope.employerId).where('codeKey', '=', codeKey).executeTakeFirst()
}

export function insertPlanGroupCode(db: Kysely<Database>, row: { id: string; employerId: string; code: string; codeKey: string; healthPlanId: string; createdAt: string }) {
  return db.insertInto('planGroupCodes').values(row).execute()
}

export async function deletePlanGroupCode(db: Kysely<Database>, scope: EmployerScope, id: string): Promise<boolean> {
  const result = await db.deleteFrom('planGroupCodes').where('id', '=', id).where('employerId', '=', scope.employerId).executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}
