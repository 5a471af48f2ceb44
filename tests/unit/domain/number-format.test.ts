import { describe, expect, it } from 'vitest'
import { formatCents } from '~/domain/money'
import { dollarsText, wholeNumberText } from '~/domain/number-format'

// The portal writes en-US and es-US numbers itself (a browser's first Intl.NumberFormat costs 50–100 ms);
// the text must be exactly Intl's, which Node (full ICU) gives here.
const LOCALES = ['en-US', 'es-US'] as const
const intlWhole = (value: number, locale: string) => new Intl.NumberFormat(locale).format(value)
const intlDollars = (cents: number, digits: 0 | 2, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(cents / 100)

/** Deterministic values across every magnitude: 0, ±1 digit … ±16 digits, and the edges of each group of three. */
function sampleIntegers(): number[] {
  const values = [0, 1, -1, 9, 10, 99, 100, 999, 1_000, -1_000, 1_001, 9_999, 10_000, 99_999, 100_000, 999_999, 1_000_000, -1_234_567, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]
  let seed = 20261207
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32)
  for (let digits = 1; digits <= 15; digits++) for (let i = 0; i < 200; i++) values.push(Math.floor(next() * 10 ** digits) * (next() < 0.3 ? -1 : 1))
  return values.filter((v) => !Object.is(v, -0))
}

describe('whole numbers written as Intl writes them', () => {
  it.each(LOCALES)('%s: every sampled integer', (locale) => {
    for (const value of sampleIntegers()) expect(wholeNumberText(value, locale)).toBe(intlWhole(value, locale))
  })

  it.each<[string, number, string, string | null]>([
    ['a thousand, grouped', 1234, 'en-US', '1,234'],
    ['a negative million', -1_000_000, 'es-US', '-1,000,000'],
    ['a fraction is left to Intl', 1234.5, 'en-US', null],
    ['negative zero is left to Intl', -0, 'en-US', null],
    ['an unsafe integer is left to Intl', 2 ** 60, 'en-US', null],
    ['another locale is left to Intl', 1234, 'de-DE', null],
  ])('%s', (_case, value, locale, expected) => {
    expect(wholeNumberText(value, locale)).toBe(expected)
  })
})

describe('dollar amounts written as Intl writes them', () => {
  it.each(LOCALES)('%s: every sampled amount, with cents and in whole dollars', (locale) => {
    for (const cents of sampleIntegers()) {
      expect(dollarsText(cents, false, locale)).toBe(Math.abs(cents) < 1e15 ? intlDollars(cents, 2, locale) : null)
      expect(dollarsText(cents * 100, true, locale)).toBe(Math.abs(cents * 100) < 1e15 ? intlDollars(cents * 100, 0, locale) : null)
    }
  })

  it.each<[string, number, boolean, string, string | null]>([
    ['cents', 123_456, false, 'en-US', '$1,234.56'],
    ['five cents owed back', -5, false, 'en-US', '-$0.05'],
    ['whole dollars', 250_000, true, 'es-US', '$2,500'],
    ['whole dollars asked of an amount with cents: left to Intl', 250_050, true, 'en-US', null],
    ['negative zero: left to Intl', -0, false, 'en-US', null],
    ['fractional cents: left to Intl', 10.5, false, 'en-US', null],
    ['another locale: left to Intl', 123_456, false, 'fr-FR', null],
    ['$10 trillion or more: left to Intl (a double no longer holds every cent)', 1e15, false, 'en-US', null],
    ['just under $10 trillion', 1e15 - 1, false, 'en-US', '$9,999,999,999,999.99'],
  ])('%s', (_case, cents, whole, locale, expected) => {
    expect(dollarsText(cents, whole, locale)).toBe(expected)
  })

  // formatCents rounds to whole dollars first (half up, as Math.round), then writes the amount: the same as Intl on the rounded amount.
  it.each(LOCALES)('%s: formatCents is Intl on the rounded amount, for every sampled amount', (locale) => {
    for (const cents of [...sampleIntegers(), -49, -50, -51, 49, 50, 150, 250, -150, 10.5, -0.4]) {
      const rounded = Math.round(cents / 100) * 100
      expect(formatCents(cents, { wholeDollars: true, locale })).toBe(intlDollars(rounded, 0, locale))
      expect(formatCents(cents, { locale })).toBe(intlDollars(cents, 2, locale))
    }
  })
})
