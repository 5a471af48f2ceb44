import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { createImport, type ImportOptions } from '~/services/eligibility-files.server'
import { applyImport, applyRefusal, checkImport, parseCounts, parseReport } from '~/services/roster-import.server'
import { canReadCsvInWorker } from '~/services/roster-lines.server'
import { memberCoverage } from '~/services/roster-lookup.server'
import { getOptionalActor } from '~/auth/guard.server'
import { createAccessFixtures, createTwoTenants, type TwoTenants } from './tenants'
import { cookieFor, getRequest } from './support'

/*
 * Issue 17: roster files that never lose or revive coverage silently. Each "finding" test failed
 * before the change (the finding's number in the issue is in its name).
 */

let t: TwoTenants
const HEADER = 'employee_id,first_name,last_name,date_of_birth,zip,plan,coverage_tier,coverage_start,coverage_end,dependents'
const NOW = new Date('2026-11-22T12:00:00Z')

function file(content: string | string[], name = 'roster.csv') {
  const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'roster-')), name)
  fs.writeFileSync(target, Array.isArray(content) ? content.join('\n') : content)
  return target
}

/** Registers, checks and (unless `apply: false`) applies a file, as the upload and the CLI do. */
async function load(employerId: string, content: string | string[], options: Partial<ImportOptions> & { apply?: boolean; csvWorkerMinBytes?: number } = {}) {
  const created = await createImport(
    { employerId },
    { path: file(content), fileName: 'roster.csv' },
    { fullFile: false, allOrNothing: false, reviewFirst: false, confirmTerminations: false, ...options },
    { userId: null, label: 'test' },
    NOW,
  )
  if (!created.ok) return { error: created.error, import: undefined, counts: parseCounts(null), report: parseReport(null) }
  let found = await checkImport(created.importId, { now: NOW, csvWorkerMinBytes: options.csvWorkerMinBytes })
  if (options.apply !== false && found.status === 'review' && !(await applyRefusal(getDb(), found, false))) found = await applyImport(created.importId, { now: NOW })
  return { error: null, import: found, counts: parseCounts(found.counts), report: parseReport(found.report) }
}

const member = (employerId: string, employeeId: string) =>
  getDb()
    .selectFrom('rosterMembers')
    .select(['employeeId', 'firstName', 'lastName', 'zip', 'coverageEnd', 'dependentsCount', 'lastNameKey'])
    .where('employerId', '=', employerId)
    .where('employeeId', '=', employeeId)
    .executeTakeFirst()
const roster = (employerId: string) =>
  getDb().selectFrom('rosterMembers').select(['employeeId', 'firstName', 'zip', 'coverageEnd', 'dependentsCount']).where('employerId', '=', employerId).orderBy('employeeId').execute()
const row = (id: string, change: Partial<Record<string, string>> = {}, plan = 'B PPO') => {
  const values = { employee_id: id, first_name: 'Ann', last_name: 'Lee', date_of_birth: '1980-01-01', zip: '43215', plan, coverage_tier: 'employee', coverage_start: '2026-01-01', coverage_end: '', dependents: '0', ...change }
  return Object.values(values).join(',')
}

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  await createAccessFixtures(getDb(), t)
  // The fixtures' imports were applied "now"; this file's files are dated NOW, earlier: put the fixtures' before them.
  await getDb().updateTable('imports').set({ finishedAt: '2026-01-01T00:00:00.000Z' }).execute()
})

