import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { getDb } from '~/db/client.server'
import { claimImport, listInterruptedImports, unsafeFindImportById, updateImport } from '~/db/repositories/imports.server'
import { getEnv } from '~/env.server'
import { logError } from '~/http/logger.server'
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

let worker: Worker | undefined
const queue: ImportJob[] = []
let running: ImportJob | undefined

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
    if (!message.ok) logError(new Error(`import ${message.importId} failed: ${message.message}`))
    running = undefined
    next()
  })
  started.on('error', (error) => {
    logError(error)
    worker = undefined
    running = undefined
    next()
  })
  started.unref()
  return started
}

function next() {
  if (running) return
  running = queue.shift()
  if (!running) return
  worker ??= startWorker()
  worker.postMessage(running)
}

/**
 * Hands a job to the background (issue 17: imports never stall the portal). With IMPORT_JOBS=inline
 * (integration tests) it runs before this returns.
 */
export async function enqueueImportJob(job: ImportJob): Promise<void> {
  if (getEnv().IMPORT_JOBS === 'inline') return runImportJob(job)
  queue.push(job)
  next()
}

let resumed: Promise<void> | undefined

/**
 * At server start: the worker thread is started (the first upload would otherwise wait for it to
 * boot, seconds on a busy machine), and imports a stopped server left queued, checking or applying
 * are taken up again.
 */
export function resumeInterruptedImports(): Promise<void> {
  if (getEnv().IMPORT_JOBS === 'inline') return Promise.resolve()
  worker ??= startWorker()
  resumed ??= (async () => {
    const db = getDb()
    for (const found of await listInterruptedImports(db)) {
      if (found.status === 'applying') await enqueueImportJob({ importId: found.id, action: 'apply' })
      else if (await claimImport(db, found.id, [found.status], { status: 'queued' })) await enqueueImportJob({ importId: found.id, action: 'check' })
    }
  })().catch((error: unknown) => logError(error))
  return resumed
}
