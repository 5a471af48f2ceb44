import nodemailer from 'nodemailer'
import { getDb } from '~/db/client.server'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { listOutbox, listUnsentMessages, markMessage } from '~/db/repositories/care.server'
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
export async function getOutbox(actor: Actor, now = new Date()) {
  const db = getDb()
  const messages = await listOutbox(db, 200)
  await insertAuditEntry(db, actor, { action: 'outbox.viewed', subjectType: 'email_outbox', subjectId: null, employerId: null, at: now.toISOString(), detail: JSON.stringify({ messages: messages.length }) })
  return { smtpConfigured: Boolean(getEnv().SMTP_URL), messages }
}