describe('issue 17 findings', () => {
  it('1. a file without the coverage_end column leaves a stored end alone: the terminated member stays terminated', async () => {
    await load(t.b.employerId, [HEADER, row('T100', { coverage_end: '2026-06-30' })])
    expect(await member(t.b.employerId, 'T100')).toMatchObject({ coverageEnd: '2026-06-30' })
    const withoutEnd = 'employee_id,first_name,last_name,date_of_birth,zip,plan,coverage_tier,coverage_start,dependents'
    const result = await load(t.b.employerId, [withoutEnd, 'T100,Ann,Lee,1980-01-01,43215,B PPO,employee,2026-01-01,0'])
    expect(result.counts).toMatchObject({ rowsRead: 1, unchanged: 1, changed: 0, reinstated: 0 })
    expect(await member(t.b.employerId, 'T100')).toMatchObject({ coverageEnd: '2026-06-30' })
  })

  it('2. common header spellings and delimiters are read; unknown columns are named; missing columns list what the file has', async () => {
    const spelled = 'Employee ID;First Name;Last Name;DOB;Zip Code;Plan Name;Coverage Tier;Coverage Start;Coverage End;SSN'
    const result = await load(t.b.employerId, [spelled, 'T200;Bo;Kim;1975-03-03;43215;B PPO;employee;2026-01-01;2026-10-31;123-45-6789'])
    expect(result.counts).toMatchObject({ added: 1, problems: 1 })
    expect(result.report.rejected).toEqual([{ line: 1, column: 'SSN', reason: 'column "SSN" is not one this portal reads: its values were ignored and not stored' }])
    expect(await member(t.b.employerId, 'T200')).toMatchObject({ firstName: 'Bo', coverageEnd: '2026-10-31' })
    const tabbed = await load(t.b.employerId, ['EMPLOYEE_ID\tFIRST_NAME\tLAST_NAME\tDATE_OF_BIRTH\tZIP\tPLAN\tCOVERAGE_TIER\tCOVERAGE_START', 'T201\tCy\tNg\t1977-04-04\t43215\tB PPO\temployee\t2026-01-01'])
    expect(tabbed.counts).toMatchObject({ added: 1, problems: 0 })

    const misspelled = await load(t.b.employerId, [`${HEADER.replace(',coverage_end', ',Coverage End Dt')}`, row('T200', { coverage_end: '2026-09-30' })])
    expect(misspelled.report.rejected[0]).toEqual({
      line: 1, column: 'Coverage End Dt', reason: 'column "Coverage End Dt" is not one this portal reads, so its values were ignored: did you mean "coverage_end"? Rename the column and upload again',
    })

    const missing = await load(t.b.employerId, ['Employee Number,Given,Surname', 'T300,Ann,Lee'])
    expect(missing.error).toBe(
      'roster.csv: not the expected file: missing columns "first_name", "date_of_birth", "zip", "plan", "coverage_tier", "coverage_start". The file\'s columns are "Employee Number", "Given", "Surname".',
    )
  })

  it('3. a full file that would end far more than the limit is refused until confirmed, and flags members with an open case', async () => {
    const before = await roster(t.a.employerId)
    expect(before.length).toBeGreaterThanOrEqual(2)
    const result = await load(t.a.employerId, [HEADER, row('N900', {}, 'A PPO')], { fullFile: true })
    expect(result.import?.status).toBe('review')
    expect(result.counts).toMatchObject({ added: 1, ended: before.length, withOpenCase: 2 })
    expect(result.import?.message).toBe(
      `This file would end coverage for ${before.length} of ${before.length} covered members (100 %), more than your limit of 10 %. Nothing was changed. Check that it is the whole roster, then confirm the terminations to apply it.`,
    )
    expect(await roster(t.a.employerId)).toEqual(before)
    expect(await applyRefusal(getDb(), result.import!, false)).toMatch(/^This file would end coverage/)
    expect(await applyRefusal(getDb(), result.import!, true)).toBeNull()
    await getDb().updateTable('imports').set({ confirmTerminations: 1 }).where('id', '=', result.import!.id).execute()
    const applied = await applyImport(result.import!.id, { now: NOW })
    expect(applied.status).toBe('applied')
    expect((await roster(t.a.employerId)).filter((m) => m.coverageEnd === '2026-11-21').map((m) => m.employeeId)).toEqual(before.map((m) => m.employeeId))
    // Back again: every one of them is reinstated by a full file that lists them all.
    const back = await load(t.a.employerId, [HEADER, row('N900', {}, 'A PPO'), ...before.map((m) => row(m.employeeId, { first_name: m.firstName, zip: m.zip }, 'A PPO'))], { fullFile: true })
    expect(back.counts.reinstated).toBe(before.length)
  })

  it('4. names are stored normalised and matched on folded keys', async () => {
    const result = await load(t.b.employerId, [HEADER, row('T400', { last_name: 'O\u2019Brien' }), row('T401', { last_name: 'Pe\u0301rez', first_name: 'Mary\u00A0Ann' }), row('T402', { last_name: 'ÁLVAREZ' })])
    expect(result.counts).toMatchObject({ added: 3, problems: 0 })
    expect(await member(t.b.employerId, 'T400')).toMatchObject({ lastName: "O'Brien", lastNameKey: "o'brien" })
    expect(await member(t.b.employerId, 'T401')).toMatchObject({ firstName: 'Mary Ann', lastName: 'P\u00E9rez', lastNameKey: 'perez' })
    expect(await member(t.b.employerId, 'T402')).toMatchObject({ lastNameKey: 'alvarez' })
  })

  it('5. spreadsheet artefacts: a 4-digit ZIP gets a hint, a shortened id is refused, empty rows are skipped, an extra field refuses only its row', async () => {
    await load(t.b.employerId, [HEADER, row('000123')])
    const result = await load(t.b.employerId, [HEADER, row('123', { zip: '43220' }), row('T500', { zip: '2139' }), ',,,,,,,,,', ',,,,,,,,,', `${row('T501')},extra`, row('T502'), ''])
    expect(result.report.rejected).toEqual([
      { line: 2, column: 'employee_id', reason: '"123" is on your roster as 000123: the ids differ only in leading zeros, which a spreadsheet drops when it reads ids as numbers; format the column as text and export again' },
      { line: 3, column: 'zip', reason: '"2139" has 4 digits: a spreadsheet may have dropped leading zeros (02139?); format the column as text and export again' },
      { line: 6, column: '', reason: 'has 11 fields where the header has 10: a value with a comma that is not in quotes, or a missing one' },
    ])
    expect(result.counts).toMatchObject({ rowsRead: 4, added: 1, problems: 3 })
    expect(await member(t.b.employerId, '123')).toBeUndefined()
    expect(await member(t.b.employerId, 'T502')).toBeDefined()
  })

  it('6. duplicates: a corrected later line is applied, two different lines apply neither, ids compare without case', async () => {
    const result = await load(t.b.employerId, [
      HEADER,
      row('T600', { date_of_birth: '1980-02-30' }), // 2: bad
      row('T600'), // 3: the corrected line
      row('X0402', { zip: '43215' }), // 4
      row('x0402', { zip: '43220' }), // 5: same person, other details
      row('T601'), // 6
      row('T601'), // 7: the same line again
    ])
    expect(result.report.rejected).toEqual([
      { line: 2, column: 'date_of_birth', reason: '"1980-02-30" is not a real date' },
      { line: 2, column: 'employee_id', reason: 'T600 appears again on line 3, which was applied instead of this line' },
      { line: 4, column: 'employee_id', reason: 'x0402 appears again on line 5 with different details; neither line was applied: keep the right one' },
      { line: 5, column: 'employee_id', reason: 'x0402 already appears on line 4 with different details; neither line was applied: keep the right one' },
    ])
    expect(result.report.notes).toEqual(['Line 7 repeats line 6 (T601) word for word: applied once.'])
    expect(await member(t.b.employerId, 'T600')).toBeDefined()
    expect(await member(t.b.employerId, 'X0402')).toBeUndefined()
    expect(await member(t.b.employerId, 'x0402')).toBeUndefined()
    expect(result.counts).toMatchObject({ added: 2 })
  })

  it('7. lines of CRLF files with quoted line breaks, real dates, blank dependents, today\'s birth date, plan names', async () => {
    const crlf = [HEADER, row('T700'), '"T701","Ann","Lee\r\nSmith",1980-01-01,43215,B PPO,employee,2026-01-01,,0', row('T702', { date_of_birth: '1980-02-30' }), row('T703', { dependents: '' }), row('T704', { date_of_birth: '2026-11-22' }), row('T705', { plan: 'Gold' })].join('\r\n')
    const result = await load(t.b.employerId, crlf)
    expect(result.report.rejected).toEqual([
      { line: 3, column: 'last_name', reason: '"Lee\r\nSmith" has characters a name cannot have' },
      { line: 5, column: 'date_of_birth', reason: '"1980-02-30" is not a real date' },
      { line: 7, column: 'date_of_birth', reason: '"2026-11-22" makes the employee younger than 14: check the date (dependents are not listed as employees)' },
      { line: 8, column: 'plan', reason: '"Gold" is not one of your health plans (yours: B PPO)' },
    ])
    expect(await member(t.b.employerId, 'T703')).toMatchObject({ dependentsCount: 0 })
  })
})

