/**
 * Roster import benchmark: `npx tsx bench/roster-import.ts [rows=100000]`. Builds a demo
 * database, writes a deterministic roster CSV of N rows for employer ACME, imports it with the CLI
 * in its own process (as `npm run import:roster` does), and prints rows/s and that process's peak
 * RSS beside its RSS at the start. Figures, not a pass/fail test.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zipcodes from 'zipcodes'

const rows = Number(process.argv[2] ?? 100_000)
/**
 * The heap flags of `npm run import:roster`, read from package.json so that the benchmark measures the
 * command operators run: a bounded old space keeps memory flat on big files, and 4 MB semi-spaces
 * (V8's default is 16) keep the young generation from holding ~30 MB more (stop 37: RSS growth at
 * 1,000,000 rows 187-193 MB against 194-212 MB, at the same speed within the noise).
 */
const importScript: string = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts['import:roster']
const ROSTER_CLI_NODE_FLAGS = importScript.match(/--max-(old|semi)-space-size=\d+/g) ?? []
const MALLOC_ARENA_MAX = /MALLOC_ARENA_MAX=(\d+)/.exec(importScript)?.[1]
if (!ROSTER_CLI_NODE_FLAGS.some((flag) => flag.startsWith('--max-old'))) throw new Error('package.json\'s import:roster has no --max-old-space-size flag')
/** BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the import process there (for `node --cpu-prof` analysis). */
const PROFILE_FLAGS = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-roster-'))
// DATABASE_URL=postgres://… runs it on PostgreSQL, in a scratch schema of that database (dropped at the end);
// otherwise on a scratch SQLite file.
const postgresUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL! : null
const scratchSchema = `bench_roster_${process.pid}`
async function onPostgres(statement: string) {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: postgresUrl! })
  await client.connect()
  await client.query(statement)
  await client.end()
}
if (postgresUrl) {
  await onPostgres(`drop schema if exists "${scratchSchema}" cascade; create schema "${scratchSchema}"`)
  process.env.DATABASE_SCHEMA = scratchSchema
} else process.env.DATABASE_URL = `file:${path.join(dir, 'bench.db')}`
process.env.SESSION_SECRET = 'bench-session-secret-0123456789-0123456789'

const { getDatabase } = await import('../app/db/client.server')
const { migrateToLatest } = await import('../db/migrate')
const { seedDemoData } = await import('../db/seed/index')
const { findEmployerByCode } = await import('../app/db/repositories/roster-import.server')

const { db, dialect } = getDatabase()
await migrateToLatest(db, dialect)
await seedDemoData(db)
if (!(await findEmployerByCode(db, 'ACME'))) throw new Error('The demo seed has no ACME employer')

const zips = (zipcodes.radius('43215', 60) as string[]).sort()
const FIRST = ['Pat', 'Ana', 'Luis', 'Mei', 'Omar', 'Zoe', 'Ivan', 'Kofi', 'Lena', 'Raj', 'Sara', 'Tom']
const LAST = ['Lee', 'Garcia', 'Nguyen', 'Smith', 'Okafor', 'Kim', 'Patel', 'Rossi', 'Novak', 'Silva', 'Brown']
const file = path.join(dir, 'roster.csv')
const out = fs.createWriteStream(file)
out.write('employee_id,first_name,last_name,date_of_birth,zip,plan,coverage_tier,coverage_start,coverage_end,dependents\n')
for (let i = 0; i < rows; i++) {
  const tier = ['employee', 'employee_spouse', 'family'][i % 3]
  out.write(`B${String(i).padStart(8, '0')},${FIRST[i % FIRST.length]},${LAST[i % LAST.length]},${1960 + (i % 44)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${zips[i % zips.length]},${i % 3 ? 'Choice PPO' : 'Saver HDHP with HSA'},${tier},2026-01-01,,${tier === 'employee' ? 0 : tier === 'family' ? 3 : 1}\n`)
}
await new Promise((resolve) => out.end(resolve))

// The import runs as operators run it: the CLI in its own process (with its heap cap, package.json).
await db.destroy()
const cli = spawnSync(process.execPath, [...ROSTER_CLI_NODE_FLAGS, ...PROFILE_FLAGS, '--import', 'tsx', 'scripts/import-roster.ts', '--employer', 'ACME', '--all-or-nothing', file], {
  // MALLOC_ARENA_MAX as in package.json's import:roster: the reader thread would otherwise get its own malloc arenas (~25 MB of RSS).
  env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, ...(MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX } : {}) },
  encoding: 'utf8',
})
const line = /(\d+) rows\/s, peak RSS (\d+) MB \(at start (\d+) MB\)/.exec(cli.stdout)
if (cli.status !== 0 || !line) {
  console.error(cli.stdout, cli.stderr)
  process.exit(1)
}
console.log(`roster import (${dialect}, CLI ${ROSTER_CLI_NODE_FLAGS.join(' ')}): ${rows} rows`)
console.log(`  ${Number(line[1]).toLocaleString('en-US')} rows/s`)
console.log(`  peak RSS ${line[2]} MB (before import ${line[3]} MB)`)
const phases = /checked in ([\d.]+) s, applied in ([\d.]+) s/.exec(cli.stdout)
if (phases) console.log(`  check ${phases[1]} s (read, compare, stage), apply ${phases[2]} s (write to the roster)`)
fs.rmSync(dir, { recursive: true, force: true })
if (postgresUrl) await onPostgres(`drop schema if exists "${scratchSchema}" cascade`)
