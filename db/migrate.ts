import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely'
import type { Dialect } from './dialect'
import { migrations } from './migrations/index'

/** Passes the dialect into each migration's `up`/`down` (the atproto PDS pattern, STYLE §7). */
class DialectMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const result: Record<string, Migration> = {}
    for (const [name, migration] of Object.entries(migrations)) {
      result[name] = {
        up: (db) => migration.up(db, this.dialect),
        down: migration.down ? (db) => migration.down!(db, this.dialect) : undefined,
      }
    }
    return result
  }
}

/**
 * The migrator, with its bookkeeping tables in the connection's own PostgreSQL schema: Kysely
 * otherwise looks for them in every schema and, when two schemas migrate at once (parallel test
 * databases, the two e2e servers), finds the other's lock table and fails.
 */
export async function createMigrator(db: Kysely<any>, dialect: Dialect): Promise<Migrator> {
  const schema = dialect === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined
  return new Migrator({ db, provider: new DialectMigrationProvider(dialect), ...(schema ? { migrationTableSchema: schema } : {}) })
}

/** Applies every pending migration; throws with the failing migration's name on error. */
export async function migrateToLatest(db: Kysely<any>, dialect: Dialect): Promise<MigrationResultSet> {
  const result = await (await createMigrator(db, dialect)).migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')
    const cause = result.error instanceof Error ? result.error : new Error(String(result.error))
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause.message}`, { cause })
  }
  return result
}

/** True when every known migration has been applied (the health check uses it). */
export async function isFullyMigrated(db: Kysely<any>, dialect: Dialect): Promise<boolean> {
  const list = await (await createMigrator(db, dialect)).getMigrations()
  return list.length > 0 && list.every((m) => m.executedAt !== undefined)
}
