import fs from 'node:fs'
import type { Kysely } from 'kysely'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import {
  insertCmsImport,
  insertFacilities,
  insertQualityMeasureHistory,
  insertQualityMeasures,
  listQualityMeasuresByCodes,
  markFacilitiesInactive,
  unscopedListFacilitiesWithCcn,
  updateFacility,
  updateQualityMeasure,
} from '~/db/repositories/facilities.server'
import type { CmsImportsTable, Database, NewFacility, NewQualityMeasure, QualityMeasureHistoryTable } from '~/db/schema'
import {
  GENERAL_INFORMATION_COLUMNS, HRRP_COLUMNS, LOCATION_COLUMNS, LONG_FORMAT_COLUMNS, MEDICARE_INPATIENT_COLUMNS, MSPB_COLUMNS, NATIONAL_PAYMENT_COLUMNS,
  isMeasure, matchColumns, pivotColumns, valuesByName, type CmsColumn, type MeasureId,
} from '~/domain/cms/columns'
import { isMissing, normalizeCcn, parseCmsDate, parseCmsNumber, parseComparison, parseLocationPoint, readCmsNumber, readStarRating } from '~/domain/cms/values'
import { facilitySearchKeys } from '~/domain/search/facility-text'
import type { Actor } from '~/domain/tenancy'
import { zipCentroid } from '~/integrations/zip-geocoding.server'
import type { NationalComparison } from '~/domain/quality'
import { CsvFileError, locateCsvFile, readCsv } from './csv-reader.server'
import { recomputeMarketPrices } from './market-prices.server'
import { updateMedicareBase } from '~/db/repositories/market-prices.server'

/**
 * `import:cms`: loads CMS Care Compare files (DESIGN §7) from a folder: a full release, or the
 * compact extract committed in db/data/cms (the same files, gzipped, only the columns and rows the
 * portal reads). Every file is read and checked first; only then is everything written in one
 * transaction, so a bad file changes nothing. Re-running on the same files finds nothing to change.
 *
 * Nothing is lost silently (issue 19): columns and measure ids are read in every spelling known
 * across releases, and a file in none of them is refused with what was expected and found; a file
 * that should carry a measure and has none of its rows is refused; a value that became "Not
 * Available" (or a hospital the measure's file no longer lists) clears the stored value and keeps
 * the old one, with its period, in quality_measure_history; a hospital a newer release no longer
 * lists is marked inactive, not deleted; a file missing from the folder is reported with what the
 * database will lack; every import, refused ones too, leaves a cms_imports row (and an audit entry
 * when run by a person).
 */

export interface FileReport {
  file: string
  status: 'loaded' | 'not found'
  rowsRead: number
  facilitiesInserted: number
  facilitiesUpdated: number
  facilitiesUnchanged: number
  measuresLoaded: number
  rowsSkipped: number
  rejected: Array<{ line: number; reason: string }>
  /** The period the file's data covers (its Start and End dates), when it has dates. */
  periodStart: string | null
  periodEnd: string | null
}

export interface CmsImportReport {
  /** The cms_imports row this import left. */
  importId: string
  files: FileReport[]
  facilitiesWithCoordinates: number
  facilitiesTotal: number
  facilitiesInactivated: number
  facilitiesReactivated: number
  measuresInserted: number
  measuresUpdated: number
  /** Stored values cleared: the release says Not Available, or no longer lists the hospital. */
  measuresCleared: number
  marketPricesChanged: number
  /** What the database lacks because a file was not in the folder, one sentence each. */
  missing: string[]
  changed: boolean
}

export class CmsImportError extends Error {}

/** The files an import reads (paths inside the folder), in the order it reads them; the first is required. */
export const CMS_FILES = [
  'Hospital_General_Information.csv',
  'legacy-2020/Hospital_General_Information.csv',
  'derived/complications_cleaned.csv',
  'Complications_and_Deaths-Hospital.csv',
  'derived/unplanned_visits_cleaned.csv',
  'Unplanned_Hospital_Visits-Hospital.csv',
  'Hospital_Readmissions_Reduction_Program_Hospital.csv',
  'derived/FY_2026_Hospital_Readmissions_Reduction_Program_Hospital.csv',
  'Medicare_Hospital_Spending_Per_Patient-Hospital.csv',
  'derived/Medicare_IP_Hospitals_by_Provider_2023.csv',
  'Payment-National.csv',
] as const

type CmsFile = (typeof CMS_FILES)[number]

/**
 * What each optional file gives, and what the database lacks when none of its group is in the
 * folder (issue 19, finding 5). Files of one group are alternatives: any one of them is enough.
 */
