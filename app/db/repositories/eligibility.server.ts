import type { Kysely } from 'kysely'
import type { Database } from '~/db/schema'

/** Roster rows of this employer matching the member's answers (case-insensitive last name). */
export function findRosterMatches(
  db: Kysely<Database>,
  employerId: string,
  match: { employeeId: string } | { lastName: string; dateOfBirth: string; zip: string },
) {
  let query = db
    .selectFrom('rosterMembers')
    .leftJoin('memberships', 'memberships.rosterMemberId', 'rosterMembers.id')
    .select(['rosterMembers.id', 'rosterMembers.firstName', 'rosterMembers.lastName', 'rosterMembers.coverageStart', 'rosterMembers.coverageEnd', 'memberships.id as membershipId'])
    .where('rosterMembers.employerId', '=', employerId)
  if ('employeeId' in match) query = query.where('rosterMembers.employeeId', '=', match.employeeId)
  else {
    query = query
      .where((eb) => eb(eb.fn('lower', ['rosterMembers.lastName']), '=', match.lastName.toLowerCase()))
      .where('rosterMembers.dateOfBirth', '=', match.dateOfBirth)
      .where('rosterMembers.zip', '=', match.zip)
  }
  return query.limit(2).execute()
}

export function emailExists(db: Kysely<Database>, email: string) {
  return db.selectFrom('users').select('id').where('email', '=', email.trim().toLowerCase()).executeTakeFirst()
}
