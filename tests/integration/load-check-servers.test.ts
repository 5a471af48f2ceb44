import { beforeAll, describe, expect, it } from 'vitest'
import { getDatabase, getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { checkEmails, checkJobs, messageIdOf } from '../../reliability/load-check'

// The several-servers checks of `npm run load` (issue 24) must see an e-mail received twice or
// never, and say when there is no jobs table to check.

const now = new Date().toISOString()
const row = (id: string, to: string, sentAt: string | null) => ({ id, caseId: null, toAddress: to, subject: 'Your case', body: 'News', createdAt: now, sentAt, attempts: sentAt ? 1 : 0, lastError: null })
const outboxId = (id: string) => `<outbox-${id}@coe-portal.local>`

beforeAll(async () => {
  await getDb()
    .insertInto('emailOutbox')
    .values([row('m1', 'a@example.com', now), row('m2', 'a@example.com', now), row('m3', 'b@example.com', now), row('m4', 'c@example.com', null)])
    .execute()
})

describe('load check: e-mails', () => {
  it('reads a folded Message-ID header, and none from the body', () => {
    expect(messageIdOf('Subject: x\r\nMessage-ID:\r\n <outbox-m1@coe-portal.local>\r\n\r\nbody')).toBe('<outbox-m1@coe-portal.local>')
    expect(messageIdOf('Subject: x\r\n\r\nMessage-ID: <not-a-header@x>')).toBeNull()
  })

  it('by Message-ID: names a message received twice, one marked sent but never received, and one no row marks sent', async () => {
    const result = await checkEmails(getDb(), [
      { to: 'a@example.com', messageId: outboxId('m1') },
      { to: 'a@example.com', messageId: outboxId('m1') },
      { to: 'b@example.com', messageId: outboxId('m3') },
      { to: 'c@example.com', messageId: outboxId('m4') },
    ])
    expect(result).toMatchObject({ byMessageId: true, received: 4, markedSent: 3, unsent: 1 })
    expect(result.duplicates).toEqual(['outbox message m1 received 2 times'])
    expect(result.missing).toEqual(['outbox message m2 is marked sent and was never received'])
    expect(result.unexpected).toEqual(['received m4, which no outbox row marks sent'])
  })

  it('passes when each message marked sent was received once', async () => {
    const result = await checkEmails(getDb(), ['m1', 'm2', 'm3'].map((id) => ({ to: 'x@example.com', messageId: outboxId(id) })))
    expect([result.duplicates, result.missing, result.unexpected]).toEqual([[], [], []])
  })

  it('without outbox Message-IDs: compares counts per recipient', async () => {
    const result = await checkEmails(getDb(), [
      { to: 'A@example.com', messageId: '<random@mailer>' },
      { to: 'a@example.com', messageId: null },
      { to: 'a@example.com', messageId: null },
    ])
    expect(result.byMessageId).toBe(false)
    expect(result.duplicates).toEqual(['a@example.com: 3 received, 2 marked sent'])
    expect(result.missing).toEqual(['b@example.com: 1 marked sent, 0 received'])
  })
})

describe('load check: jobs', () => {
  // A job table after a run: one done once, one left running by a killed server, one done on a second try
  // made before the kill (its first holder died), one done on a second try made after it (run twice).
  it('names a job left running and a job done twice, and counts a job retried after the kill apart', async () => {
    const { db, dialect } = getDatabase()
    const killedAt = new Date('2026-12-07T00:00:30.000Z')
    const job = (id: string, status: 'done' | 'running', attempts: number, createdAt: string) => ({
      id, kind: 'email.deliver', payload: '{}', status, attempts, maxAttempts: 5, runAfter: createdAt, lockedBy: `host:${id}:x`, lockedUntil: createdAt,
      progress: null, lastError: null, dedupeKey: `load-check-${id}`, createdAt, startedAt: createdAt, finishedAt: status === 'done' ? createdAt : null,
    })
    const ids = { once: newId(), left: newId(), retried: newId(), twice: newId() }
    await db.insertInto('jobs').values([
      job(ids.once, 'done', 1, '2026-12-07T00:00:10.000Z'),
      job(ids.left, 'running', 1, '2026-12-07T00:00:20.000Z'),
      job(ids.retried, 'done', 2, '2026-12-07T00:00:25.000Z'),
      job(ids.twice, 'done', 2, '2026-12-07T00:00:40.000Z'),
    ]).execute()
    try {
      const result = await checkJobs(db, dialect, killedAt)
      expect(result.tableExists).toBe(true)
      expect(result.leftOver.filter((line) => Object.values(ids).some((id) => line.includes(id)))).toEqual([expect.stringContaining(`job ${ids.left} (email.deliver) is still running`)])
      expect(result.ranTwice.filter((line) => Object.values(ids).some((id) => line.includes(id)))).toEqual([`job ${ids.twice} (email.deliver) is done after 2 attempts`])
      expect(result.retriedAfterKill).toBeGreaterThanOrEqual(1)
      // Without a kill, the retried job counts as run twice too.
      expect((await checkJobs(db, dialect, null)).ranTwice.filter((line) => line.includes(ids.retried))).toHaveLength(1)
    } finally {
      await db.deleteFrom('jobs').where('id', 'in', Object.values(ids)).execute()
    }
  })
})
