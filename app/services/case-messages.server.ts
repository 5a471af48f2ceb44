import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { findMemberCase, findMemberContact, unscopedFindCase } from '~/db/repositories/care.server'
import { insertCaseMessage, listCaseMessages, markThreadRead, unreadByCase, type MessageSide } from '~/db/repositories/case-messages.server'
import type { Actor } from '~/domain/tenancy'
import { notFound } from '~/http/responses.server'
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '~/i18n/languages'
import { fixedT } from '~/i18n/translator'
import { deliverOutbox, queueEmail } from './email-outbox.server'
import { transitionCase } from './cases.server'

/** A thread as a page shows it: who wrote (the member sees "you" and "care team", never staff e-mails). */
async function readThread(actor: Actor, caseId: string, side: MessageSide, now: Date) {
  const db = getDb()
  const unread = (await unreadByCase(db, actor.userId, [caseId], side))[caseId] ?? 0
  const messages = await listCaseMessages(db, caseId)
  // Opening the thread reads it: the unread count shown is the one from before this visit.
  await markThreadRead(db, caseId, actor.userId, now.toISOString())
  return {
    unread,
    messages: messages.map((m) => ({ id: m.id, side: m.authorSide, body: m.body, createdAt: m.createdAt, authorName: m.authorSide === 'care_team' ? m.authorName : null })),
  }
}

async function requireOwnCase(actor: Actor, caseId: string) {
  if (!actor.rosterMemberId) throw notFound('Case')
  const found = await findMemberCase(getDb(), { employerId: actor.organizationId }, actor.rosterMemberId, caseId)
  if (!found) throw notFound('Case')
  return found
}

/** The member's own thread (anybody else's: 404); opening it marks it read. */
export async function getMyThread(actor: Actor, caseId: string, now = new Date()) {
  await requireOwnCase(actor, caseId)
  return readThread(actor, caseId, 'member', now)
}

/** Unread messages from the care team on the member's own cases, by case id. */
export async function myUnreadByCase(actor: Actor, caseIds: readonly string[]) {
  return unreadByCase(getDb(), actor.userId, caseIds, 'member')
}

/** The member writes to the care team on their own case: no e-mail, the care team sees it as unread. */
export async function postMyMessage(actor: Actor, caseId: string, body: string, now = new Date()) {
  const found = await requireOwnCase(actor, caseId)
  const at = now.toISOString()
  await getDb().transaction().execute(async (trx) => {
    await insertCaseMessage(trx, { id: newId(), caseId, authorUserId: actor.userId, authorSide: 'member', body, createdAt: at })
    // The message is PHI: the audit entry says that one was written, never what.
    await insertAuditEntry(trx, actor, { action: 'case.message_posted', subjectType: 'case', subjectId: caseId, employerId: found.employerId, at, detail: JSON.stringify({ side: 'member' }) })
  })
}

/**
 * The care team's view of a case's thread. Not audited on its own: the thread is read only on
 * the coordinator's case page, whose read of the case (`case.viewed`) is audited already.
 */
export async function getCareTeamThread(actor: Actor, caseId: string, now = new Date()) {
  const found = await unscopedFindCase(getDb(), caseId)
  if (!found) throw notFound('Case')
  return readThread(actor, caseId, 'care_team', now)
}

/** The notice of a new message in the member's language: that one is waiting and where, never its text (PHI). */
export function messageNoticeEmail(language: Language, firstName: string | null, caseUrl: string) {
  const t = fixedT(language, 'cases')
  const body = [firstName ? t('email.greeting', { name: firstName }) : t('email.greetingNoName'), t('thread.email.body'), caseUrl, t('thread.email.footer')].join('\n\n')
  return { subject: t('thread.email.subject'), body }
}

/**
 * The care team writes to the member: the message, its audit entry and an e-mail notice to the
 * member (the case's contact e-mail, else the account's) in one transaction. `origin` makes the link.
 */
export async function postCareTeamMessage(actor: Actor, caseId: string, body: string, origin: string, now = new Date()) {
  const db = getDb()
  const found = await unscopedFindCase(db, caseId)
  if (!found) throw notFound('Case')
  const at = now.toISOString()
  await db.transaction().execute(async (trx) => {
    await insertCaseMessage(trx, { id: newId(), caseId, authorUserId: actor.userId, authorSide: 'care_team', body, createdAt: at })
    await insertAuditEntry(trx, actor, { action: 'case.message_posted', subjectType: 'case', subjectId: caseId, employerId: found.employerId, at, detail: JSON.stringify({ side: 'care_team' }) })
    const contact = await findMemberContact(trx, found.rosterMemberId)
    const toAddress = found.contactEmail ?? contact?.email
    if (!toAddress) return
    const language = contact && isLanguage(contact.preferredLanguage) ? contact.preferredLanguage : DEFAULT_LANGUAGE
    const { subject, body: text } = messageNoticeEmail(language, contact?.firstName ?? null, `${origin}/member/cases/${caseId}`)
    await queueEmail(trx, { id: newId(), caseId, toAddress, subject, body: text, createdAt: at, sentAt: null, attempts: 0, lastError: null })
  })
  await deliverOutbox()
}

export type CancelResult = { ok: true } | { ok: false; problem: 'scheduled' | 'closed' | 'changed' }

/** The statuses before scheduling, in which the member may cancel on their own (DESIGN §5). */
const MEMBER_CANCELLABLE = ['requested', 'eligibility_verified'] as const

/**
 * The member cancels their own request before it is scheduled, through the care team's
 * transition (event with the member as actor, reason, e-mail, audit). Once scheduled they call.
 */
export async function cancelMyCase(actor: Actor, caseId: string, reason: string, now = new Date()): Promise<CancelResult> {
  const found = await requireOwnCase(actor, caseId)
  if (!(MEMBER_CANCELLABLE as readonly string[]).includes(found.status)) {
    return { ok: false, problem: found.status === 'scheduled' || found.status === 'travel_booked' || found.status === 'procedure_done' ? 'scheduled' : 'closed' }
  }
  const result = await transitionCase(actor, caseId, { to: 'cancelled', reason }, now, undefined, MEMBER_CANCELLABLE)
  return result.ok ? { ok: true } : { ok: false, problem: 'changed' }
}
