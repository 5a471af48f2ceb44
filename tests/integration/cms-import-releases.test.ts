import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { getOptionalActor } from '~/auth/guard.server'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { normalizeCcn } from '~/domain/cms/values'
import type { Actor } from '~/domain/tenancy'
import { CMS_FILES, CmsImportError, importCmsFolder, type CmsImportReport } from '~/services/cms-import.server'
import { findCare } from '~/services/find-care.server'
import { snapshot } from './hostile'
import { cookieFor, getRequest } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/**
 * Issue 19, "the CMS importer must never lose data silently", shown on altered copies of the real
 * release in ../shared/data/cms. The test copies the real files with their headers and the rows of
 * eleven hospitals (rows it does not alter keep their bytes), changes what another CMS release
 * changes, imports the copy and checks the exact message and the database. The tests share this
 * file's database; each starts by importing the unaltered copy, which puts the real values back.
 */

const ROOT = path.resolve(import.meta.dirname, '../..')
const SHARED = path.resolve(ROOT, '../shared/data/cms')
const EXTRACT = path.join(ROOT, 'db/data/cms')
const hasSharedData = fs.existsSync(path.join(SHARED, 'Hospital_General_Information.csv'))

/**
 * Alabama (one with no 2020 map point), a VA hospital (an alphanumeric CCN, in no HRRP or MSPB
 * file), San Francisco, Boston, New York and five Columbus, Ohio hospitals near the test member
 * (Doctors Hospital, 360152, has real "N/A" and blank values).
 */
const CCNS = ['010001', '010005', '01014F', '050454', '220071', '330101', '360006', '360017', '360035', '360085', '360152']

const HGI = 'Hospital_General_Information.csv'
const LEGACY = 'legacy-2020/Hospital_General_Information.csv'
const COMP = 'derived/complications_cleaned.csv'
const HRRP_2025 = 'Hospital_Readmissions_Reduction_Program_Hospital.csv'
const HRRP_2026 = 'derived/FY_2026_Hospital_Readmissions_Reduction_Program_Hospital.csv'
const MSPB = 'Medicare_Hospital_Spending_Per_Patient-Hospital.csv'
const MEDICARE_IP = 'derived/Medicare_IP_Hospitals_by_Provider_2023.csv'

/** The column that holds the hospital in each file; files without one (the national payment) are copied whole. */
const KEY_COLUMN: Record<string, string> = {
  [HGI]: 'Facility ID',
  [LEGACY]: 'Facility ID',
  [COMP]: 'facility_id',
  'derived/unplanned_visits_cleaned.csv': 'facility_id',
  [HRRP_2025]: 'Facility ID',
  [HRRP_2026]: 'Facility ID',
  [MSPB]: 'Facility ID',
  [MEDICARE_IP]: 'Rndrng_Prvdr_CCN',
}

/** The 2026 Hospital General Information header, as SOURCES.md gives it. */
const HGI_HEADER = [
  'Facility ID', 'Facility Name', 'Address', 'City/Town', 'State', 'ZIP Code', 'County/Parish', 'Telephone Number', 'Hospital Type', 'Hospital Ownership',
  'Emergency Services', 'Meets criteria for birthing friendly designation', 'Hospital overall rating', 'Hospital overall rating footnote', 'MORT Group Measure Count',
  'Count of Facility MORT Measures', 'Count of MORT Measures Better', 'Count of MORT Measures No Different', 'Count of MORT Measures Worse', 'MORT Group Footnote',
  'Safety Group Measure Count', 'Count of Facility Safety Measures', 'Count of Safety Measures Better', 'Count of Safety Measures No Different',
  'Count of Safety Measures Worse', 'Safety Group Footnote', 'READM Group Measure Count', 'Count of Facility READM Measures', 'Count of READM Measures Better',
  'Count of READM Measures No Different', 'Count of READM Measures Worse', 'READM Group Footnote', 'Pt Exp Group Measure Count', 'Count of Facility Pt Exp Measures',
  'Pt Exp Group Footnote', 'TE Group Measure Count', 'Count of Facility TE Measures', 'TE Group Footnote',
]

/** One file of a copied release: the header and the kept rows, each with its original text until the test changes it. */
interface CsvCopy {
  /** UTF-8 byte-order mark (or, in the latin1-read file, its three characters) the original starts with. */
  bom: string
  header: string[]
  /** The original header line, null once a column is renamed. */
  headerLine: string | null
  rows: Array<{ cells: string[]; line: string | null }>
  /** The original's line ending (the CMS downloads end lines with CR LF). */
  eol: '\r\n' | '\n'
  /**
   * The Medicare inpatient file is a spreadsheet re-save (a BOM, then cp1252 text): it is read and
   * written as latin1, one character per byte, so its bytes stay as they are.
   */
  encoding: 'utf8' | 'latin1'
}
type Release = Map<string, CsvCopy>

