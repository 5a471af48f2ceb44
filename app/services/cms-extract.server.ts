import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { stringify } from 'csv-stringify/sync'
import {
  CMS_EXTRACT_SPECS, EXTRACT_SUFFIX, keepsRow, manifestText, planColumns, projectRow, widenPeriod, type ColumnPlan, type ManifestEntry, type Period,
} from '~/domain/cms/extract'
import { CMS_FILES } from './cms-import.server'
import { locateCsvFile, readCsv } from './csv-reader.server'

/**
 * `cms:extract`: writes the compact, committed extract of a CMS release (issue 19) that
 * `importCmsFolder` reads exactly like the full folder. What is kept is decided in
 * ~/domain/cms/extract; this module reads, serialises and gzips. Everything is built in memory
 * (the largest extract file is well under 1 MB) before anything is written, so a refused release
 * leaves the previous extract untouched.
 */

export class CmsExtractError extends Error {}

export const MANIFEST_FILE = 'manifest.json'

export interface ExtractResult {
  files: ManifestEntry[]
  /** Release files the importer reads that the release lacks (their old extract, if any, was removed). */
  absent: string[]
  /** Bytes written: the .gz files and the manifest. */
  bytesWritten: number
}

/**
 * CSV text as csv-stringify writes it (quotes only where needed), plus quotes around a value that
 * starts or ends with a space: the importer's reader trims unquoted fields, so such a value would
 * otherwise come back different.
 */
export function toCsv(header: readonly string[], rows: readonly string[][]): string {
  return stringify([header as string[], ...rows], { quoted_match: /^\s|\s$/ })
}

/**
 * gzip at level 9 with no name or time in the header, so a run's bytes depend only on the text.
 * The header's OS byte is set to 3 (Unix) whatever the platform, since zlib writes the one it was
 * built for. (Node's bundled zlib may still compress differently on another build or CPU; the
 * extract's text, and its sha256 in the manifest, do not change.)
 */
export function gzipDeterministic(text: string): Buffer {
  const gz = zlib.gzipSync(Buffer.from(text, 'utf8'), { level: 9 })
  gz[9] = 3
  return gz
}

interface ExtractedFile {
  entry: ManifestEntry
  gz: Buffer
}

async function extractFile(folder: string, file: string): Promise<ExtractedFile | null> {
  const spec = CMS_EXTRACT_SPECS[file]
  if (!spec) throw new CmsExtractError(`${file}: the importer reads it but ~/domain/cms/extract has no spec for it; add one to CMS_EXTRACT_SPECS`)
  const found = locateCsvFile(folder, file, spec.encoding)
  if (!found) return null
  let plan: ColumnPlan | undefined
  const rows: string[][] = []
  let rowsInSource = 0
  let period: Period = { start: null, end: null }
  for await (const row of readCsv(found.path, { label: file, requiredColumns: [], encoding: found.encoding })) {
    if (!plan) {
      const planned = planColumns(file, Object.keys(row.values), spec)
      if (!planned.ok) throw new CmsExtractError(planned.message)
      plan = planned.plan
    }
    rowsInSource++
    if (!keepsRow(spec, plan, row.values)) continue
    rows.push(projectRow(plan, row.values))
    period = widenPeriod(period, plan, row.values)
  }
  // The importer refuses a file with no rows of what it reads; an extract of it would be refused too.
  if (!plan) throw new CmsExtractError(`${file} has no rows: the importer would refuse it, so no extract was written`)
  if (rows.length === 0) throw new CmsExtractError(`${file} has no ${spec.measure?.id ?? ''} rows: the importer would refuse it, so no extract was written`)
  const text = toCsv(plan.kept, rows)
  return {
    gz: gzipDeterministic(text),
    entry: {
      file,
      extract: `${file}${EXTRACT_SUFFIX}`,
      sourceSha256: createHash('sha256').update(fs.readFileSync(found.path)).digest('hex'),
      sourceEncoding: found.encoding,
      extractSha256: createHash('sha256').update(text, 'utf8').digest('hex'),
      rowsKept: rows.length,
      rowsInSource,
      columnsKept: plan.kept,
      measure: spec.measure?.id ?? null,
      periodStart: period.start,
      periodEnd: period.end,
    },
  }
}

/** Extracts every file of `CMS_FILES` the release folder has into `out`, with its manifest. */
export async function extractCmsRelease(folder: string, out: string): Promise<ExtractResult> {
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new CmsExtractError(`No such folder: ${folder}`)
  if (path.resolve(folder) === path.resolve(out)) throw new CmsExtractError(`The extract cannot be written into the release folder it is read from (${out})`)
  if (!locateCsvFile(folder, 'Hospital_General_Information.csv', 'utf8')) {
    throw new CmsExtractError(`${folder} has no Hospital_General_Information.csv: it is not a folder of CMS Care Compare files`)
  }
  const extracted: ExtractedFile[] = []
  const absent: string[] = []
  for (const file of CMS_FILES) {
    const result = await extractFile(folder, file)
    if (result) extracted.push(result)
    else absent.push(file)
  }
  let bytesWritten = 0
  for (const { entry, gz } of extracted) {
    const target = path.join(out, entry.extract)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.writeFileSync(target, gz)
    bytesWritten += gz.length
  }
  // An extract of a file this release lacks would be imported as if it were part of the release.
  for (const file of absent) fs.rmSync(path.join(out, `${file}${EXTRACT_SUFFIX}`), { force: true })
  const manifest = manifestText(extracted.map((e) => e.entry))
  fs.writeFileSync(path.join(out, MANIFEST_FILE), manifest)
  bytesWritten += Buffer.byteLength(manifest)
  return { files: extracted.map((e) => e.entry), absent, bytesWritten }
}
