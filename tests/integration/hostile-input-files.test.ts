import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { OFFER_COLUMNS } from '~/domain/offers/offer-row'
import { ROSTER_COLUMNS } from '~/domain/roster/roster-row'
import * as imports from '~/routes/admin.imports'
import * as offersTemplate from '~/routes/admin.imports.offers-template[.csv]'
import * as exportsCsv from '~/routes/employer.exports.$kind[.csv]'
import * as rosterPage from '~/routes/employer.roster'
import * as rosterTemplate from '~/routes/employer.roster_.template[.csv]'
import { facilitySearchKeys } from '~/domain/search/facility-text'
import { expectNoChange, FORMULAS, LONG, SCRIPT, SQL_DROP, SQL_OR, streamingUploadRequest, uploadRequest } from './hostile'
import { cookieFor, getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/*
 * Hostile CSV files (issue 10): uploads that are not UTF-8 CSV text, are empty, too large or
 * not the expected file are refused with one clear message; bad cells get a row-by-row report;
 * either way nothing changes. Formula cells never reach a spreadsheet as formulas: imports refuse
 * them where a name is expected, and every CSV export neutralizes text that starts like one.
 */

let t: TwoTenants
let adminA: string
let platform: string

const ROSTER_HEADER = ROSTER_COLUMNS.join(',')
const OFFERS_HEADER = OFFER_COLUMNS.join(',')
const PROCEDURE_CODE = 'KNEE_HOSTILE'
/** One good row per kind, by column, that each bad row changes one cell of. */
const GOOD = {
  roster: {
    employee_id: 'H0001', first_name: 'Ann', last_name: 'Lee', date_of_birth: '1980-01-01', zip: '43215', plan: 'A PPO', coverage_tier: 'employee', coverage_start: '2026-01-01',
    coverage_end: '', dependents: '0',
  },
  offers: {
    ccn: '360180', procedure_code: PROCEDURE_CODE, price: '28500', includes_facility: 'yes', includes_surgeon: 'yes', includes_anesthesia: 'yes', includes_implant: 'yes',
    includes_follow_up: 'yes', warranty_days: '90', follow_up_visits: '2', annual_volume: '640', accreditation: 'TJC', appointment_within_days: '14', valid_from: '2027-01-01',
    valid_to: '', tin: '', npi: '',
  },
}
type Kind = keyof typeof GOOD

/** One CSV cell, quoted when it holds a comma, a quote or a line break (RFC 4180). */
const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)
const line = (kind: Kind, change: Record<string, string> = {}) => Object.values({ ...GOOD[kind], ...change }).map(cell).join(',')
const header = (kind: Kind) => (kind === 'roster' ? ROSTER_HEADER : OFFERS_HEADER)

/**
 * A roster upload is checked by a background job (issue 17; run in the caller in these tests): the
 * action redirects to the import, whose outcome is read back in the shape the offers upload answers.
 */
async function uploadRoster(file: { name: string; bytes: Uint8Array<ArrayBuffer> | string }, fields: Record<string, string>) {
  const answer = await statusOf(rosterPage.action, uploadRequest('/employer/roster', adminA, file, fields))
  if (!answer.location) return answer
  const found = await getDb().selectFrom('imports').selectAll().where('id', '=', answer.location.split('/').pop()!).executeTakeFirstOrThrow()
  const report = found.report ? (JSON.parse(found.report) as { rejected: Array<{ line: number; column: string; reason: string }> }) : { rejected: [] }
  const imported = found.status === 'applied'
  const fileLevel = found.status === 'refused' && report.rejected.length === 0
  return { status: imported ? 200 : 422, location: null, body: { ok: !fileLevel, error: fileLevel ? found.message : undefined, report: { imported, rejected: report.rejected } } }
}

/** What a refused roster file leaves on purpose: its line in the import history and the audit log. Nothing else changes. */
const ROSTER_HISTORY = ['imports', 'auditLog'] as const
const ignoredFor = (kind: Kind) => (kind === 'roster' ? ROSTER_HISTORY : [])