const FILE_GROUPS: ReadonlyArray<{ files: readonly CmsFile[]; lacks: string }> = [
  { files: ['legacy-2020/Hospital_General_Information.csv'], lacks: 'CMS map positions: every hospital is placed at the centre of its ZIP code' },
  {
    files: ['derived/complications_cleaned.csv', 'Complications_and_Deaths-Hospital.csv'],
    lacks: 'hip/knee complication rates (COMP_HIP_KNEE): hospitals keep the rate of an earlier import, if any, and the others have none',
  },
  {
    files: ['derived/unplanned_visits_cleaned.csv', 'Unplanned_Hospital_Visits-Hospital.csv'],
    lacks: 'hip/knee readmission rates (READM_30_HIP_KNEE): hospitals keep the rate of an earlier import, if any, and the others have none',
  },
  {
    files: ['Hospital_Readmissions_Reduction_Program_Hospital.csv', 'derived/FY_2026_Hospital_Readmissions_Reduction_Program_Hospital.csv'],
    lacks: 'excess readmission ratios (HRRP): hospitals keep the ratio of an earlier import, if any',
  },
  {
    files: ['Medicare_Hospital_Spending_Per_Patient-Hospital.csv'],
    lacks: 'Medicare spending per beneficiary (MSPB-1): typical local prices keep the cost index of an earlier import, or use the state average',
  },
  { files: ['derived/Medicare_IP_Hospitals_by_Provider_2023.csv'], lacks: 'Medicare inpatient volumes: no hospital shows how many Medicare stays it had' },
  { files: ['Payment-National.csv'], lacks: 'the national hip/knee episode payment (PAYM_90_HIP_KNEE): TKA and THA keep their current Medicare base price' },
]

/** Who ran an import and on what, for its audit entry (issue 18): every import the page or the CLI runs is audited. */
export interface CmsImportAudit {
  /** The signed-in person (the page), or null outside the portal. */
  actor: Pick<Actor, 'userId' | 'organizationId' | 'ip'> | null
  /** Who acted when no portal user did: "CLI: alice", "Demo seed". */
  actorLabel: string | null
  /** The folder as the person chose it: its name in the imports root (the page), or the path given (the CLI). */
  folder: string
}

// A refusal lists up to 20 rejected rows per file: enough to keep in the audit entry, not more.
const MAX_AUDITED_MESSAGE = 2_000

type MeasureFact = Omit<NewQualityMeasure, 'id' | 'facilityId' | 'updatedAt'> & { ccn: string }
type FacilityFacts = Omit<NewFacility, 'id' | 'createdAt' | 'updatedAt' | 'healthSystemId' | 'inactiveSince'>

// The derived pivots dropped their dates; these are the periods SOURCES.md gives for that release.
const DERIVED_COMP_PERIOD = { periodStart: '2021-04-01', periodEnd: '2024-03-31' }
const DERIVED_READM_PERIOD = { periodStart: '2021-07-01', periodEnd: '2024-06-30' }

/** The overall star rating's history is kept with the facts' (quality_measure_history). */
const STAR_RATING_CODE = 'STAR_RATING'
const GENERAL_SOURCE = 'CMS Hospital General Information'

function emptyReport(file: string): FileReport {
  return {
    file, status: 'loaded', rowsRead: 0, facilitiesInserted: 0, facilitiesUpdated: 0, facilitiesUnchanged: 0, measuresLoaded: 0, rowsSkipped: 0, rejected: [],
    periodStart: null, periodEnd: null,
  }
}

/** Widens a file's period to take in one row's dates. */
function widenPeriod(report: FileReport, start: string | null, end: string | null) {
  if (start && (!report.periodStart || start < report.periodStart)) report.periodStart = start
  if (end && (!report.periodEnd || end > report.periodEnd)) report.periodEnd = end
}

type Progress = (file: string, rowsRead: number) => void

interface ReadContext {
  folder: string
  progress: Progress
  reports: FileReport[]
}

/**
 * Reads one file (plain, or gzipped as in the extract) by its columns' known spellings; a missing
 * file is reported, not fatal (the caller refuses a missing required one).
 */
