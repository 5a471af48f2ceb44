/**
 * `npm run fault:roster [-- --rows 200000 --trials 5 --seed N --max-seconds 900 --keep]` (issue 10):
 * is the roster import atomic when its process dies? Builds a demo database whose employer ACME
 * already has a roster of N members (imported by the CLI), writes a second full file of N rows
 * (5 % of the members gone, 5 % new, every tenth changed), and runs the real CLI on it:
 * once to completion (the "new" content), once with another process writing meanwhile, then
 * --trials times killed with SIGKILL at different points. After each kill it opens the file, checks
 * integrity, foreign keys and that the roster is the old or the new one (never a half import, and
 * the import's audit entry only with the new roster), then re-runs the import and checks that it
 * converges to the clean run's content. Prints a table; JSON under reliability/results/.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type SqliteDatabase from 'better-sqlite3'
import zipcodes from 'zipcodes'
import { createSeededBase, checkpointAndClose, checksum, parseFaultArgs, runExperiment, runToCompletion, seconds } from './harness'

const USAGE = 'Usage: npm run fault:roster -- [--rows 200000] [--trials 5] [--seed N] [--max-seconds 900] [--child-timeout 300] [--keep]'
const args = parseFaultArgs(USAGE, { rows: { type: 'string', default: '200000' } })
const rows = Number(args.values.rows)
if (!Number.isInteger(rows) || rows < 1000) {
  console.error(`--rows must be a whole number of at least 1000\n${USAGE}`)
  process.exit(2)
}
const EMPLOYER = 'ACME'
const SESSION_SECRET = 'fault-script-session-secret-0123456789-0123456789'
/** As `npm run import:roster` runs it (package.json): node with a bounded heap, the CLI directly. */
const rosterCli = (file: string, fullFile: boolean) => [
  '--max-old-space-size=384', '--import', 'tsx', 'scripts/import-roster.ts', '--employer', EMPLOYER, ...(fullFile ? ['--full-file'] : []), file,
]
const envFor = (dbFile: string): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${dbFile}`, SESSION_SECRET }
  delete env.DATABASE_SCHEMA
  return env
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fault-roster-'))
console.log(`fault:roster: ${rows.toLocaleString('en-US')} rows, ${args.trials} trials, seed ${args.seed}, work files in ${workDir}`)

// The two roster files: members R0… of the first file; the second drops the first 5 %, adds 5 % new
// at the end, and changes the ZIP and plan of every tenth member.
const ZIPS = (zipcodes.radius('43215', 60) as string[]).sort()
const FIRST = ['Pat', 'Ana', 'Luis', 'Mei', 'Omar', 'Zoe', 'Ivan', 'Kofi', 'Lena', 'Raj', 'Sara', 'Tom']
const LAST = ['Lee', 'Garcia', 'Nguyen', 'Smith', 'Okafor', 'Kim', 'Patel', 'Rossi', 'Novak', 'Silva', 'Brown']
async function writeRoster(file: string, from: number, to: number, changed: (i: number) => boolean) {
  const out = fs.createWriteStream(file)
  out.write('employee_id,first_name,last_name,date_of_birth,zip,plan,coverage_tier,coverage_start,coverage_end,dependents\n')
  for (let i = from; i < to; i++) {
    const tier = ['employee', 'employee_spouse', 'family'][i % 3]!
    const change = changed(i) ? 1 : 0
    const line = `R${String(i).padStart(8, '0')},${FIRST[i % FIRST.length]},${LAST[i % LAST.length]},${1960 + (i % 44)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${ZIPS[(i + change * 7) % ZIPS.length]},${(i + change) % 3 ? 'Choice PPO' : 'Saver HDHP with HSA'},${tier},2026-01-01,,${tier === 'employee' ? 0 : tier === 'family' ? 3 : 1}\n`
    if (!out.write(line)) await new Promise((resolve) => out.once('drain', resolve))
  }
  await new Promise((resolve) => out.end(resolve))
}
const firstFile = path.join(workDir, 'roster-1.csv')
const secondFile = path.join(workDir, 'roster-2.csv')
const churn = Math.round(rows * 0.05)
await writeRoster(firstFile, 0, rows, () => false)
await writeRoster(secondFile, churn, rows + churn, (i) => i % 10 === 0)

// The base: migrated, demo data, and the first roster imported by the CLI.
const baseFile = path.join(workDir, 'base.db')
let started = performance.now()
process.env.SESSION_SECRET ??= SESSION_SECRET
await createSeededBase(baseFile)
const seedSeconds = seconds(performance.now() - started)
started = performance.now()
const firstImport = await runToCompletion(rosterCli(firstFile, false), { env: envFor(baseFile), dbFile: baseFile, timeoutMs: args.childTimeoutSeconds * 1000 })
checkpointAndClose(baseFile)
console.log(`Base: demo data ${seedSeconds} s; first roster (${rows.toLocaleString('en-US')} rows) ${seconds(performance.now() - started)} s. ${firstImport.stdout.trim().split('\n').pop()}`)

const fingerprint = (db: SqliteDatabase.Database) => ({
  roster: checksum(
    db,
    `select employer_id, employee_id, first_name, last_name, date_of_birth, zip, health_plan_id, coverage_tier, coverage_start, coverage_end,
       dependents_count, deductible_met_cents, oop_paid_cents from roster_members order by employer_id, employee_id`,
  ),
  importAuditEntries: db.prepare(`select count(*) from audit_log where action = 'roster.imported'`).pluck().get() as number,
})
type Fingerprint = ReturnType<typeof fingerprint>
const same = (a: Fingerprint['roster'], b: Fingerprint['roster']) => a.rows === b.rows && a.sha256 === b.sha256

const exitCode = await runExperiment<Fingerprint>({
  name: 'fault-roster',
  title: `fault:roster: ${rows.toLocaleString('en-US')}-row full-file import into a ${rows.toLocaleString('en-US')}-member roster, killed with SIGKILL`,
  args,
  baseFile,
  workDir,
  cliArgs: rosterCli(secondFile, true),
  // The import writes as it reads (batches of rows): its first write reaching the WAL starts the write phase.
  writeStarts: 'first-write',
  writeStartsLabel: 'first write in the WAL',
  envFor,
  fingerprint,
  classify: (found, before, after) => {
    if (same(found.roster, before.roster) && found.importAuditEntries === before.importAuditEntries) return 'old'
    if (same(found.roster, after.roster) && found.importAuditEntries === before.importAuditEntries + 1) return 'new'
    return `HALF: ${found.roster.rows} rows ${found.roster.sha256}, ${found.importAuditEntries - before.importAuditEntries} audit entries`
  },
  converged: (found, after) => same(found.roster, after.roster),
  setup: {
    rows, secondFile: { rows, gone: churn, added: churn, changed: Math.ceil(rows / 10) }, employer: EMPLOYER, seedSeconds,
    firstImportSeconds: firstImport.ms / 1000, firstImportOutput: firstImport.stdout.trim().split('\n'),
    baseMB: fs.statSync(baseFile).size / 1e6,
  },
})
if (!args.keep) fs.rmSync(workDir, { recursive: true, force: true })
process.exitCode = exitCode