const BOM = /^(\uFEFF|\u00EF\u00BB\u00BF)/

/** The header and the rows of CCNS of one real file. */
function copyOf(folder: string, file: string, gzipped = false): CsvCopy {
  const encoding = file === MEDICARE_IP && !gzipped ? 'latin1' : 'utf8'
  const bytes = fs.readFileSync(path.join(folder, gzipped ? `${file}.gz` : file))
  const text = (gzipped ? zlib.gunzipSync(bytes) : bytes).toString(encoding)
  const bom = BOM.exec(text)?.[0] ?? ''
  const [head, ...records] = parse(text.slice(bom.length), { raw: true }) as Array<{ record: string[]; raw: string }>
  const header = head!.record
  const key = KEY_COLUMN[file]
  const at = key === undefined ? -1 : header.indexOf(key)
  if (key !== undefined && at < 0) throw new Error(`${file} has no ${key} column`)
  // csv-parse's raw text of a record keeps part of the line break after it (CR of a CR LF, or the LF).
  const eol = /\r\n?$/.test(head!.raw) ? '\r\n' : '\n'
  const withoutCr = (raw: string) => raw.replace(/[\r\n]+$/, '')
  const rows = records.filter((r) => at < 0 || CCNS.includes(normalizeCcn(r.record[at]) ?? '')).map((r) => ({ cells: r.record, line: withoutCr(r.raw) }))
  return { bom, header, headerLine: withoutCr(head!.raw), rows, encoding, eol }
}

const clone = (release: Release): Release =>
  new Map([...release].map(([file, copy]) => [file, { ...copy, header: [...copy.header], rows: copy.rows.map((r) => ({ cells: [...r.cells], line: r.line })) }]))

const csvLine = (cells: string[]) => stringify([cells]).replace(/\n$/, '')

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-releases-'))

/** Writes a release into a new folder (gzipped, as the committed extract is, when asked). */
function writeRelease(release: Release, options: { gzip?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'release-'))
  for (const [file, copy] of release) {
    const lines = [copy.bom + (copy.headerLine ?? csvLine(copy.header)), ...copy.rows.map((r) => r.line ?? csvLine(r.cells))]
    const bytes = Buffer.from(`${lines.join(copy.eol)}${copy.eol}`, copy.encoding)
    const target = path.join(dir, options.gzip ? `${file}.gz` : file)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.writeFileSync(target, options.gzip ? zlib.gzipSync(bytes) : bytes)
  }
  return dir
}

let base: Release
let baseFolder: string

/** A copy of the base release changed by `change`, written to a folder. */
function altered(change: (release: Release) => void): string {
  const release = clone(base)
  change(release)
  return writeRelease(release)
}

function fileOf(release: Release, file: string): CsvCopy {
  const copy = release.get(file)
  if (!copy) throw new Error(`${file} is not in the release`)
  return copy
}

function renameColumn(copy: CsvCopy, from: string, to: string) {
  const at = copy.header.indexOf(from)
  if (at < 0) throw new Error(`no column ${from}`)
  copy.header[at] = to
  copy.headerLine = null
}

const column = (copy: CsvCopy, name: string) => {
  const at = copy.header.indexOf(name)
  if (at < 0) throw new Error(`no column ${name}`)
  return at
}

/** Sets cells of the rows `where` picks (by column name); returns the file line numbers of the rows changed. */
function setCells(copy: CsvCopy, where: (cell: (name: string) => string) => boolean, changes: Record<string, string>): number[] {
  const lines: number[] = []
  copy.rows.forEach((row, index) => {
    if (!where((name) => row.cells[column(copy, name)]!)) return
    for (const [name, value] of Object.entries(changes)) row.cells[column(copy, name)] = value
    row.line = null
    lines.push(index + 2)
  })
  if (lines.length === 0) throw new Error('no row matched')
  return lines
}

/** The rows of one hospital (by `KEY_COLUMN`). */
const ofHospital = (file: string, ccn: string) => (cell: (name: string) => string) => normalizeCcn(cell(KEY_COLUMN[file]!)) === ccn

/** A cell of the base release (the real value), for one hospital and, in long files, one measure. */
function realCell(file: string, ccn: string, name: string, measure?: { column: string; id: string }): string {
  const copy = fileOf(base, file)
  const row = copy.rows.find((r) => normalizeCcn(r.cells[column(copy, KEY_COLUMN[file]!)]) === ccn && (!measure || r.cells[column(copy, measure.column)] === measure.id))
  if (!row) throw new Error(`${file} has no row of ${ccn}`)
  return row.cells[column(copy, name)]!
}