async function readFile(
  ctx: ReadContext,
  relative: CmsFile,
  columns: readonly CmsColumn[],
  onRow: (values: Record<string, string>, line: number, report: FileReport) => void,
  encoding: 'utf8' | 'cp1252' = 'utf8',
): Promise<FileReport> {
  const report = emptyReport(relative)
  ctx.reports.push(report)
  const found = locateCsvFile(ctx.folder, relative, encoding)
  if (!found) {
    report.status = 'not found'
    return report
  }
  let headers: ReadonlyMap<string, string> | undefined
  for await (const row of readCsv(found.path, { label: relative, requiredColumns: [], encoding: found.encoding })) {
    if (!headers) {
      const match = matchColumns(relative, Object.keys(row.values), columns)
      if (!match.ok) throw new CmsImportError(match.message)
      headers = match.headers
    }
    report.rowsRead++
    onRow(valuesByName(row.values, headers), row.line, report)
    if (report.rowsRead % 2000 === 0) ctx.progress(relative, report.rowsRead)
  }
  ctx.progress(relative, report.rowsRead)
  return report
}

/**
 * A number cell of a row (null for a spelling of "not available"), or undefined when the row is
 * rejected for it: a value in neither form, such as a spelling of "not available" no release used
 * so far, would otherwise clear the stored value as if CMS had withdrawn it (issue 19, finding 3).
 */
function numberCell(v: Record<string, string>, column: string, line: number, report: FileReport): number | null | undefined {
  const value = readCmsNumber(v[column])
  if (value === undefined) report.rejected.push({ line, reason: `${column} "${v[column]}" is neither a number nor a CMS spelling of "not available"` })
  return value
}

/** A file that is present but has no row of a measure it carries: refused, naming the ids it has (issue 19, finding 2). */
function requireMeasureRows(report: FileReport, measure: string, matched: number, idsFound: ReadonlySet<string>) {
  if (report.status !== 'loaded' || matched > 0) return
  const ids = [...idsFound].sort()
  const found = ids.length === 0 ? 'it has no rows' : `measure ids found: ${ids.slice(0, 30).join(', ')}${ids.length > 30 ? ` and ${ids.length - 30} more` : ''}`
  throw new CmsImportError(`${report.file} has no ${measure} rows (${found}). A release that renamed the measure is not one the importer knows, so nothing was imported.`)
}

/**
 * Imports a folder of CMS files (all or nothing). Leaves a cms_imports row, refused or not. With
 * `audit`, the import is audited too: `cms.imported` with the counts in the transaction that writes
 * them, or `cms.import_refused` with the message. The page, the CLI and the demo seed always pass it.
 */
export async function importCmsFolder(
  folder: string,
  options: { progress?: Progress; now?: Date; audit?: CmsImportAudit; db?: Kysely<Database> } = {},
): Promise<CmsImportReport> {
  const now = (options.now ?? new Date()).toISOString()
  // The demo seed passes its own database; the page and the CLI use the portal's.
  const db = options.db ?? getDb()
  try {
    return await readAndWrite(db, folder, options.progress ?? (() => undefined), now, options.audit)
  } catch (error) {
    if (error instanceof CmsImportError || error instanceof CsvFileError) {
      const message = error.message.slice(0, MAX_AUDITED_MESSAGE)
      await db.transaction().execute(async (trx) => {
        await insertCmsImport(trx, {
          ...emptyHistory(newId(), now, folder, options.audit), outcome: 'refused', message,
        })
        if (options.audit) {
          const { actor, actorLabel, folder: chosen } = options.audit
          await insertAuditEntry(trx, actor, {
            action: 'cms.import_refused', subjectType: 'cms_folder', subjectId: chosen, employerId: null, at: now, actorLabel, detail: JSON.stringify({ message }),
          })
        }
      })
    }
    throw error
  }
}

/** A cms_imports row with nothing counted yet. */
function emptyHistory(id: string, now: string, folder: string, audit: CmsImportAudit | undefined): CmsImportsTable {
  return {
    id, importedAt: now, actorUserId: audit?.actor?.userId ?? null, actorLabel: audit?.actorLabel ?? null, folder: audit?.folder ?? folder, outcome: 'imported', files: '[]',
    missing: '[]', facilitiesAdded: 0, facilitiesChanged: 0, facilitiesInactivated: 0, facilitiesReactivated: 0, measuresAdded: 0, measuresChanged: 0, measuresCleared: 0,
    message: null,
  }
}

