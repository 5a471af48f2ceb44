import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { importRosterFile } from '~/services/roster-import.server'
import { createTwoTenants, type TwoTenants } from './tenants'

let t: TwoTenants
const HEADER = 'employee_id,first_name,last_name,date_of_birth,zip,plan,coverage_tier,coverage_start,coverage_end,dependents'
const NOW = new Date('2026-11-22T12:00:00Z')

function csv(lines: string[]) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'roster-')), 'roster.csv')
  fs.writeFileSync(file, lines.join('\n'))
  return file
}
const roster = (employerId: string) =>
  getDb().selectFrom('rosterMembers').select(['employeeId', 'firstName', 'zip', 'coverageEnd', 'dependentsCount']).where('employerId', '=', employerId).orderBy('employeeId').execute()
const options = (overrides: Partial<Parameters<typeof importRosterFile>[2]> = {}) => ({ label: 'roster.csv', actor: null, fullFile: false, allOrNothing: false, now: NOW, ...overrides })

beforeAll(async () => {
  t = await createTwoTenants(getDb())
})

// The 20 kinds of bad row, one per line (lines 2–21); line 22 is good.
const BAD_ROWS = [
  ',Ann,Lee,1980-01-01,43215,A PPO,employee,2026-01-01,,0', // employee_id missing
  'X 1;DROP,Ann,Lee,1980-01-01,43215,A PPO,employee,2026-01-01,,0', // employee_id characters
  'E02,,Lee,1980-01-01,43215,A PPO,employee,2026-01-01,,0', // first_name missing
  'E03,Ann,<script>x</script>,1980-01-01,43215,A PPO,employee,2026-01-01,,0', // last_name script
  'E04,=cmd|calc,Lee,1980-01-01,43215,A PPO,employee,2026-01-01,,0', // formula injection
  `E05,Ann,${'x'.repeat(61)},1980-01-01,43215,A PPO,employee,2026-01-01,,0`, // too long
  'E06,Ann,Lee,,43215,A PPO,employee,2026-01-01,,0', // dob missing
  'E07,Ann,Lee,01/02/1980,43215,A PPO,employee,2026-01-01,,0', // dob format
  'E08,Ann,Lee,1980-02-30,43215,A PPO,employee,2026-01-01,,0', // impossible date
  'E09,Ann,Lee,2030-01-01,43215,A PPO,employee,2026-01-01,,0', // future dob
  'E10,Ann,Lee,1980-01-01,,A PPO,employee,2026-01-01,,0', // zip missing
  'E11,Ann,Lee,1980-01-01,4321,A PPO,employee,2026-01-01,,0', // zip format
  'E12,Ann,Lee,1980-01-01,00000,A PPO,employee,2026-01-01,,0', // unknown zip
  'E13,Ann,Lee,1980-01-01,43215,Gold Plus,employee,2026-01-01,,0', // unknown plan
  'E14,Ann,Lee,1980-01-01,43215,A PPO,everyone,2026-01-01,,0', // bad tier
  'E15,Ann,Lee,1980-01-01,43215,A PPO,employee,,,0', // coverage start missing
  'E16,Ann,Lee,1980-01-01,43215,A PPO,employee,2026-01-01,2025-01-01,0', // end before start
  'E17,Ann,Lee,1980-01-01,43215,A PPO,employee,2026-01-01,,-2', // negative dependents
  'E18,Ann,Lee,1980-01-01,43215,A PPO,employee,2026-01-01,,2', // employee-only with dependents
  'E19,Ann,Lee,1980-01-01,43215,A PPO,family,2026-01-01,,0', // family without dependents
]
const GOOD = 'E20,Zoë,Ng,1990-07-04,43215,A PPO,family,2026-01-01,,2'

