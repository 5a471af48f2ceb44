/**
 * After `npm run load`: does the database hold exactly the writes the server acknowledged? Every
 * care request answered "requested" is one case with one `requested` event; every request answered
 * "existing" points at the member's open case for that procedure; no member has two open cases for
 * one procedure; every coordinator step answered with its success redirect is one event by that
 * coordinator, the case ends in the furthest step acknowledged, and a completed case has one
 * invoice; each of those writes has its one audit entry, carrying the address the user came from
 * (X-Forwarded-For through server.mjs); nothing else was written (no case or event without a
 * success answer).
 */
import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../db/dialect'
import type { Database } from '../app/db/schema'
import { CASE_PATH, OPEN_STATES, type CaseState } from '../app/domain/cases/case-flow'
import type { CareAck, TransitionAck, UncertainWrite } from './load-users'

export interface Snapshot {
  caseIds: Set<string>
  eventIds: Set<string>
}

export async function snapshot(db: Kysely<Database>): Promise<Snapshot> {
  const cases = await db.selectFrom('cases').select('id').execute()
  const events = await db.selectFrom('caseEvents').select('id').execute()
  return { caseIds: new Set(cases.map((c) => c.id)), eventIds: new Set(events.map((e) => e.id)) }
}

export interface WriteCheck {
  acknowledged: { newCases: number; existingAnswers: number; transitions: number }
  /** Acknowledged writes found in the database exactly as acknowledged. */
  found: { newCases: number; existingAnswers: number; transitions: number }
  /** Acknowledged, but missing or different in the database. */
  lost: string[]
  /** Written twice, or one write acknowledged as new to two requests. */
  duplicates: string[]
  /** In the database without a success answer. */
  unacknowledged: string[]
  /** A case whose status is not the furthest step acknowledged. */
  wrongState: string[]
  /** Audit entries of acknowledged writes without the address the user's requests came from. */
  addressMismatches: string[]
  doubleSubmits: { pairs: number; answeredWithOneCase: number }
  /** SQLite integrity_check and foreign_key_check (empty: clean); PostgreSQL has no equivalent to run. */
  integrity: string[]
  integrityChecked: boolean
  casesCreated: number
  eventsCreated: number
}

const TERMINAL: readonly string[] = ['completed', 'cancelled', 'denied']
/** Steps never repeat along a case (DESIGN §3), so the furthest acknowledged one is the last. */
const rank = (status: string) => (TERMINAL.includes(status) ? 100 : CASE_PATH.indexOf(status as (typeof CASE_PATH)[number]))

