import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { centsToDollarInput, formatCents, parseDollarsToCents } from '~/domain/money'
import { cents, RUNS } from './arbitraries'

// DESIGN §4: all money is integer cents; forms take dollars and turn them into cents (STYLE §3).

describe('money: properties', () => {
  it('cents → form dollars → cents is the identity', () => {
    fc.assert(
      fc.property(cents(), (c) => {
        expect(parseDollarsToCents(centsToDollarInput(c))).toBe(c)
      }),
      RUNS,
    )
  })

  it('cents → "$1,234.50" → cents is the identity (what a person copies from a page parses back)', () => {
    fc.assert(
      fc.property(cents(), (c) => {
        expect(parseDollarsToCents(formatCents(c))).toBe(c)
      }),
      RUNS,
    )
  })

  it('whole-dollar formatting is off by at most 50¢', () => {
    fc.assert(
      fc.property(cents(), (c) => {
        const shown = parseDollarsToCents(formatCents(c, { wholeDollars: true }))!
        expect(shown % 100).toBe(0)
        expect(Math.abs(shown - c)).toBeLessThanOrEqual(50)
      }),
      RUNS,
    )
  })

  it('parses any typed dollars with up to two decimals to whole, non-negative cents, and nothing else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 99 }), fc.boolean(), (dollars, fraction, twoDigits) => {
        const text = twoDigits ? `${dollars}.${String(fraction).padStart(2, '0')}` : `${dollars}.${fraction % 10}`
        const parsed = parseDollarsToCents(` $${dollars.toLocaleString('en-US')}${text.slice(String(dollars).length)} `)
        expect(parsed).toBe(dollars * 100 + (twoDigits ? fraction : (fraction % 10) * 10))
        expect(parseDollarsToCents(`-${text}`)).toBeNull()
        expect(parseDollarsToCents(`${dollars}.${String(fraction).padStart(2, '0')}5`)).toBeNull() // three decimals
      }),
      RUNS,
    )
  })
})