describe('import:roster', () => {
  it('reports exactly the 20 kinds of bad row and imports the rest', async () => {
    const before = await roster(t.b.employerId)
    const report = await importRosterFile({ employerId: t.b.employerId }, csv([HEADER, ...BAD_ROWS.map((r) => r.replace('A PPO', 'B PPO')), GOOD.replace('A PPO', 'B PPO'), 'E20,Dup,Row,1990-07-04,43215,B PPO,employee,2026-01-01,,0']), options())
    expect([...new Set(report.rejected.map((r) => r.line))]).toEqual([...Array.from({ length: 20 }, (_, i) => i + 2), 23])
    expect(report.rejected.find((r) => r.line === 23)).toEqual({ line: 23, column: 'employee_id', reason: 'E20 already appears on line 22' })
    expect(report.rejected.find((r) => r.line === 14)).toEqual({ line: 14, column: 'zip', reason: '00000 is not a US ZIP code we know' })
    expect(report).toMatchObject({ imported: true, rowsRead: 22, inserted: 1 })
    expect(await roster(t.b.employerId)).toEqual([...before, { employeeId: 'E20', firstName: 'Zoë', zip: '43215', coverageEnd: null, dependentsCount: 2 }].sort((a, b) => a.employeeId.localeCompare(b.employeeId)))
  })

  it('imports nothing in all-or-nothing mode when any row is bad', async () => {
    const before = await roster(t.a.employerId)
    const report = await importRosterFile({ employerId: t.a.employerId }, csv([HEADER, GOOD, BAD_ROWS[0]!]), options({ allOrNothing: true }))
    expect(report).toMatchObject({ imported: false, rejected: [{ line: 3, column: 'employee_id', reason: 'missing' }] })
    expect(await roster(t.a.employerId)).toEqual(before)
  })

  it('upserts by employee id and, in full-file mode, ends the coverage of members missing from the file', async () => {
    const first = await importRosterFile({ employerId: t.a.employerId }, csv([HEADER, 'N1,Ann,Lee,1980-01-01,43215,A PPO,employee,2026-01-01,,0', 'N2,Bo,Li,1975-03-03,44195,A PPO,employee_spouse,2026-01-01,,1']), options())
    expect(first).toMatchObject({ inserted: 2, updated: 0 })
    const second = await importRosterFile({ employerId: t.a.employerId }, csv([HEADER, 'N1,Ann,Lee,1980-01-01,43220,A PPO,employee,2026-01-01,,0']), options({ fullFile: true }))
    // N1 moved ZIP (updated); N2 and the fixture's A0001 are missing from the full file: coverage ends the day before.
    expect(second).toMatchObject({ imported: true, inserted: 0, updated: 1, unchanged: 0, coverageEnded: 2 })
    expect(await roster(t.a.employerId)).toEqual([
      { employeeId: 'A0001', firstName: 'Ada', zip: '43215', coverageEnd: '2026-11-21', dependentsCount: 0 },
      { employeeId: 'N1', firstName: 'Ann', zip: '43220', coverageEnd: null, dependentsCount: 0 },
      { employeeId: 'N2', firstName: 'Bo', zip: '44195', coverageEnd: '2026-11-21', dependentsCount: 1 },
    ])
    const again = await importRosterFile({ employerId: t.a.employerId }, csv([HEADER, 'N1,Ann,Lee,1980-01-01,43220,A PPO,employee,2026-01-01,,0']), options({ fullFile: true }))
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, coverageEnded: 0 })
  })

  it('rolls back rows already written when all-or-nothing meets a problem after the first batches', async () => {
    const before = await roster(t.b.employerId)
    const good = Array.from({ length: 4_500 }, (_, i) => `M${String(i).padStart(5, '0')},Ann,Lee,1980-01-01,43215,B PPO,employee,2026-01-01,,0`)
    const report = await importRosterFile({ employerId: t.b.employerId }, csv([HEADER, ...good, 'M00007,Ann,Lee,1980-01-01,43215,B PPO,employee,2026-01-01,,0']), options({ allOrNothing: true }))
    expect(report).toMatchObject({ imported: false, rowsRead: 4_501, inserted: 0, problems: 1, rejected: [{ line: 4_502, column: 'employee_id', reason: 'M00007 already appears on line 9' }] })
    expect(await roster(t.b.employerId)).toEqual(before)
  })

  it('counts every problem but lists only the first 1,000, and imports the good rows', async () => {
    const before = (await roster(t.b.employerId)).map((r) => r.employeeId)
    const bad = Array.from({ length: 1_200 }, (_, i) => `P${i},Ann,Lee,1980-02-30,43215,B PPO,employee,2026-01-01,,0`)
    const report = await importRosterFile({ employerId: t.b.employerId }, csv([HEADER, ...bad, 'P9999,Bea,Lee,1980-02-03,43215,B PPO,employee,2026-01-01,,0']), options())
    expect(report).toMatchObject({ imported: true, rowsRead: 1_201, inserted: 1, problems: 1_200 })
    expect(report.rejected).toHaveLength(1_000)
    expect(report.rejected[999]).toEqual({ line: 1_001, column: 'date_of_birth', reason: '"1980-02-30" is not a date in YYYY-MM-DD form' })
    expect((await roster(t.b.employerId)).map((r) => r.employeeId)).toEqual([...before, 'P9999'])
  })

  it('refuses a file that is not a roster, and changes nothing', async () => {
    const before = await roster(t.a.employerId)
    await expect(importRosterFile({ employerId: t.a.employerId }, csv(['ccn,procedure_code,price,valid_from', '010001,TKA,1,2026-01-01']), options())).rejects.toThrow(
      'roster.csv: not the expected file: missing columns "employee_id", "first_name", "last_name", "date_of_birth", "zip", "plan", "coverage_tier", "coverage_start"',
    )
    expect(await roster(t.a.employerId)).toEqual(before)
  })
})
