import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../dialect'

/**
 * Issue 24 (ADR 0022). The durable job queue shared by every app server: imports, e-mail delivery
 * and other background work are rows here, claimed under a lease so that each is run by one
 * worker at a time and picked up again when a worker dies. Timestamps are ISO text set by the app
 * (ADR 0004), so the lease comparisons are text comparisons on both dialects. Frozen once run.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'done', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_after', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('progress', 'text')
    .addColumn('last_error', 'text')
    .addColumn('dedupe_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute()
  // Enqueuing the same key twice makes one job (a partial unique index: both dialects have them).
  await db.schema.createIndex('jobs_dedupe_key').on('jobs').column('dedupe_key').unique().where(sql.ref('dedupe_key'), 'is not', null).execute()
  // The claim query: open jobs by status and due time; done and failed rows stay out of the index.
  await db.schema.createIndex('jobs_claim_idx').on('jobs').columns(['status', 'run_after', 'id']).where(sql.ref('status'), 'in', ['queued', 'running']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').execute()
}
