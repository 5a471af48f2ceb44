import { getDb } from '~/db/client.server'
import { listAuditActions, searchAuditLog } from '~/db/repositories/audit.server'
import { listEmployersWith } from '~/db/repositories/care.server'
import type { AuditQuery } from '~/domain/audit'

export const AUDIT_PAGE_SIZE = 100

/** The platform admin's audit search: a page of entries (newest first) and the next page's cursor. */
export async function getAuditLogPage(query: AuditQuery) {
  const db = getDb()
  const [rows, actions, employers] = await Promise.all([searchAuditLog(db, query, AUDIT_PAGE_SIZE + 1), listAuditActions(db), listEmployersWith(db, 'auditLog', query.employerId)])
  const entries = rows.slice(0, AUDIT_PAGE_SIZE)
  return { entries, nextBefore: rows.length > AUDIT_PAGE_SIZE ? entries[entries.length - 1]!.id : null, actions, employers }
}
