/**
 * The worker thread that runs roster and 834 imports (issue 17, ADR 0014): parsing, checking and
 * writing a million-line file happen here, so the server's event loop keeps answering other people.
 * Jobs come one at a time from app/services/import-jobs.server.ts, which claimed them from the job
 * queue (ADR 0022) and renews their lease while they run here; progress goes to the database.
 */
import { parentPort } from 'node:worker_threads'
import { runImportJob, type ImportJob } from '~/services/import-jobs.server'

if (!parentPort) throw new Error('import-worker runs as a worker thread')
const port = parentPort
port.on('message', (job: ImportJob) => {
  runImportJob(job).then(
    () => port.postMessage({ importId: job.importId, ok: true }),
    (error: unknown) => port.postMessage({ importId: job.importId, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  )
})
