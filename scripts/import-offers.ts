/** `npm run import:offers -- <file.csv>`: loads health systems' bundled offers (all or nothing). */
import path from 'node:path'
import { getDatabase } from '../app/db/client.server'
import { CsvFileError } from '../app/services/csv-reader.server'
import { importOffersFile } from '../app/services/offers-import.server'

const file = process.argv[2]
if (!file) {
  console.error('Usage: npm run import:offers -- <offers.csv>')
  process.exit(2)
}
const { db } = getDatabase()
try {
  const report = await importOffersFile(file, { label: path.basename(file), actor: null })
  if (!report.imported) {
    console.error(`${report.rejected.length} problem${report.rejected.length === 1 ? '' : 's'} in ${report.rowsRead} rows; nothing was imported:`)
    for (const r of report.rejected) console.error(`  line ${r.line}${r.column ? `, ${r.column}` : ''}: ${r.reason}`)
    process.exitCode = 1
  } else {
    console.log(`${report.rowsRead} rows: ${report.inserted} new offers, ${report.updated} updated, ${report.unchanged} unchanged.`)
  }
} catch (error) {
  if (!(error instanceof CsvFileError)) throw error
  console.error(`Import failed, nothing was changed.\n${error.message}`)
  process.exitCode = 1
} finally {
  await db.destroy()
}