// Every import is dated one minute after the one before, so dates in the database are exact.
let clock = Date.parse('2026-03-01T09:00:00.000Z')
const AUDIT_LABEL = 'Test: cms-import-releases'
const run = (folder: string, now = new Date((clock += 60_000))) =>
  importCmsFolder(folder, { now, audit: { actor: null, actorLabel: AUDIT_LABEL, folder } })

const db = () => getDb()
const facility = (ccn: string) => db().selectFrom('facilities').selectAll().where('ccn', '=', ccn).executeTakeFirstOrThrow()
async function measure(ccn: string, measureCode: string) {
  const { id } = await facility(ccn)
  return db()
    .selectFrom('qualityMeasures')
    .select(['value', 'comparison', 'denominator', 'periodStart', 'periodEnd', 'source', 'footnote'])
    .where('facilityId', '=', id)
    .where('measureCode', '=', measureCode)
    .executeTakeFirstOrThrow()
}
const historyOf = (importId: string) =>
  db()
    .selectFrom('qualityMeasureHistory')
    .innerJoin('facilities', 'facilities.id', 'qualityMeasureHistory.facilityId')
    .select([
      'facilities.ccn', 'qualityMeasureHistory.measureCode', 'qualityMeasureHistory.value', 'qualityMeasureHistory.comparison', 'qualityMeasureHistory.periodStart',
      'qualityMeasureHistory.periodEnd', 'qualityMeasureHistory.source', 'qualityMeasureHistory.change', 'qualityMeasureHistory.replacedAt',
    ])
    .where('qualityMeasureHistory.cmsImportId', '=', importId)
    .orderBy('facilities.ccn')
    .orderBy('qualityMeasureHistory.measureCode')
    .execute()
const latestImportId = async () => (await db().selectFrom('cmsImports').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst())?.id ?? ''
const importsSince = (id: string) => db().selectFrom('cmsImports').selectAll().where('id', '>', id).orderBy('id').execute()
const importRow = (id: string) => db().selectFrom('cmsImports').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

/** The cms_imports row a refusal leaves: the message, nothing counted. */
const refusedRow = (folder: string, message: string) => ({
  outcome: 'refused', folder, actorUserId: null, actorLabel: AUDIT_LABEL, message, files: '[]', missing: '[]', facilitiesAdded: 0, facilitiesChanged: 0,
  facilitiesInactivated: 0, facilitiesReactivated: 0, measuresAdded: 0, measuresChanged: 0, measuresCleared: 0,
})

/**
 * Imports `folder`, expects the refusal `message` (exactly), no change to any table, and one
 * cms_imports row (and its audit entry) that records the refusal.
 */
