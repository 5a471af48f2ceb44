import { describe, expect, it } from 'vitest'
import { NPI_CHECK_MESSAGE, NPI_LENGTH_MESSAGE, TIN_MESSAGE, demoNpi, formatTin, npiCheckDigit, parseNpi, parseTin } from '~/domain/offers/provider-ids'

describe('parseTin', () => {
  it.each<[string, string | null]>([
    ['12-3456789', '123456789'],
    ['123456789', '123456789'],
    ['  31-1234567 ', '311234567'],
    ['99-0000001', '990000001'],
    // Not a TIN.
    ['', null],
    ['12-345678', null], // 8 digits
    ['12-34567890', null], // 10 digits
    ['123-45-6789', null], // a Social Security number's layout, not an EIN
    ['1-23456789', null], // dash in the wrong place
    ['12 3456789', null],
    ['AB-3456789', null],
    ['00-1234567', null], // the IRS never issues the 00 prefix
    ['１２-3456789', null], // full-width digits
  ])('%j → %j', (text, expected) => {
    const result = parseTin(text)
    expect(result).toEqual(expected === null ? { ok: false, message: TIN_MESSAGE } : { ok: true, value: expected })
  })

  it('shows the stored digits as NN-NNNNNNN', () => {
    expect(formatTin('123456789')).toBe('12-3456789')
    expect(formatTin('12345')).toBe('12345')
  })
})

describe('NPI check digit (Luhn with the 80840 prefix)', () => {
  it.each<[string, number]>([
    // CMS's worked example in "Requirements for the NPI check digit": 123456789 → 3.
    ['123456789', 3],
    // Real NPIs from the public NPPES registry, their last digit as issued.
    ['100300012', 6],
    ['124531959', 9],
    ['149775854', 4],
    ['188167939', 7],
    ['000000000', 6], // 80840 alone sums to 24: 24 + 0 → 6
  ])('%s → %i', (firstNine, digit) => {
    expect(npiCheckDigit(firstNine)).toBe(digit)
  })
})

describe('parseNpi', () => {
  it.each<[string, string | null, string | null]>([
    ['1234567893', '1234567893', null],
    ['1003000126', '1003000126', null],
    [' 1245319599 ', '1245319599', null],
    ['1497758544', '1497758544', null],
    ['1234567890', null, NPI_CHECK_MESSAGE], // one digit off
    ['1234567839', null, NPI_CHECK_MESSAGE], // two digits swapped
    ['1003000127', null, NPI_CHECK_MESSAGE],
    ['123456789', null, NPI_LENGTH_MESSAGE], // 9 digits
    ['12345678933', null, NPI_LENGTH_MESSAGE], // 11 digits
    ['3234567893', null, NPI_LENGTH_MESSAGE], // an NPI starts with 1 or 2
    ['123-456-7893', null, NPI_LENGTH_MESSAGE],
    ['', null, NPI_LENGTH_MESSAGE],
    ['12345678a3', null, NPI_LENGTH_MESSAGE],
  ])('%j', (text, value, message) => {
    expect(parseNpi(text)).toEqual(value ? { ok: true, value } : { ok: false, message })
  })
})

describe('demoNpi', () => {
  it.each([1, 90_000_001, 90_004_321, 99_999_999])('serial %i makes a 10-digit NPI that passes the check digit', (serial) => {
    const npi = demoNpi(serial)
    expect(npi).toMatch(/^1\d{9}$/)
    expect(parseNpi(npi)).toEqual({ ok: true, value: npi })
  })

  it('is deterministic and differs per serial', () => {
    expect(demoNpi(90_000_001)).toBe(demoNpi(90_000_001))
    expect(demoNpi(90_000_001)).not.toBe(demoNpi(90_000_002))
  })
})
