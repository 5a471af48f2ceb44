import type { Kysely } from 'kysely'
import { escapeLike, likePattern } from '~/db/like'
import type { Database } from '~/db/schema'
import type { EmployerScope } from '~/domain/tenancy'

export type MemberSearch = { kind: 'zip'; zip: string } | { kind: 'text'; idKey: string; nameKey: string } | { kind: 'all' }

/** One page of this employer's roster members matching a ZIP, or an id or last name that starts with the text (match keys, issue 17). */
export function searchRosterMembers(db: Kysely<Database>, scope: EmployerScope, search: MemberSearch, page: { offset: number; limit: number }) {
  let query = db
    .selectFrom('rosterMembers')
    .leftJoin('healthPlans', 'healthPlans.id', 'rosterMembers.healthPlanId')
    .select([
      'rosterMembers.id', 'rosterMembers.employeeId', 'rosterMembers.firstName', 'rosterMembers.lastName', 'rosterMembers.zip', 'rosterMembers.coverageTier',
      'rosterMembers.coverageStart', 'rosterMembers.coverageEnd', 'healthPlans.name as planName',
    ])
    .where('rosterMembers.employerId', '=', scope.employerId)
  if (search.kind === 'zip') query = query.where('rosterMembers.zip', '=', search.zip)
  if (search.kind === 'text') {
    query = query.where((eb) =>
      eb.or([
        eb('rosterMembers.employeeIdKey', 'like', likePattern(`${escapeLike(search.idKey)}%`)),
        eb('rosterMembers.lastNameKey', 'like', likePattern(`${escapeLike(search.nameKey)}%`)),
      ]),
    )
  }
  return query.orderBy('rosterMembers.lastNameKey').orderBy('rosterMembers.employeeIdKey').offset(page.offset).limit(page.limit).execute()
}

export function findRosterMember(db: Kysely<Database>, scope: EmployerScope, id: string) {
  return db
    .selectFrom('rosterMembers')
    .leftJoin('healthPlans', 'healthPlans.id', 'rosterMembers.healthPlanId')
    .select([
      'rosterMembers.id', 'rosterMembers.employeeId', 'rosterMembers.firstName', 'rosterMembers.lastName', 'rosterMembers.dateOfBirth', 'rosterMembers.zip',
      'rosterMembers.coverageTier', 'rosterMembers.coverageStart', 'rosterMembers.coverageEnd', 'rosterMembers.dependentsCount', 'rosterMembers.createdAt',
      'rosterMembers.updatedAt', 'healthPlans.name as planName',
    ])
    .where('rosterMembers.employerId', '=', scope.employerId)
    .where('rosterMembers.id', '=', id)
    .executeTakeFirst()
}