function upload(kind: Kind, file: { name: string; bytes: Uint8Array<ArrayBuffer> | string }) {
  return kind === 'roster' ? uploadRoster(file, { allOrNothing: 'on' }) : statusOf(imports.action, uploadRequest('/admin/imports', platform, file))
}
interface UploadAnswer {
  ok: boolean
  error?: string
  report?: { imported: boolean; rejected: Array<{ line: number; column: string; reason: string }> }
}

/** Deterministic bytes (a linear congruential generator), NUL bytes included. */
function garbage(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length)
  let seed = 42
  for (let i = 0; i < length; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    bytes[i] = (seed >> 16) & 0xff
  }
  return bytes
}
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00])
const SAVE_AS = 'save it from the spreadsheet as "CSV UTF-8" and upload that file'

beforeAll(async () => {
  const db = getDb()
  t = await createTwoTenants(db)
  adminA = await cookieFor(t.users.adminA)
  platform = await cookieFor(t.users.platform)
  const now = new Date().toISOString()
  await db
    .insertInto('procedures')
    .values({
      id: newId(), code: PROCEDURE_CODE, name: 'Knee', description: 'Knee', drgCodes: '[]', typicalNights: 1, nightsSource: 't', nightsAway: 5, nightsAwaySource: 't', incidencePerThousand: 1, incidenceSource: 't',
      medicareBaseCents: null, medicareBaseSource: null, defaultInclusions: '[]', isActive: 1, createdAt: now, updatedAt: now,
    })
    .execute()
  await db
    .insertInto('facilities')
    .values({
      ...facilitySearchKeys({ name: 'Cleveland Test Clinic', city: 'Cleveland' }),
      id: newId(), ccn: '360180', name: 'Cleveland Test Clinic', address: '1 St', city: 'Cleveland', state: 'OH', zip: '44195', county: null, phone: null, latitude: 41.5,
      longitude: -81.6, coordinateSource: 'zip_centroid', facilityType: 'Acute Care Hospitals', ownership: null, hasEmergencyServices: 1, starRating: 5, healthSystemId: null,
      createdAt: now, updatedAt: now,
    })
    .execute()
})

interface BadFile {
  name: string
  file: (kind: Kind) => { name: string; bytes: Uint8Array<ArrayBuffer> | string }
  error: (kind: Kind, fileName: string) => string | RegExp
}

