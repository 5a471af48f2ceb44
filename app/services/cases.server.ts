import type { Transaction } from 'kysely'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import {
  findMemberCase,
  findMemberContact,
  findOpenCase,
  insertCase,
  insertCaseEvent,
 
  listCaseEvents,
  listMemberCases,
  unscopedFindCase,
  updateCase,
} from '~/db/repositories/care.server'
import type { CaseStatus, Database } from '~/db/schema'
import { checkTransition, nextStates, type CaseState } from '~/domain/cases/case-flow'
import { outcomeSchedule } from '~/domain/cases/outcomes'
import { daysBetween, toIsoDate } from '~/domain/dates'
import { formatCents } from '~/domain/money'
import type { Actor } from '~/domain/tenancy'
import type { CareRequestInput, CaseTransitionInput } from '~/forms/care'
import { notFound } from '~/http/responses.server'
import { DEFAULT_LANGUAGE, isLanguage, LOCALES, type Language } from '~/i18n/languages'
import { fixedT } from '~/i18n/translator'
import { formatDate } from '~/ui/format'
import { createCaseInvoice, mirrorInvoiceQuietly } from './billing.server'
import { deliverOutbox, queueEmail } from './email-outbox.server'
import { getCaseFollowUp } from './case-outcomes.server'
import { getCareOption } from './find-care.server'
import { getCaseWarranty } from './warranty.server'

/** What a member's e-mail says about their case (the case as it is after the change). */
interface CaseEmailFacts {
  id: string
  contactPreference: 'email' | 'phone' | 'text'
  /** The address the member gave on the request (issue 22); none: the account's. */
  contactEmail?: string | null
  rosterMemberId: string
  procedureCode: string
  procedureName: string
  facilityName: string
  memberCostCents: number
  travelEstimateCents: number
  scheduledDate: string | null
  procedureDate: string | null
}

/**
 * The e-mail about a change of a case, in the member's language (issue 11): subject and plain-text
 * body, money and dates formatted for that language. The reason is the care team's own words.
 */
export function caseEmail(language: Language, facts: CaseEmailFacts, status: CaseState, reason: string | null, firstName: string | null) {
  const t = fixedT(language, 'cases')
  const locale = LOCALES[language]
  const procedure = fixedT(language)(`procedures.${facts.procedureCode}`, { defaultValue: facts.procedureName })
  const label = t(`states.${status}.label`)
  const money = (cents: number) => formatCents(cents, { wholeDollars: cents % 100 === 0, locale })
  const date = (iso: string) => formatDate(iso, locale, 'long')
  const lines = [
    firstName ? t('email.greeting', { name: firstName }) : t('email.greetingNoName'),
    t('email.status', { procedure, facility: facts.facilityName, status: label }),
    t(`states.${status}.meaning`),
    reason ? t('email.reason', { reason }) : null,
    status === 'requested' ? t('email.youPay', { amount: money(facts.memberCostCents) }) : null,
    status === 'requested' && facts.travelEstimateCents > 0 ? t('email.travel', { amount: money(facts.travelEstimateCents) }) : null,
    (status === 'scheduled' || status === 'travel_booked') && facts.scheduledDate ? t('email.scheduledDate', { date: date(facts.scheduledDate) }) : null,
    status === 'procedure_done' && facts.procedureDate ? t('email.procedureDate', { date: date(facts.procedureDate) }) : null,
    t('email.footer'),
  ].filter((line): line is string => Boolean(line))
  return { subject: t('email.subject', { procedure, status: label }), body: lines.join('\n\n') }
}

/**
 * Queues the e-mail telling the member of a change, when they chose e-mail and have an address,
 * in the language saved on their account (none saved: English).
 */
async function queueMemberEmail(trx: Transaction<Database>, facts: CaseEmailFacts, status: CaseState, reason: string | null, at: string) {
  if (facts.contactPreference !== 'email') return
  const contact = await findMemberContact(trx, facts.rosterMemberId)
  if (!contact) return
  const language = isLanguage(contact.preferredLanguage) ? contact.preferredLanguage : DEFAULT_LANGUAGE
  const { subject, body } = caseEmail(language, facts, status, reason, contact.firstName)
  await queueEmail(trx, {
    id: newId(), caseId: facts.id, toAddress: facts.contactEmail ?? contact.email, subject, body, createdAt: at,
    sentAt: null, attempts: 0, lastError: null,
  })
}

/** A refusal is a reason the page words in the member's language. */
export type RequestCareResult = { ok: true; caseId: string; isNew: boolean } | { ok: false; problem: 'start-in-past' }

