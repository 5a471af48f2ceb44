import { describe, expect, it } from 'vitest'
import { centsToDollarInput, formatCents, parseDollarsToCents } from '~/domain/money'

describe('parseDollarsToCents', () => {
  it.each([
    ['0', 0],
    ['1500', 150_000],
    ['1,500', 150_000],
    ['$1,500.5', 150_050],
    ['$22,530.00', 2_253_000],
    ['  42.07 ', 4_207],
    ['0.01', 1],
  ])('%s → %i cents', (input, cents) => {
    expect(parseDollarsToCents(input)).toBe(cents)
  })
  it.each(['', 'abc', '-5', '1.234', '1e5', '12..3', '$', '99999999999999999999'])('rejects %j', (input) => {
    expect(parseDollarsToCents(input)).toBeNull()
  })
})

describe('formatCents', () => {
  it.each([
    [0, {}, '$0.00'],
    [150_050, {}, '$1,500.50'],
    [2_253_000, { wholeDollars: true }, '$22,530'],
    [149_950, { wholeDollars: true }, '$1,500'],
    [-2_500, {}, '-$25.00'],
  ] as const)('%i cents → %s', (cents, options, text) => {
    expect(formatCents(cents, options)).toBe(text)
  })
})

describe('centsToDollarInput', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [150_050, '1500.50'],
    [-120, '-1.20'],
  ])('%i → %s', (cents, text) => {
    expect(centsToDollarInput(cents)).toBe(text)
    if (cents >= 0) expect(parseDollarsToCents(text)).toBe(cents)
  })
})
