import type { Kysely } from 'kysely'
import type { Dialect } from '../dialect'

/**
 * Issue 24 (ADR 0023): rate-limit counters in the database, so every app server on one database
 * counts the same failures and searches. The layout is rate-limiter-flexible's own (RateLimiterPostgres
 * and RateLimiterSQLite: key, points, expire in ms since the epoch), made here rather than by the
 * library at start-up (tableCreated: true), so a server never runs DDL. The key is text, not the
 * library's varchar(255): a key is the scope's prefix, the e-mail as typed (up to 254) and an address.
 * Rows are counters that expire; the library deletes those expired an hour ago every 5 minutes.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expire', dialect === 'postgres' ? 'bigint' : 'integer')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute()
}