/**
 * A member asks for care at an in-network center: a case in `requested` with the cost and travel
 * estimate of the moment, its first event, and the confirmation e-mail. One open case per member
 * and procedure: a second request (a double submit) returns the open case instead.
 */
export async function requestCare(actor: Actor, offerId: string, input: CareRequestInput, now = new Date()): Promise<RequestCareResult> {
  const option = await getCareOption(actor, offerId, null, now)
  if (!option || !actor.rosterMemberId) throw notFound('Center')
  const today = toIsoDate(now)
  if (input.preferredStart && input.preferredStart < today) return { ok: false, problem: 'start-in-past' }
  const db = getDb()
  const rosterMemberId = actor.rosterMemberId
  const existing = await findOpenCase(db, rosterMemberId, option.procedure.id)
  if (existing) return { ok: true, caseId: existing.id, isNew: false }
  const caseId = newId()
  const at = now.toISOString()
  const travel = option.result.travel
  try {
    await db.transaction().execute(async (trx) => {
      await insertCase(trx, {
        id: caseId, employerId: actor.organizationId, rosterMemberId, programVersionId: option.versionId, procedureId: option.procedure.id, offerId,
        facilityId: option.result.facilityId, status: 'requested', statusReason: null, preferredStart: input.preferredStart ?? null,
        preferredEnd: input.preferredEnd ?? null, scheduledDate: null, procedureDate: null, hasCompanion: input.hasCompanion,
        contactPreference: input.contactPreference, contactPhone: input.contactPhone, contactEmail: input.contactEmail, memberNote: input.memberNote || null, bundlePriceCents: option.result.bundlePriceCents,
        memberCostCents: option.result.cost.memberPaysCents, travelEstimateCents: travel.isCovered ? travel.totalCents : 0, travelActualCents: null,
        hadComplication: null, wasReadmitted: null, satisfaction: null, requestedAt: at, completedAt: null, updatedAt: at, statusChangedAt: at,
      })
      await insertCaseEvent(trx, { id: newId(), caseId, actorUserId: actor.userId, fromStatus: null, toStatus: 'requested', note: null, createdAt: at })
      await queueMemberEmail(
        trx,
        {
          id: caseId, contactPreference: input.contactPreference, contactEmail: input.contactEmail, rosterMemberId, procedureCode: option.procedure.code, procedureName: option.procedure.name,
          facilityName: option.result.facilityName, memberCostCents: option.result.cost.memberPaysCents, travelEstimateCents: travel.isCovered ? travel.totalCents : 0,
          scheduledDate: null, procedureDate: null,
        },
        'requested',
        null,
        at,
      )
      await insertAuditEntry(trx, actor, { action: 'case.requested', subjectType: 'case', subjectId: caseId, employerId: actor.organizationId, at })
    })
  } catch (error) {
    // Two submits at once: the partial unique index let one through; return that one.
    const winner = await findOpenCase(db, rosterMemberId, option.procedure.id)
    if (winner) return { ok: true, caseId: winner.id, isNew: false }
    throw error
  }
  await deliverOutbox()
  return { ok: true, caseId, isNew: true }
}

function memberScope(actor: Actor) {
  if (!actor.rosterMemberId) throw notFound('Case')
  return { scope: { employerId: actor.organizationId }, rosterMemberId: actor.rosterMemberId }
}

export async function listMyCases(actor: Actor) {
  const { scope, rosterMemberId } = memberScope(actor)
  return listMemberCases(getDb(), scope, rosterMemberId)
}

/** The member's own case with its timeline and the outcome check-ins still to come; anybody else's is 404. */
export async function getMyCase(actor: Actor, caseId: string, now = new Date()) {
  const { scope, rosterMemberId } = memberScope(actor)
  const db = getDb()
  const found = await findMemberCase(db, scope, rosterMemberId, caseId)
  if (!found) throw notFound('Case')
  const checkIns = outcomeSchedule(found, toIsoDate(now)).flatMap((s) => (s.state === 'recorded' ? [] : [{ checkpoint: s.checkpoint, dueOn: s.dueOn, isDue: s.state === 'due' }]))
  return { case: found, events: await listCaseEvents(db, caseId), checkIns }
}

/**
 * One case for the care team: member, eligibility, program version, center, estimates, events,
 * next steps; after the procedure, its follow-up (first consult, check-ins) and warranty.
 */
