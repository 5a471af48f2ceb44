import nodemailer from 'nodemailer'
import { getDb } from '~/db/client.server'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { countOutbox, listOutbox, listUnsentMessages, markMessage } from '~/db/repositories/care.server'
import { pageCount } from '~/forms/paging'
import type { Actor } from '~/domain/tenancy'
import { getEnv } from '~/env.server'
import { logError } from '~/http/logger.server'

let transport: nodemailer.Transporter | undefined

function smtp(): nodemailer.Transporter | null {
  const { SMTP_URL } = getEnv()
  if (!SMTP_URL) return null
  transport ??= nodemailer.createTransport(SMTP_URL)
  return transport
}

/**
 * Sends what is waiting in the outbox over SMTP when `SMTP_URL` is set (after the transaction
 * that queued it has committed). A failure is recorded on the message and retried on the next
 * call, at most five attempts; it never fails the member's or coordinator's request.
 */
export async function deliverOutbox(): Promise<{ sent: number; failed: number }> {
  const mailer = smtp()
  if (!mailer) return { sent: 0, failed: 0 }
  const db = getDb()
  let sent = 0
  let failed = 0
  for (const message of await listUnsentMessages(db, 50)) {
    try {
      await mailer.sendMail({ from: getEnv().MAIL_FROM, to: message.toAddress, subject: message.subject, text: message.body })
      await markMessage(db, message.id, { sentAt: new Date().toISOString(), attempts: message.attempts + 1, lastError: null })
      sent++
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      await markMessage(db, message.id, { attempts: message.attempts + 1, lastError: reason.slice(0, 500) })
      logError(new Error(`e-mail ${message.id} not sent: ${reason}`))
      failed++
    }
  }
  return { sent, failed }
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
