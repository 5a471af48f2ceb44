import { sql, type Insertable, type Kysely } from 'kysely'
import type { Database, InvitationsTable, Role } from '~/db/schema'

export function insertInvitation(db: Kysely<Database>, row: Insertable<InvitationsTable>) {
  return db.insertInto('invitations').values(row).execute()
}

/** The invitation with this token hash and its organization, or undefined. */
export function findInvitationByTokenHash(db: Kysely<Database>, tokenSha256: string) {
  return db
    .selectFrom('invitations')
    .innerJoin('organizations', 'organizations.id', 'invitations.organizationId')
    .select([
      'invitations.id', 'invitations.organizationId', 'invitations.email', 'invitations.role', 'invitations.isOrganizationAdmin',
      'invitations.expiresAt', 'invitations.acceptedAt', 'invitations.revokedAt',
      'organizations.name as organizationName', 'organizations.kind as organizationKind',
    ])
    .where('invitations.tokenSha256', '=', tokenSha256)
    .executeTakeFirst()
}

/** Marks an open invitation accepted; 0 rows when someone else used it first. */
export async function markInvitationAccepted(db: Kysely<Database>, id: string, userId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('invitations')
    .set({ acceptedAt: at, acceptedUserId: userId })
    .where('id', '=', id)
    .where('acceptedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export async function revokeOpenInvitation(db: Kysely<Database>, organizationId: string, id: string, at: string): Promise<number> {
  const result = await db
    .updateTable('invitations')
    .set({ revokedAt: at })
    .where('id', '=', id)
    .where('organizationId', '=', organizationId)
    .where('acceptedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Invitations not accepted nor revoked (expired ones included: the page says so). */
export function listOpenInvitations(db: Kysely<Database>, organizationId: string) {
  return db
    .selectFrom('invitations')
    .select(['id', 'email', 'role', 'isOrganizationAdmin', 'createdAt', 'expiresAt'])
    .where('organizationId', '=', organizationId)
    .where('acceptedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .orderBy('createdAt', 'desc')
    .execute()
}

/** An organization's staff (not its members): everyone whose membership is not `employee`. */
export function listColleagues(db: Kysely<Database>, organizationId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select(['memberships.id as membershipId', 'users.id as userId', 'users.displayName', 'users.email', 'memberships.role', 'memberships.isOrganizationAdmin', 'memberships.createdAt'])
    .where('memberships.organizationId', '=', organizationId)
    .where('memberships.role', '!=', 'employee')
    .orderBy('users.displayName')
    .orderBy('users.id')
    .execute()
}

export function findColleague(db: Kysely<Database>, organizationId: string, userId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select(['memberships.id as membershipId', 'users.id as userId', 'users.email', 'memberships.role', 'memberships.isOrganizationAdmin'])
    .where('memberships.organizationId', '=', organizationId)
    .where('memberships.userId', '=', userId)
    .where('memberships.role', '!=', 'employee')
    .executeTakeFirst()
}

export async function countOrganizationAdmins(db: Kysely<Database>, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organizationId', '=', organizationId)
    .where('role', '!=', 'employee')
    .where('isOrganizationAdmin', '=', 1)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export function updateMembershipRole(db: Kysely<Database>, membershipId: string, changes: { role: Role; isOrganizationAdmin: 0 | 1 }) {
  return db.updateTable('memberships').set(changes).where('id', '=', membershipId).execute()
}

export async function deleteMembershipAndSessions(db: Kysely<Database>, membershipId: string, userId: string) {
  await db.deleteFrom('memberships').where('id', '=', membershipId).execute()
  await db.deleteFrom('sessions').where('userId', '=', userId).execute()
}

/** Is the membership's holder an organization admin of this organization? */
export async function isOrganizationAdmin(db: Kysely<Database>, userId: string, organizationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .select('isOrganizationAdmin')
    .where('userId', '=', userId)
    .where('organizationId', '=', organizationId)
    .executeTakeFirst()
  return row?.isOrganizationAdmin === 1
}

/** An organization with this name or code already, whatever the case. */
export function findOrganizationClash(db: Kysely<Database>, name: string, code: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'code'])
    .where((eb) => eb.or([eb(sql`lower(name)`, '=', name.toLowerCase()), eb(sql`upper(code)`, '=', code.toUpperCase())]))
    .execute()
}

export async function emailHasAccount(db: Kysely<Database>, email: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('email', '=', email.trim().toLowerCase()).executeTakeFirst()
  return row !== undefined
}