async function expectRefused(folder: string, message: string) {
  const since = await latestImportId()
  const before = await snapshot(['cmsImports', 'auditLog'])
  const error = await run(folder).then(
    () => null,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(CmsImportError)
  expect((error as Error).message).toBe(message)
  expect(await snapshot(['cmsImports', 'auditLog'])).toEqual(before)
  const rows = await importsSince(since)
  expect(rows).toEqual([expect.objectContaining(refusedRow(folder, message))])
  const audit = await db().selectFrom('auditLog').select(['action', 'subjectId', 'actorLabel', 'detail']).where('occurredAt', '=', rows[0]!.importedAt).execute()
  expect(audit).toEqual([{ action: 'cms.import_refused', subjectId: folder, actorLabel: AUDIT_LABEL, detail: JSON.stringify({ message }) }])
}

let t: TwoTenants
let first: CmsImportReport
let member: Actor

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe.runIf(hasSharedData)('CMS releases that differ from the one the importer was written for (altered copies of ../shared/data/cms)', () => {
  beforeAll(async () => {
    base = new Map(CMS_FILES.filter((file) => fs.existsSync(path.join(SHARED, file))).map((file) => [file, copyOf(SHARED, file)]))
    baseFolder = writeRelease(base)
    t = await createTwoTenants(db())
    member = (await getOptionalActor(getRequest('/', await cookieFor(t.users.employeeA))))!
    first = await run(baseFolder)
  })

  beforeEach(async () => {
    await run(baseFolder)
  })

  it('the copy holds every file the importer reads from the real release, each with its real header and the rows of the eleven hospitals', async () => {
    expect([...base.keys()]).toEqual(CMS_FILES.filter((file) => file !== 'Complications_and_Deaths-Hospital.csv' && file !== 'Unplanned_Hospital_Visits-Hospital.csv'))
    expect(fileOf(base, HGI).header).toEqual(HGI_HEADER)
    expect(fileOf(base, HGI).rows.map((r) => r.cells[0])).toEqual(CCNS)
    // The unaltered copy imports every hospital with nothing missing; the long-format files are alternatives of the derived ones.
    expect(first).toMatchObject({ changed: true, facilitiesTotal: 11, facilitiesInactivated: 0, facilitiesReactivated: 0, measuresCleared: 0, missing: [] })
    expect(first.files[0]).toMatchObject({ file: HGI, rowsRead: 11, facilitiesInserted: 11, rejected: [] })
    expect(await measure('010001', 'MSPB_1')).toMatchObject({ value: 1.03, periodStart: '2023-01-01', periodEnd: '2023-12-31' })
    expect(await measure('360152', 'READM_30_HIP_KNEE_HRRP')).toMatchObject({ value: null, comparison: 'not_available' })
  })

  describe('1. columns renamed to a spelling of another release', () => {
    it('reads Phone Number and County Name (the 2020 spellings) as Telephone Number and County/Parish: phone and county keep their real values', async () => {
      const folder = altered((release) => {
        renameColumn(fileOf(release, HGI), 'Telephone Number', 'Phone Number')
        renameColumn(fileOf(release, HGI), 'County/Parish', 'County Name')
      })
      const report = await run(folder)
      expect(report).toMatchObject({ changed: false, facilitiesTotal: 11 })
      expect(report.files[0]).toMatchObject({ file: HGI, rowsRead: 11, facilitiesUpdated: 0, facilitiesUnchanged: 11, rejected: [] })
      const stored = await db().selectFrom('facilities').select(['ccn', 'phone', 'county']).where('ccn', 'in', CCNS).orderBy('ccn').execute()
      expect(stored).toEqual(
        [...CCNS].sort().map((ccn) => ({ ccn, phone: realCell(HGI, ccn, 'Telephone Number'), county: realCell(HGI, ccn, 'County/Parish') })),
      )
      expect(stored.find((f) => f.ccn === '360085')).toEqual({ ccn: '360085', phone: '(614) 293-9700', county: 'FRANKLIN' })
      expect(await importRow(report.importId)).toMatchObject({ outcome: 'unchanged', facilitiesChanged: 0 })
    })
  })

  describe('2. a header in no known spelling is refused, naming the columns expected and found; nothing changes', () => {
    const found = (from: string, to: string) => HGI_HEADER.map((name) => `"${name === from ? to : name}"`).join(', ')
    it.each([
      {
        name: 'a required column renamed to a name no release used',
        from: 'Facility Name',
        to: 'Hospital Legal Name',
        expected: '"Facility Name" (or "Hospital Name")',
      },
      {
        name: 'Telephone Number renamed to an unknown spelling (it would have become a column of blanks)',
        from: 'Telephone Number',
        to: 'Main Phone',
        expected: '"Telephone Number" (or "Phone Number")',
      },
    ])('$name', async ({ from, to, expected }) => {
      const folder = altered((release) => renameColumn(fileOf(release, HGI), from, to))
      await expectRefused(
        folder,
        `Hospital_General_Information.csv: no column ${expected}. This is not a release whose columns the importer knows, so nothing was imported. Columns found: ${found(from, to)}.`,
      )
    })
  })

  describe('3. measure ids written another way', () => {
    it('reads MSPB_1 as MSPB-1: every hospital keeps its real MSPB fact', async () => {
      const folder = altered((release) => setCells(fileOf(release, MSPB), (cell) => cell('Measure ID') === 'MSPB-1', { 'Measure ID': 'MSPB_1' }))
      const report = await run(folder)
      expect(report).toMatchObject({ changed: false, measuresCleared: 0, measuresUpdated: 0 })
      expect(report.files.find((f) => f.file === MSPB)).toMatchObject({ status: 'loaded', rowsRead: 10, measuresLoaded: 10, rejected: [] })
      for (const ccn of CCNS.filter((c) => c !== '01014F')) {
        expect(await measure(ccn, 'MSPB_1'), ccn).toMatchObject({ value: Number(realCell(MSPB, ccn, 'Score')), periodStart: '2023-01-01', periodEnd: '2023-12-31' })
      }
      expect(await importRow(report.importId)).toMatchObject({ outcome: 'unchanged', measuresCleared: 0 })
    })
  })

  describe('4. a measure renamed to an id the importer does not know is refused, naming the file and the ids it found; nothing changes', () => {
    const HRRP_IDS = 'READM-30-AMI-HRRP, READM-30-CABG-HRRP, READM-30-COPD-HRRP, READM-30-HF-HRRP, READM-30-PN-HRRP, READM-30-THA-TKA-HRRP'
    it.each([
      { file: HRRP_2025, column: 'Measure Name', from: 'READM-30-HIP-KNEE-HRRP', to: 'READM-30-THA-TKA-HRRP', measure: 'READM-30-HIP-KNEE-HRRP', ids: HRRP_IDS },
      { file: HRRP_2026, column: 'Measure Name', from: 'READM-30-HIP-KNEE-HRRP', to: 'READM-30-THA-TKA-HRRP', measure: 'READM-30-HIP-KNEE-HRRP', ids: HRRP_IDS },
      { file: MSPB, column: 'Measure ID', from: 'MSPB-1', to: 'MSPB-2026', measure: 'MSPB-1', ids: 'MSPB-2026' },
    ])('$from → $to in $file', async ({ file, column: name, from, to, measure: id, ids }) => {
      const folder = altered((release) => setCells(fileOf(release, file), (cell) => cell(name) === from, { [name]: to }))
      await expectRefused(
        folder,
        `${file} has no ${id} rows (measure ids found: ${ids}). A release that renamed the measure is not one the importer knows, so nothing was imported.`,
      )
    })
  })

  describe('5. values that became "Not Available"', () => {
    it('Not Available, N/A and Not Avail. clear the stored value; quality_measure_history keeps the old value with its period', async () => {
      const folder = altered((release) => {
        // A newer MSPB period in which Riverside has no score (CMS footnote 5: not available for this period).
        setCells(fileOf(release, MSPB), ofHospital(MSPB, '360006'), {
          Score: 'Not Available', Footnote: '5', 'Start Date': '01/01/2024', 'End Date': '12/31/2024',
        })
        const hrrp = fileOf(release, HRRP_2026)
        setCells(hrrp, (cell) => ofHospital(HRRP_2026, '360017')(cell) && cell('Measure Name') === 'READM-30-HIP-KNEE-HRRP', { 'Excess Readmission Ratio': 'N/A' })
        setCells(fileOf(release, COMP), ofHospital(COMP, '360085'), { comp_score_comp_hip_knee: 'Not Avail.' })
        setCells(fileOf(release, HGI), ofHospital(HGI, '360035'), { 'Hospital overall rating': 'Not Available' })
      })
      const report = await run(folder)
      expect(report).toMatchObject({ changed: true, measuresCleared: 3, measuresUpdated: 0, measuresInserted: 0, facilitiesInactivated: 0 })
      expect(report.files[0]).toMatchObject({ facilitiesUpdated: 1, facilitiesUnchanged: 10 })

      const mspbSource = 'CMS Medicare Spending Per Beneficiary – Hospital'
      const hrrpSource = 'CMS Hospital Readmissions Reduction Program, FY2026'
      const compSource = 'CMS Complications and Deaths – Hospital (2025/26 Care Compare release, one-row-per-hospital copy)'
      expect(await measure('360006', 'MSPB_1')).toEqual({
        value: null, comparison: 'not_available', denominator: null, periodStart: '2024-01-01', periodEnd: '2024-12-31', source: mspbSource, footnote: '5',
      })
      expect(await measure('360017', 'READM_30_HIP_KNEE_HRRP')).toEqual({
        value: null, comparison: 'not_available', denominator: null, periodStart: '2021-07-01', periodEnd: '2024-06-30', source: hrrpSource, footnote: null,
      })
      expect(await measure('360085', 'COMP_HIP_KNEE')).toEqual({
        value: null, comparison: 'not_available', denominator: null, periodStart: '2021-04-01', periodEnd: '2024-03-31', source: compSource, footnote: null,
      })
      expect((await facility('360035')).starRating).toBeNull()

      const replacedAt = (await importRow(report.importId)).importedAt
      expect(await historyOf(report.importId)).toEqual([
        { ccn: '360006', measureCode: 'MSPB_1', value: 0.98, comparison: 'not_available', periodStart: '2023-01-01', periodEnd: '2023-12-31', source: mspbSource, change: 'cleared', replacedAt },
        { ccn: '360017', measureCode: 'READM_30_HIP_KNEE_HRRP', value: 0.9952, comparison: 'better', periodStart: '2021-07-01', periodEnd: '2024-06-30', source: hrrpSource, change: 'cleared', replacedAt },
        { ccn: '360035', measureCode: 'STAR_RATING', value: 2, comparison: 'not_available', periodStart: null, periodEnd: null, source: 'CMS Hospital General Information', change: 'cleared', replacedAt },
        { ccn: '360085', measureCode: 'COMP_HIP_KNEE', value: 3.7, comparison: 'no_different', periodStart: '2021-04-01', periodEnd: '2024-03-31', source: compSource, change: 'cleared', replacedAt },
      ])
      expect(await importRow(report.importId)).toMatchObject({ outcome: 'imported', facilitiesChanged: 1, measuresAdded: 0, measuresChanged: 0, measuresCleared: 3 })

      // The next release has the values again: restored, and the cleared state is not history (it had no value).
      const restored = await run(baseFolder)
      expect(restored).toMatchObject({ measuresUpdated: 3, measuresCleared: 0 })
      expect(await measure('360006', 'MSPB_1')).toMatchObject({ value: 0.98, periodStart: '2023-01-01', footnote: null })
      expect(await historyOf(restored.importId)).toEqual([])
    })

    it.each([
      { name: 'a score in a spelling no release used', file: MSPB, ccn: '360006', cellName: 'Score', value: 'Not Availble' },
      { name: 'a score with a unit', file: COMP, ccn: '360085', cellName: 'comp_score_comp_hip_knee', value: '3.7%' },
      { name: 'an excess readmission ratio with a decimal comma', file: HRRP_2026, ccn: '360017', cellName: 'Excess Readmission Ratio', value: '0,9952' },
      { name: 'a star rating out of range', file: HGI, ccn: '360035', cellName: 'Hospital overall rating', value: '4.5' },
    ])('a value that is neither a number nor a spelling of "not available" is refused, not cleared: $name', async ({ file, ccn, cellName, value }) => {
      let lines: number[] = []
      const folder = altered((release) => {
        const copy = fileOf(release, file)
        const isHipKnee = (cell: (name: string) => string) => file !== HRRP_2026 || cell('Measure Name') === 'READM-30-HIP-KNEE-HRRP'
        lines = setCells(copy, (cell) => ofHospital(file, ccn)(cell) && isHipKnee(cell), { [cellName]: value })
      })
      expect(lines).toHaveLength(1)
      const reason = cellName === 'Hospital overall rating' ? `Hospital overall rating "${value}" is not a star rating from 1 to 5` : `${cellName} "${value}" is neither a number nor a CMS spelling of "not available"`
      await expectRefused(folder, `1 row rejected; nothing was imported:\n  ${file} line ${lines[0]}: ${reason}`)
    })
  })

  describe('6. hospitals a newer release no longer lists', () => {
    const query = { procedure: null, zip: null, radiusMiles: 100, sort: 'distance', minStars: null } as const
    const SEARCH_DATE = new Date('2026-06-01T12:00:00Z')
    async function search() {
      const found = await findCare(member, query, SEARCH_DATE)
      if (found.status !== 'ok') throw new Error(`search: ${found.status}`)
      return { offers: found.results.map((r) => r.facilityName), nearby: found.nearby.map((f) => f.name) }
    }

    it('are marked inactive (kept, out of member search) and reactivated when a release lists them again', async () => {
      // Ohio State offers the program's procedure in employer A's network; Grant is a nearby hospital outside it.
      const osu = await facility('360085')
      const { procedureId } = await db().selectFrom('programProcedures').select('procedureId').where('programVersionId', '=', t.a.versionId).executeTakeFirstOrThrow()
      const offerId = newId()
      const at = new Date().toISOString()
      await db()
        .insertInto('offers')
        .values({
          id: offerId, facilityId: osu.id, procedureId,
          priceCents: 3_100_000, includesFacility: 1, includesSurgeon: 1, includesAnesthesia: 1, includesImplant: 1, includesFollowUp: 1, warrantyDays: 90, followUpVisits: 2,
          annualVolume: 900, accreditation: null, appointmentWithinDays: 14, validFrom: '2026-01-01', validTo: null, status: 'active', createdAt: at, updatedAt: at,
        })
        .execute()
      await db().insertInto('programNetwork').values({ programVersionId: t.a.versionId, offerId, bundlePriceCents: 3_100_000 }).execute()
      const before = await search()
      expect(before.offers).toContain('OHIO STATE UNIVERSITY STATE HEALTH SYSTEM')
      expect(before.nearby).toContain('GRANT MEDICAL CENTER')

      const osuFacts = await db().selectFrom('qualityMeasures').selectAll().where('facilityId', '=', osu.id).orderBy('measureCode').execute()
      // A release whose Hospital General Information no longer lists Ohio State and Grant (the other files still do).
      const withoutThem = altered((release) => {
        const general = fileOf(release, HGI)
        general.rows = general.rows.filter((r) => r.cells[0] !== '360085' && r.cells[0] !== '360017')
      })
      const removedAt = new Date((clock += 60_000))
      const removed = await run(withoutThem, removedAt)
      expect(removed).toMatchObject({ changed: true, facilitiesTotal: 9, facilitiesInactivated: 2, facilitiesReactivated: 0, measuresCleared: 0 })
      expect(await importRow(removed.importId)).toMatchObject({ outcome: 'imported', facilitiesInactivated: 2, facilitiesReactivated: 0, measuresCleared: 0 })
      const inactive = await db().selectFrom('facilities').select(['ccn', 'inactiveSince']).where('inactiveSince', 'is not', null).orderBy('ccn').execute()
      expect(inactive).toEqual([
        { ccn: '360017', inactiveSince: removedAt.toISOString() },
        { ccn: '360085', inactiveSince: removedAt.toISOString() },
      ])
      // Kept with its last facts (programs and cases still point at it), but no member finds it.
      expect(await db().selectFrom('qualityMeasures').selectAll().where('facilityId', '=', osu.id).orderBy('measureCode').execute()).toEqual(osuFacts)
      const after = await search()
      expect(after.offers).not.toContain('OHIO STATE UNIVERSITY STATE HEALTH SYSTEM')
      expect(after.nearby).not.toContain('GRANT MEDICAL CENTER')
      expect(after.nearby).not.toContain('OHIO STATE UNIVERSITY STATE HEALTH SYSTEM')
      expect(after.offers).toEqual(['Test Medical Center'])

      // The same release again: nothing more to inactivate.
      const again = await run(withoutThem)
      expect(again).toMatchObject({ changed: false, facilitiesInactivated: 0, facilitiesReactivated: 0 })
      expect((await facility('360085')).inactiveSince).toBe(removedAt.toISOString())

      const readded = await run(baseFolder)
      expect(readded).toMatchObject({ changed: true, facilitiesTotal: 11, facilitiesInactivated: 0, facilitiesReactivated: 2 })
      expect(await importRow(readded.importId)).toMatchObject({ outcome: 'imported', facilitiesInactivated: 0, facilitiesReactivated: 2 })
      expect(await db().selectFrom('facilities').select('ccn').where('inactiveSince', 'is not', null).execute()).toEqual([])
      const back = await search()
      expect(back.offers).toContain('OHIO STATE UNIVERSITY STATE HEALTH SYSTEM')
      expect(back.nearby).toContain('GRANT MEDICAL CENTER')
    })
  })

  describe('7. a file missing from the folder', () => {
    it.each([
      {
        name: 'the MSPB file',
        files: [MSPB],
        missing:
          'Medicare_Hospital_Spending_Per_Patient-Hospital.csv is not in the folder: the database will lack Medicare spending per beneficiary (MSPB-1): typical local prices keep the cost index of an earlier import, or use the state average.',
      },
      {
        name: 'the complications file',
        files: [COMP],
        missing:
          'derived/complications_cleaned.csv or Complications_and_Deaths-Hospital.csv are not in the folder: the database will lack hip/knee complication rates (COMP_HIP_KNEE): hospitals keep the rate of an earlier import, if any, and the others have none.',
      },
      {
        name: 'the FY2025 HRRP file (the FY2026 one is there)',
        files: [HRRP_2025],
        missing: null,
      },
      {
        name: 'either HRRP file',
        files: [HRRP_2025, HRRP_2026],
        missing:
          'Hospital_Readmissions_Reduction_Program_Hospital.csv or derived/FY_2026_Hospital_Readmissions_Reduction_Program_Hospital.csv are not in the folder: the database will lack excess readmission ratios (HRRP): hospitals keep the ratio of an earlier import, if any.',
      },
      {
        name: 'the national payment file',
        files: ['Payment-National.csv'],
        missing:
          'Payment-National.csv is not in the folder: the database will lack the national hip/knee episode payment (PAYM_90_HIP_KNEE): TKA and THA keep their current Medicare base price.',
      },
    ])('without $name the report says what the database will lack; the facts of earlier imports stay', async ({ files, missing }) => {
      const facts = await db().selectFrom('qualityMeasures').selectAll().orderBy('id').execute()
      const report = await run(altered((release) => files.forEach((file) => release.delete(file))))
      expect(report.missing).toEqual(missing === null ? [] : [missing])
      for (const file of files) expect(report.files.find((f) => f.file === file)).toMatchObject({ status: 'not found', rowsRead: 0 })
      // One HRRP file is enough: the other (FY2026 overrides FY2025) gives every hospital its ratio.
      if (missing === null) {
        expect(report.changed).toBe(false)
      } else {
        expect(report).toMatchObject({ changed: false, measuresCleared: 0 })
        expect(await db().selectFrom('qualityMeasures').selectAll().orderBy('id').execute()).toEqual(facts)
      }
      expect(JSON.parse((await importRow(report.importId)).missing)).toEqual(report.missing)
    })
  })

  describe('8. every import leaves a cms_imports row with its outcome and counts', () => {
    it('imported, unchanged and refused', async () => {
      const since = await latestImportId()
      const phoneChanged = altered((release) => {
        setCells(fileOf(release, HGI), ofHospital(HGI, '010001'), { 'Telephone Number': '(334) 793-8000' })
      })
      const changed = await run(phoneChanged)
      const unchanged = await run(phoneChanged)
      const unknownHeader = altered((release) => renameColumn(fileOf(release, HGI), 'State', 'State Code'))
      await expect(run(unknownHeader)).rejects.toThrow(CmsImportError)
      const restored = await run(baseFolder)

      const rows = await importsSince(since)
      expect(rows.map((r) => r.id)).toEqual([changed.importId, unchanged.importId, expect.any(String), restored.importId])
      const counts = { facilitiesAdded: 0, facilitiesInactivated: 0, facilitiesReactivated: 0, measuresAdded: 0, measuresChanged: 0, measuresCleared: 0 }
      expect(rows[0]).toMatchObject({ outcome: 'imported', folder: phoneChanged, actorLabel: AUDIT_LABEL, ...counts, facilitiesChanged: 1, message: null, missing: '[]' })
      expect(rows[1]).toMatchObject({ outcome: 'unchanged', folder: phoneChanged, ...counts, facilitiesChanged: 0, message: null })
      expect(rows[2]).toMatchObject({ outcome: 'refused', folder: unknownHeader, ...counts, facilitiesChanged: 0, files: '[]' })
      expect(rows[2]!.message).toMatch(/^Hospital_General_Information\.csv: no column "State"\. /)
      expect(rows[3]).toMatchObject({ outcome: 'imported', folder: baseFolder, ...counts, facilitiesChanged: 1 })
      expect((await facility('010001')).phone).toBe('(334) 793-8701')

      // Each file read, with its rows, facts and the period its data covers.
      const files = JSON.parse(rows[1]!.files) as Array<{ file: string; status: string; rowsRead: number; facts: number; periodStart: string | null; periodEnd: string | null }>
      expect(files.map((f) => f.file)).toEqual([...CMS_FILES])
      expect(files.find((f) => f.file === HGI)).toEqual({ file: HGI, status: 'loaded', rowsRead: 11, facts: 0, periodStart: null, periodEnd: null })
      expect(files.find((f) => f.file === MSPB)).toEqual({ file: MSPB, status: 'loaded', rowsRead: 10, facts: 10, periodStart: '2023-01-01', periodEnd: '2023-12-31' })
      expect(files.find((f) => f.file === HRRP_2026)).toMatchObject({ status: 'loaded', facts: 10, periodStart: '2021-07-01', periodEnd: '2024-06-30' })
      expect(files.find((f) => f.file === 'Complications_and_Deaths-Hospital.csv')).toEqual({
        file: 'Complications_and_Deaths-Hospital.csv', status: 'not found', rowsRead: 0, facts: 0, periodStart: null, periodEnd: null,
      })

      // And each is audited, the unchanged one and the refusal too.
      const audit = await db().selectFrom('auditLog').select(['action', 'subjectId']).where('actorLabel', '=', AUDIT_LABEL).where('occurredAt', '>=', rows[0]!.importedAt).orderBy('occurredAt').execute()
      expect(audit).toEqual([
        { action: 'cms.imported', subjectId: phoneChanged },
        { action: 'cms.imported', subjectId: phoneChanged },
        { action: 'cms.import_refused', subjectId: unknownHeader },
        { action: 'cms.imported', subjectId: baseFolder },
      ])
    })
  })

  describe('the compact extract (db/data/cms, gzipped)', () => {
    it('of the same hospitals imports to the same database as the full release: nothing changes', async () => {
      const extract: Release = new Map(CMS_FILES.filter((file) => fs.existsSync(path.join(EXTRACT, `${file}.gz`))).map((file) => [file, copyOf(EXTRACT, file, true)]))
      expect([...extract.keys()]).toEqual([...base.keys()])
      const report = await run(writeRelease(extract, { gzip: true }))
      expect(report).toMatchObject({ changed: false, facilitiesTotal: 11, missing: [] })
      expect(report.files.filter((f) => f.status === 'loaded').map((f) => f.file)).toEqual([...base.keys()])
    })
  })
})
