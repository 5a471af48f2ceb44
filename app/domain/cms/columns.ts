/**
 * The columns and measure ids of CMS files as they are spelled across releases (issue 19). CMS
 * renames columns between releases (`Telephone Number` was `Phone Number` in 2020, `County/Parish`
 * was `County Name`, `City/Town` was `City`) and writes measure ids with hyphens in one program and
 * underscores in another (`MSPB-1` / `MSPB_1`). A file is read by the names below; a column found in
 * none of its known spellings refuses the file, naming what was expected and what was found, so a
 * renamed column never becomes a column of blanks.
 */

export interface CmsColumn {
  /** The name the importer reads it by: the spelling of the newest release. */
  name: string
  /** Every known spelling, the newest first. */
  spellings: readonly string[]
  /** May be absent from a release (a footnote, a denominator): then read as blank. */
  optional?: boolean
}

const column = (name: string, ...older: string[]): CmsColumn => ({ name, spellings: [name, ...older] })
const optional = (name: string, ...older: string[]): CmsColumn => ({ ...column(name, ...older), optional: true })

const FACILITY_ID = column('Facility ID', 'Provider ID', 'CMS Certification Number (CCN)')

export const GENERAL_INFORMATION_COLUMNS: readonly CmsColumn[] = [
  FACILITY_ID,
  column('Facility Name', 'Hospital Name'),
  column('Address'),
  column('City/Town', 'City'),
  column('State'),
  column('ZIP Code', 'Zip Code', 'ZIP'),
  column('County/Parish', 'County Name', 'County'),
  column('Telephone Number', 'Phone Number'),
  column('Hospital Type'),
  column('Hospital Ownership'),
  column('Emergency Services'),
  column('Hospital overall rating', 'Hospital Overall Rating'),
]

export const LOCATION_COLUMNS: readonly CmsColumn[] = [FACILITY_ID, column('ZIP Code', 'Zip Code', 'ZIP'), column('Location')]

export const LONG_FORMAT_COLUMNS: readonly CmsColumn[] = [
  FACILITY_ID, column('Measure ID'), column('Compared to National'), column('Score'), column('Start Date'), column('End Date'), optional('Denominator'), optional('Footnote'),
]

export const HRRP_COLUMNS: readonly CmsColumn[] = [
  FACILITY_ID, column('Measure Name', 'Measure ID'), column('Number of Discharges'), column('Excess Readmission Ratio'), column('Start Date'), column('End Date'), optional('Footnote'),
]

export const MSPB_COLUMNS: readonly CmsColumn[] = [FACILITY_ID, column('Measure ID'), column('Score'), column('Start Date'), column('End Date'), optional('Footnote')]

export const MEDICARE_INPATIENT_COLUMNS: readonly CmsColumn[] = [column('Rndrng_Prvdr_CCN'), column('Tot_Dschrgs'), column('Tot_Pymt_Amt')]

export const NATIONAL_PAYMENT_COLUMNS: readonly CmsColumn[] = [column('Measure ID'), column('National Payment'), column('Start Date'), column('End Date')]

/** The one-row-per-hospital copies: the facility id and a score and flag column per measure. */
export const pivotColumns = (score: string, flag: string): readonly CmsColumn[] => [column('facility_id', 'Facility ID'), column(score), column(flag)]

const fold = (name: string) => name.replace(/^\uFEFF/, '').trim().replace(/\s+/g, ' ').toLowerCase()

export type ColumnMatch =
  | { ok: true; /** The file's header for each column read, by its name; absent optional columns are not listed. */ headers: Map<string, string> }
  | { ok: false; message: string }

/** Finds each column in a file's header (any known spelling; case and spacing aside). */
export function matchColumns(file: string, header: readonly string[], columns: readonly CmsColumn[]): ColumnMatch {
  const byFolded = new Map(header.map((name) => [fold(name), name]))
  const headers = new Map<string, string>()
  const missing: CmsColumn[] = []
  for (const wanted of columns) {
    const found = wanted.spellings.map((spelling) => byFolded.get(fold(spelling))).find((name) => name !== undefined)
    if (found !== undefined) headers.set(wanted.name, found)
    else if (!wanted.optional) missing.push(wanted)
  }
  if (missing.length === 0) return { ok: true, headers }
  const expected = missing.map((c) => (c.spellings.length > 1 ? `"${c.name}" (or ${c.spellings.slice(1).map((s) => `"${s}"`).join(', ')})` : `"${c.name}"`))
  return {
    ok: false,
    message: `${file}: no column ${expected.join(', ')}. This is not a release whose columns the importer knows, so nothing was imported. Columns found: ${header.map((h) => `"${h}"`).join(', ')}.`,
  }
}

/** A row's values by the importer's names (blank for an absent optional column). */
export function valuesByName(values: Record<string, string>, headers: ReadonlyMap<string, string>): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [name, header] of headers) result[name] = values[header] ?? ''
  return result
}

/** A measure id with its separators made one (MSPB-1, MSPB_1 and "mspb 1" are one id). */
export function measureIdKey(id: string): string {
  return id.trim().toUpperCase().replace(/[\s_-]+/g, '_')
}

/** The measures the portal reads, with the ids each is written as across programs and releases. */
export const MEASURE_IDS = {
  COMP_HIP_KNEE: ['COMP_HIP_KNEE'],
  READM_30_HIP_KNEE: ['READM_30_HIP_KNEE'],
  READM_30_HIP_KNEE_HRRP: ['READM_30_HIP_KNEE_HRRP'],
  MSPB_1: ['MSPB_1'],
  PAYM_90_HIP_KNEE: ['PAYM_90_HIP_KNEE'],
} as const satisfies Record<string, readonly string[]>

export type MeasureId = keyof typeof MEASURE_IDS

/** Is `raw` (as the file writes it) this measure? */
export function isMeasure(raw: string | undefined, measure: MeasureId): boolean {
  return (MEASURE_IDS[measure] as readonly string[]).includes(measureIdKey(raw ?? ''))
}