export async function checkWrites(
  db: Kysely<Database>,
  dialect: Dialect,
  before: Snapshot,
  run: {
    careAcks: CareAck[]
    transitionAcks: TransitionAck[]
    uncertainWrites: UncertainWrite[]
    coordinatorUserIds: Set<string>
    memberUserIdOfRosterMember: Map<string, string>
    /** Each simulated user's X-Forwarded-For address (users not in it are not checked for one). */
    addressOfUser: Map<string, string>
  },
): Promise<WriteCheck> {
  const cases = await db.selectFrom('cases').select(['id', 'rosterMemberId', 'procedureId', 'offerId', 'status']).execute()
  const events = await db.selectFrom('caseEvents').select(['id', 'caseId', 'actorUserId', 'fromStatus', 'toStatus']).execute()
  const invoices = await db.selectFrom('invoices').select(['caseId']).where('caseId', 'is not', null).execute()
  const offers = await db.selectFrom('offers').select(['id', 'procedureId']).execute()
  const auditRows = await db.selectFrom('auditLog').select(['action', 'subjectId', 'actorUserId', 'ip']).where('subjectType', '=', 'case').execute()
  const procedureOfOffer = new Map(offers.map((o) => [o.id, o.procedureId]))
  const caseById = new Map(cases.map((c) => [c.id, c]))
  const newEvents = events.filter((e) => !before.eventIds.has(e.id))
  const createdCases = cases.filter((c) => !before.caseIds.has(c.id))
  const uncertainFor = (userId: string | undefined) =>
    userId !== undefined && run.uncertainWrites.some((w) => w.userId === userId) ? ' (that user had a write answered 5xx or lost on the way)' : ''

  const result: WriteCheck = {
    acknowledged: { newCases: 0, existingAnswers: 0, transitions: run.transitionAcks.length },
    found: { newCases: 0, existingAnswers: 0, transitions: 0 },
    lost: [], duplicates: [], unacknowledged: [], wrongState: [], addressMismatches: [], integrity: [],
    doubleSubmits: { pairs: 0, answeredWithOneCase: 0 },
    integrityChecked: dialect === 'sqlite',
    casesCreated: createdCases.length,
    eventsCreated: newEvents.length,
  }

  // Care requests answered "requested": one new case each, with its one first event.
  const newAcks = new Map<string, CareAck[]>()
  for (const ack of run.careAcks.filter((a) => a.isNew)) newAcks.set(ack.caseId, [...(newAcks.get(ack.caseId) ?? []), ack])
  result.acknowledged.newCases = newAcks.size
  for (const [caseId, acks] of newAcks) {
    if (acks.length > 1) result.duplicates.push(`case ${caseId} was answered as new to ${acks.length} requests`)
    const ack = acks[0]!
    const row = caseById.get(caseId)
    const firstEvents = newEvents.filter((e) => e.caseId === caseId && e.toStatus === 'requested' && e.fromStatus === null)
    if (!row || before.caseIds.has(caseId)) result.lost.push(`case ${caseId} (answered "requested") is not a new case in the database`)
    else if (row.rosterMemberId !== ack.rosterMemberId || row.offerId !== ack.offerId) result.lost.push(`case ${caseId} is not the member's request for offer ${ack.offerId}`)
    else if (firstEvents.length !== 1 || firstEvents[0]!.actorUserId !== ack.userId) result.lost.push(`case ${caseId} has ${firstEvents.length} "requested" events (1 by the member expected)`)
    else result.found.newCases++
  }
  // Answered "existing": the member's own case for that procedure.
  for (const ack of run.careAcks.filter((a) => !a.isNew)) {
    result.acknowledged.existingAnswers++
    const row = caseById.get(ack.caseId)
    if (!row || row.rosterMemberId !== ack.rosterMemberId || row.procedureId !== procedureOfOffer.get(ack.offerId)) {
      result.lost.push(`request of ${ack.userId} at offer ${ack.offerId} was answered with case ${ack.caseId}, which is not that member's case for the procedure`)
    } else result.found.existingAnswers++
  }
  // Double submits: both answers name one case.
  const pairs = new Map<string, CareAck[]>()
  for (const ack of run.careAcks.filter((a) => a.doubleSubmit)) {
    const key = `${ack.userId}|${ack.offerId}`
    pairs.set(key, [...(pairs.get(key) ?? []), ack])
  }
  for (const acks of pairs.values()) {
    result.doubleSubmits.pairs++
    if (new Set(acks.map((a) => a.caseId)).size === 1) result.doubleSubmits.answeredWithOneCase++
  }
  // No case without an answer, and one open case per member and procedure.
  for (const row of createdCases) {
    if (!newAcks.has(row.id)) result.unacknowledged.push(`case ${row.id} of roster member ${row.rosterMemberId} was never answered as new${uncertainFor(run.memberUserIdOfRosterMember.get(row.rosterMemberId))}`)
  }
  const open = new Map<string, string[]>()
  for (const row of cases.filter((c) => OPEN_STATES.includes(c.status as CaseState))) {
    const key = `${row.rosterMemberId}|${row.procedureId}`
    open.set(key, [...(open.get(key) ?? []), row.id])
  }
  for (const [key, ids] of open) if (ids.length > 1) result.duplicates.push(`${ids.length} open cases for one member and procedure (${key}): ${ids.join(', ')}`)

  // Coordinator steps: one event per acknowledged step, by that coordinator.
  const stepAcks = new Map<string, TransitionAck[]>()
  for (const ack of run.transitionAcks) stepAcks.set(`${ack.caseId}|${ack.to}`, [...(stepAcks.get(`${ack.caseId}|${ack.to}`) ?? []), ack])
  const stepEvents = new Map<string, typeof events>()
  for (const event of newEvents.filter((e) => e.actorUserId !== null && run.coordinatorUserIds.has(e.actorUserId))) {
    const key = `${event.caseId}|${event.toStatus}`
    stepEvents.set(key, [...(stepEvents.get(key) ?? []), event])
  }
  for (const [key, acks] of stepAcks) {
    const written = stepEvents.get(key) ?? []
    if (acks.length > 1) result.duplicates.push(`step ${key} was answered as done to ${acks.length} coordinators`)
    if (written.length === 0) result.lost.push(`step ${key} (answered as done) has no event`)
    else if (written.length > 1) result.duplicates.push(`step ${key} has ${written.length} events`)
    else if (written[0]!.actorUserId !== acks[0]!.coordinatorUserId) result.lost.push(`step ${key} was recorded for another coordinator than the one answered`)
    else result.found.transitions += acks.length === 1 ? 1 : 0
  }
  for (const [key, written] of stepEvents) {
    if (!stepAcks.has(key)) result.unacknowledged.push(`step ${key}: ${written.length} event(s) without a success answer${uncertainFor(written[0]!.actorUserId ?? undefined)}`)
  }
  // Any other new event (not a new case's first event, not a coordinator's step) was not asked for.
  // The first event of a case made this run but never answered is reported once, with its case above
  // (and that user's uncertain request, when there was one), not a second time here.
  const createdCaseIds = new Set(createdCases.map((c) => c.id))
  for (const event of newEvents) {
    const isFirst = event.toStatus === 'requested' && event.fromStatus === null && createdCaseIds.has(event.caseId)
    const isStep = event.actorUserId !== null && run.coordinatorUserIds.has(event.actorUserId)
    if (!isFirst && !isStep) result.unacknowledged.push(`event ${event.id} (${event.fromStatus ?? '∅'} → ${event.toStatus}) on case ${event.caseId}`)
  }

  // The case ends where its furthest acknowledged step put it; a new case no coordinator moved is still requested.
  const furthest = new Map<string, string>()
  for (const ack of run.transitionAcks) {
    const current = furthest.get(ack.caseId)
    if (current === undefined || rank(ack.to) > rank(current)) furthest.set(ack.caseId, ack.to)
  }
  for (const row of cases) {
    const expected = furthest.get(row.id) ?? (newAcks.has(row.id) ? 'requested' : null)
    if (expected !== null && row.status !== expected) result.wrongState.push(`case ${row.id} is ${row.status}, the last acknowledged step was ${expected}`)
  }
  // A case completed under load is invoiced once.
  const invoiceCount = new Map<string, number>()
  for (const invoice of invoices) invoiceCount.set(invoice.caseId!, (invoiceCount.get(invoice.caseId!) ?? 0) + 1)
  for (const ack of run.transitionAcks.filter((a) => a.to === 'completed')) {
    const count = invoiceCount.get(ack.caseId) ?? 0
    if (count === 0) result.lost.push(`completed case ${ack.caseId} has no invoice`)
    if (count > 1) result.duplicates.push(`completed case ${ack.caseId} has ${count} invoices`)
  }

  // One audit entry per acknowledged write, with the user's address.
  const auditOf = (action: string, caseId: string, userId: string, what: string) => {
    const rows = auditRows.filter((r) => r.action === action && r.subjectId === caseId && r.actorUserId === userId)
    if (rows.length === 0) result.lost.push(`${what} has no audit entry`)
    else if (rows.length > 1) result.duplicates.push(`${what} has ${rows.length} audit entries`)
    else if (run.addressOfUser.has(userId) && rows[0]!.ip !== run.addressOfUser.get(userId)) {
      result.addressMismatches.push(`${what}: audit address ${rows[0]!.ip ?? 'none'}, the user came from ${run.addressOfUser.get(userId)}`)
    }
  }
  for (const [caseId, acks] of newAcks) auditOf('case.requested', caseId, acks[0]!.userId, `case ${caseId}`)
  for (const [key, acks] of stepAcks) if (acks.length === 1) auditOf(`case.${acks[0]!.to}`, acks[0]!.caseId, acks[0]!.coordinatorUserId, `step ${key}`)

  if (dialect === 'sqlite') {
    const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)
    for (const row of integrity.rows) if (Object.values(row)[0] !== 'ok') result.integrity.push(String(Object.values(row)[0]))
    const foreignKeys = await sql<Record<string, unknown>>`pragma foreign_key_check`.execute(db)
    for (const row of foreignKeys.rows) result.integrity.push(`foreign key: ${JSON.stringify(row)}`)
  }
  return result
}

