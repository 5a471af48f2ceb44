import type { Kysely } from 'kysely'
import { newId } from '~/db/ids'
import type { Database } from '~/db/schema'
import type { Actor } from '~/domain/tenancy'

/** Appends to the audit log; there is deliberately no update or delete function. */
export function insertAuditEntry(
  db: Kysely<Database>,
  actor: Pick<Actor, 'userId' | 'organizationId'> | null,
  entry: { action: string; subjectType: string; subjectId: string | null; employerId: string | null; at: string; ip?: string | null; detail?: string | null },
) {
  return db
    .insertInto('auditLog')
    .values({
      id: newId(),
      occurredAt: entry.at,
      actorUserId: actor?.userId ?? null,
      actorOrganizationId: actor?.organizationId ?? null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      employerId: entry.employerId,
      ip: entry.ip ?? null,
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
