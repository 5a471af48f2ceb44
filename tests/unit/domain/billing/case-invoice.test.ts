import { describe, expect, it } from 'vitest'
import { caseInvoiceLines, statusAfterEvent, type LedgerStatus } from '~/domain/billing/case-invoice'

const CASE: { procedureName: string; facilityName: string; bundleCents: number; travelActualCents: number | null; incentiveCents: number; platformFeeCents: number } = { procedureName: 'Total knee replacement', facilityName: 'Summit Denver', bundleCents: 2_800_000, travelActualCents: 145_000, incentiveCents: 50_000, platformFeeCents: 50_000 }

describe('caseInvoiceLines', () => {
  it.each<[string, Partial<typeof CASE>, Array<[string, number]>, number]>([
    // $28,000 + $1,450 + $500 + $500 = $30,450
    ['every part', {}, [['bundle', 2_800_000], ['travel', 145_000], ['incentive', 50_000], ['platform_fee', 50_000]], 3_045_000],
    // No travel actually paid (local member): $28,000 + $500 + $500 = $29,000
    ['no travel', { travelActualCents: null }, [['bundle', 2_800_000], ['incentive', 50_000], ['platform_fee', 50_000]], 2_900_000],
    ['travel entered as $0', { travelActualCents: 0 }, [['bundle', 2_800_000], ['incentive', 50_000], ['platform_fee', 50_000]], 2_900_000],
    // No incentive and no fee: the bundle and travel only, $28,000 + $1,450 = $29,450
    ['no incentive, no fee', { incentiveCents: 0, platformFeeCents: 0 }, [['bundle', 2_800_000], ['travel', 145_000]], 2_945_000],
    ['a cent-exact travel amount', { travelActualCents: 123_457, incentiveCents: 0 }, [['bundle', 2_800_000], ['travel', 123_457], ['platform_fee', 50_000]], 2_973_457],
  ])('%s', (_, change, lines, total) => {
    const result = caseInvoiceLines({ ...CASE, ...change })
    expect(result.lines.map((l) => [l.kind, l.amountCents])).toEqual(lines)
    expect(result.totalCents).toBe(total)
  })

  it('names the bundle line after the procedure and center', () => {
    expect(caseInvoiceLines(CASE).lines[0]!.description).toBe('Total knee replacement bundle at Summit Denver')
  })

  it('refuses negative or fractional cents', () => {
    expect(() => caseInvoiceLines({ ...CASE, travelActualCents: -1 })).toThrow(RangeError)
    expect(() => caseInvoiceLines({ ...CASE, bundleCents: 10.5 })).toThrow(RangeError)
  })
})

describe('statusAfterEvent', () => {
  it.each<[LedgerStatus, Parameters<typeof statusAfterEvent>[1], LedgerStatus]>([
    ['open', 'invoice.paid', 'paid'],
    ['open', 'invoice.payment_failed', 'open'],
    ['draft', 'invoice.finalized', 'open'],
    ['paid', 'invoice.payment_failed', 'paid'], // a late failure does not undo a payment
    ['paid', 'invoice.finalized', 'paid'], // nor a late finalization
    ['void', 'invoice.paid', 'void'],
    ['open', 'invoice.voided', 'void'],
    ['uncollectible', 'invoice.paid', 'paid'],
  ])('%s + %s → %s', (from, event, to) => {
    expect(statusAfterEvent(from, event)).toBe(to)
  })
})

describe('invoiceNumber', () => {
  it('takes the day and the random end of the id, so ids made in the same millisecond differ', async () => {
    const { invoiceNumber } = await import('~/domain/billing/case-invoice')
    expect(invoiceNumber('2026-11-23T19:00:00.000Z', '019ab3c4-d5e6-7f80-9a1b-2c3d4e5f6a7b')).toBe('INV-20261123-4E5F6A7B')
    expect(invoiceNumber('2026-11-23T19:00:00.000Z', '019ab3c4-d5e6-7f80-9a1b-2c3d4e5f6a7c')).not.toBe(invoiceNumber('2026-11-23T19:00:00.000Z', '019ab3c4-d5e6-7f80-9a1b-2c3d4e5f6a7b'))
  })
})
