import fs from 'node:fs'
import path from 'node:path'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import {
  insertFacilities,
  insertQualityMeasures,
  listQualityMeasuresByCodes,
  unscopedListFacilitiesWithCcn,
  updateFacility,
  updateQualityMeasure,
} from '~/db/repositories/facilities.server'
import type { NewFacility, NewQualityMeasure } from '~/db/schema'
import { normalizeCcn, parseCmsDate, parseCmsNumber, parseComparison, parseLocationPoint, parseStarRating } from '~/domain/cms/values'
import { facilitySearchKeys } from '~/domain/search/facility-text'
import type { Actor } from '~/domain/tenancy'
import { zipCentroid } from '~/integrations/zip-geocoding.server'
import { CsvFileError, readCsv } from './csv-reader.server'
import { recomputeMarketPrices } from './market-prices.server'
import { updateMedicareBase } from '~/db/repositories/market-prices.server'

/**
 * `import:cms`: loads CMS Care Compare files (DESIGN §7) from a folder. Every file is read and
 * checked first; only then is everything written in one transaction, so a bad file changes
 * nothing. Re-running on the same files finds nothing to change.
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
}

export interface CmsImportReport {
  files: FileReport[]
  facilitiesWithCoordinates: number
  facilitiesTotal: number
  measuresInserted: number
  measuresUpdated: number
  marketPricesChanged: number
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

/** Who ran an import and on what, for its audit entry (issue 18): every import the page or the CLI runs is audited. */
export interface CmsImportAudit {
  /** The signed-in person (the page), or null outside the portal. */
  actor: Pick<Actor, 'userId' | 'organizationId' | 'ip'> | null
  /** Who acted when no portal user did: "CLI: alice". */
  actorLabel: string | null
  /** The folder as the person chose it: its name in the imports root (the page), or the path given (the CLI). */
  folder: string
}

// A refusal lists up to 20 rejected rows per file: enough to keep in the audit entry, not more.
const MAX_AUDITED_MESSAGE = 2_000

type MeasureFact = Omit<NewQualityMeasure, 'id' | 'facilityId' | 'updatedAt'> & { ccn: string }

// The derived pivots dropped their dates; these are the periods SOURCES.md gives for that release.
const DERIVED_COMP_PERIOD = { periodStart: '2021-04-01', periodEnd: '2024-03-31' }
const DERIVED_READM_PERIOD = { periodStart: '2021-07-01', periodEnd: '2024-06-30' }

function emptyReport(file: string): FileReport {
  return { file, status: 'loaded', rowsRead: 0, facilitiesInserted: 0, facilitiesUpdated: 0, facilitiesUnchanged: 0, measuresLoaded: 0, rowsSkipped: 0, rejected: [] }
}

type Progress = (file: string, rowsRead: number) => void

/** Reads one optional file with a row handler; a missing optional file is reported, not fatal. */
async function readFile(
  folder: string,
  relative: string,
  requiredColumns: readonly string[],
  onRow: (values: Record<string, string>, line: number, report: FileReport) => void,
  progress: Progress,
  reports: FileReport[],
  encoding: 'utf8' | 'cp1252' = 'utf8',
) {
  const report = emptyReport(relative)
  reports.push(report)
  const full = path.join(folder, relative)
  if (!fs.existsSync(full)) {
    report.status = 'not found'
    return
  }
  for await (const row of readCsv(full, { label: relative, requiredColumns, encoding })) {
    report.rowsRead++
    onRow(row.values, row.line, report)
    if (report.rowsRead % 2000 === 0) progress(relative, report.rowsRead)
  }
  progress(relative, report.rowsRead)
}

/**
 * Imports a folder of CMS files (all or nothing). With `audit`, the import is audited: `cms.imported`
 * with the counts in the transaction that writes them, or `cms.import_refused` with the message when
 * a file is refused (as roster imports audit theirs). The page and the CLI always pass it.
 */
export async function importCmsFolder(folder: string, options: { progress?: Progress; now?: Date; audit?: CmsImportAudit } = {}): Promise<CmsImportReport> {
  const now = (options.now ?? new Date()).toISOString()
  try {
    return await readAndWrite(folder, options.progress ?? (() => undefined), now, options.audit)
  } catch (error) {
    if (options.audit && (error instanceof CmsImportError || error instanceof CsvFileError)) {
      const { actor, actorLabel, folder: chosen } = options.audit
      await insertAuditEntry(getDb(), actor, {
        action: 'cms.import_refused', subjectType: 'cms_folder', subjectId: chosen, employerId: null, at: now, actorLabel,
        detail: JSON.stringify({ message: error.message.slice(0, MAX_AUDITED_MESSAGE) }),
      })
    }
    throw error
  }
}

