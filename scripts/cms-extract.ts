/**
 * `npm run cms:extract -- <release folder> [--out db/data/cms]`: writes the compact CMS extract
 * committed in db/data/cms (issue 19): each file the importer reads, gzipped, with only the
 * columns and rows it reads, and a manifest.json. The full release (../shared/data/cms) must never
 * be committed; this extract is what the demo and a fresh clone import.
 */
import path from 'node:path'
import { CmsExtractError, extractCmsRelease } from '../app/services/cms-extract.server'
import { CsvFileError } from '../app/services/csv-reader.server'

const USAGE = 'Usage: npm run cms:extract -- <release folder> [--out db/data/cms]'

function parseArgs(args: readonly string[]): { folder: string; out: string } | null {
  let folder: string | undefined
  let out = 'db/data/cms'
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--out') {
      const value = args[++i]
      if (!value) return null
      out = value
    } else if (arg.startsWith('--out=')) out = arg.slice('--out='.length)
    else if (arg.startsWith('-') || folder !== undefined) return null
    else folder = arg
  }
  return folder === undefined ? null : { folder, out }
}

const parsed = parseArgs(process.argv.slice(2))
if (!parsed) {
  console.error(USAGE)
  process.exit(2)
}

try {
  const result = await extractCmsRelease(parsed.folder, parsed.out)
  for (const f of result.files) {
    const period = f.periodStart ? `  ${f.periodStart} to ${f.periodEnd}` : ''
    console.log(`${f.extract.padEnd(74)} ${String(f.rowsKept).padStart(5)} of ${String(f.rowsInSource).padStart(6)} rows, ${f.columnsKept.length} columns${period}`)
  }
  for (const file of result.absent) console.log(`${file.padEnd(74)} (not in the release: no extract)`)
  console.log(`\nWrote ${(result.bytesWritten / 1024).toFixed(0)} KB to ${path.resolve(parsed.out)}.`)
} catch (error) {
  if (error instanceof CmsExtractError || error instanceof CsvFileError) {
    console.error(`\nExtract failed, nothing was written.\n${error.message}`)
    process.exitCode = 1
  } else throw error
}
