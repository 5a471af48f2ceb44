import { DEFAULT_SQLITE_PATH, getEnv } from '~/env.server'
import { openDatabase, type DatabaseConnection } from './connection'

declare global {
  // One connection per process, kept across dev rebuilds.
  var __portalDatabase: DatabaseConnection | undefined
}

/** The app's database, opened on first use from DATABASE_URL (SQLite file by default). */
export function getDatabase(): DatabaseConnection {
  if (!globalThis.__portalDatabase) {
    const env = getEnv()
    globalThis.__portalDatabase = openDatabase({
      url: env.DATABASE_URL ?? `file:${DEFAULT_SQLITE_PATH}`,
      schema: env.DATABASE_SCHEMA,
    })
  }
  return globalThis.__portalDatabase
}

export function getDb() {
  return getDatabase().db
}
