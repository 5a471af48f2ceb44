import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../dialect'

/**
 * Issue 24 (ADR 0029). Files made by background jobs (contract statements, employer CSV exports):
 * stored in the database, so any app server can serve what another server's worker made. One
 * file per job (`job_id` unique: a job run twice stores one). `owner_key` names who may download
 * it (`employer:<id>`, `contract:<id>`), checked after the route's guard. `expires_at`: the
 * poller's pruning deletes the file after it. Frozen once run.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  // The same binary type as case documents: bytea on PostgreSQL, blob on SQLite.
  const binary = dialect === 'postgres' ? 'bytea' : 'blob'
  await db.schema
    .createTable('generated_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('job_id', 'text', (c) => c.notNull().unique())
    .addColumn('owner_key', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull().check(sql`size_bytes >= 0`))
    .addColumn('content', binary, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('generated_files_expires_idx').on('generated_files').column('expires_at').execute()
  // Pruning finds old done jobs by their end.
  await db.schema.createIndex('jobs_finished_idx').on('jobs').columns(['status', 'finished_at']).where(sql.ref('status'), '=', 'done').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('jobs_finished_idx').execute()
  await db.schema.dropTable('generated_files').execute()
}
