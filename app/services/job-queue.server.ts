import { randomBytes } from 'node:crypto'
import os from 'node:os'
import type { Kysely } from 'kysely'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { pruneDoneJobs } from '~/db/repositories/generated-files.server'
import { claimNextJob, endJobTry, extendLease, failAbandonedJobs, insertJob, writeJobProgress, type Job } from '~/db/repositories/jobs.server'
import type { Database } from '~/db/schema'
import { afterFailure, heartbeatEveryMs, leaseUntil } from '~/domain/jobs/lease'
import { getEnv } from '~/env.server'
import { logError } from '~/http/logger.server'

/**
 * The durable job queue (issue 24, ADR 0022): background work is a row in `jobs`, claimed by one
 * worker at a time under a lease that the worker renews while it runs. A server that dies leaves
 * its lease to run out, and any other server claims the job again. The same code runs on SQLite
 * (one writer: the claim statement is atomic) and PostgreSQL (FOR UPDATE SKIP LOCKED).
 */

/** This process's worker id: host, pid and a random part (a restarted process with the same pid is another worker). */
export const WORKER_ID = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`

/** A failure a retry cannot mend (bad payload, or the handler already recorded the failure): the job fails at once. */
export class PermanentJobError extends Error {}

export interface JobContext {
  job: Job
  db: Kysely<Database>
  /** Writes progress (JSON) that any server can read; ignored once the lease is lost. */
  reportProgress(progress: unknown): Promise<void>
  /** True once another worker took the job over (this one's lease ran out): stop before any further effect. */
  isLeaseLost(): boolean
}

export interface JobHandler<P = unknown> {
  kind: string
  /** Kinds of one lane share its concurrency (the import kinds share the one import worker thread). */
  lane?: string
  /** Jobs of this lane one process runs at once. */
  concurrency: number
  leaseMs: number
  maxAttempts: number
  /** Parses the stored payload: throw PermanentJobError when it is not this kind's. */
  parse(payload: unknown): P
  run(payload: P, context: JobContext): Promise<void>
  /** Called when the job ends 'failed' (tries used up, a permanent error, or its worker stopped on the last try). */
  onFailed?(payload: P, message: string, db: Kysely<Database>): Promise<void>
  /** Whether this process should claim the kind now (e-mail only when SMTP is configured). */
  isEnabled?(): boolean
  /** Called at each heartbeat: what to store as the job's progress (e.g. the import's rows done). */
  progressAtHeartbeat?(payload: P, db: Kysely<Database>): Promise<unknown>
}

const handlers = new Map<string, JobHandler<any>>()

export function registerJobHandler<P>(handler: JobHandler<P>): void {
  handlers.set(handler.kind, handler)
}

function handlerFor(kind: string): JobHandler<unknown> {
  const handler = handlers.get(kind)
  if (!handler) throw new Error(`no handler for job kind ${kind}`)
  return handler
}

export interface EnqueueOptions {
  /** Enqueuing the same key twice makes one job (e-mail: the outbox id). */
  dedupeKey?: string
  runAfter?: Date
  now?: Date
}

/** Adds a job (in the caller's transaction when `db` is one) and wakes this process's poller. */
export async function enqueueJob(db: Kysely<Database>, kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<{ id: string; isNew: boolean }> {
  const handler = handlerFor(kind)
  const now = options.now ?? new Date()
  const added = await insertJob(db, {
    id: newId(), kind, payload: JSON.stringify(payload), status: 'queued', attempts: 0, maxAttempts: handler.maxAttempts,
    runAfter: (options.runAfter ?? now).toISOString(), dedupeKey: options.dedupeKey ?? null, createdAt: now.toISOString(),
  })
  wakeJobWorkers()
  return added
}

export type JobOutcome = 'done' | 'retry' | 'failed' | 'lease-lost'

/** Runs a claimed job to its end: heartbeat while it runs, then done, retried later, or failed. Only the lease holder records the end. */
export async function runClaimedJob(db: Kysely<Database>, job: Job, workerId = WORKER_ID): Promise<JobOutcome> {
  const handler = handlerFor(job.kind)
  let isLeaseLost = false
  let payload: unknown
  const beat = setInterval(() => {
    void (async () => {
      if (isLeaseLost) return
      if (!(await extendLease(db, job.id, workerId, leaseUntil(Date.now(), handler.leaseMs)))) {
        isLeaseLost = true
        return
      }
      if (handler.progressAtHeartbeat && payload !== undefined) await writeJobProgress(db, job.id, workerId, JSON.stringify(await handler.progressAtHeartbeat(payload, db)))
    })().catch((error: unknown) => logError(error))
  }, heartbeatEveryMs(handler.leaseMs))
  beat.unref()
  const context: JobContext = {
    job,
    db,
    isLeaseLost: () => isLeaseLost,
    async reportProgress(progress) {
      if (!isLeaseLost && !(await writeJobProgress(db, job.id, workerId, JSON.stringify(progress)))) isLeaseLost = true
    },
  }
  try {
    payload = handler.parse(JSON.parse(job.payload))
    await handler.run(payload, context)
    clearInterval(beat)
    return (await endJobTry(db, job.id, workerId, { status: 'done', at: new Date().toISOString() })) ? 'done' : 'lease-lost'
  } catch (error) {
    clearInterval(beat)
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000)
    const next = afterFailure(job.attempts, job.maxAttempts, Date.now(), error instanceof PermanentJobError || payload === undefined)
    const recorded = await endJobTry(db, job.id, workerId, next.status === 'queued' ? { ...next, lastError: message } : { status: 'failed', at: new Date().toISOString(), lastError: message })
    if (!recorded) return 'lease-lost'
    if (!(error instanceof PermanentJobError)) logError(error)
    if (next.status === 'failed' && payload !== undefined) await handler.onFailed?.(payload, message, db)
    return next.status === 'failed' ? 'failed' : 'retry'
  }
}

/** Claims the next due job of these kinds for this worker and runs it; undefined when none is due. */
export async function runNextJob(db: Kysely<Database>, kinds: readonly string[], options: { workerId?: string; jobId?: string } = {}): Promise<{ job: Job; outcome: JobOutcome } | undefined> {
  const workerId = options.workerId ?? WORKER_ID
  const job = await claimJob(db, kinds, workerId, options.jobId)
  if (!job) return undefined
  return { job, outcome: await runClaimedJob(db, job, workerId) }
}

function claimJob(db: Kysely<Database>, kinds: readonly string[], workerId: string, jobId?: string) {
  const leaseMs = Math.max(...kinds.map((kind) => handlerFor(kind).leaseMs))
  const now = Date.now()
  return claimNextJob(db, { workerId, kinds, now: new Date(now).toISOString(), lockedUntil: leaseUntil(now, leaseMs), jobId })
}

/** Runs one job now, in the caller, through the same claim (IMPORT_JOBS=inline; right after an enqueue). */
export async function runJobNow(db: Kysely<Database>, jobId: string, kind: string): Promise<JobOutcome | undefined> {
  return (await runNextJob(db, [kind], { jobId }))?.outcome
}

/** Fails the jobs whose worker stopped on their last try, and tells their handlers. */
export async function failAbandoned(db: Kysely<Database>, kinds: readonly string[], now = new Date()): Promise<Job[]> {
  const abandoned = await failAbandonedJobs(db, kinds, now.toISOString())
  for (const job of abandoned) {
    const handler = handlerFor(job.kind)
    try {
      await handler.onFailed?.(handler.parse(JSON.parse(job.payload)), job.lastError ?? 'The worker stopped.', db)
    } catch (error) {
      logError(error)
    }
  }
  return abandoned
}

/** Done jobs are kept this long (the history the load test reads), then pruned with their files. */
export const DONE_JOB_KEEP_DAYS = 14
const DAY_MS = 86_400_000

/**
 * Pruning (ADR 0029): deletes done jobs finished more than `keepDays` ago with their files, and
 * every stored file past its expiry. Queued, running and failed jobs are never pruned here.
 */
export function pruneFinishedJobs(db: Kysely<Database>, now = new Date(), keepDays = DONE_JOB_KEEP_DAYS): Promise<{ jobs: number; files: number }> {
  return pruneDoneJobs(db, now.toISOString(), new Date(now.getTime() - keepDays * DAY_MS).toISOString())
}

// ---- The poller: one per server process ----

declare global {
  var __portalJobPoller: (() => void) | undefined
}

const POLL_EVERY_MS = 1_000
/** Each server prunes at most this often (several servers pruning at once delete the same rows once: harmless). */
const PRUNE_EVERY_MS = 60 * 60_000
let lastPruneAt = 0
let poller: NodeJS.Timeout | undefined
let isPolling = false
let pollAgain = false
const running = new Map<string, number>()

function lanes(): Map<string, JobHandler[]> {
  const byLane = new Map<string, JobHandler[]>()
  for (const handler of handlers.values()) {
    if (handler.isEnabled && !handler.isEnabled()) continue
    const lane = handler.lane ?? handler.kind
    byLane.set(lane, [...(byLane.get(lane) ?? []), handler])
  }
  return byLane
}

async function pollOnce(): Promise<void> {
  const db = getDb()
  const byLane = lanes()
  await failAbandoned(db, [...byLane.values()].flat().map((h) => h.kind))
  if (Date.now() - lastPruneAt >= PRUNE_EVERY_MS) {
    lastPruneAt = Date.now()
    await pruneFinishedJobs(db)
  }
  for (const [lane, laneHandlers] of byLane) {
    const concurrency = Math.min(...laneHandlers.map((h) => h.concurrency))
    const kinds = laneHandlers.map((h) => h.kind)
    while ((running.get(lane) ?? 0) < concurrency) {
      const job = await claimJob(db, kinds, WORKER_ID)
      if (!job) break
      running.set(lane, (running.get(lane) ?? 0) + 1)
      void runClaimedJob(db, job)
        .catch((error: unknown) => logError(error))
        .finally(() => {
          running.set(lane, (running.get(lane) ?? 1) - 1)
          wakeJobWorkers()
        })
    }
  }
}

function poll() {
  if (isPolling) {
    pollAgain = true
    return
  }
  isPolling = true
  pollOnce()
    .catch((error: unknown) => logError(error))
    .finally(() => {
      isPolling = false
      if (pollAgain) {
        pollAgain = false
        setImmediate(poll)
      }
    })
}

/**
 * Starts this process's poller (server start); jobs enqueued here wake it at once, others are seen
 * within a second. With IMPORT_JOBS=inline (integration tests) jobs run in their caller only: a
 * poller would race the caller's claim and leave the job running when the caller reads its result.
 */
export function startJobWorkers(): void {
  if (poller || getEnv().IMPORT_JOBS === 'inline') return
  // A development rebuild evaluates this module again: the previous build's poller stops, so one process polls once.
  globalThis.__portalJobPoller?.()
  globalThis.__portalJobPoller = stopJobWorkers
  poller = setInterval(poll, POLL_EVERY_MS)
  poller.unref()
  setImmediate(poll)
}

/** Polls now instead of at the next tick (after an enqueue in this process); nothing when the poller is not started. */
export function wakeJobWorkers(): void {
  if (poller) setImmediate(poll)
}

/** Whether this process polls the queue (false until started, and always with IMPORT_JOBS=inline). */
export function isPollingJobs(): boolean {
  return poller !== undefined
}

/** Stops polling (tests, shutdown); jobs running finish on their own. */
export function stopJobWorkers(): void {
  if (poller) clearInterval(poller)
  poller = undefined
}
