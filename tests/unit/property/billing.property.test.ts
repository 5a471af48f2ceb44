import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { caseInvoiceLines, invoiceNumber, statusAfterEvent, type LedgerStatus } from '~/domain/billing/case-invoice'
import { cents, isCents, MAX_CENTS, RUNS } from './arbitraries'

// DESIGN §3 invoices (bundle + travel actuals + incentive + platform fee) and §9 (webhooks processed
// once even when delivered twice or out of order).

const invoiceInput = fc.record({
  procedureName: fc.string({ maxLength: 40 }),
  facilityName: fc.string({ maxLength: 60 }),
  bundleCents: cents(),
  travelActualCents: fc.option(cents(2_000_000), { nil: null }),
  incentiveCents: cents(500_000),
  platformFeeCents: cents(500_000),
})

describe('caseInvoiceLines: properties', () => {
  it('every line is whole, non-negative cents; the total is their sum and B + travel + incentive + fee', () => {
    fc.assert(
      fc.property(invoiceInput, (input) => {
        const { lines, totalCents } = caseInvoiceLines(input)
        expect(lines.every((l) => isCents(l.amountCents))).toBe(true)
        expect(totalCents).toBe(lines.reduce((sum, l) => sum + l.amountCents, 0))
        expect(totalCents).toBe(input.bundleCents + (input.travelActualCents ?? 0) + input.incentiveCents + input.platformFeeCents)
        expect(isCents(totalCents)).toBe(true)
      }),
      RUNS,
    )
  })

  it('the bundle line comes first and always; other lines appear once each, and only when not $0', () => {
    fc.assert(
      fc.property(invoiceInput, (input) => {
        const { lines } = caseInvoiceLines(input)
        expect(lines[0]).toMatchObject({ kind: 'bundle', amountCents: input.bundleCents })
        expect(new Set(lines.map((l) => l.kind)).size).toBe(lines.length)
        expect(lines.slice(1).every((l) => l.amountCents > 0)).toBe(true)
        expect(lines.some((l) => l.kind === 'travel')).toBe((input.travelActualCents ?? 0) > 0)
        expect(lines.some((l) => l.kind === 'incentive')).toBe(input.incentiveCents > 0)
        expect(lines.some((l) => l.kind === 'platform_fee')).toBe(input.platformFeeCents > 0)
      }),
      RUNS,
    )
  })

  it('refuses any negative or fractional amount', () => {
    const badAmount = fc.oneof(fc.integer({ min: -MAX_CENTS, max: -1 }), fc.double({ min: 0.001, max: 1_000_000, noNaN: true, noInteger: true }), fc.constant(Number.NaN))
    fc.assert(
      fc.property(invoiceInput, fc.constantFrom('bundleCents', 'travelActualCents', 'incentiveCents', 'platformFeeCents'), badAmount, (input, field, bad) => {
        expect(() => caseInvoiceLines({ ...input, [field]: bad })).toThrow(RangeError)
      }),
      RUNS,
    )
  })
})

const status = fc.constantFrom<LedgerStatus>('draft', 'open', 'paid', 'void', 'uncollectible')
const event = fc.constantFrom('invoice.paid' as const, 'invoice.payment_failed' as const, 'invoice.finalized' as const, 'invoice.voided' as const)
const fold = (start: LedgerStatus, events: ReadonlyArray<Parameters<typeof statusAfterEvent>[1]>) => events.reduce(statusAfterEvent, start)

describe('statusAfterEvent: properties', () => {
  it('paid and void are final: no event changes them', () => {
    fc.assert(
      fc.property(fc.constantFrom<LedgerStatus>('paid', 'void'), fc.array(event, { maxLength: 10 }), (start, events) => {
        expect(fold(start, events)).toBe(start)
      }),
      RUNS,
    )
  })

  it('a duplicated delivery changes nothing: every event applied twice in a row gives the same status as once', () => {
    fc.assert(
      fc.property(status, fc.array(event, { maxLength: 10 }), (start, events) => {
        expect(fold(start, events.flatMap((e) => [e, e]))).toBe(fold(start, events))
      }),
      RUNS,
    )
  })

  it('out of order: an open invoice ends paid exactly when a payment arrives before any void, whatever else arrives', () => {
    fc.assert(
      fc.property(fc.constantFrom<LedgerStatus>('draft', 'open', 'uncollectible'), fc.array(event, { maxLength: 12 }), (start, events) => {
        const firstFinal = events.find((e) => e === 'invoice.paid' || e === 'invoice.voided')
        const end = fold(start, events)
        if (firstFinal === 'invoice.paid') expect(end).toBe('paid')
        else if (firstFinal === 'invoice.voided') expect(end).toBe('void')
        else expect(end).toBe(start === 'draft' && events.length > 0 ? 'open' : start)
      }),
      RUNS,
    )
  })
})

describe('invoiceNumber: properties', () => {
  it('INV-<day of the instant>-<last 8 hex digits of the id, upper case>', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }), fc.uuid(), (instant, id) => {
        const iso = instant.toISOString()
        const number = invoiceNumber(iso, id)
        expect(number).toMatch(/^INV-\d{8}-[0-9A-F]{8}$/)
        expect(number.slice(4, 12)).toBe(iso.slice(0, 10).replace(/-/g, ''))
        expect(number.slice(-8)).toBe(id.slice(-8).toUpperCase())
      }),
      RUNS,
    )
  })
})
