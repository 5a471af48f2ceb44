/**
 * `npm run fault:cms [-- --cms <folder> --trials 5 --seed N --max-seconds 900 --keep]` (issue 10):
 * is the CMS import atomic when its process dies? Starts from the demo database, which already
 * holds the committed CMS extract (issue 19), made to look like an older release (every quality
 * value, star rating, typical price and Medicare base changed), so the import's "new" content
 * differs from the "old" in all four tables, and runs the
 * real CLI on the CMS Care Compare folder (../shared/data/cms, or CMS_DIR, or --cms): once to
 * completion (the "new" content), once with another process writing meanwhile, then --trials
 * times killed with SIGKILL at different points. After each kill it opens the file, checks
 * integrity, foreign keys and that facilities, quality facts, typical prices and Medicare bases
 * are all old or all new, then re-runs the import and checks that it converges to the clean
 * run's content. Prints a table; JSON under reliability/results/.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { createSeededBase, checkpointAndClose, checksum, parseFaultArgs, ROOT, runExperiment, seconds } from './harness'

const USAGE = 'Usage: npm run fault:cms -- [--cms <folder>] [--trials 5] [--seed N] [--max-seconds 900] [--child-timeout 300] [--keep]'
const args = parseFaultArgs(USAGE, { cms: { type: 'string', default: process.env.CMS_DIR ?? path.resolve(ROOT, '../shared/data/cms') } })
const cmsDir = path.resolve(String(args.values.cms))
if (!fs.existsSync(path.join(cmsDir, 'Hospital_General_Information.csv'))) {
  console.error(`${cmsDir} has no Hospital_General_Information.csv: give the folder of CMS files with --cms <folder> (or CMS_DIR).\n${USAGE}`)
  process.exit(2)
}
const SESSION_SECRET = 'fault-script-session-secret-0123456789-0123456789'
/** As `npm run import:cms` runs it, but node directly (the tsx wrapper's child would survive a kill of the wrapper). */
const cmsCli = ['--import', 'tsx', 'scripts/import-cms.ts', cmsDir]
const envFor = (dbFile: string): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${dbFile}`, SESSION_SECRET }
  delete env.DATABASE_SCHEMA
  return env
}

/** The demo's CMS facts as an older release would have had them: every value the import writes differs. */
function ageCatalog(file: string) {
  const db = new SqliteDatabase(file)
  db.exec(`
    update quality_measures set value = value + 1 where value is not null;
    update facilities set star_rating = case when star_rating is null then 3 when star_rating = 5 then 4 else star_rating + 1 end, phone = null where ccn is not null;
    update market_prices set price_cents = price_cents + 100;
    update procedures set medicare_base_cents = medicare_base_cents + 100 where medicare_base_cents is not null;
  `)
  db.close()
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fault-cms-'))
console.log(`fault:cms: ${cmsDir}, ${args.trials} trials, seed ${args.seed}, work files in ${workDir}`)

const baseFile = path.join(workDir, 'base.db')
const started = performance.now()
process.env.SESSION_SECRET ??= SESSION_SECRET
await createSeededBase(baseFile)
ageCatalog(baseFile)
checkpointAndClose(baseFile)
const seedSeconds = seconds(performance.now() - started)
console.log(`Base: demo data ${seedSeconds} s.`)

// Facilities are keyed by CCN (a facility without one by its id): the import's own ids are new on every run.
const fingerprint = (db: SqliteDatabase.Database) => ({
  facilities: checksum(
    db,
    `select coalesce(ccn, id) as k, name, address, city, state, zip, county, phone, latitude, longitude, coordinate_source, facility_type, ownership,
       has_emergency_services, star_rating, health_system_id from facilities order by k`,
  ),
  qualityMeasures: checksum(
    db,
    `select coalesce(f.ccn, f.id) as k, q.measure_code, q.value, q.comparison, q.denominator, q.period_start, q.period_end, q.source, q.footnote
       from quality_measures q join facilities f on f.id = q.facility_id order by k, q.measure_code`,
  ),
  marketPrices: checksum(
    db,
    `select p.code, m.scope, case when m.facility_id is null then m.scope_key else coalesce(f.ccn, f.id) end as k, m.state, m.price_cents,
       m.medicare_base_cents, m.cost_index, m.commercial_multiplier, m.source
       from market_prices m join procedures p on p.id = m.procedure_id left join facilities f on f.id = m.facility_id order by 1, 2, 3`,
  ),
  procedures: checksum(db, 'select code, medicare_base_cents, medicare_base_source from procedures order by code'),
})
type Fingerprint = ReturnType<typeof fingerprint>
const TABLES = ['facilities', 'qualityMeasures', 'marketPrices', 'procedures'] as const
const sameTable = (a: Fingerprint, b: Fingerprint, table: (typeof TABLES)[number]) => a[table].rows === b[table].rows && a[table].sha256 === b[table].sha256

const exitCode = await runExperiment<Fingerprint>({
  name: 'fault-cms',
  title: `fault:cms: CMS Care Compare import (${path.basename(cmsDir)}) into the demo database, killed with SIGKILL`,
  args,
  baseFile,
  workDir,
  cliArgs: cmsCli,
  // importCmsFolder reads every file first (Payment-National.csv last; the CLI prints one "reading" line
  // per file) and only then writes, in one transaction.
  writeStarts: /^reading Payment-National\.csv/,
  writeStartsLabel: 'all files read (the write transaction begins)',
  envFor,
  fingerprint,
  classify: (found, before, after) => {
    if (TABLES.every((t) => sameTable(found, before, t))) return 'old'
    if (TABLES.every((t) => sameTable(found, after, t))) return 'new'
    return `HALF: ${TABLES.map((t) => `${t} ${sameTable(found, before, t) ? 'old' : sameTable(found, after, t) ? 'new' : `${found[t].rows} rows`}`).join(', ')}`
  },
  converged: (found, after) => TABLES.every((t) => sameTable(found, after, t)),
  setup: { cmsDir, seedSeconds, baseMB: fs.statSync(baseFile).size / 1e6 },
})
if (!args.keep) fs.rmSync(workDir, { recursive: true, force: true })
process.exitCode = exitCode