export async function getCaseForCoordinator(actor: Actor, caseId: string, now = new Date()) {
  const db = getDb()
  const found = await unscopedFindCase(db, caseId)
  if (!found) throw notFound('Case')
  const today = toIsoDate(now)
  await insertAuditEntry(db, actor, { action: 'case.viewed', subjectType: 'case', subjectId: caseId, employerId: found.employerId, at: now.toISOString() })
  const [events, followUp, warranty] = await Promise.all([listCaseEvents(db, caseId), getCaseFollowUp(found, now), getCaseWarranty(found, now)])
  return {
    case: found,
    events,
    followUp,
    warranty,
    isEligibleToday: found.coverageStart <= today && (found.coverageEnd === null || found.coverageEnd >= today),
    next: nextStates({ status: found.status, travelCovered: found.travelEstimateCents > 0 }),
    ageDays: daysBetween(new Date(found.requestedAt), now),
  }
}

export type TransitionResult = { ok: true } | { ok: false; fieldErrors: Record<string, string[]> }

/** Thrown inside the transaction to roll it back when a write alongside the step finds its row changed. */
class ConcurrentChange extends Error {}

/**
 * Moves a case one step (DESIGN §3) with what the step needs, as one transaction: the case row
 * (only from the status it was read in), an event with who and when, the member's e-mail.
 */
export async function transitionCase(
  actor: Actor,
  caseId: string,
  input: CaseTransitionInput,
  now = new Date(),
  /** More writes in the same transaction (a confirmed surgery date proposal); false rolls the step back as changed by someone else. */
  alongside?: (trx: Transaction<Database>) => Promise<boolean>,
  /** A member's own cancel is allowed from fewer states than the care team's (case-messages.server.ts). */
  onlyFrom?: readonly CaseState[],
): Promise<TransitionResult> {
  const db = getDb()
  const found = await unscopedFindCase(db, caseId)
  if (!found) throw notFound('Case')
  if (onlyFrom && !onlyFrom.includes(found.status)) return { ok: false, fieldErrors: { to: ['This case has moved on: it can no longer be changed from here'] } }
  const today = toIsoDate(now)
  const travelCovered = found.travelEstimateCents > 0
  const errors = checkTransition(
    { status: found.status, travelCovered, scheduledDate: found.scheduledDate, procedureDate: found.procedureDate },
    input.to,
    input,
    today,
  )
  if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, [v]])) }
  const at = now.toISOString()
  const to = input.to as CaseStatus
  const changes = {
    status: to,
    updatedAt: at,
    statusChangedAt: at,
    statusReason: to === 'cancelled' || to === 'denied' ? input.reason!.trim() : found.statusReason,
    ...(to === 'scheduled' ? { scheduledDate: input.scheduledDate! } : {}),
    ...(to === 'procedure_done' ? { procedureDate: input.procedureDate! } : {}),
    ...(input.travelActualCents !== undefined ? { travelActualCents: input.travelActualCents } : {}),
    // Outcomes are recorded at the 30- and 90-day check-ins, not at completion (case-outcomes.server.ts).
    ...(to === 'completed' ? { completedAt: at } : {}),
  }
  let invoiceId: string | null = null
  const moved = await db.transaction().execute(async (trx) => {
    const changed = await updateCase(trx, caseId, found.status, changes)
    if (changed === 0) return false
    if (alongside && !(await alongside(trx))) throw new ConcurrentChange()
    // A completed case is billed to the employer in the same transaction (DESIGN §9).
    if (to === 'completed') invoiceId = await createCaseInvoice(trx, { ...found, travelActualCents: changes.travelActualCents ?? found.travelActualCents }, at)
    const note = [input.reason?.trim(), input.note?.trim()].filter(Boolean).join(' · ') || null
    await insertCaseEvent(trx, { id: newId(), caseId, actorUserId: actor.userId, fromStatus: found.status, toStatus: to, note, createdAt: at })
    await queueMemberEmail(trx, { ...found, ...changes }, to, changes.statusReason && (to === 'cancelled' || to === 'denied') ? changes.statusReason : null, at)
    await insertAuditEntry(trx, actor, { action: `case.${to}`, subjectType: 'case', subjectId: caseId, employerId: found.employerId, at })
    return true
  }).catch((error: unknown) => {
    if (error instanceof ConcurrentChange) return false
    throw error
  })
  if (!moved) return { ok: false, fieldErrors: { to: ['Someone else changed this case a moment ago: reload it and try again'] } }
  await deliverOutbox()
  if (invoiceId) await mirrorInvoiceQuietly(invoiceId)
  return { ok: true }
}