async function readAndWrite(db: Kysely<Database>, folder: string, progress: Progress, now: string, audit: CmsImportAudit | undefined): Promise<CmsImportReport> {
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new CmsImportError(`No such folder: ${folder}`)
  if (!locateCsvFile(folder, 'Hospital_General_Information.csv', 'utf8')) {
    throw new CmsImportError(`${folder} has no Hospital_General_Information.csv: it is not a folder of CMS Care Compare files`)
  }
  const ctx: ReadContext = { folder, progress, reports: [] }

  // 1. Facilities (Hospital General Information).
  const facilities = new Map<string, FacilityFacts>()
  const general = await readFile(ctx, 'Hospital_General_Information.csv', GENERAL_INFORMATION_COLUMNS, (v, line, report) => {
    const ccn = normalizeCcn(v['Facility ID'])
    const zip = (v['ZIP Code'] ?? '').padStart(5, '0')
    if (!ccn) return void report.rejected.push({ line, reason: `Facility ID "${v['Facility ID']}" is not a CMS Certification Number` })
    if (!v['Facility Name']) return void report.rejected.push({ line, reason: 'Facility Name is empty' })
    if (!/^[A-Z]{2}$/.test(v['State'] ?? '')) return void report.rejected.push({ line, reason: `State "${v['State']}" is not a two-letter code` })
    if (!/^\d{5}$/.test(zip)) return void report.rejected.push({ line, reason: `ZIP Code "${v['ZIP Code']}" is not a 5-digit ZIP` })
    if (facilities.has(ccn)) return void report.rejected.push({ line, reason: `Facility ID ${ccn} appears twice` })
    const starRating = readStarRating(v['Hospital overall rating'])
    if (starRating === undefined) return void report.rejected.push({ line, reason: `Hospital overall rating "${v['Hospital overall rating']}" is not a star rating from 1 to 5` })
    const centroid = zipCentroid(zip)
    facilities.set(ccn, {
      ccn,
      name: v['Facility Name']!,
      address: v['Address'] ?? '',
      city: v['City/Town'] ?? '',
      state: v['State']!,
      zip,
      county: isMissing(v['County/Parish']) ? null : v['County/Parish']!,
      phone: isMissing(v['Telephone Number']) ? null : v['Telephone Number']!,
      latitude: centroid?.latitude ?? null,
      longitude: centroid?.longitude ?? null,
      coordinateSource: centroid ? 'zip_centroid' : null,
      facilityType: v['Hospital Type'] || 'Unknown',
      ownership: isMissing(v['Hospital Ownership']) ? null : v['Hospital Ownership']!,
      hasEmergencyServices: v['Emergency Services'] === 'Yes' ? 1 : v['Emergency Services'] === 'No' ? 0 : null,
      starRating,
      ...facilitySearchKeys({ name: v['Facility Name']!, city: v['City/Town'] ?? '' }),
    })
  })
  if (general.rowsRead === 0 && general.rejected.length === 0) throw new CmsImportError('Hospital_General_Information.csv has no rows: nothing was imported.')

  // 2. Coordinates from the 2020 file's Location point, where the hospital has not moved ZIP since.
  await readFile(ctx, 'legacy-2020/Hospital_General_Information.csv', LOCATION_COLUMNS, (v, _line, report) => {
    const ccn = normalizeCcn(v['Facility ID'])
    const facility = ccn ? facilities.get(ccn) : undefined
    const point = parseLocationPoint(v['Location'])
    if (!facility || !point || facility.zip !== (v['ZIP Code'] ?? '').padStart(5, '0')) return void report.rowsSkipped++
    facility.latitude = point.latitude
    facility.longitude = point.longitude
    facility.coordinateSource = 'cms_location'
  })

  // 3. Quality facts. Later files override earlier ones for the same facility and measure. A fact
  // with a null value is a hospital the file lists without a value (Not Available): it clears.
  const measures = new Map<string, MeasureFact>()
  /** The measure codes some file in the folder carries: stored values of those the files do not list are cleared. */
  const covered = new Set<string>()
  const addMeasure = (fact: MeasureFact, report: FileReport) => {
    if (!facilities.has(fact.ccn)) return void report.rowsSkipped++
    measures.set(`${fact.ccn}|${fact.measureCode}`, fact)
    report.measuresLoaded++
  }
  const longFormat = async (file: CmsFile, measure: MeasureId, source: string) => {
    let matched = 0
    const ids = new Set<string>()
    const report = await readFile(ctx, file, LONG_FORMAT_COLUMNS, (v, line, report) => {
      if (!isMeasure(v['Measure ID'], measure)) return void ids.add(v['Measure ID'] ?? '')
      matched++
      const ccn = normalizeCcn(v['Facility ID'])
      if (!ccn) return void report.rejected.push({ line, reason: `Facility ID "${v['Facility ID']}" is not a CMS Certification Number` })
      const value = numberCell(v, 'Score', line, report)
      if (value === undefined) return
      const denominator = numberCell(v, 'Denominator', line, report)
      if (denominator === undefined) return
      const period = { periodStart: parseCmsDate(v['Start Date']), periodEnd: parseCmsDate(v['End Date']) }
      widenPeriod(report, period.periodStart, period.periodEnd)
      addMeasure(
        {
          ccn, measureCode: measure, value, comparison: value === null ? 'not_available' : parseComparison(v['Compared to National']),
          denominator, ...period, source, footnote: v['Footnote'] || null,
        },
        report,
      )
    })
    requireMeasureRows(report, measure, matched, ids)
    if (report.status === 'loaded') covered.add(measure)
  }
  const pivot = async (file: CmsFile, scoreColumn: string, flagColumn: string, measure: MeasureId, period: { periodStart: string; periodEnd: string }, source: string) => {
    const report = await readFile(ctx, file, pivotColumns(scoreColumn, flagColumn), (v, line, report) => {
      const ccn = normalizeCcn(v['facility_id'])
      if (!ccn) return void report.rejected.push({ line, reason: `facility_id "${v['facility_id']}" is not a CMS Certification Number` })
      const value = numberCell(v, scoreColumn, line, report)
      if (value === undefined) return
      addMeasure(
        { ccn, measureCode: measure, value, comparison: value === null ? 'not_available' : parseComparison(v[flagColumn]), denominator: null, ...period, source, footnote: null },
        report,
      )
    })
    if (report.status === 'loaded') {
      widenPeriod(report, period.periodStart, period.periodEnd)
      requireMeasureRows(report, measure, report.rowsRead, new Set())
      covered.add(measure)
    }
  }

  await pivot('derived/complications_cleaned.csv', 'comp_score_comp_hip_knee', 'comp_flag_comp_hip_knee', 'COMP_HIP_KNEE', DERIVED_COMP_PERIOD,
    'CMS Complications and Deaths – Hospital (2025/26 Care Compare release, one-row-per-hospital copy)')
  await longFormat('Complications_and_Deaths-Hospital.csv', 'COMP_HIP_KNEE', 'CMS Complications and Deaths – Hospital')
  await pivot('derived/unplanned_visits_cleaned.csv', 'unplanned_score_readm_30_hip_knee', 'unplanned_flag_readm_30_hip_knee', 'READM_30_HIP_KNEE', DERIVED_READM_PERIOD,
    'CMS Unplanned Hospital Visits – Hospital (2025/26 Care Compare release, one-row-per-hospital copy)')
  await longFormat('Unplanned_Hospital_Visits-Hospital.csv', 'READM_30_HIP_KNEE', 'CMS Unplanned Hospital Visits – Hospital')

  // Excess readmission ratio (HRRP): FY2025 first, the newer FY2026 copy overrides it.
  const hrrp = async (file: CmsFile, source: string) => {
    let matched = 0
    const ids = new Set<string>()
    const report = await readFile(ctx, file, HRRP_COLUMNS, (v, line, report) => {
      if (!isMeasure(v['Measure Name'], 'READM_30_HIP_KNEE_HRRP')) return void ids.add(v['Measure Name'] ?? '')
      matched++
      const ccn = normalizeCcn(v['Facility ID'])
      if (!ccn) return void report.rejected.push({ line, reason: `Facility ID "${v['Facility ID']}" is not a CMS Certification Number` })
      const value = numberCell(v, 'Excess Readmission Ratio', line, report)
      if (value === undefined) return
      const denominator = numberCell(v, 'Number of Discharges', line, report)
      if (denominator === undefined) return
      const period = { periodStart: parseCmsDate(v['Start Date']), periodEnd: parseCmsDate(v['End Date']) }
      widenPeriod(report, period.periodStart, period.periodEnd)
      addMeasure(
        {
          ccn, measureCode: 'READM_30_HIP_KNEE_HRRP', value,
          comparison: value === null ? 'not_available' : value < 1 ? 'better' : value > 1 ? 'worse' : 'no_different',
          denominator, ...period, source, footnote: v['Footnote'] || null,
        },
        report,
      )
    })
    requireMeasureRows(report, 'READM-30-HIP-KNEE-HRRP', matched, ids)
    if (report.status === 'loaded') covered.add('READM_30_HIP_KNEE_HRRP')
  }
  await hrrp('Hospital_Readmissions_Reduction_Program_Hospital.csv', 'CMS Hospital Readmissions Reduction Program, FY2025')
  await hrrp('derived/FY_2026_Hospital_Readmissions_Reduction_Program_Hospital.csv', 'CMS Hospital Readmissions Reduction Program, FY2026')

  // Medicare spending per beneficiary: the relative cost index of market prices.
  {
    let matched = 0
    const ids = new Set<string>()
    const report = await readFile(ctx, 'Medicare_Hospital_Spending_Per_Patient-Hospital.csv', MSPB_COLUMNS, (v, line, report) => {
      if (!isMeasure(v['Measure ID'], 'MSPB_1')) return void ids.add(v['Measure ID'] ?? '')
      matched++
      const ccn = normalizeCcn(v['Facility ID'])
      if (!ccn) return void report.rejected.push({ line, reason: `Facility ID "${v['Facility ID']}" is not a CMS Certification Number` })
      const value = numberCell(v, 'Score', line, report)
      if (value === undefined) return
      const period = { periodStart: parseCmsDate(v['Start Date']), periodEnd: parseCmsDate(v['End Date']) }
      widenPeriod(report, period.periodStart, period.periodEnd)
      addMeasure(
        {
          // CMS publishes no national comparison for MSPB: it is a cost ratio (1.00 = national median).
          ccn, measureCode: 'MSPB_1', value, comparison: 'not_available', denominator: null, ...period,
          source: 'CMS Medicare Spending Per Beneficiary – Hospital', footnote: v['Footnote'] || null,
        },
        report,
      )
    })
    requireMeasureRows(report, 'MSPB-1', matched, ids)
    if (report.status === 'loaded') covered.add('MSPB_1')
  }

  // Medicare inpatient stays per hospital (all DRGs, 2023): a volume signal. The full file is cp1252 with "$1,234" money.
  {
    const report = await readFile(ctx, 'derived/Medicare_IP_Hospitals_by_Provider_2023.csv', MEDICARE_INPATIENT_COLUMNS, (v, line, report) => {
      const ccn = normalizeCcn(v['Rndrng_Prvdr_CCN'])
      if (!ccn) return void report.rejected.push({ line, reason: `Rndrng_Prvdr_CCN "${v['Rndrng_Prvdr_CCN']}" is not a CMS Certification Number` })
      const value = numberCell(v, 'Tot_Dschrgs', line, report)
      if (value === undefined) return
      addMeasure(
        {
          ccn, measureCode: 'MEDICARE_IP_DISCHARGES', value, comparison: 'not_available', denominator: null, periodStart: '2023-01-01',
          periodEnd: '2023-12-31', source: 'CMS Medicare Inpatient Hospitals – by Provider, 2023 (all DRGs)', footnote: null,
        },
        report,
      )
    }, 'cp1252')
    if (report.status === 'loaded') {
      widenPeriod(report, '2023-01-01', '2023-12-31')
      requireMeasureRows(report, 'Medicare inpatient', report.rowsRead, new Set())
      covered.add('MEDICARE_IP_DISCHARGES')
    }
  }

  // The national 90-day hip/knee episode payment: the Medicare base of TKA and THA prices.
  let hipKneeBase: { cents: number; source: string } | null = null
  {
    const ids = new Set<string>()
    let matched = 0
    const report = await readFile(ctx, 'Payment-National.csv', NATIONAL_PAYMENT_COLUMNS, (v, line, report) => {
      if (!isMeasure(v['Measure ID'], 'PAYM_90_HIP_KNEE')) return void ids.add(v['Measure ID'] ?? '')
      matched++
      const dollars = parseCmsNumber(v['National Payment'])
      if (dollars === null || dollars <= 0) return void report.rejected.push({ line, reason: `National Payment "${v['National Payment']}" is not an amount` })
      widenPeriod(report, parseCmsDate(v['Start Date']), parseCmsDate(v['End Date']))
      hipKneeBase = {
        cents: Math.round(dollars * 100),
        source: `CMS Payment-National PAYM_90_HIP_KNEE (90-day hip/knee episode, ${v['Start Date']} to ${v['End Date']}): ${v['National Payment']}`,
      }
      report.measuresLoaded++
    })
    requireMeasureRows(report, 'PAYM_90_HIP_KNEE', matched, ids)
  }

  const rejected = ctx.reports.filter((r) => r.rejected.length > 0)
  if (rejected.length > 0) {
    const lines = rejected.flatMap((r) => r.rejected.slice(0, 20).map((x) => `  ${r.file} line ${x.line}: ${x.reason}`))
    const total = rejected.reduce((sum, r) => sum + r.rejected.length, 0)
    throw new CmsImportError(`${total} row${total === 1 ? '' : 's'} rejected; nothing was imported:\n${lines.join('\n')}`)
  }

  const missing = FILE_GROUPS.filter((group) => group.files.every((file) => ctx.reports.find((r) => r.file === file)?.status === 'not found')).map(
    (group) => `${group.files.join(' or ')} ${group.files.length > 1 ? 'are' : 'is'} not in the folder: the database will lack ${group.lacks}.`,
  )
  return writeImport(db, { facilities, measures, covered, hipKneeBase, reports: ctx.reports, missing, now, folder, audit })
}

