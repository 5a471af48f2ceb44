import { describe, expect, it } from 'vitest'
import { closestColumn, detectDelimiter, readRosterHeader } from '~/domain/roster/columns'

const DOCUMENTED = ['employee_id', 'first_name', 'last_name', 'date_of_birth', 'zip', 'plan', 'coverage_tier', 'coverage_start']

describe('readRosterHeader', () => {
  it('reads the documented header', () => {
    expect(readRosterHeader([...DOCUMENTED, 'coverage_end', 'dependents'])).toEqual({ columns: [...DOCUMENTED, 'coverage_end', 'dependents'], unknown: [], missing: [], repeated: [] })
  })
  it.each([
    ['Employee ID', 'employee_id'],
    ['EMPLOYEE_ID', 'employee_id'],
    ['employee-id', 'employee_id'],
    ['First Name', 'first_name'],
    ['DOB', 'date_of_birth'],
    ['Date of Birth', 'date_of_birth'],
    ['Zip Code', 'zip'],
    ['Coverage End', 'coverage_end'],
    ['Termination Date', 'coverage_end'],
    ['\uFEFFemployee_id', 'employee_id'],
    ['Coverage Tier', 'coverage_tier'],
  ])('recognises %j as %s', (header, column) => {
    expect(readRosterHeader([header]).columns).toEqual([column])
  })
  it('names unknown columns as written, and the required ones missing', () => {
    const header = readRosterHeader(['Employee ID', 'ssn', 'Coverage End Dt', 'First Name'])
    expect(header.unknown).toEqual(['ssn', 'Coverage End Dt'])
    expect(header.columns).toEqual(['employee_id', null, null, 'first_name'])
    expect(header.missing).toEqual(['last_name', 'date_of_birth', 'zip', 'plan', 'coverage_tier', 'coverage_start'])
  })
  it('reads a column given twice only once', () => {
    const header = readRosterHeader([...DOCUMENTED, 'Employee ID'])
    expect(header.repeated).toEqual(['employee_id'])
    expect(header.columns.at(-1)).toBeNull()
  })
})

describe('closestColumn', () => {
  it.each([
    ['Coverage End Dt', 'coverage_end'],
    ['coverage_ned', 'coverage_end'],
    ['Emp ID #', 'employee_id'],
    ['ssn', null],
    ['Department', null],
  ])('%j → %s', (header, column) => {
    expect(closestColumn(header)).toBe(column)
  })
})

describe('detectDelimiter', () => {
  it.each([
    ['employee_id,first_name,last_name', ','],
    ['employee_id;first_name;last_name', ';'],
    ['employee_id\tfirst_name\tlast_name', '\t'],
    ['"a;b",c,d', ','],
    ['"a,b";c;d', ';'],
    ['employee_id', ','],
  ])('%j → %j', (line, delimiter) => {
    expect(detectDelimiter(line)).toBe(delimiter)
  })
})
