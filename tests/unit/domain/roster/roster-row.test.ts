import { describe, expect, it } from 'vitest'
import { parseRosterRow, type RosterRowContext } from '~/domain/roster/roster-row'

const CONTEXT: RosterRowContext = {
  plans: [{ id: 'plan-ppo', name: 'Choice PPO' }, { id: 'plan-hdhp', name: 'Saver HDHP with HSA' }],
  isKnownZip: (zip) => zip !== '00000' && zip !== '99999',
  today: '2026-11-22',
}
const VALID = {
  employee_id: 'A000123', first_name: 'María José', last_name: "O'Neil-Smith", date_of_birth: '1980-05-01', zip: '43215', plan: 'Choice PPO',
  coverage_tier: 'family', coverage_start: '2026-01-01', coverage_end: '', dependents: '3',
}

describe('parseRosterRow', () => {
  it('reads a valid row', () => {
    expect(parseRosterRow(VALID, CONTEXT)).toEqual({
      ok: true,
      row: {
        employeeId: 'A000123', firstName: 'María José', lastName: "O'Neil-Smith", dateOfBirth: '1980-05-01', zip: '43215', planName: 'Choice PPO', healthPlanId: 'plan-ppo',
        coverageTier: 'family', coverageStart: '2026-01-01', coverageEnd: null, dependentsCount: 3,
      },
    })
  })
  it('accepts ZIP+4 and an upper-case tier, and keeps the 5-digit ZIP', () => {
    expect(parseRosterRow({ ...VALID, zip: '43215-1234', coverage_tier: 'FAMILY' }, CONTEXT)).toMatchObject({ ok: true, row: { zip: '43215', coverageTier: 'family' } })
  })
  it('accepts an employee who turned 14 on the file date, a blank dependents cell and plan names in any case', () => {
    const result = parseRosterRow({ ...VALID, date_of_birth: '2012-11-22', dependents: '', plan: 'choice ppo' }, CONTEXT)
    expect(result).toMatchObject({ ok: true, row: { dateOfBirth: '2012-11-22', planName: 'Choice PPO', healthPlanId: 'plan-ppo' } })
    expect(result.ok && 'dependentsCount' in result.row).toBe(false)
  })
  it('reads only the columns the line has: a missing coverage_end is left undefined, an empty one is null', () => {
    const { coverage_end: _end, ...withoutEnd } = VALID
    const absent = parseRosterRow(withoutEnd, CONTEXT)
    expect(absent.ok && 'coverageEnd' in absent.row).toBe(false)
    expect(parseRosterRow(VALID, CONTEXT)).toMatchObject({ ok: true, row: { coverageEnd: null } })
  })
  it.each([
    ['ÁLVAREZ', 'ÁLVAREZ'],
    ['O\u2019Brien', "O'Brien"],
    ['Pe\u0301rez', 'Pérez'],
    ['Mary\u00A0Ann', 'Mary Ann'],
    ['Zo\u200Be', 'Zoe'],
    ['Jean\u2010Luc', 'Jean-Luc'],
  ])('normalises the name %s to %s before checking it', (raw, stored) => {
    const name = JSON.parse(`"${raw}"`) as string
    expect(parseRosterRow({ ...VALID, last_name: name }, CONTEXT)).toMatchObject({ ok: true, row: { lastName: stored } })
  })
  it.each([
    ['Employee + Spouse', 'employee_spouse'],
    ['EE', 'employee'],
    ['Family', 'family'],
    ['Employee and Children', 'employee_children'],
  ])('reads the tier spelling %s as %s', (tier, code) => {
    expect(parseRosterRow({ ...VALID, coverage_tier: tier, dependents: code === 'employee' ? '0' : '1' }, CONTEXT)).toMatchObject({ ok: true, row: { coverageTier: code } })
  })
  // The kinds of bad row the roster report names (the file-level ones, such as a duplicate id, are the service's).
  it.each([
    [{ employee_id: '' }, 'employee_id', 'missing'],
    [{ employee_id: 'A 12;DROP' }, 'employee_id', '"A 12;DROP" may use only letters, digits, - and _ (up to 40)'],
    [{ first_name: '' }, 'first_name', 'missing'],
    [{ last_name: '<script>alert(1)</script>' }, 'last_name', '"<script>alert(1)</script>" has characters a name cannot have'],
    [{ first_name: '=cmd|calc' }, 'first_name', '"=cmd|calc" has characters a name cannot have'],
    [{ last_name: 'x'.repeat(61) }, 'last_name', 'longer than 60 characters'],
    [{ date_of_birth: '' }, 'date_of_birth', 'missing'],
    [{ date_of_birth: '05/01/1980' }, 'date_of_birth', '"05/01/1980" is not a date in YYYY-MM-DD form'],
    [{ date_of_birth: '1980-02-30' }, 'date_of_birth', '"1980-02-30" is not a real date'],
    [{ date_of_birth: '2030-01-01' }, 'date_of_birth', 'is in the future'],
    [{ date_of_birth: '1890-01-01' }, 'date_of_birth', 'is more than 120 years ago'],
    [{ zip: '' }, 'zip', 'missing'],
    [{ zip: '4321' }, 'zip', '"4321" has 4 digits: a spreadsheet may have dropped leading zeros (04321?); format the column as text and export again'],
    [{ zip: '4321x' }, 'zip', '"4321x" is not a 5-digit ZIP code'],
    [{ zip: '99999' }, 'zip', '99999 is not a US ZIP code we know'],
    [{ plan: 'Gold Plus' }, 'plan', '"Gold Plus" is not one of your health plans (yours: Choice PPO, Saver HDHP with HSA)'],
    [{ date_of_birth: '2026-11-22' }, 'date_of_birth', '"2026-11-22" makes the employee younger than 14: check the date (dependents are not listed as employees)'],
    [{ date_of_birth: '2012-11-23' }, 'date_of_birth', '"2012-11-23" makes the employee younger than 14: check the date (dependents are not listed as employees)'],
    [{ coverage_end: '2026-02-30' }, 'coverage_end', '"2026-02-30" is not a real date'],
    [{ coverage_tier: 'everyone' }, 'coverage_tier', '"everyone" is not one of employee, employee_spouse, employee_children, family'],
    [{ coverage_start: '' }, 'coverage_start', 'missing'],
    [{ coverage_end: '2025-12-31' }, 'coverage_end', 'is before coverage_start'],
    [{ coverage_end: 'soon' }, 'coverage_end', '"soon" is not a date in YYYY-MM-DD form'],
    [{ dependents: '-1' }, 'dependents', '"-1" is not a number of dependents from 0 to 20'],
    [{ dependents: '0' }, 'dependents', 'family coverage needs at least one dependent'],
    [{ coverage_tier: 'employee', dependents: '2' }, 'dependents', 'employee-only coverage cannot have dependents'],
  ])('refuses %j: %s %s', (change, column, reason) => {
    const result = parseRosterRow({ ...VALID, ...change }, CONTEXT)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors).toContainEqual({ column, reason })
  })
})
