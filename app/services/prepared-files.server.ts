import type { Kysely } from 'kysely'
import { getDb } from '~/db/client.server'
import { findGeneratedFile, hasGeneratedFile, insertGeneratedFile } from '~/db/repositories/generated-files.server'
import { newId } from '~/db/ids'
import { findJobByDedupeKey, releaseDedupeKey } from '~/db/repositories/jobs.server'
import type { Database } from '~/db/schema'
import type { PreparedFileState } from '~/domain/jobs/prepared-file'
import { getEnv } from '~/env.server'
import { enqueueJob, registerJobHandler, runJobNow, type JobContext } from './job-queue.server'

/*
 * Files made in the background (issue 24, ADR 0029): contract statements and employer CSV exports.
 * The request queues a job under a dedupe key (a double click makes one job); any server's poller
 * runs it and stores the file in `generated_files`; the page shows "Preparing…" with the job's
 * progress, then a link; the download route serves the stored file to its owner from any server.
 */

/** A stored file is served this long after it is made; then pruning deletes it (it can be prepared again). */
export const FILE_KEEP_DAYS = 7
const DAY_MS = 86_400_000

export interface MadeFile {
  fileName: string
  contentType: string
  content: Buffer | string
}

/** What a file job reports while it runs, read by the page from any server. */
export interface FileProgress {
  step: 'reading' | 'writing'
  rows?: number
}

export interface FileJob<P> {
  kind: string
  maxAttempts?: number
  parse(payload: unknown): P
  /** Who may download the file: `employer:<id>`, `contract:<id>`. */
  ownerKeyOf(payload: P): string
  make(payload: P, context: JobContext & { reportProgress(progress: FileProgress): Promise<void> }): Promise<MadeFile>
}

/** Registers a job kind that makes one file: the file is stored once per job (a second run stores nothing). */
export function registerFileJob<P>(job: FileJob<P>): void {
  registerJobHandler<P>({
    kind: job.kind,
    // One file at a time per server: they read much and write one row; two cores serve pages too.
    lane: 'files',
    concurrency: 1,
    leaseMs: 60_000,
    maxAttempts: job.maxAttempts ?? 3,
    parse: job.parse,
    async run(payload, context) {
      const made = await job.make(payload, context)
      if (context.isLeaseLost()) return
      const content = typeof made.content === 'string' ? Buffer.from(made.content, 'utf8') : made.content
      const now = new Date()
      await insertGeneratedFile(context.db, {
        id: newId(),
        jobId: context.job.id,
        ownerKey: job.ownerKeyOf(payload),
        fileName: made.fileName,
        contentType: made.contentType,
        sizeBytes: content.length,
        content,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + FILE_KEEP_DAYS * DAY_MS).toISOString(),
      })
    },
  })
}

export interface FileRequest {
  kind: string
  /** One job per key at a time: a double click, or both sides of a contract, get the same job. */
  dedupeKey: string
  ownerKey: string
  payload: unknown
  /** A done job whose file is still stored is the answer (a statement never changes); false: make the file again (an export of live data). */
  reuseDone: boolean
}

/**
 * Queues the job that makes a file, unless one is queued or running for the key (or, with
 * `reuseDone`, made and still stored). A finished job's key is freed first, so "Prepare again"
 * and "Try again" queue a new one. IMPORT_JOBS=inline (integration tests) runs it at once.
 */
export async function requestFile(request: FileRequest, db: Kysely<Database> = getDb(), now = new Date()): Promise<{ jobId: string; isNew: boolean }> {
  const existing = await findJobByDedupeKey(db, request.dedupeKey)
  if (existing) {
    if (existing.status === 'queued' || existing.status === 'running') return { jobId: existing.id, isNew: false }
    if (existing.status === 'done' && request.reuseDone && (await hasGeneratedFile(db, request.ownerKey, existing.id, now.toISOString()))) return { jobId: existing.id, isNew: false }
    await releaseDedupeKey(db, existing.id)
  }
  const added = await enqueueJob(db, request.kind, request.payload, { dedupeKey: request.dedupeKey, now })
  if (added.isNew && getEnv().IMPORT_JOBS === 'inline') await runJobNow(db, added.id, request.kind)
  return { jobId: added.id, isNew: added.isNew }
}

export type PreparedFileView = PreparedFileState

function progressWords(progress: string | null, status: 'queued' | 'running'): string {
  if (status === 'queued') return 'Waiting for a worker…'
  let parsed: Partial<FileProgress> = {}
  try {
    parsed = (progress ? JSON.parse(progress) : {}) as Partial<FileProgress>
  } catch {
    parsed = {}
  }
  if (parsed.step === 'writing') return typeof parsed.rows === 'number' ? `Writing ${parsed.rows.toLocaleString('en-US')} rows…` : 'Writing the file…'
  return 'Reading the data…'
}

/** Where the file of a key stands, for its page: nothing yet, preparing (with progress), ready, or failed with why. */
export async function preparedFileView(ownerKey: string, dedupeKey: string, db: Kysely<Database> = getDb(), now = new Date()): Promise<PreparedFileView> {
  const job = await findJobByDedupeKey(db, dedupeKey)
  if (!job) return { state: 'none' }
  if (job.status === 'queued' || job.status === 'running') return { state: 'preparing', progress: progressWords(job.progress, job.status) }
  if (job.status === 'failed') {
    return { state: 'failed', error: `The file could not be prepared: ${job.lastError ?? 'the worker stopped'}. Try again; if it fails again, tell support the reference ${job.id}.` }
  }
  const file = await hasGeneratedFile(db, ownerKey, job.id, now.toISOString())
  return file ? { state: 'ready', ...file } : { state: 'none' }
}

/** The stored file of a key for its owner, when it is made and not expired; undefined otherwise (the route sends the person to prepare it). */
export async function findPreparedFile(ownerKey: string, dedupeKey: string, db: Kysely<Database> = getDb(), now = new Date()) {
  const job = await findJobByDedupeKey(db, dedupeKey)
  if (job?.status !== 'done') return undefined
  const file = await findGeneratedFile(db, ownerKey, job.id)
  return file && file.expiresAt > now.toISOString() ? file : undefined
}
