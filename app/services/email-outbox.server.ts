import type { Insertable, Kysely } from 'kysely'
import nodemailer from 'nodemailer'
import { z } from 'zod'
import { getDb } from '~/db/client.server'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { countOutbox, findOutboxMessage, insertOutboxMessage, listOutbox, listUnsentMessagesWithoutJob, markMessage } from '~/db/repositories/care.server'
import type { Database, EmailOutboxTable } from '~/db/schema'
import { pageCount } from '~/forms/paging'
import type { Actor } from '~/domain/tenancy'
import { getEnv } from '~/env.server'
import { logError } from '~/http/logger.server'
import { enqueueJob, PermanentJobError, registerJobHandler, runNextJob } from './job-queue.server'

let transport: nodemailer.Transporter | undefined

function smtp(): nodemailer.Transporter | null {
  const { SMTP_URL } = getEnv()
  if (!SMTP_URL) return null
  transport ??= nodemailer.createTransport(SMTP_URL)
  return transport
}

/** One job per outbox message (ADR 0022): its dedupe key is the message's, so it is queued once however often it is swept. */
export const EMAIL_JOB_KIND = 'email.deliver'
const emailDedupeKey = (outboxId: string) => `email:${outboxId}`
/** The Message-ID a receiving server can recognise a re-sent message by (the crash window of ADR 0022). */
export const outboxMessageId = (outboxId: string) => `<outbox-${outboxId}@coe-portal.local>`

const EmailPayload = z.object({ outboxId: z.string().min(1) })

registerJobHandler<z.infer<typeof EmailPayload>>({
  kind: EMAIL_JOB_KIND,
  concurrency: 4,
  leaseMs: 60_000,
  // The outbox's rule since issue 5: at most five tries, then the message stays unsent on the outbox page with its error.
  maxAttempts: 5,
  isEnabled: () => Boolean(getEnv().SMTP_URL),
  parse(payload) {
    const parsed = EmailPayload.safeParse(payload)
    if (!parsed.success) throw new PermanentJobError(`not an e-mail job: ${JSON.stringify(payload)}`)
    return parsed.data
  },
  async run({ outboxId }, context) {
    const mailer = smtp()
    if (!mailer) throw new Error('SMTP_URL is not set')
    const message = await findOutboxMessage(context.db, outboxId)
    if (!message || message.sentAt !== null) return
    if (context.isLeaseLost()) return
    try {
      await mailer.sendMail({ from: getEnv().MAIL_FROM, to: message.toAddress, subject: message.subject, text: message.body, messageId: outboxMessageId(message.id) })
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      await markMessage(context.db, message.id, { attempts: context.job.attempts, lastError: reason.slice(0, 500) })
      throw new Error(`e-mail ${message.id} not sent: ${reason}`)
    }
    // Sent: recorded even if the lease was lost meanwhile (it was sent, whoever holds the job now sees sent_at and stops).
    await markMessage(context.db, message.id, { sentAt: new Date().toISOString(), attempts: context.job.attempts, lastError: null })
  },
})

/**
 * Writes a message to the outbox and queues its delivery in the caller's transaction (ADR 0009:
 * the message exists only if the change it tells of committed; ADR 0022: its job too).
 */
export async function queueEmail(db: Kysely<Database>, row: Insertable<EmailOutboxTable>): Promise<void> {
  await insertOutboxMessage(db, row)
  await enqueueJob(db, EMAIL_JOB_KIND, { outboxId: row.id }, { dedupeKey: emailDedupeKey(row.id), now: new Date(row.createdAt) })
}

/** Queues a job for any unsent message that has none (written before the job queue, or by a script). */
async function sweepOutbox(db: Kysely<Database>): Promise<void> {
  for (const message of await listUnsentMessagesWithoutJob(db, 200)) {
    await enqueueJob(db, EMAIL_JOB_KIND, { outboxId: message.id }, { dedupeKey: emailDedupeKey(message.id) })
  }
}

/**
 * Sends what is due in the outbox over SMTP when `SMTP_URL` is set, from the caller (after the
 * transaction that queued it has committed). Each message is claimed as a job first, so two
 * servers delivering at once send it once. A failure is recorded on the message and retried later
 * by whichever server's poller claims it, at most five tries; it never fails the member's request.
 */
export async function deliverOutbox(options: { db?: Kysely<Database>; workerId?: string } = {}): Promise<{ sent: number; failed: number }> {
  if (!smtp()) return { sent: 0, failed: 0 }
  const db = options.db ?? getDb()
  await sweepOutbox(db)
  let sent = 0
  let failed = 0
  for (let i = 0; i < 200; i++) {
    const ran = await runNextJob(db, [EMAIL_JOB_KIND], { workerId: options.workerId })
    if (!ran) break
    if (ran.outcome === 'done') sent++
    else if (ran.outcome !== 'lease-lost') failed++
  }
  return { sent, failed }
}

/** At server start: messages without a job get one, so the pollers deliver them. */
export function startEmailDelivery(): void {
  if (!smtp()) return
  void sweepOutbox(getDb()).catch((error: unknown) => logError(error))
}

/** The platform admin's view of the outbox (members' addresses and case news: the read is audited), newest first. */
export const OUTBOX_PAGE_SIZE = 50

/**
 * One page of the outbox (newest first) and the counts, computed in SQL (issue 24: at national scale
 * the outbox holds far more than a page). A page past the last is refused with the number of pages.
 */
export async function getOutbox(actor: Actor, page = 1, now = new Date()) {
  const db = getDb()
  const counts = await countOutbox(db)
  const pages = pageCount(counts.total, OUTBOX_PAGE_SIZE)
  if (page > pages) throw new Response(`There is no page ${page}: the outbox has ${pages} ${pages === 1 ? 'page' : 'pages'} of ${OUTBOX_PAGE_SIZE} messages.`, { status: 400 })
  const messages = await listOutbox(db, { offset: (page - 1) * OUTBOX_PAGE_SIZE, limit: OUTBOX_PAGE_SIZE })
  await insertAuditEntry(db, actor, { action: 'outbox.viewed', subjectType: 'email_outbox', subjectId: null, employerId: null, at: now.toISOString(), detail: JSON.stringify({ page, messages: messages.length }) })
  return { smtpConfigured: Boolean(getEnv().SMTP_URL), messages, page, pages, total: counts.total, unsent: counts.unsent }
}
