import { describe, expect, it } from 'vitest'
import { daysBetween, isIsoDate, toIsoDate } from '~/domain/dates'

describe('dates', () => {
  it.each([
    ['2026-11-22', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['22/11/2026', false],
    ['', false],
  ])('isIsoDate(%j) is %s', (text, expected) => {
    expect(isIsoDate(text)).toBe(expected)
  })
  it('takes the UTC calendar date of an instant', () => {
    expect(toIsoDate(new Date('2026-11-22T23:59:59.999Z'))).toBe('2026-11-22')
    expect(toIsoDate(new Date('2026-11-23T00:00:00.000Z'))).toBe('2026-11-23')
  })
  it.each([
    ['2026-11-01T00:00:00Z', '2026-11-22T00:00:00Z', 21],
    ['2026-11-22T10:00:00Z', '2026-11-23T09:59:59Z', 0],
    ['2026-11-23T00:00:00Z', '2026-11-22T00:00:00Z', 0],
  ])('daysBetween(%s, %s) = %i', (from, to, days) => {
    expect(daysBetween(new Date(from), new Date(to))).toBe(days)
  })
})
