import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { openDatabase } from '~/db/connection'
import { newId } from '~/db/ids'
import { claimNextJob, endJobTry, findJob } from '~/db/repositories/jobs.server'
import { deliverOutbox, EMAIL_JOB_KIND, queueEmail } from '~/services/email-outbox.server'
import { createImport } from '~/services/eligibility-files.server'
import { IMPORT_JOB_KINDS } from '~/services/import-jobs.server'
import { startSmtpSink } from './smtp-sink'
import { createTwoTenants } from './tenants'
import { enqueueJob, failAbandoned, isPollingJobs, registerJobHandler, runClaimedJob, runNextJob, startJobWorkers } from '~/services/job-queue.server'
import { requestFile } from '~/services/prepared-files.server'

// The job queue on this file's database (SQLite file, or a PostgreSQL schema with DATABASE_URL):
// a second connection plays a second server (issue 24, ADR 0022).

// A real SMTP server on loopback: the sink that counts what was sent.
const smtp = await startSmtpSink()
const received = smtp.received

const other = openDatabase({ url: process.env.DATABASE_URL!, schema: process.env.DATABASE_SCHEMA }).db
afterAll(async () => {
  await other.destroy()
  await smtp.close()
})

const runs = new Map<string, number>()
let release: (() => void) | undefined
registerJobHandler<{ key: string; wait?: boolean; fail?: boolean }>({
  kind: 'test.count',
  concurrency: 2,
  leaseMs: 60_000,
  maxAttempts: 3,
  parse: (payload) => payload as { key: string; wait?: boolean; fail?: boolean },
  async run(payload, context) {
    runs.set(payload.key, (runs.get(payload.key) ?? 0) + 1)
    if (payload.fail) throw new Error(`${payload.key} cannot be done`)
    if (payload.wait) {
      await context.reportProgress({ step: 'half-way', rowsDone: 50 })
      await new Promise<void>((resolve) => (release = resolve))
    }
  },
})
const KINDS = ['test.count']
const job = (id: string) => findJob(getDb(), id).then((found) => found!)
const claimAs = (db: typeof other, workerId: string, leaseMs: number, jobId?: string) => {
  const now = Date.now()
  return claimNextJob(db, { workerId, kinds: KINDS, now: new Date(now).toISOString(), lockedUntil: new Date(now + leaseMs).toISOString(), jobId })
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

beforeEach(async () => {
  // Each test starts with no open test job, so one test's leftovers are never another's claim.
  await getDb().deleteFrom('jobs').where('kind', '=', 'test.count').execute()
  runs.clear()
})

describe('the job queue', () => {
  it('gives one job to one of two workers claiming it at the same moment', async () => {
    const { id } = await enqueueJob(getDb(), 'test.count', { key: 'one' })
    const [a, b] = await Promise.all([claimAs(getDb(), 'server-a', 60_000), claimAs(other, 'server-b', 60_000)])
    expect([a?.id, b?.id].filter(Boolean)).toEqual([id])
    expect((await job(id)).attempts).toBe(1)
  })

  it('runs each of many jobs once when two servers drain the queue together', async () => {
    const ids: string[] = []
    for (let i = 0; i < 30; i++) ids.push((await enqueueJob(getDb(), 'test.count', { key: `k${i}` })).id)
    const drain = async (db: typeof other, workerId: string) => {
      let ran = 0
      while (await runNextJob(db, KINDS, { workerId })) ran++
      return ran
    }
    const [byA, byB] = await Promise.all([drain(getDb(), 'server-a'), drain(other, 'server-b')])
    expect(byA + byB).toBe(30)
    expect([...runs.values()]).toEqual(Array(30).fill(1))
    const rows = await getDb().selectFrom('jobs').select(['status', 'attempts']).where('id', 'in', ids).execute()
    expect(rows.every((row) => row.status === 'done' && row.attempts === 1)).toBe(true)
  })

  it("claims a crashed worker's job again once its lease ran out, and finishes it on the second try", async () => {
    const { id } = await enqueueJob(getDb(), 'test.count', { key: 'crash' })
    expect((await claimAs(getDb(), 'server-a', 100))?.id).toBe(id)
    // Server A died: it never heartbeats or finishes. Within its lease nobody else may take the job.
    expect(await claimAs(other, 'server-b', 60_000)).toBeUndefined()
    await pause(150)
    const ran = await runNextJob(other, KINDS, { workerId: 'server-b' })
    expect(ran?.outcome).toBe('done')
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2, lockedBy: 'server-b', lastError: null })
    expect(runs.get('crash')).toBe(1)
  })

  it('does not let a worker whose lease was taken over mark the job', async () => {
    const { id } = await enqueueJob(getDb(), 'test.count', { key: 'late' })
    const stale = (await claimAs(getDb(), 'server-a', 50))!
    await pause(100)
    expect((await claimAs(other, 'server-b', 60_000))?.id).toBe(id)
    expect(await endJobTry(getDb(), id, 'server-a', { status: 'done', at: new Date().toISOString() })).toBe(false)
    expect(await runClaimedJob(getDb(), stale, 'server-a')).toBe('lease-lost')
    expect(await job(id)).toMatchObject({ status: 'running', lockedBy: 'server-b', attempts: 2 })
    expect(await endJobTry(other, id, 'server-b', { status: 'done', at: new Date().toISOString() })).toBe(true)
    expect((await job(id)).status).toBe('done')
  })

  it('retries a failing job after a back-off, and fails it with its error after max_attempts tries', async () => {
    const { id } = await enqueueJob(getDb(), 'test.count', { key: 'bad', fail: true })
    expect((await runNextJob(getDb(), KINDS))?.outcome).toBe('retry')
    const queued = await job(id)
    expect(queued).toMatchObject({ status: 'queued', attempts: 1, lastError: 'bad cannot be done' })
    expect(queued.runAfter > new Date().toISOString()).toBe(true)
    // Not due yet: nobody claims it during the back-off.
    expect(await runNextJob(other, KINDS)).toBeUndefined()
    for (const expected of ['retry', 'failed']) {
      await getDb().updateTable('jobs').set({ runAfter: new Date(Date.now() - 1).toISOString() }).where('id', '=', id).execute()
      expect((await runNextJob(other, KINDS))?.outcome).toBe(expected)
    }
    expect(await job(id)).toMatchObject({ status: 'failed', attempts: 3, lastError: 'bad cannot be done' })
    expect(runs.get('bad')).toBe(3)
    await getDb().updateTable('jobs').set({ runAfter: new Date(Date.now() - 1).toISOString() }).where('id', '=', id).execute()
    expect(await runNextJob(getDb(), KINDS)).toBeUndefined()
  })

  it('fails a job whose worker stopped on its last try instead of claiming it a fourth time', async () => {
    const { id } = await enqueueJob(getDb(), 'test.count', { key: 'dies' })
    await getDb().updateTable('jobs').set({ attempts: 2 }).where('id', '=', id).execute()
    await claimAs(getDb(), 'server-a', 50)
    await pause(100)
    expect((await failAbandoned(other, KINDS)).map((found) => found.id)).toEqual([id])
    expect(await job(id)).toMatchObject({ status: 'failed', attempts: 3, lastError: 'The worker stopped before finishing (its lease ran out) on every try.' })
    expect(await claimAs(other, 'server-b', 60_000)).toBeUndefined()
  })

  it('makes one job of two enqueues with the same dedupe key', async () => {
    const first = await enqueueJob(getDb(), 'test.count', { key: 'once' }, { dedupeKey: 'test:once' })
    const second = await enqueueJob(other, 'test.count', { key: 'once' }, { dedupeKey: 'test:once' })
    expect(second).toEqual({ id: first.id, isNew: false })
    expect(first.isNew).toBe(true)
    expect(await getDb().selectFrom('jobs').select('id').where('dedupeKey', '=', 'test:once').execute()).toHaveLength(1)
  })

  it('keeps the poller off with IMPORT_JOBS=inline, so a job run in its caller is done when the caller reads it', async () => {
    // The app's entry.server starts the poller at import; the integration tests import it (documents).
    await import('~/entry.server')
    startJobWorkers()
    expect(isPollingJobs()).toBe(false)
    const key = `inline-${newId()}`
    const asked = await requestFile({ kind: 'test.count', dedupeKey: key, ownerKey: key, payload: { key }, reuseDone: false })
    expect((await findJob(getDb(), asked.jobId))?.status).toBe('done')
    expect(runs.get(key)).toBe(1)
  })

  it("shows a running job's progress to another server", async () => {
    const { id } = await enqueueJob(getDb(), 'test.count', { key: 'slow', wait: true })
    const running = runNextJob(getDb(), KINDS, { workerId: 'server-a' })
    await expect.poll(async () => (await findJob(other, id))?.progress, { timeout: 5_000 }).toBe(JSON.stringify({ step: 'half-way', rowsDone: 50 }))
    expect((await findJob(other, id))?.status).toBe('running')
    release!()
    expect((await running)?.outcome).toBe('done')
    expect((await findJob(other, id))?.status).toBe('done')
  })
})

