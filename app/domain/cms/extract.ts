import {
  GENERAL_INFORMATION_COLUMNS, HRRP_COLUMNS, LOCATION_COLUMNS, LONG_FORMAT_COLUMNS, MEDICARE_INPATIENT_COLUMNS, MSPB_COLUMNS, NATIONAL_PAYMENT_COLUMNS,
  isMeasure, matchColumns, pivotColumns, type CmsColumn, type MeasureId,
} from './columns'
import { parseCmsDate } from './values'

/**
 * The compact CMS extract committed in db/data/cms (issue 19). The full release is tens of MB and
 * may not be committed; the importer reads only a few columns and, in the long files, one measure's
 * rows. The extract keeps exactly those, so `importCmsFolder` on it gives the same facilities and
 * quality facts as on the full release. What "exactly those" means is written once, here, next to
 * the importer's own column specs: a column or measure the importer starts reading must be added
 * here too, or the extract silently drops it (the integration test compares the two imports).
 */

export interface ExtractSpec {
  /** The importer's columns for this file; the extract keeps the file's own spellings of them. */
  columns: readonly CmsColumn[]
  /**
   * Keep only this measure's rows, by the column (the importer's name for it) that holds the id.
   * Absent: every row is kept. The pivots are kept whole although most of their rows are blank for
   * hip/knee, because a listed hospital with a blank value clears its stored value on import.
   */
  measure?: { column: string; id: MeasureId }
  /** How the release encodes the file; the extract is always UTF-8. */
  encoding: 'utf8' | 'cp1252'
}

const utf8 = (columns: readonly CmsColumn[], measure?: ExtractSpec['measure']): ExtractSpec => ({ columns, measure, encoding: 'utf8' })

/** What the extract keeps of each file the importer reads (paths inside the release folder). */
export const CMS_EXTRACT_SPECS: Readonly<Record<string, ExtractSpec>> = {
  'Hospital_General_Information.csv': utf8(GENERAL_INFORMATION_COLUMNS),
  'legacy-2020/Hospital_General_Information.csv': utf8(LOCATION_COLUMNS),
  'derived/complications_cleaned.csv': utf8(pivotColumns('comp_score_comp_hip_knee', 'comp_flag_comp_hip_knee')),
  'Complications_and_Deaths-Hospital.csv': utf8(LONG_FORMAT_COLUMNS, { column: 'Measure ID', id: 'COMP_HIP_KNEE' }),
  'derived/unplanned_visits_cleaned.csv': utf8(pivotColumns('unplanned_score_readm_30_hip_knee', 'unplanned_flag_readm_30_hip_knee')),
  'Unplanned_Hospital_Visits-Hospital.csv': utf8(LONG_FORMAT_COLUMNS, { column: 'Measure ID', id: 'READM_30_HIP_KNEE' }),
  'Hospital_Readmissions_Reduction_Program_Hospital.csv': utf8(HRRP_COLUMNS, { column: 'Measure Name', id: 'READM_30_HIP_KNEE_HRRP' }),
  'derived/FY_2026_Hospital_Readmissions_Reduction_Program_Hospital.csv': utf8(HRRP_COLUMNS, { column: 'Measure Name', id: 'READM_30_HIP_KNEE_HRRP' }),
  'Medicare_Hospital_Spending_Per_Patient-Hospital.csv': utf8(MSPB_COLUMNS, { column: 'Measure ID', id: 'MSPB_1' }),
  // A spreadsheet re-save: a UTF-8 byte-order mark, then cp1252 text (release SOURCES.md).
  'derived/Medicare_IP_Hospitals_by_Provider_2023.csv': { columns: MEDICARE_INPATIENT_COLUMNS, encoding: 'cp1252' },
  'Payment-National.csv': utf8(NATIONAL_PAYMENT_COLUMNS, { column: 'Measure ID', id: 'PAYM_90_HIP_KNEE' }),
}

/** The columns an extract keeps of one file: the file's own header names, in the file's order. */
export interface ColumnPlan {
  /** The file's headers that are kept, in file order. */
  kept: string[]
  /** The file's header for each column the importer reads, by the importer's name. */
  headers: ReadonlyMap<string, string>
}

/**
 * Chooses the columns to keep from a file's header, refusing (as the importer would) a file that
 * lacks one the importer needs, so a broken release never yields a plausible-looking extract.
 */
export function planColumns(file: string, header: readonly string[], spec: ExtractSpec): { ok: true; plan: ColumnPlan } | { ok: false; message: string } {
  const match = matchColumns(file, header, spec.columns)
  if (!match.ok) return match
  const wanted = new Set(match.headers.values())
  return { ok: true, plan: { kept: header.filter((name) => wanted.has(name)), headers: match.headers } }
}

/** Does the importer read this row? (Only the spec's measure, where the file holds many.) */
export function keepsRow(spec: ExtractSpec, plan: ColumnPlan, values: Readonly<Record<string, string>>): boolean {
  if (!spec.measure) return true
  const header = plan.headers.get(spec.measure.column)
  return header !== undefined && isMeasure(values[header], spec.measure.id)
}

/** A kept row's values, in the kept columns' order (blank for a field the row lacks). */
export function projectRow(plan: ColumnPlan, values: Readonly<Record<string, string>>): string[] {
  return plan.kept.map((name) => values[name] ?? '')
}

export interface Period {
  start: string | null
  end: string | null
}

/**
 * Widens a period (ISO dates) by a row's `Start Date` and `End Date`, for files that have them:
 * the manifest then tells which years the committed numbers describe.
 */
export function widenPeriod(period: Period, plan: ColumnPlan, values: Readonly<Record<string, string>>): Period {
  const startHeader = plan.headers.get('Start Date')
  const endHeader = plan.headers.get('End Date')
  const start = startHeader === undefined ? null : parseCmsDate(values[startHeader])
  const end = endHeader === undefined ? null : parseCmsDate(values[endHeader])
  return {
    start: start !== null && (period.start === null || start < period.start) ? start : period.start,
    end: end !== null && (period.end === null || end > period.end) ? end : period.end,
  }
}

/** One file of the extract, as db/data/cms/manifest.json lists it. */
export interface ManifestEntry {
  /** The path inside the release folder (the importer's name for the file). */
  file: string
  /** The path inside the extract folder. */
  extract: string
  /** sha256 of the release file's bytes: which download the extract was made from. */
  sourceSha256: string
  sourceEncoding: 'utf8' | 'cp1252'
  /**
   * sha256 of the extract's CSV text (UTF-8, before gzip): what a regenerated extract must match.
   * The .gz bytes themselves may differ with the zlib build that compressed them.
   */
  extractSha256: string
  rowsKept: number
  rowsInSource: number
  columnsKept: string[]
  /** Which measure's rows were kept, or null when every row was. */
  measure: MeasureId | null
  /** The data period (min Start Date, max End Date of the kept rows), null where the file has no dates. */
  periodStart: string | null
  periodEnd: string | null
}

export interface Manifest {
  description: string
  regenerate: string
  files: ManifestEntry[]
}

export const EXTRACT_SUFFIX = '.gz'

/**
 * The manifest as written: no timestamps or absolute paths, so two runs on one release write the
 * same bytes and the committed manifest can be compared with a fresh run.
 */
export function manifestText(files: readonly ManifestEntry[]): string {
  const manifest: Manifest = {
    description: 'Compact extract of a CMS Care Compare release: only the columns and rows importCmsFolder reads (issue 19). See SOURCES.md.',
    regenerate: 'npm run cms:extract -- ../shared/data/cms',
    files: [...files],
  }
  return `${JSON.stringify(manifest, null, 2)}\n`
}
