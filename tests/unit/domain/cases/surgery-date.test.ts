import { describe, expect, it } from 'vitest'
import { addMonths, checkProposedSurgeryDate } from '~/domain/cases/surgery-date'

describe('addMonths', () => {
  it.each([
    ['2026-12-05', 18, '2028-06-05'],
    ['2026-08-31', 18, '2028-02-29'],
    ['2027-08-31', 18, '2029-02-28'],
    ['2026-01-15', 0, '2026-01-15'],
  ])('%s + %i months = %s', (from, months, expected) => expect(addMonths(from, months)).toBe(expected))
})

describe('checkProposedSurgeryDate (today 2026-12-05)', () => {
  it.each([
    ['tomorrow', '2026-12-06', null],
    ['18 months ahead exactly', '2028-06-05', null],
    ['today', '2026-12-05', 'Propose a surgery date from tomorrow (2026-12-06) on'],
    ['in the past', '2025-01-01', 'Propose a surgery date from tomorrow (2026-12-06) on'],
    ['a day past 18 months', '2028-06-06', 'Propose a surgery date no more than 18 months ahead (by 2028-06-05)'],
    ['five years ahead', '2031-12-05', 'Propose a surgery date no more than 18 months ahead (by 2028-06-05)'],
    ['not a real date', '2026-02-30', 'Enter the surgery date as a real date'],
    ['not a date at all', "1' OR '1'='1", 'Enter the surgery date as a real date'],
  ])('%s (%s)', (_name, date, expected) => expect(checkProposedSurgeryDate(date, '2026-12-05')).toBe(expected))
})
