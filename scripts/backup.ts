/**
 * `npm run backup [-- --out <dir>]`: a consistent copy of the database named by DATABASE_URL
 * (SQLite data/portal.db by default) in a timestamped file under data/backups/. Safe while the
 * server runs. SQLite: SQLite's online backup API; PostgreSQL: pg_dump (custom format) of the
 * database, or of DATABASE_SCHEMA only when it is set. See docs/reliability.md.
 */
import { parseArgs } from 'node:util'
import { DEFAULT_SQLITE_PATH, getEnv } from '../app/env.server'
import { backupDatabase, BackupError } from '../db/backup'

const USAGE = 'Usage: npm run backup [-- --out <directory>]   (default directory: data/backups)'

let out: string
try {
  out = parseArgs({ options: { out: { type: 'string', default: 'data/backups' } } }).values.out!
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`)
  process.exit(2)
}
const env = getEnv()
try {
  const result = await backupDatabase({ url: env.DATABASE_URL ?? `file:${DEFAULT_SQLITE_PATH}`, schema: env.DATABASE_SCHEMA, outDir: out })
  console.log(`Backed up ${result.source} (${result.dialect}, ${result.tables} tables) to ${result.file}`)
  console.log(`  ${(result.bytes / 1e6).toFixed(1)} MB in ${result.seconds.toFixed(1)} s. Restore with: npm run restore -- ${result.file}`)
} catch (error) {
  if (!(error instanceof BackupError)) throw error
  console.error(`Backup failed. ${error.message}`)
  process.exitCode = 1
}