describe('e-mail delivery on the queue', () => {
  it('sends each message once when two servers deliver at the same time, with its outbox Message-ID', async () => {
    received.length = 0
    const ids: string[] = []
    const at = new Date().toISOString()
    for (let i = 0; i < 12; i++) {
      const id = newId()
      ids.push(id)
      await getDb().transaction().execute((trx) => queueEmail(trx, { id, caseId: null, toAddress: `member${i}@example.com`, subject: `News ${i}`, body: 'Hello', createdAt: at, sentAt: null, attempts: 0, lastError: null }))
    }
    const [a, b] = await Promise.all([deliverOutbox({ workerId: 'server-a' }), deliverOutbox({ db: other, workerId: 'server-b' })])
    expect(a.sent + b.sent).toBe(12)
    expect(a.failed + b.failed).toBe(0)
    expect(received.map((r) => r.messageId).sort()).toEqual(ids.map((id) => `<outbox-${id}@coe-portal.local>`).sort())
    const rows = await getDb().selectFrom('emailOutbox').select(['sentAt', 'attempts']).where('id', 'in', ids).execute()
    expect(rows.every((row) => row.sentAt !== null && row.attempts === 1)).toBe(true)
    // Delivering again sends nothing: each message's job is done, and its dedupe key stops a second one.
    expect(await deliverOutbox({ db: other })).toEqual({ sent: 0, failed: 0 })
    expect(received).toHaveLength(12)
    expect(await getDb().selectFrom('jobs').select('id').where('kind', '=', EMAIL_JOB_KIND).where('dedupeKey', 'in', ids.map((id) => `email:${id}`)).execute()).toHaveLength(12)
  })

  it('queues a job for an unsent message written without one, once', async () => {
    received.length = 0
    const id = newId()
    await getDb().insertInto('emailOutbox').values({ id, caseId: null, toAddress: 'old@example.com', subject: 'Old', body: 'From before the queue', createdAt: new Date().toISOString(), sentAt: null, attempts: 0, lastError: null }).execute()
    const [a, b] = await Promise.all([deliverOutbox(), deliverOutbox({ db: other, workerId: 'server-b' })])
    expect(a.sent + b.sent).toBe(1)
    expect(received.map((r) => r.messageId)).toEqual([`<outbox-${id}@coe-portal.local>`])
  })
})

