import type { Insertable, Kysely, Updateable } from 'kysely'
import type { CoalitionMembershipsTable, Database } from '~/db/schema'
import { OPEN_STATUSES } from '~/domain/coalitions/membership'

/**
 * Coalitions and their member employers (issue 23, ADR 0020). Every read is scoped by the coalition
 * or the employer it is asked for; the guard decides which one the actor may ask about.
 */

/** A coalition organization, or undefined when the id is not a coalition's. */
export function findCoalition(db: Kysely<Database>, coalitionId: string) {
  return db.selectFrom('organizations').select(['id', 'name', 'code']).where('id', '=', coalitionId).where('kind', '=', 'coalition').executeTakeFirst()
}

/** An organization by its code, whatever the case of the typed code (codes are stored upper case). */
export function findOrganizationByCode(db: Kysely<Database>, code: string) {
  return db.selectFrom('organizations').select(['id', 'name', 'code', 'kind']).where('code', '=', code.trim().toUpperCase()).executeTakeFirst()
}

export function insertCoalitionMembership(db: Kysely<Database>, row: Insertable<CoalitionMembershipsTable>) {
  return db.insertInto('coalitionMemberships').values(row).execute()
}

/**
 * Changes a membership row only if it is still in `fromStatus` (a concurrent change wins, 0 rows).
 */
export async function updateCoalitionMembership(
  db: Kysely<Database>,
  id: string,
  fromStatus: CoalitionMembershipsTable['status'],
  changes: Updateable<CoalitionMembershipsTable>,
): Promise<number> {
  const result = await db.updateTable('coalitionMemberships').set(changes).where('id', '=', id).where('status', '=', fromStatus).executeTakeFirst()
  return Number(result.numUpdatedRows)
}

const membershipColumns = [
  'coalitionMemberships.id', 'coalitionMemberships.coalitionOrganizationId', 'coalitionMemberships.employerOrganizationId', 'coalitionMemberships.status',
  'coalitionMemberships.invitedAt', 'coalitionMemberships.joinedOn', 'coalitionMemberships.leftOn', 'coalitionMemberships.respondedAt',
] as const

/** One membership row, if it belongs to this coalition (as the coalition's admin sees it). */
export function findMembershipOfCoalition(db: Kysely<Database>, coalitionId: string, membershipId: string) {
  return db
    .selectFrom('coalitionMemberships')
    .innerJoin('organizations as employer', 'employer.id', 'coalitionMemberships.employerOrganizationId')
    .select([...membershipColumns, 'employer.name as employerName', 'employer.code as employerCode'])
    .where('coalitionMemberships.id', '=', membershipId)
    .where('coalitionMemberships.coalitionOrganizationId', '=', coalitionId)
    .executeTakeFirst()
}

/** One membership row, if it belongs to this employer (as the employer's admin sees it). */
export function findMembershipOfEmployer(db: Kysely<Database>, employerId: string, membershipId: string) {
  return db
    .selectFrom('coalitionMemberships')
    .innerJoin('organizations as coalition', 'coalition.id', 'coalitionMemberships.coalitionOrganizationId')
    .select([...membershipColumns, 'coalition.name as coalitionName', 'coalition.code as coalitionCode'])
    .where('coalitionMemberships.id', '=', membershipId)
    .where('coalitionMemberships.employerOrganizationId', '=', employerId)
    .executeTakeFirst()
}

/** The pair's open (invited or active) row, if any: at most one (a partial unique index). */
export function findOpenMembership(db: Kysely<Database>, coalitionId: string, employerId: string) {
  return db
    .selectFrom('coalitionMemberships')
    .select(['id', 'status', 'joinedOn'])
    .where('coalitionOrganizationId', '=', coalitionId)
    .where('employerOrganizationId', '=', employerId)
    .where('status', 'in', OPEN_STATUSES)
    .executeTakeFirst()
}

