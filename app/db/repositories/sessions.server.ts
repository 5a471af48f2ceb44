import type { Kysely } from 'kysely'
import type { Database } from '~/db/schema'

export function insertSession(
  db: Kysely<Database>,
  session: { id: string; userId: string; createdAt: string; lastSeenAt: string; expiresAt: string },
) {
  return db.insertInto('sessions').values(session).execute()
}

/** The session with everything the guard needs to build an Actor, or undefined. */
export function findSessionActor(db: Kysely<Database>, sessionId: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .innerJoin('memberships', 'memberships.userId', 'users.id')
    .innerJoin('organizations', 'organizations.id', 'memberships.organizationId')
    .select([
      'sessions.id as sessionId',
      'sessions.createdAt as sessionCreatedAt',
      'sessions.lastSeenAt',
      'sessions.expiresAt',
      'users.id as userId',
      'users.email',
      'users.displayName',
      'memberships.role',
      'memberships.rosterMemberId',
      'organizations.id as organizationId',
      'organizations.kind as organizationKind',
      'organizations.name as organizationName',
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst()
}

export function touchSession(db: Kysely<Database>, sessionId: string, lastSeenAt: string) {
  return db.updateTable('sessions').set({ lastSeenAt }).where('id', '=', sessionId).execute()
}

export function deleteSession(db: Kysely<Database>, sessionId: string) {
  return db.deleteFrom('sessions').where('id', '=', sessionId).execute()
}

export function deleteExpiredSessions(db: Kysely<Database>, nowIso: string) {
  return db.deleteFrom('sessions').where('expiresAt', '<', nowIso).execute()
}
