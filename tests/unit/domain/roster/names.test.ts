import { describe, expect, it } from 'vitest'
import { differOnlyInLeadingZeros, employeeIdKey, nameKey, normalizeName, rosterKeys, withoutLeadingZeros } from '~/domain/roster/names'

describe('normalizeName (stored and shown)', () => {
  it.each([
    ['O\u2019Brien', "O'Brien"],
    ['O\u02BCBrien', "O'Brien"],
    ['D\u2018Angelo', "D'Angelo"],
    ['Mary\u00A0Ann', 'Mary Ann'],
    ['Mary\u202FAnn', 'Mary Ann'],
    ['  Ng  ', 'Ng'],
    ['Ann  Marie', 'Ann Marie'],
    ['Zo\u200Be', 'Zoe'],
    ['\uFEFFLee', 'Lee'],
    ['Pe\u0301rez', 'P\u00E9rez'],
    ['Jean\u2011Luc', 'Jean-Luc'],
    ['\u00D6lmez', '\u00D6lmez'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeName(raw)).toBe(expected)
  })
})

describe('nameKey (matched on)', () => {
  it('folds case, accents, apostrophes and spaces so each spelling of one name gives one key', () => {
    const spellings = ['Álvarez', 'ÁLVAREZ', 'A\u0301lvarez', 'alvarez', 'Alvarez ']
    expect(new Set(spellings.map(nameKey))).toEqual(new Set(['alvarez']))
    expect(nameKey('O\u2019Brien')).toBe(nameKey("o'brien"))
    expect(nameKey('ÖLMEZ')).toBe('olmez')
    expect(nameKey('Pe\u0301rez')).toBe(nameKey('PÉREZ'))
  })
  it('keeps different names apart', () => {
    expect(nameKey('Lee')).not.toBe(nameKey('Li'))
    expect(nameKey("O'Brien")).not.toBe(nameKey('OBrien'))
  })
})

describe('employee id keys', () => {
  it('compare without case', () => {
    expect(employeeIdKey('X0402')).toBe(employeeIdKey('x0402'))
  })
  it.each([
    ['000123', '123', true],
    ['123', '00123', true],
    ['A0123', 'A123', false],
    ['123', '123', false],
    ['0', '00', true],
    ['X0402', 'x0402', false],
  ])('%s and %s differ only in leading zeros: %s', (a, b, expected) => {
    expect(differOnlyInLeadingZeros(a, b)).toBe(expected)
  })
  it('keeps a single zero', () => {
    expect(withoutLeadingZeros('000')).toBe('0')
  })
  it('rosterKeys gives every key', () => {
    expect(rosterKeys({ employeeId: 'E00042', firstName: 'Zoë', lastName: 'O’Neil' })).toEqual({ employeeIdKey: 'e00042', employeeIdLoose: 'e00042', firstNameKey: 'zoe', lastNameKey: "o'neil" })
    expect(rosterKeys({ employeeId: '00042', firstName: 'A', lastName: 'B' }).employeeIdLoose).toBe('42')
  })
})
