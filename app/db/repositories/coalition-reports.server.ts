import type { Kysely } from 'kysely'
import type { Database } from '~/db/schema'
import type { EmployerScope } from '~/domain/tenancy'

/*
 * What the coalition reports read of memberships: only rows that were memberships (active, or
 * ended with their last day); invitations never answered, declined or withdrawn made no one a member.
 */

/** A coalition's memberships that overlap a period (inclusive ISO days): who was a member on some day of it. */
export async function listMembershipsOverlapping(db: Kysely<Database>, coalitionId: string, period: { from: string; to: string }) {
  const rows = await db
    .selectFrom('coalitionMemberships')
    .select(['employerOrganizationId as employerId', 'status', 'joinedOn', 'leftOn'])
    .where('coalitionOrganizationId', '=', coalitionId)
    .where('status', 'in', ['active', 'ended'])
    .where('joinedOn', 'is not', null)
    .where('joinedOn', '<=', period.to)
    .where((eb) => eb.or([eb('leftOn', 'is', null), eb('leftOn', '>=', period.from)]))
    .orderBy('joinedOn')
    .orderBy('employerOrganizationId')
    .execute()
  return rows.map((r) => ({ ...r, joinedOn: r.joinedOn! }))
}

/** The coalitions an employer is or was a member of, latest joined first, with its memberships of each (oldest first). */
export async function listCoalitionsOfEmployer(db: Kysely<Database>, scope: EmployerScope) {
  const rows = await db
    .selectFrom('coalitionMemberships')
    .innerJoin('organizations as coalition', 'coalition.id', 'coalitionMemberships.coalitionOrganizationId')
    .select([
      'coalitionMemberships.coalitionOrganizationId as coalitionId', 'coalition.name as coalitionName', 'coalitionMemberships.status', 'coalitionMemberships.joinedOn',
      'coalitionMemberships.leftOn',
    ])
    .where('coalitionMemberships.employerOrganizationId', '=', scope.employerId)
    .where('coalitionMemberships.status', 'in', ['active', 'ended'])
    .where('coalitionMemberships.joinedOn', 'is not', null)
    .orderBy('coalitionMemberships.joinedOn', 'desc')
    .orderBy('coalitionMemberships.coalitionOrganizationId')
    .execute()
  const byCoalition = new Map<string, { coalitionId: string; coalitionName: string; memberships: { joinedOn: string; leftOn: string | null }[] }>()
  for (const r of rows) {
    const c = byCoalition.get(r.coalitionId) ?? { coalitionId: r.coalitionId, coalitionName: r.coalitionName, memberships: [] }
    c.memberships.unshift({ joinedOn: r.joinedOn!, leftOn: r.leftOn })
    byCoalition.set(r.coalitionId, c)
  }
  return [...byCoalition.values()]
}

/** Has the employer ever been a member of a coalition (for its navigation)? */
export async function hasEverBeenCoalitionMember(db: Kysely<Database>, scope: EmployerScope): Promise<boolean> {
  const row = await db
    .selectFrom('coalitionMemberships')
    .select('id')
    .where('employerOrganizationId', '=', scope.employerId)
    .where('status', 'in', ['active', 'ended'])
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}