async function readAndWrite(folder: string, progress: Progress, now: string, audit: CmsImportAudit | undefined): Promise<CmsImportReport> {
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new CmsImportError(`No such folder: ${folder}`)
  const generalFile = path.join(folder, 'Hospital_General_Information.csv')
  if (!fs.existsSync(generalFile)) {
    throw new CmsImportError(`${folder} has no Hospital_General_Information.csv: it is not a folder of CMS Care Compare files`)
  }
  const reports: FileReport[] = []

  // 1. Facilities (Hospital General Information).
  const facilities = new Map<string, Omit<NewFacility, 'id' | 'createdAt' | 'updatedAt' | 'healthSystemId'>>()
  await readFile(
    folder,
    'Hospital_General_Information.csv',
    ['Facility ID', 'Facility Name', 'Address', 'City/Town', 'State', 'ZIP Code', 'Hospital Type', 'Hospital overall rating'],
    (v, line, report) => {
      const ccn = normalizeCcn(v['Facility ID'])
      const zip = (v['ZIP Code'] ?? '').padStart(5, '0')
      if (!ccn) return void report.rejected.push({ line, reason: `Facility ID "${v['Facility ID']}" is not a CMS Certification Number` })
      if (!v['Facility Name']) return void report.rejected.push({ line, reason: 'Facility Name is empty' })
      if (!/^[A-Z]{2}$/.test(v['State'] ?? '')) return void report.rejected.push({ line, reason: `State "${v['State']}" is not a two-letter code` })
      if (!/^\d{5}$/.test(zip)) return void report.rejected.push({ line, reason: `ZIP Code "${v['ZIP Code']}" is not a 5-digit ZIP` })
      if (facilities.has(ccn)) return void report.rejected.push({ line, reason: `Facility ID ${ccn} appears twice` })
      const centroid = zipCentroid(zip)
      facilities.set(ccn, {
        ccn,
        name: v['Facility Name']!,
        address: v['Address'] ?? '',
        city: v['City/Town'] ?? '',
        state: v['State']!,
        zip,
        county: v['County/Parish'] || null,
        phone: v['Telephone Number'] || null,
        latitude: centroid?.latitude ?? null,
        longitude: centroid?.longitude ?? null,
        coordinateSource: centroid ? 'zip_centroid' : null,
        facilityType: v['Hospital Type'] || 'Unknown',
        ownership: v['Hospital Ownership'] || null,
        hasEmergencyServices: v['Emergency Services'] === 'Yes' ? 1 : v['Emergency Services'] === 'No' ? 0 : null,
        starRating: parseStarRating(v['Hospital overall rating']),
        ...facilitySearchKeys({ name: v['Facility Name']!, city: v['City/Town'] ?? '' }),
      })
    },
    progress,
    reports,
  )

  // 2. Coordinates from the 2020 file's Location point, where the hospital has not moved ZIP since.
  await readFile(
    folder,
    'legacy-2020/Hospital_General_Information.csv',
    ['Facility ID', 'ZIP Code', 'Location'],
    (v, _line, report) => {
      const ccn = normalizeCcn(v['Facility ID'])
      const facility = ccn ? facilities.get(ccn) : undefined
      const point = parseLocationPoint(v['Location'])
      if (!facility || !point || facility.zip !== (v['ZIP Code'] ?? '').padStart(5, '0')) return void report.rowsSkipped++
      facility.latitude = point.latitude
      facility.longitude = point.longitude
      facility.coordinateSource = 'cms_location'
    },
    progress,
    reports,
  )

  // 3. Quality facts. Later files override earlier ones for the same facility and measure.
  const measures = new Map<string, MeasureFact>()
  const addMeasure = (fact: MeasureFact, report: FileReport) => {
    if (!facilities.has(fact.ccn)) return void report.rowsSkipped++
    measures.set(`${fact.ccn}|${fact.measureCode}`, fact)
    report.measuresLoaded++
  }
  const longFormat = (file: string, measureId: string, measureCode: string, source: string) =>
    readFile(
      folder,
      file,
      ['Facility ID', 'Measure ID', 'Compared to National', 'Score', 'Start Date', 'End Date'],
      (v, line, report) => {
        if (v['Measure ID'] !== measureId) return
        const ccn = normalizeCcn(v['Facility ID'])
        if (!ccn) return void report.rejected.push({ line, reason: `Facility ID "${v['Facility ID']}" is not a CMS Certification Number` })
        const value = parseCmsNumber(v['Score'])
        addMeasure(
          {
            ccn, measureCode, value, comparison: value === null ? 'not_available' : parseComparison(v['Compared to National']),
            denominator: parseCmsNumber(v['Denominator']), periodStart: parseCmsDate(v['Start Date']), periodEnd: parseCmsDate(v['End Date']),
            source, footnote: v['Footnote'] || null,
          },
          report,
        )
      },
      progress,
      reports,
    )
  const pivot = (file: string, scoreColumn: string, flagColumn: string, measureCode: string, period: { periodStart: string; periodEnd: string }, source: string) =>
    readFile(
      folder,
      file,
      ['facility_id', scoreColumn, flagColumn],
      (v, line, report) => {
        const ccn = normalizeCcn(v['facility_id'])
        if (!ccn) return void report.rejected.push({ line, reason: `facility_id "${v['facility_id']}" is not a CMS Certification Number` })
        const value = parseCmsNumber(v[scoreColumn])
        if (value === null && !v[flagColumn]) return void report.rowsSkipped++
        addMeasure(
          { ccn, measureCode, value, comparison: value === null ? 'not_available' : parseComparison(v[flagColumn]), denominator: null, ...period, source, footnote: null },
          report,
        )
      },
      progress,
      reports,
    )

  await pivot('derived/complications_cleaned.csv', 'comp_score_comp_hip_knee', 'comp_flag_comp_hip_knee', 'COMP_HIP_KNEE', DERIVED_COMP_PERIOD,
    'CMS Complications and Deaths – Hospital (2025/26 Care Compare release, one-row-per-hospital copy)')
  await longFormat('Complications_and_Deaths-Hospital.csv', 'COMP_HIP_KNEE', 'COMP_HIP_KNEE', 'CMS Complications and Deaths – Hospital')
  await pivot('derived/unplanned_visits_cleaned.csv', 'unplanned_score_readm_30_hip_knee', 'unplanned_flag_readm_30_hip_knee', 'READM_30_HIP_KNEE', DERIVED_READM_PERIOD,
    'CMS Unplanned Hospital Visits – Hospital (2025/26 Care Compare release, one-row-per-hospital copy)')
  await longFormat('Unplanned_Hospital_Visits-Hospital.csv', 'READM_30_HIP_KNEE', 'READM_30_HIP_KNEE', 'CMS Unplanned Hospital Visits – Hospital')

  // Excess readmission ratio (HRRP): FY2025 first, the newer FY2026 copy overrides it.
  const hrrp = (file: string, source: string) =>
    readFile(
      folder,
      file,
      ['Facility ID', 'Measure Name', 'Number of Discharges', 'Excess Readmission Ratio', 'Start Date', 'End Date'],
      (v, line, report) => {
        if (v['Measure Name'] !== 'READM-30-HIP-KNEE-HRRP') return
        const ccn = normalizeCcn(v['Facility ID'])
        if (!ccn) return void report.rejected.push({ line, reason: `Facility ID "${v['Facility ID']}" is not a CMS Certification Number` })
        const value = parseCmsNumber(v['Excess Readmission Ratio'])
        if (value === null) return void report.rowsSkipped++
        addMeasure(
          {
            ccn, measureCode: 'READM_30_HIP_KNEE_HRRP', value, comparison: value < 1 ? 'better' : value > 1 ? 'worse' : 'no_different',
            denominator: parseCmsNumber(v['Number of Discharges']), periodStart: parseCmsDate(v['Start Date']), periodEnd: parseCmsDate(v['End Date']),
            source, footnote: v['Footnote'] || null,
          },
          report,
        )
      },
      progress,
      reports,
    )
  await hrrp('Hospital_Readmissions_Reduction_Program_Hospital.csv', 'CMS Hospital Readmissions Reduction Program, FY2025')
  await hrrp('derived/FY_2026_Hospital_Readmissions_Reduction_Program_Hospital.csv', 'CMS Hospital Readmissions Reduction Program, FY2026')

  // Medicare spending per beneficiary: the relative cost index of market prices.
  await readFile(
    folder,
    'Medicare_Hospital_Spending_Per_Patient-Hospital.csv',
    ['Facility ID', 'Measure ID', 'Score', 'Start Date', 'End Date'],
    (v, line, report) => {
      if (v['Measure ID'] !== 'MSPB-1') return
      const ccn = normalizeCcn(v['Facility ID'])
      if (!ccn) return void report.rejected.push({ line, reason: `Facility ID "${v['Facility ID']}" is not a CMS Certification Number` })
      const value = parseCmsNumber(v['Score'])
      if (value === null) return void report.rowsSkipped++
      addMeasure(
        {
          // CMS publishes no national comparison for MSPB: it is a cost ratio (1.00 = national median).
          ccn, measureCode: 'MSPB_1', value, comparison: 'not_available', denominator: null,
          periodStart: parseCmsDate(v['Start Date']), periodEnd: parseCmsDate(v['End Date']), source: 'CMS Medicare Spending Per Beneficiary – Hospital', footnote: v['Footnote'] || null,
        },
        report,
      )
    },
    progress,
    reports,
  )

  // Medicare inpatient stays per hospital (all DRGs, 2023): a volume signal. The file is cp1252 with "$1,234" money.
  await readFile(
    folder,
    'derived/Medicare_IP_Hospitals_by_Provider_2023.csv',
    ['Rndrng_Prvdr_CCN', 'Tot_Dschrgs', 'Tot_Pymt_Amt'],
    (v, line, report) => {
      const ccn = normalizeCcn(v['Rndrng_Prvdr_CCN'])
      if (!ccn) return void report.rejected.push({ line, reason: `Rndrng_Prvdr_CCN "${v['Rndrng_Prvdr_CCN']}" is not a CMS Certification Number` })
      const discharges = parseCmsNumber(v['Tot_Dschrgs'])
      if (discharges === null) return void report.rowsSkipped++
      addMeasure(
        {
          ccn, measureCode: 'MEDICARE_IP_DISCHARGES', value: discharges, comparison: 'not_available', denominator: null, periodStart: '2023-01-01',
          periodEnd: '2023-12-31', source: 'CMS Medicare Inpatient Hospitals – by Provider, 2023 (all DRGs)', footnote: null,
        },
        report,
      )
    },
    progress,
    reports,
    'cp1252',
  )

  // The national 90-day hip/knee episode payment: the Medicare base of TKA and THA prices.
  let hipKneeBase: { cents: number; source: string } | null = null
  await readFile(
    folder,
    'Payment-National.csv',
    ['Measure ID', 'National Payment', 'Start Date', 'End Date'],
    (v, line, report) => {
      if (v['Measure ID'] !== 'PAYM_90_HIP_KNEE') return
      const dollars = parseCmsNumber(v['National Payment'])
      if (dollars === null || dollars <= 0) return void report.rejected.push({ line, reason: `National Payment "${v['National Payment']}" is not an amount` })
      hipKneeBase = {
        cents: Math.round(dollars * 100),
        source: `CMS Payment-National PAYM_90_HIP_KNEE (90-day hip/knee episode, ${v['Start Date']} to ${v['End Date']}): ${v['National Payment']}`,
      }
      report.measuresLoaded++
    },
    progress,
    reports,
  )

  const rejected = reports.filter((r) => r.rejected.length > 0)
  if (rejected.length > 0) {
    const lines = rejected.flatMap((r) => r.rejected.slice(0, 20).map((x) => `  ${r.file} line ${x.line}: ${x.reason}`))
    const total = rejected.reduce((sum, r) => sum + r.rejected.length, 0)
    throw new CmsImportError(`${total} row${total === 1 ? '' : 's'} rejected; nothing was imported:\n${lines.join('\n')}`)
  }

  return writeImport(facilities, measures, hipKneeBase, reports, now, audit)
}

