import { getDb } from '~/db/client.server'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { listMemberChanges } from '~/db/repositories/roster-import.server'
import { findRosterMember, searchRosterMembers, type MemberSearch } from '~/db/repositories/roster-lookup.server'
import { employeeIdKey, nameKey } from '~/domain/roster/names'
import type { Actor, EmployerScope } from '~/domain/tenancy'
import { notFound } from '~/http/responses.server'
import { planNamesOf, readableValues } from './eligibility-files.server'

export const MEMBERS_PER_PAGE = 25
const HISTORY_SHOWN = 50

/** What a look-up text means: a ZIP, or the start of an employee id or a last name (any case or accents). */
export function memberSearchOf(text: string | undefined): MemberSearch {
  const q = (text ?? '').trim()
  if (!q) return { kind: 'all' }
  if (/^\d{5}$/.test(q)) return { kind: 'zip', zip: q }
  return { kind: 'text', idKey: employeeIdKey(q), nameKey: nameKey(q) }
}

/** The employer admin's member look-up (issue 17); every look-up is audited with what was searched. */
export async function lookUpMembers(actor: Actor, scope: EmployerScope, q: string | undefined, page: number, now = new Date()) {
  const db = getDb()
  const rows = await searchRosterMembers(db, scope, memberSearchOf(q), { offset: (page - 1) * MEMBERS_PER_PAGE, limit: MEMBERS_PER_PAGE + 1 })
  await insertAuditEntry(db, actor, {
    action: 'roster.members_searched', subjectType: 'roster', subjectId: null, employerId: scope.employerId, at: now.toISOString(),
    detail: JSON.stringify({ q: q ?? '', page, shown: Math.min(rows.length, MEMBERS_PER_PAGE) }),
  })
  return { rows: rows.slice(0, MEMBERS_PER_PAGE), hasMore: rows.length > MEMBERS_PER_PAGE }
}

/** One member and their coverage history across imports (audited). */
export async function memberCoverage(actor: Actor, scope: EmployerScope, rosterMemberId: string, now = new Date()) {
  const db = getDb()
  const member = await findRosterMember(db, scope, rosterMemberId)
  if (!member) throw notFound('Member')
  const [history, plans] = await Promise.all([listMemberChanges(db, rosterMemberId, HISTORY_SHOWN), planNamesOf(scope)])
  await insertAuditEntry(db, actor, { action: 'roster.member_viewed', subjectType: 'roster_member', subjectId: rosterMemberId, employerId: scope.employerId, at: now.toISOString() })
  return {
    member,
    history: history.map((h) => ({
      ...h,
      fields: h.fields.split(',').map((f) => (f === 'healthPlanId' ? 'plan' : f)),
      previous: readableValues(h.previous ? (JSON.parse(h.previous) as Record<string, unknown>) : null, plans),
      next: readableValues(JSON.parse(h.next) as Record<string, unknown>, plans)!,
    })),
  }
}
