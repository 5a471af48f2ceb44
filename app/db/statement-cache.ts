import type SqliteDatabase from 'better-sqlite3'
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely'

/** How many distinct SQL texts keep their prepared statement (the app has a few hundred queries). */
const CAPACITY = 500

/**
 * Kysely's SQLite driver prepares every query it runs. This wrapper keeps the prepared
 * statements of the most recent SQL texts (least recently used dropped first), so a query the
 * app runs again (a page's loader, a 1,000-row INSERT of an import) skips SQLite's parse and
 * plan: ~2 ms for a 16,000-parameter INSERT. A statement still being iterated is never handed
 * out twice; SQLite re-prepares a cached statement itself when the schema changes.
 */
export function withStatementCache(database: SqliteDatabase.Database): KyselySqliteDatabase {
  return { close: () => database.close(), prepare: cachedPrepare(database) }
}

/**
 * The same cache for the shared rate limits' library (ADR 0023), which prepares its upsert on
 * every count: two counts per search (issue 24). It uses `prepare` and `transaction` only.
 */
export function withCachedPrepare(database: SqliteDatabase.Database): Pick<SqliteDatabase.Database, 'prepare' | 'transaction'> {
  return { prepare: cachedPrepare(database) as SqliteDatabase.Database['prepare'], transaction: database.transaction.bind(database) }
}

function cachedPrepare(database: SqliteDatabase.Database) {
  const cache = new Map<string, SqliteDatabase.Statement>()
  return (sql: string) => {
    const cached = cache.get(sql)
    if (cached && !cached.busy) {
      cache.delete(sql)
      cache.set(sql, cached)
      return cached
    }
    const statement = database.prepare(sql)
    if (!cached) {
      cache.set(sql, statement)
      if (cache.size > CAPACITY) cache.delete(cache.keys().next().value!)
    }
    return statement
  }
}