/** Procedures priced from the national hip/knee episode payment (MS-DRG 469/470). */
const HIP_KNEE_PROCEDURES = ['TKA', 'THA']

const FACILITY_FIELDS = [
  'name', 'address', 'city', 'state', 'zip', 'county', 'phone', 'latitude', 'longitude', 'coordinateSource', 'facilityType', 'ownership',
  'hasEmergencyServices', 'starRating', 'nameKey', 'cityKey',
] as const

async function writeImport(
  facilities: Map<string, Omit<NewFacility, 'id' | 'createdAt' | 'updatedAt' | 'healthSystemId'>>,
  measures: Map<string, MeasureFact>,
  hipKneeBase: { cents: number; source: string } | null,
  reports: FileReport[],
  now: string,
  audit: CmsImportAudit | undefined,
): Promise<CmsImportReport> {
  const general = reports[0]!
  const all = [...facilities.values()]
  let measuresInserted = 0
  let measuresUpdated = 0
  let marketPricesChanged = 0
  let proceduresUpdated = 0
  return getDb().transaction().execute(async (trx) => {
    const existing = new Map((await unscopedListFacilitiesWithCcn(trx)).map((row) => [row.ccn!, row]))
    const toInsert: NewFacility[] = []
    const idByCcn = new Map<string, string>()
    for (const [ccn, facility] of facilities) {
      const current = existing.get(ccn)
      if (!current) {
        const id = newId()
        idByCcn.set(ccn, id)
        toInsert.push({ ...facility, id, healthSystemId: null, createdAt: now, updatedAt: now })
        continue
      }
      idByCcn.set(ccn, current.id)
      const changes = Object.fromEntries(FACILITY_FIELDS.filter((field) => current[field] !== facility[field]).map((field) => [field, facility[field]]))
      if (Object.keys(changes).length === 0) {
        general.facilitiesUnchanged++
      } else {
        await updateFacility(trx, current.id, { ...changes, updatedAt: now })
        general.facilitiesUpdated++
      }
    }
    await insertFacilities(trx, toInsert)
    general.facilitiesInserted = toInsert.length

    const codes = [...new Set([...measures.values()].map((m) => m.measureCode))]
    const existingMeasures = new Map(
      (codes.length ? await listQualityMeasuresByCodes(trx, codes) : []).map((row) => [`${row.facilityId}|${row.measureCode}`, row]),
    )
    const newMeasures = []
    for (const fact of measures.values()) {
      const facilityId = idByCcn.get(fact.ccn)!
      const row = {
        facilityId, measureCode: fact.measureCode, value: fact.value, comparison: fact.comparison, denominator: fact.denominator,
        periodStart: fact.periodStart, periodEnd: fact.periodEnd, source: fact.source, footnote: fact.footnote,
      }
      const current = existingMeasures.get(`${facilityId}|${fact.measureCode}`)
      if (!current) {
        newMeasures.push({ ...row, id: newId(), updatedAt: now })
        measuresInserted++
      } else if (
        current.value !== row.value || current.comparison !== row.comparison || current.denominator !== row.denominator ||
        current.periodStart !== row.periodStart || current.periodEnd !== row.periodEnd || current.source !== row.source || current.footnote !== row.footnote
      ) {
        await updateQualityMeasure(trx, current.id, { ...row, updatedAt: now })
        measuresUpdated++
      }
    }
    await insertQualityMeasures(trx, newMeasures)
    if (hipKneeBase) proceduresUpdated = await updateMedicareBase(trx, HIP_KNEE_PROCEDURES, hipKneeBase.cents, hipKneeBase.source)
    const prices = await recomputeMarketPrices(trx, now)
    marketPricesChanged = prices.inserted + prices.updated + prices.deleted
    const report: CmsImportReport = {
      files: reports,
      facilitiesTotal: all.length,
      facilitiesWithCoordinates: all.filter((f) => f.latitude !== null && f.longitude !== null).length,
      measuresInserted,
      measuresUpdated,
      marketPricesChanged,
      changed: general.facilitiesInserted + general.facilitiesUpdated + measuresInserted + measuresUpdated + marketPricesChanged + proceduresUpdated > 0,
    }
    // In the transaction that writes the import: an import is never committed without its entry.
    if (audit) {
      await insertAuditEntry(trx, audit.actor, {
        action: 'cms.imported', subjectType: 'cms_folder', subjectId: audit.folder, employerId: null, at: now, actorLabel: audit.actorLabel,
        detail: JSON.stringify({
          files: Object.fromEntries(reports.filter((r) => r.status === 'loaded').map((r) => [r.file, r.rowsRead])),
          facilitiesTotal: report.facilitiesTotal,
          facilitiesInserted: general.facilitiesInserted,
          facilitiesUpdated: general.facilitiesUpdated,
          measuresInserted,
          measuresUpdated,
          marketPricesChanged,
          changed: report.changed,
        }),
      })
    }
    return report
  })
}

