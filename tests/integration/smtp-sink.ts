import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** One message the sink received: its recipients (comma-joined), its Message-ID header and its raw text. */
export interface ReceivedMail {
  to: string
  messageId: string
  raw: string
}

/**
 * A real SMTP server on loopback that receives what the portal sends (nodemailer over SMTP_URL,
 * which this sets for the test file). `received` is appended to as messages arrive; `close` stops it.
 */
export async function startSmtpSink(): Promise<{ received: ReceivedMail[]; close: () => Promise<void> }> {
  const received: ReceivedMail[] = []
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()))
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), messageId: /^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? '', raw })
        callback()
      })
    },
  })
  smtp.listen(0, '127.0.0.1')
  await once(smtp.server, 'listening')
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`
  return { received, close: () => new Promise<void>((resolve) => smtp.close(() => resolve())) }
}
