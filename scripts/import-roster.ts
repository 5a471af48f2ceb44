/**
 * `npm run import:roster -- --employer <code> [--full-file] [--all-or-nothing] <file.csv>`:
 * loads an employer's eligibility roster into the database named by DATABASE_URL.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { getDatabase } from '../app/db/client.server'
import { findEmployerByCode } from '../app/db/repositories/roster-import.server'
import { CsvFileError } from '../app/services/csv-reader.server'
import { importRosterFile } from '../app/services/roster-import.server'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { employer: { type: 'string' }, 'full-file': { type: 'boolean', default: false }, 'all-or-nothing': { type: 'boolean', default: false } },
})
const file = positionals[0]
if (!values.employer || !file) {
  console.error('Usage: npm run import:roster -- --employer <code> [--full-file] [--all-or-nothing] <roster.csv>')
  process.exit(2)
}
const { db } = getDatabase()
try {
  const employer = await findEmployerByCode(db, values.employer)
  if (!employer) {
    console.error(`No employer with code ${values.employer}.`)
    process.exitCode = 1
  } else {
    const started = Date.now()
    const rssAtStart = process.memoryUsage().rss
    const report = await importRosterFile({ employerId: employer.id }, file, {
      label: path.basename(file),
      actor: null,
      fullFile: values['full-file'],
      allOrNothing: values['all-or-nothing'],
      onProgress: (rows) => process.stderr.write(`  checked ${rows} rows\r`),
    })
    for (const r of report.rejected.slice(0, 200)) console.error(`  line ${r.line}${r.column ? `, ${r.column}` : ''}: ${r.reason}`)
    if (report.problems > 200) console.error(`  … and ${report.problems - 200} more`)
    if (!report.imported) {
      console.error(`${report.problems} problem(s) in ${report.rowsRead} rows; nothing was imported.`)
      process.exitCode = 1
    } else {
      console.log(
        `${employer.name}: ${report.rowsRead} rows, ${report.inserted} new, ${report.updated} updated, ${report.unchanged} unchanged, ` +
          `${report.coverageEnded} coverage ended, ${report.problems} problem(s) skipped. ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      )
      // Figures for operators and the benchmark: rows a second and memory (peak RSS of this process).
      const seconds = (Date.now() - started) / 1000
      const peak = process.resourceUsage().maxRSS * 1024
      console.log(`  ${Math.round(report.rowsRead / seconds)} rows/s, peak RSS ${(peak / 1e6).toFixed(0)} MB (at start ${(rssAtStart / 1e6).toFixed(0)} MB)`)
    }
  }
} catch (error) {
  if (!(error instanceof CsvFileError)) throw error
  console.error(`Import failed, nothing was changed.\n${error.message}`)
  process.exitCode = 1
} finally {
  await db.destroy()
}
