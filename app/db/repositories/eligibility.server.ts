import type { Kysely } from 'kysely'
import type { Database } from '~/db/schema'

/** Roster rows of this employer matching the member's answers, on the stored match keys (issue 17: any case, accents, apostrophes). */
export function findRosterMatches(
  db: Kysely<Database>,
  employerId: string,
  match: { employeeIdKey: string } | { lastNameKey: string; dateOfBirth: string; zip: string },
) {
  let query = db
    .selectFrom('rosterMembers')
    .leftJoin('memberships', 'memberships.rosterMemberId', 'rosterMembers.id')
    .select(['rosterMembers.id', 'rosterMembers.firstName', 'rosterMembers.lastName', 'rosterMembers.coverageStart', 'rosterMembers.coverageEnd', 'memberships.id as membershipId'])
    .where('rosterMembers.employerId', '=', employerId)
  if ('employeeIdKey' in match) query = query.where('rosterMembers.employeeIdKey', '=', match.employeeIdKey)
  else {
    query = query
      .where('rosterMembers.lastNameKey', '=', match.lastNameKey)
      .where('rosterMembers.dateOfBirth', '=', match.dateOfBirth)
      .where('rosterMembers.zip', '=', match.zip)
  }
  return query.limit(2).execute()
}

export function emailExists(db: Kysely<Database>, email: string) {
  return db.selectFrom('users').select('id').where('email', '=', email.trim().toLowerCase()).executeTakeFirst()
}
