import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDialectConfig } from 'kysely'

/**
 * Kysely's SQLite dialect, with transactions started by `BEGIN IMMEDIATE` (docs/reliability.md,
 * "SQLite busy handling"). Kysely's plain `begin` is deferred: a transaction that reads and then
 * writes while another process (an import CLI, a migration) holds the write lock fails at once
 * with SQLITE_BUSY, because SQLite does not wait to upgrade a read lock. `BEGIN IMMEDIATE` takes
 * the write lock first, so it waits up to `busy_timeout` (5 s) like a single statement does.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig
  constructor(config: SqliteDialectConfig) {
    super(config)
    this.#config = config
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.#config)
  }
}
