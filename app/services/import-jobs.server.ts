import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { getDb } from '~/db/client.server'
import { z } from 'zod'
import { listInterruptedImportsWithoutJob, unsafeFindImportById, updateImport } from '~/db/repositories/imports.server'
import { getEnv } from '~/env.server'
import { logError } from '~/http/logger.server'
import { enqueueJob, PermanentJobError, registerJobHandler, runJobNow } from './job-queue.server'
import { applyImport, checkImport } from './roster-import.server'

/** One unit of background work: check a file (and apply it when it needs no review), or apply a checked one. */
export interface ImportJob {
  importId: string
  action: 'check' | 'apply'
  userId?: string | null
}

/** Runs a job where it is called (the worker thread, or the caller when IMPORT_JOBS=inline). */
export async function runImportJob(job: ImportJob): Promise<void> {
  try {
    if (job.action === 'check') await checkImport(job.importId)
    else await applyImport(job.importId, { userId: job.userId })
  } catch (error) {
    const found = await unsafeFindImportById(getDb(), job.importId)
    const written = found?.status === 'applying' ? ` ${found.appliedThrough > 0 ? 'Part of the difference was written; ' : ''}press "Resume" to finish applying it.` : ' Nothing was changed.'
    await updateImport(getDb(), job.importId, { status: 'failed', finishedAt: new Date().toISOString(), message: `The import stopped because of an error on our side.${written}` })
    throw error
  }
}

/** The import kinds on the job queue (ADR 0022): one lane, since one worker thread runs them. */
export const IMPORT_JOB_KINDS = { check: 'import.check', apply: 'import.apply' } as const
const IMPORT_LEASE_MS = 30_000

let worker: Worker | undefined
const waiting = new Map<string, { resolve: () => void; reject: (error: Error) => void }>()

/** The worker's entry: the bundled file beside the server build, or the TypeScript source under tsx (development, tests). */
function workerEntry(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url)
  const built = path.join(path.dirname(here), 'import-worker.js')
  if (!here.endsWith('.ts') && fs.existsSync(built)) return { file: built, execArgv: [] }
  return { file: path.resolve('app/jobs/import-worker.ts'), execArgv: ['--import', 'tsx'] }
}

function startWorker(): Worker {
  const entry = workerEntry()
  const started = new Worker(entry.file, { execArgv: entry.execArgv })
  started.on('message', (message: { importId: string; ok: boolean; message?: string }) => {
    const waiter = waiting.get(message.importId)
    waiting.delete(message.importId)
    if (message.ok) waiter?.resolve()
    else waiter?.reject(new Error(`import ${message.importId} failed: ${message.message}`))
  })
  started.on('error', (error) => {
    logError(error)
    worker = undefined
    for (const waiter of waiting.values()) waiter.reject(error instanceof Error ? error : new Error(String(error)))
    waiting.clear()
  })
  started.unref()
  return started
}

/** Runs one import step on the worker thread and waits for it (the queue's heartbeat keeps the lease meanwhile). */
function runOnWorkerThread(job: ImportJob): Promise<void> {
  worker ??= startWorker()
  const thread = worker
  return new Promise<void>((resolve, reject) => {
    waiting.set(job.importId, { resolve, reject })
    thread.postMessage(job)
  })
}

const ImportPayload = z.object({ importId: z.string().min(1), userId: z.string().nullable().optional() })
type ImportPayload = z.infer<typeof ImportPayload>

/**
 * What an import job does now, from the import's status (not the job's kind): a check that
 * went straight on to applying, then stopped with its server, resumes applying.
 */
async function nextStep(payload: ImportPayload, kind: ImportJob['action']): Promise<ImportJob | null> {
  const found = await unsafeFindImportById(getDb(), payload.importId)
  if (!found) return null
  if (found.status === 'queued' || found.status === 'checking') return { importId: found.id, action: 'check' }
  if (found.status === 'applying' || (found.status === 'review' && kind === 'apply')) return { importId: found.id, action: 'apply', userId: payload.userId ?? null }
  return null
}

function importHandler(action: ImportJob['action']) {
  registerJobHandler<ImportPayload>({
    kind: IMPORT_JOB_KINDS[action],
    lane: 'import',
    concurrency: 1,
    leaseMs: IMPORT_LEASE_MS,
    // A server stopping mid-import is retried on another; an error inside the import marks it failed at once (its person resumes it).
    maxAttempts: 3,
    parse(payload) {
      const parsed = ImportPayload.safeParse(payload)
      if (!parsed.success) throw new PermanentJobError(`not an import job: ${JSON.stringify(payload)}`)
      return parsed.data
    },
    async run(payload) {
      const step = await nextStep(payload, action)
      if (!step) return
      try {
        if (getEnv().IMPORT_JOBS === 'inline') await runImportJob(step)
        else await runOnWorkerThread(step)
      } catch (error) {
        logError(error)
        // runImportJob has marked the import failed and said how to resume it: a blind retry could only repeat it.
        throw new PermanentJobError(error instanceof Error ? error.message : String(error))
      }
    },
    async onFailed(payload, message, db) {
      const found = await unsafeFindImportById(db, payload.importId)
      if (!found || !['queued', 'checking', 'applying'].includes(found.status)) return
      const written = found.status === 'applying' ? ` ${found.appliedThrough > 0 ? 'Part of the difference was written; ' : ''}press "Resume" to finish applying it.` : ' Nothing was changed.'
      await updateImport(db, payload.importId, { status: 'failed', finishedAt: new Date().toISOString(), message: `The import stopped because of an error on our side.${written}` })
      logError(new Error(`import ${payload.importId} failed: ${message}`))
    },
    async progressAtHeartbeat(payload, db) {
      const found = await unsafeFindImportById(db, payload.importId)
      return found ? { status: found.status, rowsDone: found.rowsDone, rowsEstimate: found.rowsEstimate } : null
    },
  })
}
importHandler('check')
importHandler('apply')

/**
 * Puts an import step on the job queue (issue 17: imports never stall the portal; issue 24: any
 * server may run it). With IMPORT_JOBS=inline (integration tests) it runs, through the same claim,
 * before this returns.
 */
export async function enqueueImportJob(job: ImportJob, options: { dedupeKey?: string } = {}): Promise<void> {
  const db = getDb()
  const kind = IMPORT_JOB_KINDS[job.action]
  const queued = await enqueueJob(db, kind, { importId: job.importId, userId: job.userId ?? null }, options)
  if (getEnv().IMPORT_JOBS === 'inline' && queued.isNew) await runJobNow(db, queued.id, kind)
}

let resumed: Promise<void> | undefined

/**
 * At server start: the worker thread is started (the first upload would otherwise wait for it to
 * boot, seconds on a busy machine). An import a stopped server left running is taken up again by
 * its job's lease running out; this only queues a job for an import left queued, checking or
 * applying with no open job (one registered before the job queue, or a server stopped between
 * the import's insert and its enqueue). The dedupe key makes two servers starting at once queue one.
 */
export function resumeInterruptedImports(): Promise<void> {
  if (getEnv().IMPORT_JOBS === 'inline') return Promise.resolve()
  worker ??= startWorker()
  resumed ??= (async () => {
    const db = getDb()
    for (const found of await listInterruptedImportsWithoutJob(db, Object.values(IMPORT_JOB_KINDS))) {
      const action = found.status === 'applying' ? 'apply' : 'check'
      await enqueueImportJob({ importId: found.id, action }, { dedupeKey: `import.resume:${found.id}:${found.status}:${found.startedAt ?? ''}:${found.appliedThrough}` })
    }
  })().catch((error: unknown) => logError(error))
  return resumed
}
