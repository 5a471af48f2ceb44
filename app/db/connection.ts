import fs from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Dialect } from '../../db/dialect'
import type { Database } from './schema'
import { ImmediateSqliteDialect } from './sqlite-dialect'
import { withStatementCache } from './statement-cache'

export interface DatabaseConnection {
  db: Kysely<Database>
  dialect: Dialect
  /**
   * The driver's own handle under Kysely, for the few libraries that take one (the shared rate
   * limits, ADR 0023). SQLite: the one connection Kysely also uses; use it only while holding
   * Kysely's connection (`db.connection()`), so no other request's transaction is open on it.
   */
  native: { dialect: 'postgres'; pool: pg.Pool } | { dialect: 'sqlite'; database: SqliteDatabase.Database }
}

export interface ConnectionOptions {
  /** postgres://… selects PostgreSQL; file:… or a plain path selects SQLite. */
  url: string
  /** PostgreSQL only: the schema put first on the search_path of every connection. */
  schema?: string
}

// int8 (money in cents, counts) as a JS number: cents stay far below 2^53 (ADR 0004).
pg.types.setTypeParser(20, (value: string) => Number.parseInt(value, 10))

/**
 * Opens the database named by a URL. Shared by the app, the CLIs, the seed and the tests, so
 * every entry point gets the same pragmas and plugins.
 */
export function openDatabase(options: ConnectionOptions): DatabaseConnection {
  const plugins = [new CamelCasePlugin()]
  if (/^postgres(ql)?:\/\//.test(options.url)) {
    // The schema goes first on the search_path as a startup parameter of each connection, so no
    // query races the caller's first one (a SET sent on 'connect' did: pg warns "client.query() when
    // the client is already executing a query"). DATABASE_SCHEMA is a plain lower-case identifier.
    const pool = new pg.Pool({ connectionString: options.url, max: 10, ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}) })
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins }), dialect: 'postgres', native: { dialect: 'postgres', pool } }
  }
  const file = options.url.replace(/^file:/, '')
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new SqliteDatabase(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  return {
    db: new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }), plugins }),
    dialect: 'sqlite',
    native: { dialect: 'sqlite', database: sqlite },
  }
}