describe('a large CSV read on a worker thread (issue 24)', () => {
  /** A file with every kind of line: good rows, names with accents, problems, repeats, a quoted line break. */
  const mixed = (prefix: string) => [
    HEADER,
    ...Array.from({ length: 300 }, (_, i) => row(`${prefix}${i}`, i % 10 === 0 ? { last_name: 'ÁLVAREZ', first_name: 'Mary\u00A0Ann' } : { zip: i % 2 ? '43215' : '43220' })),
    row(`${prefix}X1`, { zip: '2139' }),
    row(`${prefix}X2`, { date_of_birth: '1980-02-30' }),
    row(`${prefix}X2`),
    row(`${prefix}5`),
    row(`${prefix}7`, { zip: '43220' }),
    `${row(`${prefix}X3`)},extra`,
    `"${prefix}X4","Ann","Lee\r\nSmith",1980-01-01,43215,B PPO,employee,2026-01-01,,0`,
    row(`${prefix}X5`, { last_name: 'O\u2019Brien' }),
    // The thread looks ZIPs up in a table made on the import's thread: an unknown 5-digit ZIP, a known one with a leading zero.
    row(`${prefix}X6`, { zip: '00000' }),
    row(`${prefix}X7`, { zip: '02139' }),
  ].join('\r\n')
  const members = (employerId: string, prefix: string) =>
    getDb()
      .selectFrom('rosterMembers')
      .select(['employeeId', 'firstName', 'lastName', 'dateOfBirth', 'zip', 'healthPlanId', 'coverageTier', 'coverageStart', 'coverageEnd', 'dependentsCount', 'employeeIdKey', 'employeeIdLoose', 'firstNameKey', 'lastNameKey'])
      .where('employerId', '=', employerId)
      .where('employeeId', 'like', `${prefix}%`)
      .orderBy('employeeId')
      .execute()

  it('gives the same difference, report and roster as reading the file on the import\'s thread', async () => {
    // The thread must really start under tsx (its bundle once failed on a top-level await, and every import then read in-thread).
    expect(await canReadCsvInWorker()).toBe(true)
    const here = await load(t.b.employerId, mixed('H'), { csvWorkerMinBytes: Number.MAX_SAFE_INTEGER })
    const worker = await load(t.b.employerId, mixed('W'), { csvWorkerMinBytes: 0 })
    expect(worker.import?.status).toBe('applied')
    // "covered" is the roster before each file: the second file finds the first one's members.
    expect({ ...worker.counts, covered: 0 }).toEqual({ ...here.counts, covered: 0 })
    expect(worker.counts).toMatchObject({ rowsRead: 310, added: 302, problems: 8 })
    expect(worker.report.rejected).toContainEqual({ line: 311, column: 'zip', reason: '00000 is not a US ZIP code we know' })
    const named = (report: typeof here.report) => JSON.stringify({ ...report, termination: null })
    expect(named(worker.report).replaceAll(/\bW(?=\d|X)/g, 'H')).toBe(named(here.report))
    expect(worker.report.notes).toEqual(['Line 305 repeats line 7 (W5) word for word: applied once.'])
    const stored = await members(t.b.employerId, 'W')
    expect(stored.map((m) => ({ ...m, employeeId: m.employeeId.replace('W', 'H'), employeeIdKey: m.employeeIdKey.replace('w', 'h'), employeeIdLoose: m.employeeIdLoose.replace('w', 'h') }))).toEqual(await members(t.b.employerId, 'H'))
    expect(stored.find((m) => m.employeeId === 'W10')).toMatchObject({ firstName: 'Mary Ann', lastName: 'ÁLVAREZ', firstNameKey: 'mary ann', lastNameKey: 'alvarez', employeeIdKey: 'w10' })
    expect(stored.find((m) => m.employeeId === 'WX5')).toMatchObject({ lastName: "O'Brien", lastNameKey: "o'brien" })
  })

  it('refuses a file that breaks part-way (a NUL byte) with the same message, and stages nothing', async () => {
    const broken = (prefix: string) => `${mixed(prefix)}\r\n${row(`${prefix}Z`, { first_name: 'A\u0000n' })}`
    const here = await load(t.b.employerId, broken('HB'), { csvWorkerMinBytes: Number.MAX_SAFE_INTEGER })
    const worker = await load(t.b.employerId, broken('WB'), { csvWorkerMinBytes: 0 })
    expect(worker.import).toMatchObject({ status: 'refused', message: here.import!.message })
    expect(worker.import?.message).toContain('line 313 holds binary data (a NUL byte)')
    expect(await members(t.b.employerId, 'WB')).toEqual([])
    expect(await getDb().selectFrom('rosterImportChanges').select('seq').where('importId', '=', worker.import!.id).execute()).toEqual([])
  })
})

