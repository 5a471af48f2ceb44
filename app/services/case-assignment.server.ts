import { getDb } from '~/db/client.server'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { unscopedFindCase } from '~/db/repositories/care.server'
import { unscopedListCareCoordinators, updateCaseAssignee } from '~/db/repositories/case-queue.server'
import type { Actor } from '~/domain/tenancy'
import { notFound } from '~/http/responses.server'

export type AssignResult = { ok: true } | { ok: false; fieldErrors: Record<string, string[]> }

/**
 * Sets (or clears, with null) who owns a case: only a care coordinator of the platform may be an
 * assignee. The change applies only if the case still has the assignee the page showed
 * (`expected`), so two coordinators cannot both take it; audited (an audit entry, not a timeline event: the
 * timeline is the case's steps, which other rules read).
 */
export async function assignCase(actor: Actor, caseId: string, assigneeUserId: string | null, expected: string | null, now = new Date()): Promise<AssignResult> {
  const db = getDb()
  const found = await unscopedFindCase(db, caseId)
  if (!found) throw notFound('Case')
  const coordinators = await unscopedListCareCoordinators(db)
  const assignee = assigneeUserId === null ? null : coordinators.find((c) => c.id === assigneeUserId)
  if (assignee === undefined) return { ok: false, fieldErrors: { assignee: ['Only a care coordinator of the care team can be assigned a case: choose one from the list'] } }
  const at = now.toISOString()
  const changed = await db.transaction().execute(async (trx) => {
    if ((await updateCaseAssignee(trx, caseId, expected, assigneeUserId, at)) === 0) return false
    await insertAuditEntry(trx, actor, {
      action: assignee ? 'case.assigned' : 'case.unassigned', subjectType: 'case', subjectId: caseId, employerId: found.employerId, at,
      detail: JSON.stringify({ from: expected, to: assigneeUserId }),
    })
    return true
  })
  if (!changed) return { ok: false, fieldErrors: { assignee: ['Someone else changed who has this case a moment ago: reload it and try again'] } }
  return { ok: true }
}

/** The assignee of a case and the coordinators who may take it, for the case page. */
export async function getCaseAssignment(caseId: string) {
  const db = getDb()
  const [row, coordinators] = await Promise.all([
    db.selectFrom('cases').select('assigneeUserId').where('id', '=', caseId).executeTakeFirst(),
    unscopedListCareCoordinators(db),
  ])
  return { assigneeUserId: row?.assigneeUserId ?? null, coordinators: coordinators.map((c) => ({ id: c.id, name: c.displayName })) }
}
