/**
 * Backups and restores of the portal's database (issue 10): `npm run backup` and
 * `npm run restore` (scripts/backup.ts, scripts/restore.ts) and the integration test call these.
 *
 * SQLite: SQLite's online backup API (better-sqlite3 `backup`) copies a consistent snapshot while
 * the server keeps running (WAL: readers never block the server's writes). A restore checks the
 * file first (`PRAGMA integrity_check`, the migrations table) and writes it into place through the
 * same API, in one transaction, and only when no other process has the database open.
 * PostgreSQL: `pg_dump --format=custom` of the database (or of DATABASE_SCHEMA only) and
 * `pg_restore --clean --single-transaction` into the target. Every failure is a BackupError whose
 * message says what was wrong and that nothing was changed.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import type { Dialect } from './dialect'
import { migrations } from './migrations/index'

export class BackupError extends Error {}

/** Kysely's bookkeeping table (db/migrate.ts): present in every database this portal migrated. */
export const MIGRATION_TABLE = 'kysely_migration'
/** Pages per backup step: all of them, so one step copies one consistent snapshot (no restarts). */
const ALL_PAGES = 0x7fffffff
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')
const PG_DUMP_MAGIC = Buffer.from('PGDMP', 'latin1')

export interface BackupResult {
  dialect: Dialect
  /** The database that was copied: a file path, or database[/schema] on PostgreSQL. */
  source: string
  file: string
  bytes: number
  seconds: number
  /** Tables in the backup (the migrator's own included). */
  tables: number
}

export interface RestoreResult {
  dialect: Dialect
  file: string
  /** Where the backup went: a file path, or database[/schema] on PostgreSQL. */
  target: string
  /** SQLite: a copy of what the target held before (nothing is lost by restoring the wrong file). */
  previous?: string
  tables: number
  /** Migrations of this code that the backup predates: `npm run db:migrate` applies them. */
  pendingMigrations: string[]
  seconds: number
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url)
}

/** file:data/portal.db or data/portal.db → data/portal.db */
export function sqlitePathOf(url: string): string {
  return url.replace(/^file:/, '')
}