describe('the import pipeline', () => {
  it('all-or-nothing refuses the file and stages nothing', async () => {
    const before = await roster(t.b.employerId)
    const result = await load(t.b.employerId, [HEADER, ...Array.from({ length: 4_500 }, (_, i) => row(`M${String(i).padStart(5, '0')}`)), row('M00007', { zip: '43220' })], { allOrNothing: true })
    expect(result.import?.status).toBe('refused')
    expect(result.counts).toMatchObject({ rowsRead: 4_501, problems: 2 })
    expect(await roster(t.b.employerId)).toEqual(before)
    expect(await getDb().selectFrom('rosterImportChanges').select('seq').where('importId', '=', result.import!.id).execute()).toEqual([])
  })

  it('counts every problem but lists only the first 1,000, and applies the good rows', async () => {
    const result = await load(t.b.employerId, [HEADER, ...Array.from({ length: 1_200 }, (_, i) => row(`P${i}`, { date_of_birth: '1980-02-30' })), row('P9999')])
    expect(result.counts).toMatchObject({ rowsRead: 1_201, added: 1, problems: 1_200 })
    expect(result.report.rejected).toHaveLength(1_000)
    expect(result.report.rejected[999]).toEqual({ line: 1_001, column: 'date_of_birth', reason: '"1980-02-30" is not a real date' })
  })

  it('a difference made before another file was applied is stale and not applied', async () => {
    const first = await load(t.b.employerId, [HEADER, row('S100')], { reviewFirst: true, apply: false })
    expect(first.import?.status).toBe('review')
    await load(t.b.employerId, [HEADER, row('S101')])
    expect(await applyRefusal(getDb(), first.import!, false)).toBe(
      'Another roster file was applied after this difference was made, so it may no longer be right. Check this file again, then apply it.',
    )
    const unchanged = await applyImport(first.import!.id, { now: NOW })
    expect(unchanged.status).toBe('review')
    expect(await member(t.b.employerId, 'S100')).toBeUndefined()
  })

  it('refuses a second file while one is being processed for the same employer', async () => {
    const id = newId()
    await getDb().insertInto('imports').values({ id, organizationId: t.b.employerId, kind: 'roster_csv', fileName: 'big.csv', fileSha256: 'x', fileBytes: 1, status: 'checking', createdByLabel: 'hr@b', createdAt: NOW.toISOString(), fullFile: 0, allOrNothing: 0, reviewFirst: 0, confirmTerminations: 0 }).execute()
    const result = await load(t.b.employerId, [HEADER, row('Q1')])
    expect(result.error).toBe('Another file (big.csv, sent by hr@b) is being processed for your roster. Upload "roster.csv" again when it has finished.')
    await getDb().updateTable('imports').set({ status: 'failed' }).where('id', '=', id).execute()
  })

  it("keeps each member's coverage history across imports, and audits who looked", async () => {
    await load(t.b.employerId, [HEADER, row('H1')])
    await load(t.b.employerId, [HEADER, row('H1', { zip: '43220' })])
    await load(t.b.employerId, [HEADER, row('H1', { zip: '43220', coverage_end: '2026-10-31' })])
    const id = (await getDb().selectFrom('rosterMembers').select('id').where('employeeId', '=', 'H1').executeTakeFirstOrThrow()).id
    const admin = (await getOptionalActor(getRequest('/employer', await cookieFor(t.users.adminB))))!
    const { history } = await memberCoverage(admin, { employerId: t.b.employerId }, id)
    expect(history.map((h) => [h.kind, h.fields, h.next])).toEqual([
      ['ended', ['coverageEnd'], { coverageEnd: '2026-10-31' }],
      ['changed', ['zip'], { zip: '43220' }],
      ['added', expect.any(Array), expect.objectContaining({ zip: '43215' })],
    ])
    const audit = await getDb().selectFrom('auditLog').select(['action', 'actorUserId']).where('subjectId', '=', id).execute()
    expect(audit).toEqual([{ action: 'roster.member_viewed', actorUserId: t.users.adminB }])
    await expect(memberCoverage(admin, { employerId: t.b.employerId }, t.a.rosterMemberId)).rejects.toMatchObject({ status: 404 })
  })
})
