import { isFullyMigrated } from '../../db/migrate'
import { getDatabase } from '~/db/client.server'

export type Health =
  | { status: 'ok'; database: 'sqlite' | 'postgres' }
  | { status: 'unavailable'; database: 'sqlite' | 'postgres'; reason: string }

/** The database answers and every migration is applied. */
export async function checkHealth(): Promise<Health> {
  const { db, dialect } = getDatabase()
  try {
    if (await isFullyMigrated(db, dialect)) return { status: 'ok', database: dialect }
    return { status: 'unavailable', database: dialect, reason: 'migrations pending: run npm run db:migrate' }
  } catch (error) {
    // The check's whole job is to turn a database failure into a 503 instead of a 500.
    return { status: 'unavailable', database: dialect, reason: error instanceof Error ? error.message : 'database error' }
  }
}
