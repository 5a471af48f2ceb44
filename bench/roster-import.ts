/**
 * Roster import benchmark: `npx tsx bench/roster-import.ts [rows=100000]`. Builds a demo
 * database, writes a deterministic roster CSV of N rows for employer ACME, imports it through the
 * same service as the CLI, and prints rows/s and peak RSS. Figures, not a pass/fail test.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zipcodes from 'zipcodes'

const rows = Number(process.argv[2] ?? 100_000)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-roster-'))
process.env.DATABASE_URL = `file:${path.join(dir, 'bench.db')}`
process.env.SESSION_SECRET = 'bench-session-secret-0123456789-0123456789'

const { getDatabase } = await import('../app/db/client.server')
const { migrateToLatest } = await import('../db/migrate')
const { seedDemoData } = await import('../db/seed/index')
const { findEmployerByCode } = await import('../app/db/repositories/roster-import.server')
const { importRosterFile } = await import('../app/services/roster-import.server')

const { db, dialect } = getDatabase()
await migrateToLatest(db, dialect)
await seedDemoData(db)
const employer = (await findEmployerByCode(db, 'ACME'))!

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

const rssBefore = process.memoryUsage().rss
const started = performance.now()
const report = await importRosterFile({ employerId: employer.id }, file, { label: 'bench.csv', actor: null, fullFile: false, allOrNothing: true })
const seconds = (performance.now() - started) / 1000
const peakRss = process.resourceUsage().maxRSS * 1024
console.log(`roster import (${dialect}): ${report.rowsRead} rows, ${report.inserted} inserted, ${report.rejected.length} rejected`)
console.log(`  ${seconds.toFixed(2)} s, ${Math.round(report.rowsRead / seconds).toLocaleString('en-US')} rows/s`)
console.log(`  peak RSS ${(peakRss / 1e6).toFixed(0)} MB (before import ${(rssBefore / 1e6).toFixed(0)} MB)`)
await db.destroy()
fs.rmSync(dir, { recursive: true, force: true })
