import type { Kysely } from 'kysely'
import type { Database } from '~/db/schema'
import type { EmployerScope } from '~/domain/tenancy'

/** Members whose coverage is in force on `asOfDate` (YYYY-MM-DD). */
export async function countCoveredMembers(db: Kysely<Database>, scope: EmployerScope, asOfDate: string): Promise<number> {
  const row = await db
    .selectFrom('rosterMembers')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('employerId', '=', scope.employerId)
    .where('coverageStart', '<=', asOfDate)
    .where((eb) => eb.or([eb('coverageEnd', 'is', null), eb('coverageEnd', '>=', asOfDate)]))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Covered members on `asOfDate` counted by home ZIP, plan and coverage tier (the projection's groups). */
/** How many covered members (coverage in force on `asOfDate`) live in each home ZIP: the network picker's reach (issue 24). */
export function listCoveredMemberZips(db: Kysely<Database>, scope: EmployerScope, asOfDate: string) {
  return db
    .selectFrom('rosterMembers')
    .select(['zip', (eb) => eb.fn.countAll<number>().as('members')])
    .where('employerId', '=', scope.employerId)
    .where('coverageStart', '<=', asOfDate)
    .where((eb) => eb.or([eb('coverageEnd', 'is', null), eb('coverageEnd', '>=', asOfDate)]))
    .groupBy('zip')
    .execute()
}

export function listCoveredMemberGroups(db: Kysely<Database>, scope: EmployerScope, asOfDate: string) {
  return db
    .selectFrom('rosterMembers')
    .select(['zip', 'healthPlanId', 'coverageTier', (eb) => eb.fn.countAll<number>().as('members')])
    .where('employerId', '=', scope.employerId)
    .where('coverageStart', '<=', asOfDate)
    .where((eb) => eb.or([eb('coverageEnd', 'is', null), eb('coverageEnd', '>=', asOfDate)]))
    .groupBy(['zip', 'healthPlanId', 'coverageTier'])
    .orderBy('zip')
    .execute()
}