describe('imports on the queue', () => {
  it('an upload made on one server whose worker died is taken up by another server after the lease, and applied once', async () => {
    const t = await createTwoTenants(getDb())
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'queue-import-')), 'roster.csv')
    fs.writeFileSync(file, ['employee_id,first_name,last_name,date_of_birth,zip,plan,coverage_tier,coverage_start,coverage_end,dependents', 'Q1,Ann,Lee,1980-01-01,43215,B PPO,employee,2026-01-01,,0'].join('\n'))
    const created = await createImport({ employerId: t.b.employerId }, { path: file, fileName: 'roster.csv' }, { fullFile: false, allOrNothing: false, reviewFirst: false, confirmTerminations: false }, { userId: t.users.adminB, label: 'hr@b' })
    if (!created.ok) throw new Error(created.error)
    const kinds = Object.values(IMPORT_JOB_KINDS)
    const { id } = await enqueueJob(getDb(), IMPORT_JOB_KINDS.check, { importId: created.importId, userId: t.users.adminB })
    // Server A claims the check and dies before doing anything.
    const now = Date.now()
    expect((await claimNextJob(getDb(), { workerId: 'server-a', kinds, now: new Date(now).toISOString(), lockedUntil: new Date(now + 80).toISOString() }))?.id).toBe(id)
    expect(await runNextJob(other, kinds, { workerId: 'server-b' })).toBeUndefined()
    await pause(120)
    expect((await runNextJob(other, kinds, { workerId: 'server-b' }))?.outcome).toBe('done')
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2, lockedBy: 'server-b' })
    const found = await getDb().selectFrom('imports').select(['status', 'rowsDone']).where('id', '=', created.importId).executeTakeFirstOrThrow()
    expect(found).toEqual({ status: 'applied', rowsDone: 1 })
    expect(await getDb().selectFrom('rosterMembers').select('employeeId').where('employerId', '=', t.b.employerId).where('employeeId', '=', 'Q1').execute()).toHaveLength(1)
    // Nothing is left for anyone to run.
    expect(await runNextJob(getDb(), kinds)).toBeUndefined()
  })
})