/** 2026-11-24T10-31-05.123Z: sorts by time and is a valid file name everywhere. */
function timestamp(now: Date): string {
  return now.toISOString().replace(/:/g, '-')
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

type FileKind = 'sqlite' | 'pg_dump' | 'other'

function kindOf(file: string): FileKind {
  const head = Buffer.alloc(SQLITE_MAGIC.length)
  const fd = fs.openSync(file, 'r')
  try {
    fs.readSync(fd, head, 0, head.length, 0)
  } finally {
    fs.closeSync(fd)
  }
  if (head.equals(SQLITE_MAGIC)) return 'sqlite'
  if (head.subarray(0, PG_DUMP_MAGIC.length).equals(PG_DUMP_MAGIC)) return 'pg_dump'
  return 'other'
}

// ---------------------------------------------------------------------------------------------
// Backup

export interface BackupOptions {
  /** DATABASE_URL: postgres://… or file:… (or a plain path). */
  url: string
  /** PostgreSQL: DATABASE_SCHEMA; only that schema is dumped. */
  schema?: string
  /** Directory of the timestamped backup files (created when missing). */
  outDir: string
  now?: Date
}

export async function backupDatabase(options: BackupOptions): Promise<BackupResult> {
  return isPostgresUrl(options.url) ? backupPostgres(options) : backupSqlite(options)
}

async function backupSqlite(options: BackupOptions): Promise<BackupResult> {
  const started = performance.now()
  const source = sqlitePathOf(options.url)
  if (!fs.existsSync(source)) throw new BackupError(`No SQLite database at ${source}: nothing to back up. Check DATABASE_URL.`)
  if (!fs.statSync(source).isFile() || kindOf(source) !== 'sqlite') throw new BackupError(`${source} is not a SQLite database: nothing was backed up.`)
  fs.mkdirSync(options.outDir, { recursive: true })
  const file = path.join(options.outDir, `${path.basename(source).replace(/\.(db|sqlite3?)$/, '')}-${timestamp(options.now ?? new Date())}.db`)
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists: nothing was backed up.`)
  // Written under another name and renamed when complete and checked: a file with the final name is always whole.
  const partial = `${file}.partial`
  try {
    const db = new SqliteDatabase(source, { fileMustExist: true, timeout: 5000 })
    try {
      await db.backup(partial, { progress: () => ALL_PAGES })
    } finally {
      db.close()
    }
    const copy = new SqliteDatabase(partial, { fileMustExist: true })
    let content: SqliteContent
    try {
      // A rollback journal: the backup is one self-contained file, with no -wal or -shm beside it.
      copy.pragma('journal_mode = DELETE')
      content = checkSqliteContent(copy, file)
    } finally {
      copy.close()
    }
    fs.renameSync(partial, file)
    return { dialect: 'sqlite', source, file, bytes: fs.statSync(file).size, seconds: (performance.now() - started) / 1000, tables: content.tables }
  } catch (error) {
    fs.rmSync(partial, { force: true })
    if (error instanceof BackupError) throw error
    throw new BackupError(`Backup of ${source} failed: ${messageOf(error)}. No backup file was written.`, { cause: error })
  }
}

interface SqliteContent {
  /** Names of the applied migrations. */
  migrations: string[]
  tables: number
}

/** integrity_check and the migrations table. */
function checkSqliteContent(db: SqliteDatabase.Database, file: string): SqliteContent {
  let problems: string[]
  try {
    problems = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check)
  } catch (error) {
    problems = [messageOf(error)] // SQLITE_CORRUPT: damage bad enough that the check itself stops
  }
  if (problems.length !== 1 || problems[0] !== 'ok') {
    const shown = problems.slice(0, 10).map((line) => `  ${line.replace(/\n/g, '\n  ')}`)
    if (problems.length > 10) shown.push(`  … and ${problems.length - 10} more`)
    throw new BackupError(`${file} failed PRAGMA integrity_check:\n${shown.join('\n')}`)
  }
  const hasTable = db.prepare(`select 1 from sqlite_master where type = 'table' and name = ?`).get(MIGRATION_TABLE)
  if (!hasTable) throw new BackupError(`${file} has no ${MIGRATION_TABLE} table: it is not a database of this portal.`)
  return {
    migrations: db.prepare(`select name from ${MIGRATION_TABLE} order by name`).pluck().all() as string[],
    tables: db.prepare(`select count(*) from sqlite_master where type = 'table' and name not like 'sqlite_%'`).pluck().get() as number,
  }
}

async function backupPostgres(options: BackupOptions): Promise<BackupResult> {
  const started = performance.now()
  const target = pgTarget(options.url, options.schema)
  fs.mkdirSync(options.outDir, { recursive: true })
  const file = path.join(options.outDir, `${target.database}${options.schema ? `-${options.schema}` : ''}-${timestamp(options.now ?? new Date())}.dump`)
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists: nothing was backed up.`)
  const partial = `${file}.partial`
  try {
    runPgTool('pg_dump', ['--format=custom', '--no-password', `--file=${partial}`, ...(options.schema ? [`--schema=${options.schema}`] : []), target.database], target.env)
    const toc = listPgDump(partial, target.env)
    if (!toc.tables.some((t) => t.name === MIGRATION_TABLE)) {
      throw new BackupError(`${target.label} has no ${MIGRATION_TABLE} table: it is not a database of this portal (or DATABASE_SCHEMA names another schema). No backup file was written.`)
    }
    fs.renameSync(partial, file)
    return { dialect: 'postgres', source: target.label, file, bytes: fs.statSync(file).size, seconds: (performance.now() - started) / 1000, tables: toc.tables.length }
  } finally {
    fs.rmSync(partial, { force: true })
  }
}

// ---------------------------------------------------------------------------------------------
// Restore

export interface RestoreOptions {
  /** The backup: a .db file of `npm run backup` on SQLite, a pg_dump custom-format archive on PostgreSQL. */
  file: string
  /** DATABASE_URL: where the backup goes unless `to` is given. */
  url: string
  schema?: string
  /** Another target: a SQLite file path, or a postgres:// URL. */
  to?: string
  now?: Date
}

export async function restoreDatabase(options: RestoreOptions): Promise<RestoreResult> {
  if (!fs.existsSync(options.file)) throw new BackupError(`No backup file at ${options.file}: nothing was restored.`)
  if (!fs.statSync(options.file).isFile()) throw new BackupError(`${options.file} is not a file: nothing was restored.`)
  const kind = kindOf(options.file)
  const targetUrl = options.to ?? options.url
  if (kind === 'sqlite') {
    if (isPostgresUrl(targetUrl)) {
      throw new BackupError(`${options.file} is a SQLite backup but the target is PostgreSQL (${redactUrl(targetUrl)}): give a SQLite file with --to <path>. Nothing was restored.`)
    }
    return restoreSqlite(options.file, sqlitePathOf(targetUrl), options.now ?? new Date())
  }
  if (kind === 'pg_dump') {
    if (!isPostgresUrl(targetUrl)) {
      throw new BackupError(`${options.file} is a PostgreSQL backup (pg_dump archive) but the target is SQLite (${targetUrl}): set DATABASE_URL to the PostgreSQL database or give --to postgres://…. Nothing was restored.`)
    }
    return restorePostgres(options.file, targetUrl, options.to ? undefined : options.schema)
  }
  throw new BackupError(`${options.file} is not a backup: it is neither a SQLite database nor a pg_dump custom-format archive (its first bytes are not "SQLite format 3" or "PGDMP"). Nothing was restored.`)
}

