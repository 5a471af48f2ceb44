/**
 * `npm run restore -- <backup file> [--to <path or postgres://…>]`: puts a backup of
 * `npm run backup` back into the database named by DATABASE_URL (or --to). SQLite: checks the file
 * (PRAGMA integrity_check, the migrations table), refuses while a server or another process has
 * the database open, keeps a copy of what was there, then writes the backup in one transaction.
 * PostgreSQL: pg_restore --clean in one transaction. See docs/reliability.md.
 */
import { parseArgs } from 'node:util'
import { DEFAULT_SQLITE_PATH, getEnv } from '../app/env.server'
import { BackupError, restoreDatabase } from '../db/backup'

const USAGE = 'Usage: npm run restore -- <backup file> [--to <SQLite file | postgres://…>]'

let file: string | undefined
let to: string | undefined
try {
  const args = parseArgs({ allowPositionals: true, options: { to: { type: 'string' } } })
  file = args.positionals[0]
  to = args.values.to
  if (!file || args.positionals.length > 1) throw new Error(args.positionals.length > 1 ? 'Give one backup file.' : 'Give the backup file to restore.')
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`)
  process.exit(2)
}
const env = getEnv()
try {
  const result = await restoreDatabase({ file, to, url: env.DATABASE_URL ?? `file:${DEFAULT_SQLITE_PATH}`, schema: env.DATABASE_SCHEMA })
  console.log(`Restored ${result.file} into ${result.target} (${result.dialect}, ${result.tables} tables) in ${result.seconds.toFixed(1)} s.`)
  if (result.previous) console.log(`  What the target held before is in ${result.previous}.`)
  if (result.pendingMigrations.length > 0) {
    console.log(`  The backup predates ${result.pendingMigrations.length} migration(s) of this code: run npm run db:migrate before starting the server.`)
  }
} catch (error) {
  if (!(error instanceof BackupError)) throw error
  console.error(`Restore failed. ${error.message}`)
  process.exitCode = 1
}