const BAD_FILES: BadFile[] = [
  {
    name: 'UTF-16 (little-endian) without a byte-order mark', file: (kind) => ({ name: 'utf16.csv', bytes: Buffer.from(`${header(kind)}\n${line(kind)}\n`, 'utf16le') }),
    error: (_kind, name) => `${name}: the file is UTF-16 text, not UTF-8: ${SAVE_AS}`,
  },
  {
    name: 'UTF-16 (little-endian) with a byte-order mark', file: (kind) => ({ name: 'utf16bom.csv', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${header(kind)}\n${line(kind)}\n`, 'utf16le')]) }),
    error: (_kind, name) => `${name}: the file is UTF-16 text, not UTF-8: ${SAVE_AS}`,
  },
  {
    name: 'UTF-16 (big-endian) without a byte-order mark', file: (kind) => ({ name: 'utf16be.csv', bytes: Buffer.from(`${header(kind)}\n${line(kind)}\n`, 'utf16le').swap16() }),
    error: (_kind, name) => `${name}: the file is UTF-16 text, not UTF-8: ${SAVE_AS}`,
  },
  {
    name: 'Latin-1 bytes ("é" as 0xE9)',
    file: (kind) => ({ name: 'latin1.csv', bytes: Buffer.from(`${header(kind)}\n${line(kind, kind === 'roster' ? { first_name: 'Zoë' } : { accreditation: 'Société française' })}\n`, 'latin1') }),
    error: (_kind, name) => `${name}: line 2 is not UTF-8 text (a letter such as "é" saved as Latin-1 or Windows-1252): save the file as "CSV UTF-8" and upload it again`,
  },
  { name: 'binary garbage', file: () => ({ name: 'garbage.csv', bytes: garbage(8_192) }), error: (_kind, name) => `${name}: this is not a CSV file: it holds binary data (NUL bytes); ${SAVE_AS}` },
  { name: 'a PNG renamed .csv', file: () => ({ name: 'photo.csv', bytes: PNG }), error: (_kind, name) => `${name}: this is a PNG image, not a CSV file: ${SAVE_AS}` },
  {
    name: 'an Excel workbook renamed .csv', file: () => ({ name: 'roster.xlsx.csv', bytes: Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), garbage(2_000)]) }),
    error: (_kind, name) => `${name}: this is an Excel workbook or another ZIP archive, not a CSV file: ${SAVE_AS}`,
  },
  { name: 'a PDF renamed .csv', file: () => ({ name: 'scan.csv', bytes: '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n' }), error: (_kind, name) => `${name}: this is a PDF document, not a CSV file: ${SAVE_AS}` },
  {
    name: 'a NUL byte after the first 4 KB', file: (kind) => ({ name: 'nul.csv', bytes: `${header(kind)}\n${line(kind, { [kind === 'roster' ? 'last_name' : 'accreditation']: 'x'.repeat(5_000) })}\n${line(kind, { [kind === 'roster' ? 'first_name' : 'accreditation']: 'A\u0000B' })}\n` }),
    error: (_kind, name) => `${name}: line 3 holds binary data (a NUL byte), not text: ${SAVE_AS}`,
  },
  { name: 'an empty file', file: () => ({ name: 'empty.csv', bytes: '' }), error: (_kind, name) => `The file "${name}" is empty: check that it was saved, then upload it again.` },
  {
    name: 'a file of another kind (wrong columns)', file: (kind) => ({ name: 'other.csv', bytes: `${header(kind === 'roster' ? 'offers' : 'roster')}\n${line(kind === 'roster' ? 'offers' : 'roster')}\n` }),
    error: (kind, name) =>
      kind === 'roster'
        ? `${name}: not the expected file: missing columns "employee_id", "first_name", "last_name", "date_of_birth", "zip", "plan", "coverage_tier", "coverage_start". The file's columns are "ccn", "procedure_code", "price", "includes_facility", "includes_surgeon", "includes_anesthesia", "includes_implant", "includes_follow_up", "warranty_days", "follow_up_visits", "annual_volume", "accreditation", "appointment_within_days", "valid_from", "valid_to", "tin", "npi".`
        : `${name}: not the expected file: missing columns "ccn", "procedure_code", "price", "valid_from"`,
  },
  {
    name: 'an unclosed quote', file: (kind) => ({ name: 'quote.csv', bytes: `${header(kind)}\n${line(kind)}\n"${line(kind)}\n` }),
    error: (_kind, name) => new RegExp(`^${name.replace('.', '\\.')}: unreadable CSV \\(.*\\); the file may be truncated or damaged$`),
  },
  {
    name: 'a name that is not one of the accepted kinds', file: (kind) => ({ name: 'roster.json', bytes: `${header(kind)}\n${line(kind)}\n` }),
    error: (kind) => (kind === 'roster' ? '"roster.json" is not one of .csv, .txt, .tsv, .834, .edi, .x12, .dat.' : '"roster.json" is not a .csv file.'),
  },
  {
    name: 'a 10,000-character header', file: () => ({ name: 'long-header.csv', bytes: `${LONG}\n` }),
    error: (kind, name) => new RegExp(`^${name.replace('.', '\\.')}: not the expected file: missing columns "${kind === 'roster' ? 'employee_id' : 'ccn'}"`),
  },
]

describe.each(['roster', 'offers'] as const)('a %s upload that is not a CSV of that kind is refused with one message', (kind) => {
  it.each(BAD_FILES)('$name', async ({ file, error }) => {
    const bad = file(kind)
    const result = await expectNoChange(() => upload(kind, bad), ignoredFor(kind))
    expect(result.status).toBe(422)
    expect((result.body as UploadAnswer).error).toMatch(typeof error(kind, bad.name) === 'string' ? new RegExp(`^${escape(error(kind, bad.name) as string)}$`) : error(kind, bad.name))
  })

  it('only a header: the report says the file has no rows', async () => {
    const result = await expectNoChange(() => upload(kind, { name: 'header-only.csv', bytes: `${header(kind)}\n` }), ignoredFor(kind))
    expect(result.status).toBe(422)
    expect((result.body as UploadAnswer).report).toMatchObject({
      imported: false,
      rejected: [{ line: 1, column: '', reason: `the file has a header but no ${kind === 'roster' ? 'members' : 'offers'}` }],
    })
  })
})

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

describe('uploads above the size limit are refused before they are read', () => {
  it.each([
    { kind: 'offers', path: '/admin/imports', bytes: 5_000_001, message: 'The file is larger than 5 MB.' },
    { kind: 'roster', path: '/employer/roster', bytes: 200_000_001, message: 'The file is larger than 200 MB.' },
  ] as const)('$kind file of $bytes bytes → $message', async ({ kind, path, bytes, message }) => {
    const request = streamingUploadRequest(path, kind === 'roster' ? adminA : platform, `${kind}.csv`, bytes)
    const result = await expectNoChange(() => (kind === 'roster' ? statusOf(rosterPage.action, request) : statusOf(imports.action, request)))
    expect(result.status).toBe(422)
    expect((result.body as UploadAnswer).error).toBe(message)
  })
})

interface BadRow {
  name: string
  change: Record<string, string>
  column: string
  reason: string
  /** The line the record ends on (2 unless a quoted cell holds a line break). */
  line?: number
}

const ROSTER_ROWS: BadRow[] = [
  { name: '10,000-character first name', change: { first_name: LONG }, column: 'first_name', reason: 'longer than 60 characters' },
  { name: '10,000-character employee id', change: { employee_id: LONG }, column: 'employee_id', reason: `"${'x'.repeat(50)}" may use only letters, digits, - and _ (up to 40)` },
  ...Object.entries(FORMULAS).map(([name, formula]) => ({
    name: `${name} as a first name`, change: { first_name: formula }, column: 'first_name', reason: `"${formula.trim()}" has characters a name cannot have`,
    // The line the record starts on, however many line breaks its cells hold (issue 17, finding 7).
    line: 2,
  })),
  { name: 'a formula as the employee id', change: { employee_id: '=1+1' }, column: 'employee_id', reason: '"=1+1" may use only letters, digits, - and _ (up to 40)' },
  { name: 'a formula as the plan', change: { plan: '+SUM(1)' }, column: 'plan', reason: '"+SUM(1)" is not one of your health plans (yours: A PPO)' },
  { name: 'a script tag as the last name', change: { last_name: SCRIPT }, column: 'last_name', reason: `"${SCRIPT}" has characters a name cannot have` },
  { name: 'SQL as the last name', change: { last_name: SQL_DROP }, column: 'last_name', reason: `"${SQL_DROP}" has characters a name cannot have` },
  { name: 'date of birth 2026-02-30', change: { date_of_birth: '2026-02-30' }, column: 'date_of_birth', reason: '"2026-02-30" is not a real date' },
  { name: 'date of birth 0000-00-00', change: { date_of_birth: '0000-00-00' }, column: 'date_of_birth', reason: '"0000-00-00" is not a real date' },
  { name: 'date of birth 9999-12-31', change: { date_of_birth: '9999-12-31' }, column: 'date_of_birth', reason: 'is in the future' },
  { name: 'coverage start 2026-13-01', change: { coverage_start: '2026-13-01' }, column: 'coverage_start', reason: '"2026-13-01" is not a real date' },
  { name: 'dependents 1e3', change: { dependents: '1e3' }, column: 'dependents', reason: '"1e3" is not a number of dependents from 0 to 20' },
  { name: 'dependents Infinity', change: { dependents: 'Infinity' }, column: 'dependents', reason: '"Infinity" is not a number of dependents from 0 to 20' },
  { name: 'dependents -1', change: { dependents: '-1' }, column: 'dependents', reason: '"-1" is not a number of dependents from 0 to 20' },
  { name: 'a 4-digit ZIP (a spreadsheet dropped its zero)', change: { zip: '2139' }, column: 'zip', reason: '"2139" has 4 digits: a spreadsheet may have dropped leading zeros (02139?); format the column as text and export again' },
  { name: 'an employee born in 2020', change: { date_of_birth: '2020-01-01' }, column: 'date_of_birth', reason: '"2020-01-01" makes the employee younger than 14: check the date (dependents are not listed as employees)' },
  { name: 'ZIP abcde', change: { zip: 'abcde' }, column: 'zip', reason: '"abcde" is not a 5-digit ZIP code' },
  { name: 'ZIP 00000', change: { zip: '00000' }, column: 'zip', reason: '00000 is not a US ZIP code we know' },
  { name: 'coverage tier "hacked"', change: { coverage_tier: 'hacked' }, column: 'coverage_tier', reason: '"hacked" is not one of employee, employee_spouse, employee_children, family' },
]

const OFFER_ROWS: BadRow[] = [
  { name: 'price 1e308', change: { price: '1e308' }, column: 'price', reason: '"1e308" is not a price in dollars above $0' },
  { name: 'price 99999999999999999999', change: { price: '99999999999999999999' }, column: 'price', reason: 'a bundle price above $2,000,000 is not plausible' },
  { name: 'price Infinity', change: { price: 'Infinity' }, column: 'price', reason: '"Infinity" is not a price in dollars above $0' },
  { name: 'price NaN', change: { price: 'NaN' }, column: 'price', reason: '"NaN" is not a price in dollars above $0' },
  { name: 'negative price', change: { price: '-28500' }, column: 'price', reason: '"-28500" is not a price in dollars above $0' },
  { name: 'a formula as the price', change: { price: '-1+1' }, column: 'price', reason: '"-1+1" is not a price in dollars above $0' },
  { name: 'warranty 1e3 days', change: { warranty_days: '1e3' }, column: 'warranty_days', reason: '"1e3" is not a whole number from 0 to 730' },
  { name: 'negative yearly volume', change: { annual_volume: '-5' }, column: 'annual_volume', reason: '"-5" is not a whole number from 0 to 100000' },
  { name: 'valid from 2026-02-30', change: { valid_from: '2026-02-30' }, column: 'valid_from', reason: '"2026-02-30" is not a date in YYYY-MM-DD form' },
  { name: 'valid from 0000-00-00', change: { valid_from: '0000-00-00' }, column: 'valid_from', reason: '"0000-00-00" is not a date in YYYY-MM-DD form' },
  { name: 'valid from 2026-13-01', change: { valid_from: '2026-13-01' }, column: 'valid_from', reason: '"2026-13-01" is not a date in YYYY-MM-DD form' },
  { name: 'valid from 0001-01-01', change: { valid_from: '0001-01-01' }, column: 'valid_from', reason: '"0001-01-01" is not a date from 2000 to 2100' },
  { name: 'valid to 9999-12-31', change: { valid_to: '9999-12-31' }, column: 'valid_to', reason: '"9999-12-31" is not a date from 2000 to 2100 (leave valid_to empty when the offer has no end)' },
  { name: 'a formula as the CCN', change: { ccn: '=1+1' }, column: 'ccn', reason: '"=1+1" is not a 6-character CMS Certification Number' },
  { name: 'SQL as the CCN', change: { ccn: SQL_OR }, column: 'ccn', reason: `"${SQL_OR}" is not a 6-character CMS Certification Number` },
  { name: 'a formula as the procedure code', change: { procedure_code: '@SUM(1)' }, column: 'procedure_code', reason: '"@SUM(1)" is not a procedure code such as TKA' },
  { name: 'a formula as a yes/no', change: { includes_implant: '=TRUE()' }, column: 'includes_implant', reason: '"=TRUE()" is not yes or no' },
  { name: '10,000-character accreditation', change: { accreditation: LONG }, column: 'accreditation', reason: 'keep it under 300 characters' },
  { name: 'a TIN of 8 digits', change: { tin: '12-345678' }, column: 'tin', reason: '"12-345678": enter the 9-digit TIN (EIN), like 12-3456789' },
  { name: 'a formula as the TIN', change: { tin: '=1+1' }, column: 'tin', reason: '"=1+1": enter the 9-digit TIN (EIN), like 12-3456789' },
  { name: 'an NPI with a wrong check digit', change: { npi: '1234567890' }, column: 'npi', reason: '"1234567890": this NPI fails its check digit: look for a typing mistake' },
  { name: 'SQL as the NPI', change: { npi: SQL_DROP }, column: 'npi', reason: `"${SQL_DROP}": enter the 10-digit NPI of the facility` },
]

describe.each([
  ['roster', ROSTER_ROWS],
  ['offers', OFFER_ROWS],
] as const)('a %s file with a bad cell gets a row-by-row report and changes nothing', (kind, rows) => {
  it.each(rows)('$name → $column: $reason', async ({ change, column, reason, line: at = 2 }) => {
    const result = await expectNoChange(() => upload(kind, { name: `${kind}.csv`, bytes: `${header(kind)}\n${line(kind, change)}\n` }), ignoredFor(kind))
    expect(result.status).toBe(422)
    expect((result.body as UploadAnswer).report).toMatchObject({ imported: false, rejected: [{ line: at, column, reason }] })
  })
})

describe('cells that are only text are stored literally', () => {
  it('an open-ended coverage written 9999-12-31 and a name with an apostrophe', async () => {
    const result = await upload('roster', { name: 'roster.csv', bytes: `${ROSTER_HEADER}\n${line('roster', { last_name: "O'Brien-Smith", coverage_end: '9999-12-31' })}\n` })
    expect(result.status).toBe(200)
    const stored = await getDb().selectFrom('rosterMembers').select(['lastName', 'coverageEnd']).where('employeeId', '=', 'H0001').executeTakeFirstOrThrow()
    expect(stored).toEqual({ lastName: "O'Brien-Smith", coverageEnd: '9999-12-31' })
  })

  it.each([
    ['a formula', FORMULAS['an at-sign function'], '2027-02-01'],
    ['a script tag', SCRIPT, '2027-03-01'],
    ['SQL', SQL_DROP, '2027-04-01'],
  ])('%s as an accreditation', async (_name, accreditation, validFrom) => {
    const result = await upload('offers', { name: 'offers.csv', bytes: `${OFFERS_HEADER}\n${line('offers', { accreditation, valid_from: validFrom })}\n` })
    expect(result.status).toBe(200)
    const stored = await getDb().selectFrom('offers').select('accreditation').where('validFrom', '=', validFrom).executeTakeFirstOrThrow()
    expect(stored.accreditation).toBe(accreditation)
    expect(await getDb().selectFrom('users').select('id').execute()).toHaveLength(Object.keys(t.users).length)
  })
})

describe('CSV exports neutralize text that a spreadsheet would run as a formula', () => {
  const NAMES = { ...FORMULAS, 'a script tag': SCRIPT }
  const exportOf = async (kind: 'cases' | 'savings' | 'invoices') => {
    // A job makes the file (ADR 0029; at once here, IMPORT_JOBS=inline), then it is downloaded.
    expect((await statusOf(exportsCsv.action, postRequest(`/employer/exports/${kind}.csv`, {}, { cookie: adminA }), { kind })).status).toBe(302)
    const response = (await exportsCsv.loader({ request: getRequest(`/employer/exports/${kind}.csv`, adminA), params: { kind }, context: {} })) as Response
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    return parse(await response.text(), { relax_column_count: true }) as string[][]
  }

  beforeAll(async () => {
    // Facilities named like formulas (as a CMS file could name them), each with a completed case of employer A.
    const db = getDb()
    const now = new Date().toISOString()
    const procedureId = (await db.selectFrom('programProcedures').select('procedureId').where('programVersionId', '=', t.a.versionId).executeTakeFirstOrThrow()).procedureId
    for (const name of Object.values(NAMES)) {
      const facilityId = newId()
      const offerId = newId()
      await db
        .insertInto('facilities')
        .values({
          ...facilitySearchKeys({ name, city: 'Columbus' }),
          id: facilityId, ccn: null, name, address: '1 St', city: 'Columbus', state: 'OH', zip: '43215', county: null, phone: null, latitude: 39.96, longitude: -83.0,
          coordinateSource: 'zip_centroid', facilityType: 'Acute Care Hospitals', ownership: null, hasEmergencyServices: 1, starRating: 3, healthSystemId: null, createdAt: now,
          updatedAt: now,
        })
        .execute()
      await db
        .insertInto('offers')
        .values({
          id: offerId, facilityId, procedureId, priceCents: 2_000_000, includesFacility: 1, includesSurgeon: 1, includesAnesthesia: 1, includesImplant: 1, includesFollowUp: 1,
          warrantyDays: 90, followUpVisits: 2, annualVolume: null, accreditation: null, appointmentWithinDays: null, validFrom: '2026-01-01', validTo: null, status: 'active',
          createdAt: now, updatedAt: now,
        })
        .execute()
      await db
        .insertInto('cases')
        .values({
          id: newId(), employerId: t.a.employerId, rosterMemberId: t.a.rosterMemberId, programVersionId: t.a.versionId, procedureId, offerId, facilityId, status: 'completed',
          statusReason: null, preferredStart: null, preferredEnd: null, scheduledDate: null, procedureDate: null, hasCompanion: 0, contactPreference: 'email', memberNote: null,
          bundlePriceCents: 2_000_000, memberCostCents: 0, travelEstimateCents: 0, travelActualCents: null, hadComplication: 0, wasReadmitted: 0, satisfaction: 9,
          requestedAt: now, completedAt: now, updatedAt: now,
        })
        .execute()
    }
  })

  describe.each([
    ['cases', 3],
    ['savings', 2],
  ] as const)('the %s export', (kind, nameColumn) => {
    it.each(Object.entries(NAMES))('%s as a facility name', async (_name, value) => {
      const rows = await exportOf(kind)
      const cells = rows.map((row) => row[nameColumn])
      if (/^[=+\-@\t\r]/.test(value)) {
        expect(cells).toContain(`'${value}`)
        expect(cells).not.toContain(value)
      } else expect(cells).toContain(value)
    })
  })

  it.each(['cases', 'savings', 'invoices'] as const)('no cell of the %s export starts like a formula, and amounts stay numbers', async (kind) => {
    const rows = await exportOf(kind)
    for (const row of rows) for (const value of row) expect(value).not.toMatch(/^(?!-\d+(\.\d+)?$)[=+\-@\t\r]/)
    // Line 1 is the header row (issue 20).
    if (kind === 'cases') expect(rows.at(-1)!.at(rows[0]!.indexOf('bundle_usd'))).toBe('20000.00')
  })

  it.each([
    ['roster template', () => rosterTemplate.loader({ request: getRequest('/employer/roster/template.csv', adminA), params: {}, context: {} })],
    ['offers template', () => offersTemplate.loader({ request: getRequest('/admin/imports/offers-template.csv', platform), params: {}, context: {} })],
  ] as const)('the %s has no cell that starts like a formula', async (_name, load) => {
    const rows = parse(await ((await load()) as Response).text()) as string[][]
    expect(rows.length).toBe(2)
    for (const value of rows.flat()) expect(value).not.toMatch(/^[=+\-@\t\r]/)
  })
})