/** Procedures priced from the national hip/knee episode payment (MS-DRG 469/470). */
const HIP_KNEE_PROCEDURES = ['TKA', 'THA']

const FACILITY_FIELDS = [
  'name', 'address', 'city', 'state', 'zip', 'county', 'phone', 'latitude', 'longitude', 'coordinateSource', 'facilityType', 'ownership',
  'hasEmergencyServices', 'starRating', 'nameKey', 'cityKey',
] as const

const MEASURE_FIELDS = ['value', 'comparison', 'denominator', 'periodStart', 'periodEnd', 'source', 'footnote'] as const

/** One file as the import history keeps it (cms_imports.files). */
export interface CmsFileSummary {
  file: string
  status: FileReport['status']
  rowsRead: number
  facts: number
  periodStart: string | null
  periodEnd: string | null
}

interface ReadResult {
  facilities: Map<string, FacilityFacts>
  measures: Map<string, MeasureFact>
  covered: ReadonlySet<string>
  hipKneeBase: { cents: number; source: string } | null
  reports: FileReport[]
  missing: string[]
  now: string
  folder: string
  audit: CmsImportAudit | undefined
}

async function writeImport(db: Kysely<Database>, read: ReadResult): Promise<CmsImportReport> {
  const { facilities, measures, covered, hipKneeBase, reports, missing, now, folder, audit } = read
  const general = reports[0]!
  const importId = newId()
  const history: QualityMeasureHistoryTable[] = []
  const remember = (facilityId: string, old: { measureCode: string; value: number | null; comparison: NationalComparison; periodStart: string | null; periodEnd: string | null; source: string }, change: 'changed' | 'cleared') =>
    history.push({
      id: newId(), facilityId, measureCode: old.measureCode, value: old.value, comparison: old.comparison, periodStart: old.periodStart, periodEnd: old.periodEnd,
      source: old.source, change, replacedAt: now, cmsImportId: importId,
    })
  let facilitiesReactivated = 0
  let measuresInserted = 0
  let measuresUpdated = 0
  let measuresCleared = 0
  return db.transaction().execute(async (trx) => {
    const existing = new Map((await unscopedListFacilitiesWithCcn(trx)).map((row) => [row.ccn!, row]))
    const toInsert: NewFacility[] = []
    const idByCcn = new Map<string, string>()
    for (const [ccn, facility] of facilities) {
      const current = existing.get(ccn)
      if (!current) {
        const id = newId()
        idByCcn.set(ccn, id)
        toInsert.push({ ...facility, id, healthSystemId: null, inactiveSince: null, createdAt: now, updatedAt: now })
        continue
      }
      idByCcn.set(ccn, current.id)
      const changes: Partial<NewFacility> = Object.fromEntries(FACILITY_FIELDS.filter((field) => current[field] !== facility[field]).map((field) => [field, facility[field]]))
      if (current.inactiveSince !== null) {
        changes.inactiveSince = null
        facilitiesReactivated++
      }
      if (current.starRating !== null && current.starRating !== facility.starRating) {
        remember(current.id, { measureCode: STAR_RATING_CODE, value: current.starRating, comparison: 'not_available', periodStart: null, periodEnd: null, source: GENERAL_SOURCE },
          facility.starRating === null ? 'cleared' : 'changed')
      }
      if (Object.keys(changes).length === 0) {
        general.facilitiesUnchanged++
      } else {
        await updateFacility(trx, current.id, { ...changes, updatedAt: now })
        general.facilitiesUpdated++
      }
    }
    await insertFacilities(trx, toInsert)
    general.facilitiesInserted = toInsert.length
    // A CMS hospital this release no longer lists: kept (programs and cases still point at it), inactive.
    const gone = [...existing.values()].filter((row) => !facilities.has(row.ccn!) && row.inactiveSince === null).map((row) => row.id)
    await markFacilitiesInactive(trx, gone, now)

    const codes = [...covered]
    const stored = new Map((codes.length ? await listQualityMeasuresByCodes(trx, codes) : []).map((row) => [`${row.facilityId}|${row.measureCode}`, row]))
    const seen = new Set<string>()
    const newMeasures: NewQualityMeasure[] = []
    for (const fact of measures.values()) {
      const facilityId = idByCcn.get(fact.ccn)!
      const key = `${facilityId}|${fact.measureCode}`
      seen.add(key)
      const row = {
        facilityId, measureCode: fact.measureCode, value: fact.value, comparison: fact.comparison, denominator: fact.denominator,
        periodStart: fact.periodStart, periodEnd: fact.periodEnd, source: fact.source, footnote: fact.footnote,
      }
      const current = stored.get(key)
      if (!current) {
        newMeasures.push({ ...row, id: newId(), updatedAt: now })
        measuresInserted++
        continue
      }
      if (MEASURE_FIELDS.every((field) => current[field] === row[field])) continue
      await updateQualityMeasure(trx, current.id, { ...row, updatedAt: now })
      if (current.value !== null && row.value === null) {
        remember(facilityId, current, 'cleared')
        measuresCleared++
      } else {
        if (current.value !== null && current.value !== row.value) remember(facilityId, current, 'changed')
        measuresUpdated++
      }
    }
    await insertQualityMeasures(trx, newMeasures)
    // A value stored for a hospital this release lists, of a measure the folder carries, that no file
    // gives any more: cleared, kept in the history. (An inactive hospital keeps its last facts.)
    const listed = new Set(idByCcn.values())
    for (const [key, current] of stored) {
      if (seen.has(key) || current.value === null || !listed.has(current.facilityId)) continue
      await updateQualityMeasure(trx, current.id, {
        value: null, comparison: 'not_available', denominator: null, periodStart: null, periodEnd: null,
        footnote: 'Not in the latest CMS release', updatedAt: now,
      })
      remember(current.facilityId, current, 'cleared')
      measuresCleared++
    }

    const proceduresUpdated = hipKneeBase ? await updateMedicareBase(trx, HIP_KNEE_PROCEDURES, hipKneeBase.cents, hipKneeBase.source) : 0
    const prices = await recomputeMarketPrices(trx, now)
    const marketPricesChanged = prices.inserted + prices.updated + prices.deleted
    const all = [...facilities.values()]
    const changed =
      general.facilitiesInserted + general.facilitiesUpdated + gone.length + measuresInserted + measuresUpdated + measuresCleared + marketPricesChanged + proceduresUpdated > 0
    const report: CmsImportReport = {
      importId, files: reports, facilitiesTotal: all.length, facilitiesWithCoordinates: all.filter((f) => f.latitude !== null && f.longitude !== null).length,
      facilitiesInactivated: gone.length, facilitiesReactivated, measuresInserted, measuresUpdated, measuresCleared, marketPricesChanged, missing, changed,
    }
    const files: CmsFileSummary[] = reports.map((r) => ({ file: r.file, status: r.status, rowsRead: r.rowsRead, facts: r.measuresLoaded, periodStart: r.periodStart, periodEnd: r.periodEnd }))
    // The history row and the audit entry are written in the transaction that writes the import:
    // an import is never committed without them.
    await insertCmsImport(trx, {
      ...emptyHistory(importId, now, folder, audit), outcome: changed ? 'imported' : 'unchanged', files: JSON.stringify(files), missing: JSON.stringify(missing),
      facilitiesAdded: general.facilitiesInserted, facilitiesChanged: general.facilitiesUpdated, facilitiesInactivated: gone.length, facilitiesReactivated,
      measuresAdded: measuresInserted, measuresChanged: measuresUpdated, measuresCleared,
    })
    await insertQualityMeasureHistory(trx, history)
    if (audit) {
      await insertAuditEntry(trx, audit.actor, {
        action: 'cms.imported', subjectType: 'cms_folder', subjectId: audit.folder, employerId: null, at: now, actorLabel: audit.actorLabel,
        detail: JSON.stringify({
          importId,
          files: Object.fromEntries(reports.filter((r) => r.status === 'loaded').map((r) => [r.file, r.rowsRead])),
          missing: reports.filter((r) => r.status === 'not found').map((r) => r.file),
          facilitiesTotal: report.facilitiesTotal,
          facilitiesInserted: general.facilitiesInserted,
          facilitiesUpdated: general.facilitiesUpdated,
          facilitiesInactivated: gone.length,
          facilitiesReactivated,
          measuresInserted,
          measuresUpdated,
          measuresCleared,
          marketPricesChanged,
          changed,
        }),
      })
    }
    return report
  })
}