/**
 * A coalition's membership rows with the employers' names, open ones first (active, then invited),
 * then by name; one page. Closed rows (declined, withdrawn, ended) stay listed as history.
 */
export async function listCoalitionMemberships(db: Kysely<Database>, coalitionId: string, page: { limit: number; offset: number }) {
  const base = db.selectFrom('coalitionMemberships').where('coalitionMemberships.coalitionOrganizationId', '=', coalitionId)
  const [rows, total] = await Promise.all([
    base
      .innerJoin('organizations as employer', 'employer.id', 'coalitionMemberships.employerOrganizationId')
      .select([...membershipColumns, 'employer.name as employerName', 'employer.code as employerCode'])
      .orderBy((eb) => eb.case().when('coalitionMemberships.status', '=', 'active').then(0).when('coalitionMemberships.status', '=', 'invited').then(1).else(2).end())
      .orderBy('employer.name')
      .orderBy('coalitionMemberships.invitedAt', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}

/** An employer's coalition memberships (invitations included) with the coalitions' names; newest first, bounded. */
export function listEmployerMemberships(db: Kysely<Database>, employerId: string, limit = 100) {
  return db
    .selectFrom('coalitionMemberships')
    .innerJoin('organizations as coalition', 'coalition.id', 'coalitionMemberships.coalitionOrganizationId')
    .select([...membershipColumns, 'coalition.name as coalitionName', 'coalition.code as coalitionCode'])
    .where('coalitionMemberships.employerOrganizationId', '=', employerId)
    .orderBy('coalitionMemberships.invitedAt', 'desc')
    .orderBy('coalitionMemberships.id', 'desc')
    .limit(limit)
    .execute()
}

/** Employers that were members of the coalition on `date` (YYYY-MM-DD), the same rule as isMemberOn. */
export async function listMemberEmployerIdsOn(db: Kysely<Database>, coalitionId: string, date: string): Promise<string[]> {
  const rows = await db
    .selectFrom('coalitionMemberships')
    .select('employerOrganizationId')
    .distinct()
    .where('coalitionOrganizationId', '=', coalitionId)
    .where('status', 'in', ['active', 'ended'])
    .where('joinedOn', '<=', date)
    .where((eb) => eb.or([eb('leftOn', 'is', null), eb('leftOn', '>=', date)]))
    .orderBy('employerOrganizationId')
    .execute()
  return rows.map((row) => row.employerOrganizationId)
}

/** Coalitions the employer was a member of on `date` (YYYY-MM-DD). */
export async function listCoalitionIdsOfEmployerOn(db: Kysely<Database>, employerId: string, date: string): Promise<string[]> {
  const rows = await db
    .selectFrom('coalitionMemberships')
    .select('coalitionOrganizationId')
    .distinct()
    .where('employerOrganizationId', '=', employerId)
    .where('status', 'in', ['active', 'ended'])
    .where('joinedOn', '<=', date)
    .where((eb) => eb.or([eb('leftOn', 'is', null), eb('leftOn', '>=', date)]))
    .orderBy('coalitionOrganizationId')
    .execute()
  return rows.map((row) => row.coalitionOrganizationId)
}

/** Admin users of an organization (for e-mails to the other side), bounded. */
export function listOrganizationAdminEmails(db: Kysely<Database>, organizationId: string, limit = 20) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select(['users.email', 'users.preferredLanguage'])
    .where('memberships.organizationId', '=', organizationId)
    .where('memberships.role', 'in', ['employer_admin', 'coalition_admin'])
    .orderBy('users.email')
    .limit(limit)
    .execute()
}

/** How many value-based contracts are in force (status active) with one of these organizations as purchaser. */
export async function countContractsInForce(db: Kysely<Database>, purchaserOrganizationIds: readonly string[]): Promise<number> {
  if (purchaserOrganizationIds.length === 0) return 0
  const row = await db
    .selectFrom('contracts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('purchaserOrganizationId', 'in', purchaserOrganizationIds)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