async function restoreSqlite(file: string, target: string, now: Date): Promise<RestoreResult> {
  const started = performance.now()
  if (path.resolve(file) === path.resolve(target)) throw new BackupError(`${file} is the target database itself: nothing was restored.`)
  let backup: SqliteDatabase.Database
  try {
    backup = new SqliteDatabase(file, { readonly: true, fileMustExist: true })
  } catch (error) {
    throw new BackupError(`${file} could not be opened as a SQLite database (${messageOf(error)}): nothing was restored.`, { cause: error })
  }
  try {
    let content: SqliteContent
    try {
      content = checkSqliteContent(backup, file)
    } catch (error) {
      if (error instanceof BackupError) throw new BackupError(`${error.message}\nNothing was restored.`)
      throw error
    }
    const applied = content.migrations
    const known = Object.keys(migrations)
    const unknown = applied.filter((name) => !known.includes(name))
    if (unknown.length > 0) {
      throw new BackupError(`${file} was made by a newer version of the portal: it has migrations this code does not know (${unknown.join(', ')}). Restore it with that version. Nothing was restored.`)
    }

    let previous: string | undefined
    if (fs.existsSync(target)) {
      assertNotInUse(target)
      previous = await keepPrevious(target, now)
    } else {
      fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true })
    }
    // The backup API writes the pages into the target in one transaction: a process that opens the
    // target meanwhile sees the old database or the new one, never a mix.
    await backup.backup(target, { progress: () => ALL_PAGES })
    const restored = new SqliteDatabase(target, { fileMustExist: true })
    try {
      restored.pragma('journal_mode = WAL') // the mode app/db/connection.ts uses
      const check = restored.pragma('quick_check', { simple: true })
      if (check !== 'ok') throw new BackupError(`${target} failed PRAGMA quick_check after the restore (${String(check)}); the previous database is in ${previous}.`)
    } finally {
      restored.close()
    }
    return {
      dialect: 'sqlite', file, target, previous, tables: content.tables,
      pendingMigrations: known.filter((name) => !applied.includes(name)), seconds: (performance.now() - started) / 1000,
    }
  } finally {
    backup.close()
  }
}

/**
 * Refuses a target that another process has open (a running server, an import). Two checks:
 * other processes holding the file open (Linux /proc), and an exclusive SQLite lock, which a WAL
 * connection anywhere (this process included) keeps from being taken.
 */
function assertNotInUse(target: string) {
  const holders = processesHolding(target)
  if (holders.length > 0) {
    throw new BackupError(
      `${target} is in use by ${holders.map((h) => `process ${h.pid} (${h.command})`).join(', ')}. ` +
        'Stop the server (and any import) and run the restore again, or restore to another file with --to <path>. Nothing was restored.',
    )
  }
  let db: SqliteDatabase.Database
  try {
    db = new SqliteDatabase(target, { fileMustExist: true, timeout: 0 })
  } catch (error) {
    throw new BackupError(`${target} could not be opened (${messageOf(error)}): nothing was restored.`, { cause: error })
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE')
    db.exec('BEGIN EXCLUSIVE')
    db.exec('COMMIT')
  } catch (error) {
    const code = (error as { code?: string }).code ?? ''
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new BackupError(
        `${target} is in use (another connection holds it: a running server, an import, or this process). ` +
          'Stop the server and run the restore again, or restore to another file with --to <path>. Nothing was restored.',
      )
    }
    if (code === 'SQLITE_NOTADB') throw new BackupError(`${target} exists but is not a SQLite database: the restore will not overwrite it.`)
    throw new BackupError(`${target} could not be locked for the restore (${messageOf(error)}): nothing was restored.`, { cause: error })
  } finally {
    db.close()
  }
}

