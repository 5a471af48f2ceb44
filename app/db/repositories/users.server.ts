import type { Kysely } from 'kysely'
import type { Database, NewUser, Role } from '~/db/schema'

export function findUserForSignIn(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.userId', 'users.id')
    .select(['users.id', 'users.email', 'users.passwordHash', 'memberships.role'])
    .where('users.email', '=', email.trim().toLowerCase())
    .executeTakeFirst()
}

export function insertUser(db: Kysely<Database>, user: NewUser) {
  return db.insertInto('users').values({ ...user, email: user.email.trim().toLowerCase() }).execute()
}

export function insertMembership(
  db: Kysely<Database>,
  membership: { id: string; userId: string; organizationId: string; role: Role; rosterMemberId: string | null; createdAt: string },
) {
  return db.insertInto('memberships').values(membership).execute()
}

export function recordLogin(db: Kysely<Database>, userId: string, at: string) {
  return db.updateTable('users').set({ lastLoginAt: at }).where('id', '=', userId).execute()
}

export function setPreferredLanguage(db: Kysely<Database>, userId: string, language: string) {
  return db.updateTable('users').set({ preferredLanguage: language }).where('id', '=', userId).execute()
}
