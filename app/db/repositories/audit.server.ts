import { sql, type Kysely } from 'kysely'
import { escapeLike, likePattern } from '~/db/like'
import { newId } from '~/db/ids'
import type { Database } from '~/db/schema'
import type { Actor } from '~/domain/tenancy'
import type { AuditQuery } from '~/domain/audit'

/**
 * Appends to the audit log; there is deliberately no update or delete function, and the database
 * refuses both (triggers, migration 2026-11-23T2100_audit_log_append_only). The address is the
 * actor's request's unless the entry names one. `actorLabel` says who acted when no portal user
 * did (a command-line import: "CLI: alice").
 */
export function insertAuditEntry(
  db: Kysely<Database>,
  actor: Pick<Actor, 'userId' | 'organizationId' | 'ip'> | null,
  entry: {
    action: string
    subjectType: string
    subjectId: string | null
    employerId: string | null
    at: string
    ip?: string | null
    detail?: string | null
    actorLabel?: string | null
  },
) {
  return db
    .insertInto('auditLog')
    .values({
      id: newId(),
      occurredAt: entry.at,
      actorUserId: actor?.userId ?? null,
      actorOrganizationId: actor?.organizationId ?? null,
      actorLabel: entry.actorLabel ?? null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      employerId: entry.employerId,
      ip: entry.ip ?? actor?.ip ?? null,
      detail: entry.detail ?? null,
    })
    .execute()
}

export function listAuditEntriesForSubject(db: Kysely<Database>, subjectType: string, subjectId: string) {
  return db
    .selectFrom('auditLog')
    .select(['id', 'occurredAt', 'actorUserId', 'action', 'employerId'])
    .where('subjectType', '=', subjectType)
    .where('subjectId', '=', subjectId)
    .orderBy('occurredAt')
    .execute()
}

/** The platform admin's search (newest first), with who acted and for which organization. */
export function searchAuditLog(db: Kysely<Database>, query: AuditQuery, limit: number) {
  let q = db
    .selectFrom('auditLog')
    .leftJoin('users', 'users.id', 'auditLog.actorUserId')
    .leftJoin('organizations as actorOrg', 'actorOrg.id', 'auditLog.actorOrganizationId')
    .leftJoin('organizations as employer', 'employer.id', 'auditLog.employerId')
    .select([
      'auditLog.id', 'auditLog.occurredAt', 'auditLog.action', 'auditLog.subjectType', 'auditLog.subjectId', 'auditLog.ip', 'auditLog.detail',
      'auditLog.actorLabel', 'users.email as actorEmail', 'actorOrg.name as actorOrganization', 'employer.name as employerName',
    ])
  if (query.actor) {
    // The e-mail of a portal user, or the label of one who acted outside the portal ("CLI: alice").
    const pattern = likePattern(`%${escapeLike(query.actor.toLowerCase())}%`)
    q = q.where((eb) => eb.or([eb(sql`lower(users.email)`, 'like', pattern), eb(eb.fn('lower', ['auditLog.actorLabel']), 'like', pattern)]))
  }
  if (query.action) q = q.where('auditLog.action', 'like', likePattern(`${escapeLike(query.action)}%`))
  if (query.employerId) q = q.where('auditLog.employerId', '=', query.employerId)
  if (query.subjectId) q = q.where('auditLog.subjectId', '=', query.subjectId)
  if (query.from) q = q.where('auditLog.occurredAt', '>=', `${query.from}T00:00:00.000Z`)
  if (query.to) q = q.where('auditLog.occurredAt', '<=', `${query.to}T23:59:59.999Z`)
  if (query.before) q = q.where('auditLog.id', '<', query.before)
  return q.orderBy('auditLog.id', 'desc').limit(limit).execute()
}

/** The actions recorded so far, for the search form's suggestions. */
export async function listAuditActions(db: Kysely<Database>): Promise<string[]> {
  return (await db.selectFrom('auditLog').select('action').distinct().orderBy('action').execute()).map((r) => r.action)
}