function processesHolding(target: string): Array<{ pid: number; command: string }> {
  if (process.platform !== 'linux' || !fs.existsSync('/proc/self/fd')) return []
  const resolved = fs.realpathSync(target)
  const names = new Set([resolved, `${resolved}-wal`, `${resolved}-shm`, `${resolved}-journal`])
  const holders: Array<{ pid: number; command: string }> = []
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid) || pid === process.pid) continue
    let fds: string[]
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`)
    } catch {
      continue // another user's process, or it just exited
    }
    const holds = fds.some((fd) => {
      try {
        return names.has(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))
      } catch {
        return false
      }
    })
    if (!holds) continue
    let command = '?'
    try {
      command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ').slice(0, 120)
    } catch {
      // it exited meanwhile
    }
    holders.push({ pid, command })
  }
  return holders
}

/** Copies the target aside before it is overwritten: <name>.before-restore-<time>.db beside it. */
async function keepPrevious(target: string, now: Date): Promise<string> {
  const previous = path.join(path.dirname(target), `${path.basename(target).replace(/\.(db|sqlite3?)$/, '')}.before-restore-${timestamp(now)}.db`)
  try {
    const db = new SqliteDatabase(target, { fileMustExist: true, timeout: 0 })
    try {
      await db.backup(previous, { progress: () => ALL_PAGES })
    } finally {
      db.close()
    }
    return previous
  } catch (error) {
    // A damaged target (the reason for many restores) may not survive the backup API: keep its files as they are.
    fs.rmSync(previous, { force: true })
    try {
      fs.copyFileSync(target, previous)
      if (fs.existsSync(`${target}-wal`)) fs.copyFileSync(`${target}-wal`, `${previous}-wal`)
    } catch (copyError) {
      throw new BackupError(`Could not keep a copy of ${target} (${messageOf(error)}; ${messageOf(copyError)}): nothing was restored.`, { cause: copyError })
    }
    return previous
  }
}

async function restorePostgres(file: string, url: string, schema: string | undefined): Promise<RestoreResult> {
  const started = performance.now()
  const target = pgTarget(url, schema)
  const toc = listPgDump(file, target.env)
  const migrationTable = toc.tables.find((t) => t.name === MIGRATION_TABLE)
  if (!migrationTable) throw new BackupError(`${file} has no ${MIGRATION_TABLE} table: it is not a backup of this portal's database. Nothing was restored.`)
  if (schema && migrationTable.schema !== schema) {
    throw new BackupError(
      `${file} holds schema ${migrationTable.schema} but DATABASE_SCHEMA is ${schema}: pg_restore restores a schema under its own name. ` +
        `Set DATABASE_SCHEMA=${migrationTable.schema}. Nothing was restored.`,
    )
  }
  // One transaction: a failure half way (a missing role, a dependent object) rolls everything back.
  runPgTool('pg_restore', ['--clean', '--if-exists', '--single-transaction', '--exit-on-error', '--no-password', `--dbname=${target.database}`, file], target.env, 'Nothing was restored (the restore runs in one transaction).')
  return {
    dialect: 'postgres', file, target: target.label, tables: toc.tables.length, pendingMigrations: [], seconds: (performance.now() - started) / 1000,
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL tools

interface PgTarget {
  database: string
  label: string
  /** libpq variables: the password never appears on a command line (`ps` shows those). */
  env: NodeJS.ProcessEnv
}

function pgTarget(url: string, schema: string | undefined): PgTarget {
  const parsed = new URL(url)
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''))
  if (!database) throw new BackupError(`DATABASE_URL names no database (${redactUrl(url)}).`)
  const env: NodeJS.ProcessEnv = { ...process.env }
  const set = (name: string, value: string | null | undefined) => {
    if (value) env[name] = value
  }
  set('PGHOST', parsed.searchParams.get('host') ?? decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, '')))
  set('PGPORT', parsed.port)
  set('PGUSER', decodeURIComponent(parsed.username))
  set('PGPASSWORD', decodeURIComponent(parsed.password))
  set('PGSSLMODE', parsed.searchParams.get('sslmode'))
  return { database, label: `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}/${database}${schema ? ` schema ${schema}` : ''}`, env }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@')
}

function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv, onFailure = ''): string {
  const result = spawnSync(tool, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (result.error) {
    if ((result.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new BackupError(`${tool} was not found on PATH: install the PostgreSQL client tools (Debian: postgresql-client) of the server's major version or newer.`)
    }
    throw new BackupError(`${tool} could not be started: ${result.error.message}`, { cause: result.error })
  }
  if (result.status !== 0) {
    const stderr = result.stderr.trim().split('\n').slice(0, 15).join('\n')
    throw new BackupError(`${tool} failed (exit ${result.status ?? result.signal}):\n${stderr}${onFailure ? `\n${onFailure}` : ''}`)
  }
  return result.stdout
}

/** The tables of a pg_dump archive (from its table of contents); fails clearly on anything else. */
function listPgDump(file: string, env: NodeJS.ProcessEnv): { tables: Array<{ schema: string; name: string }> } {
  let listing: string
  try {
    listing = runPgTool('pg_restore', ['--list', file], env)
  } catch (error) {
    if (!(error instanceof BackupError) || / was not found on PATH/.test(error.message)) throw error
    throw new BackupError(`${file} is not a readable pg_dump archive: ${error.message}`, { cause: error })
  }
  const tables = [...listing.matchAll(/^\d+; \d+ \d+ TABLE (?!DATA )(\S+) (\S+) /gm)].map((m) => ({ schema: m[1]!, name: m[2]! }))
  return { tables }
}
