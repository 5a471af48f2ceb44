import { PostgresAdapter, type Insertable, type Kysely, type Selectable } from 'kysely'
import type { Database, JobsTable } from '~/db/schema'

export type Job = Selectable<JobsTable>

/** PostgreSQL claims with FOR UPDATE SKIP LOCKED; SQLite has one writer, so its UPDATE … WHERE id = (SELECT …) is atomic as it is (ADR 0022). */
function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/** Adds a job; with a dedupe key already used, adds nothing and returns the existing job's id. */
export async function insertJob(db: Kysely<Database>, row: Insertable<JobsTable>): Promise<{ id: string; isNew: boolean }> {
  const inserted = await db
    .insertInto('jobs')
    .values(row)
    .onConflict((oc) => oc.column('dedupeKey').where('dedupeKey', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst()
  if (inserted) return { id: inserted.id, isNew: true }
  const existing = await db.selectFrom('jobs').select('id').where('dedupeKey', '=', row.dedupeKey!).executeTakeFirstOrThrow()
  return { id: existing.id, isNew: false }
}

export interface ClaimRequest {
  workerId: string
  kinds: readonly string[]
  /** Now and the lease's end, ISO text from the app's clock. */
  now: string
  lockedUntil: string
  /** Claim only this job (running a job right after enqueuing it, IMPORT_JOBS=inline). */
  jobId?: string
}

/**
 * Takes the next due job of these kinds, or one whose worker's lease ran out with tries left, and
 * leases it to `workerId` (attempts + 1). One statement, so two workers never both get it.
 */
export async function claimNextJob(db: Kysely<Database>, claim: ClaimRequest): Promise<Job | undefined> {
  if (claim.kinds.length === 0) return undefined
  const pg = isPostgres(db)
  let next = db
    .selectFrom('jobs')
    .select('id')
    .where('kind', 'in', claim.kinds)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('runAfter', '<=', claim.now)]),
        eb.and([eb('status', '=', 'running'), eb('lockedUntil', '<', claim.now), eb('attempts', '<', eb.ref('maxAttempts'))]),
      ]),
    )
    .orderBy('runAfter')
    .orderBy('id')
    .limit(1)
  if (claim.jobId) next = next.where('id', '=', claim.jobId)
  if (pg) next = next.forUpdate().skipLocked()
  return db
    .updateTable('jobs')
    .set((eb) => ({ status: 'running', lockedBy: claim.workerId, lockedUntil: claim.lockedUntil, attempts: eb('attempts', '+', 1), startedAt: claim.now }))
    .where('id', '=', next)
    .returningAll()
    .executeTakeFirst()
}

/**
 * Jobs whose worker stopped (lease over) on their last try: failed for good, returned so their
 * handler can record it (an import is marked failed, so its person can resume it).
 */
export function failAbandonedJobs(db: Kysely<Database>, kinds: readonly string[], now: string): Promise<Job[]> {
  if (kinds.length === 0) return Promise.resolve([])
  return db
    .updateTable('jobs')
    .set({ status: 'failed', finishedAt: now, lockedUntil: null, lastError: 'The worker stopped before finishing (its lease ran out) on every try.' })
    .where('kind', 'in', kinds)
    .where('status', '=', 'running')
    .where('lockedUntil', '<', now)
    .where((eb) => eb('attempts', '>=', eb.ref('maxAttempts')))
    .returningAll()
    .execute()
}

/** Renews the lease while the job runs; false when another worker holds it now (this one must stop writing). */
export async function extendLease(db: Kysely<Database>, id: string, workerId: string, lockedUntil: string): Promise<boolean> {
  const result = await db.updateTable('jobs').set({ lockedUntil }).where('id', '=', id).where('status', '=', 'running').where('lockedBy', '=', workerId).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Records the job's progress (JSON) if this worker still holds it. */
export async function writeJobProgress(db: Kysely<Database>, id: string, workerId: string, progress: string): Promise<boolean> {
  const result = await db.updateTable('jobs').set({ progress }).where('id', '=', id).where('status', '=', 'running').where('lockedBy', '=', workerId).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * Ends a try: done, failed, or queued again for later. Only the worker holding the lease may:
 * false when the lease was taken over (the other worker's outcome stands). locked_by stays: it
 * names the worker that ran the job last.
 */
export async function endJobTry(
  db: Kysely<Database>,
  id: string,
  workerId: string,
  end: { status: 'done' | 'failed'; at: string; lastError?: string | null } | { status: 'queued'; runAfter: string; lastError: string },
): Promise<boolean> {
  const changes =
    end.status === 'queued'
      ? { status: 'queued' as const, runAfter: end.runAfter, lastError: end.lastError, lockedUntil: null }
      : { status: end.status, finishedAt: end.at, lastError: end.lastError ?? null, lockedUntil: null }
  const result = await db.updateTable('jobs').set(changes).where('id', '=', id).where('status', '=', 'running').where('lockedBy', '=', workerId).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export function findJob(db: Kysely<Database>, id: string) {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The open (queued or running) job of a kind whose payload is exactly this JSON, if any. */
export function findOpenJob(db: Kysely<Database>, kind: string, payload: string) {
  return db.selectFrom('jobs').selectAll().where('kind', '=', kind).where('payload', '=', payload).where('status', 'in', ['queued', 'running']).executeTakeFirst()
}

/** The job holding a dedupe key, if any (the latest request for one file). */
export function findJobByDedupeKey(db: Kysely<Database>, dedupeKey: string) {
  return db.selectFrom('jobs').selectAll().where('dedupeKey', '=', dedupeKey).executeTakeFirst()
}

/** Frees a finished job's dedupe key, so the same key can queue a new job; an open job keeps it (false). */
export async function releaseDedupeKey(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.updateTable('jobs').set({ dedupeKey: null }).where('id', '=', id).where('status', 'in', ['done', 'failed']).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
