/**
 * `npm run import:cms -- <folder>`: loads CMS Care Compare files into the database named by
 * DATABASE_URL (SQLite data/portal.db by default). Prints progress and a summary per file.
 * Takes any folder (the operator has the shell anyway; the portal's page only offers the folders
 * of IMPORTS_DIR). Audited like the page's imports, under the operating-system user ("CLI: alice").
 */
import os from 'node:os'
import path from 'node:path'
import { CmsImportError, importCmsFolder } from '../app/services/cms-import.server'
import { CsvFileError } from '../app/services/csv-reader.server'
import { getDatabase } from '../app/db/client.server'
import { migrateToLatest } from '../db/migrate'

const folder = process.argv[2]
if (!folder) {
  console.error('Usage: npm run import:cms -- <folder of CMS files>')
  process.exit(2)
}
/** The operating-system user who runs the command; a uid without a passwd entry (some containers) is named by its number. */
function operatingSystemUser(): string {
  try {
    return os.userInfo().username
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    return `uid ${process.getuid?.() ?? 'unknown'}`
  }
}

const started = Date.now()
const { db, dialect } = getDatabase()
try {
  await migrateToLatest(db, dialect)
  // A live counter on a terminal; one line per file otherwise (logs, CI).
  let lastFile = ''
  const report = await importCmsFolder(folder, {
    audit: { actor: null, actorLabel: `CLI: ${operatingSystemUser()}`, folder: path.resolve(folder) },
    progress: (file, rows) => {
      if (process.stdout.isTTY) process.stdout.write(`\r  reading ${file}: ${rows} rows`.padEnd(100))
      else if (file !== lastFile) console.log(`  reading ${file}`)
      lastFile = file
    },
  })
  if (process.stdout.isTTY) process.stdout.write('\r'.padEnd(100) + '\r')
  console.log('file'.padEnd(68), 'rows', 'ins.', 'upd.', 'same', 'measures', 'skipped', 'data period')
  for (const f of report.files) {
    if (f.status === 'not found') console.log(f.file.padEnd(68), '(not in the folder)')
    else
      console.log(
        f.file.padEnd(68), String(f.rowsRead).padStart(5), String(f.facilitiesInserted).padStart(4), String(f.facilitiesUpdated).padStart(4),
        String(f.facilitiesUnchanged).padStart(4), String(f.measuresLoaded).padStart(8), String(f.rowsSkipped).padStart(7),
        f.periodStart || f.periodEnd ? ` ${f.periodStart ?? '?'} to ${f.periodEnd ?? '?'}` : '',
      )
  }
  const pct = ((100 * report.facilitiesWithCoordinates) / Math.max(1, report.facilitiesTotal)).toFixed(1)
  console.log(
    `\n${report.facilitiesTotal} hospitals (${pct}% with coordinates); ${report.facilitiesInactivated} no longer listed, marked inactive; ${report.facilitiesReactivated} listed again.`,
  )
  console.log(
    `Quality facts: ${report.measuresInserted} new, ${report.measuresUpdated} changed, ${report.measuresCleared} cleared (Not Available now; old values kept in the history). Market prices changed: ${report.marketPricesChanged}.`,
  )
  if (report.missing.length > 0) {
    console.log('\nFiles not in the folder:')
    for (const line of report.missing) console.log(`  ${line}`)
  }
  console.log(report.changed ? 'Import complete.' : 'No changes: the database already matches these files.')
  console.log(`History entry ${report.importId}.`)
  console.log(`Took ${((Date.now() - started) / 1000).toFixed(1)} s on ${dialect}.`)
} catch (error) {
  if (error instanceof CmsImportError || error instanceof CsvFileError) {
    console.error(`\nImport failed, nothing was changed.\n${error.message}`)
    process.exitCode = 1
  } else throw error
} finally {
  await db.destroy()
}