// ---------------------------------------------------------------------------------------------
// Several servers (issue 24): e-mails, jobs, rate limits

/** One message as the SMTP sink received it. */
export interface Delivery {
  to: string
  messageId: string | null
}

export interface EmailCheck {
  received: number
  /** Outbox rows with sent_at set. */
  markedSent: number
  /** Whether deliveries carry the outbox's Message-ID (`<outbox-<id>@coe-portal.local>`); else counted per recipient. */
  byMessageId: boolean
  /** Received more than once. */
  duplicates: string[]
  /** Marked sent but never received. */
  missing: string[]
  /** Received but no outbox row says sent. */
  unexpected: string[]
  unsent: number
}

const OUTBOX_MESSAGE_ID = /^<outbox-([0-9a-zA-Z-]+)@coe-portal\.local>$/

/** The Message-ID header of a raw message (unfolded), or null. */
export function messageIdOf(raw: string): string | null {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? ''
  const value = /^message-id:([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/im.exec(head)?.[1]?.replace(/\s+/g, '')
  return value ? value : null
}

/**
 * Every outbox row marked sent was received exactly once. With the outbox's own Message-ID the
 * check is per message; without it (before the outbox claimed its messages, helper C of issue 24)
 * it can only compare counts per recipient.
 */
export async function checkEmails(db: Kysely<Database>, deliveries: readonly Delivery[]): Promise<EmailCheck> {
  const rows = await db.selectFrom('emailOutbox').select(['id', 'toAddress', 'sentAt']).execute()
  const sent = rows.filter((r) => r.sentAt !== null)
  const byMessageId = deliveries.some((d) => d.messageId !== null && OUTBOX_MESSAGE_ID.test(d.messageId))
  const result: EmailCheck = { received: deliveries.length, markedSent: sent.length, byMessageId, duplicates: [], missing: [], unexpected: [], unsent: rows.length - sent.length }
  const count = <K>(keys: K[]) => {
    const counts = new Map<K, number>()
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1)
    return counts
  }
  if (byMessageId) {
    const received = count(deliveries.map((d) => OUTBOX_MESSAGE_ID.exec(d.messageId ?? '')?.[1] ?? `(no outbox Message-ID: ${d.messageId ?? 'none'})`))
    const sentIds = new Set(sent.map((r) => r.id))
    for (const [id, n] of received) {
      if (n > 1) result.duplicates.push(`outbox message ${id} received ${n} times`)
      if (!sentIds.has(id)) result.unexpected.push(`received ${id}, which no outbox row marks sent`)
    }
    for (const row of sent) if (!received.has(row.id)) result.missing.push(`outbox message ${row.id} is marked sent and was never received`)
  } else {
    const received = count(deliveries.map((d) => d.to.toLowerCase()))
    const marked = count(sent.map((r) => r.toAddress.toLowerCase()))
    for (const address of new Set([...received.keys(), ...marked.keys()])) {
      const got = received.get(address) ?? 0
      const expected = marked.get(address) ?? 0
      if (got > expected) result.duplicates.push(`${address}: ${got} received, ${expected} marked sent`)
      if (got < expected) result.missing.push(`${address}: ${expected} marked sent, ${got} received`)
    }
  }
  return result
}

export interface JobCheck {
  /** False when the jobs table does not exist yet (helper C's branch of issue 24): nothing checked. */
  tableExists: boolean
  total: number
  byStatus: Record<string, number>
  /** Still queued or running after the servers drained. */
  leftOver: string[]
  /** Done after more than one attempt, without a killed server to explain it. */
  ranTwice: string[]
  /** Done after more than one attempt, begun before a server was killed (it may have held them). */
  retriedAfterKill: number
}

async function tableExists(db: Kysely<Database>, dialect: Dialect, table: string): Promise<boolean> {
  if (dialect === 'sqlite') return (await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${table}`.execute(db)).rows[0]!.n > 0
  return (await sql<{ r: string | null }>`select to_regclass(${table})::text as r`.execute(db)).rows[0]!.r !== null
}

/** No job left queued or running after the drain; none done twice except those a killed server may have held. */
export async function checkJobs(db: Kysely<Database>, dialect: Dialect, killedAt: Date | null): Promise<JobCheck> {
  const result: JobCheck = { tableExists: await tableExists(db, dialect, 'jobs'), total: 0, byStatus: {}, leftOver: [], ranTwice: [], retriedAfterKill: 0 }
  if (!result.tableExists) return result
  // Through the query builder: the app's CamelCasePlugin renames the columns of raw results too.
  const jobs = await db.selectFrom('jobs').select(['id', 'kind', 'status', 'attempts', 'lockedBy', 'createdAt']).execute()
  result.total = jobs.length
  for (const job of jobs) {
    result.byStatus[job.status] = (result.byStatus[job.status] ?? 0) + 1
    if (job.status === 'queued' || job.status === 'running') result.leftOver.push(`job ${job.id} (${job.kind}) is still ${job.status}${job.lockedBy ? ` (held by ${job.lockedBy})` : ''}`)
    if (job.status === 'done' && Number(job.attempts) > 1) {
      if (killedAt && new Date(job.createdAt) <= killedAt) result.retriedAfterKill++
      else result.ranTwice.push(`job ${job.id} (${job.kind}) is done after ${job.attempts} attempts`)
    }
  }
  return result
}

export interface RateLimitProbe {
  /** Failed sign-ins allowed per account and address (RATE_LIMITS.signIn.pair × scale). */
  limit: number
  /** Answer status of each attempt, in order. */
  statuses: number[]
  /** The server (port) that answered each attempt. */
  servedBy: string[]
  /** The attempt that was refused first (1-based), or null. */
  lockedAt: number | null
  distinctServers: number
  passed: boolean
  detail: string
}
