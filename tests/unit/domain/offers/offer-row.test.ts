import { describe, expect, it } from 'vitest'
import { parseOfferRow } from '~/domain/offers/offer-row'

const VALID = { ccn: '360180', procedure_code: 'TKA', price: '28,500', valid_from: '2026-01-01' }

describe('parseOfferRow', () => {
  it('reads a minimal row with defaults (everything included, 90-day warranty)', () => {
    expect(parseOfferRow(VALID)).toEqual({
      ok: true,
      offer: {
        ccn: '360180', procedureCode: 'TKA', priceCents: 2_850_000, includesFacility: 1, includesSurgeon: 1, includesAnesthesia: 1, includesImplant: 1,
        includesFollowUp: 1, warrantyDays: 90, followUpVisits: 0, annualVolume: null, accreditation: null, appointmentWithinDays: null,
        validFrom: '2026-01-01', validTo: null,
      },
    })
  })
  it('reads every column, pads a CCN that lost zeros and upper-cases codes', () => {
    const result = parseOfferRow({
      ...VALID, ccn: '10001', procedure_code: 'tha', price: '$31,250.50', includes_implant: 'no', includes_follow_up: 'Y', warranty_days: '120',
      follow_up_visits: '3', annual_volume: '640', accreditation: 'TJC', appointment_within_days: '14', valid_to: '2027-12-31',
    })
    expect(result).toMatchObject({ ok: true, offer: { ccn: '010001', procedureCode: 'THA', priceCents: 3_125_050, includesImplant: 0, includesFollowUp: 1, warrantyDays: 120, annualVolume: 640, validTo: '2027-12-31' } })
  })
  it('reads TIN and NPI (issue 23) as digits, and leaves them out when empty (the stored value stays)', () => {
    expect(parseOfferRow({ ...VALID, tin: '12-3456789', npi: '1234567893' })).toMatchObject({ ok: true, offer: { tin: '123456789', npi: '1234567893' } })
    const empty = parseOfferRow({ ...VALID, tin: '', npi: ' ' })
    expect(empty.ok && 'tin' in empty.offer).toBe(false)
    expect(empty.ok && 'npi' in empty.offer).toBe(false)
  })
  it.each([
    [{ tin: '12-345678' }, 'tin', '"12-345678": enter the 9-digit TIN (EIN), like 12-3456789'],
    [{ npi: '1234567890' }, 'npi', '"1234567890": this NPI fails its check digit: look for a typing mistake'],
    [{ npi: '12345' }, 'npi', '"12345": enter the 10-digit NPI of the facility'],
  ])('refuses %j with its reason', (change, column, reason) => {
    expect(parseOfferRow({ ...VALID, ...change })).toEqual({ ok: false, errors: [{ column, reason }] })
  })
  it.each([
    [{ ccn: '' }, 'ccn', '"" is not a 6-character CMS Certification Number'],
    [{ ccn: 'ABC' }, 'ccn', '"ABC" is not a 6-character CMS Certification Number'],
    [{ procedure_code: '' }, 'procedure_code', 'a procedure code such as TKA is required'],
    [{ price: '0' }, 'price', '"0" is not a price in dollars above $0'],
    [{ price: '-100' }, 'price', '"-100" is not a price in dollars above $0'],
    [{ price: 'twenty' }, 'price', '"twenty" is not a price in dollars above $0'],
    [{ price: '9999999' }, 'price', 'a bundle price above $2,000,000 is not plausible'],
    [{ includes_surgeon: 'maybe' }, 'includes_surgeon', '"maybe" is not yes or no'],
    [{ warranty_days: '-1' }, 'warranty_days', '"-1" is not a whole number from 0 to 730'],
    [{ annual_volume: '12.5' }, 'annual_volume', '"12.5" is not a whole number from 0 to 100000'],
    [{ valid_from: '' }, 'valid_from', 'a date (YYYY-MM-DD) is required'],
    [{ valid_from: '01/01/2026' }, 'valid_from', '"01/01/2026" is not a date in YYYY-MM-DD form'],
    [{ valid_to: '2025-12-31' }, 'valid_to', 'ends before valid_from'],
    [{ accreditation: 'x'.repeat(301) }, 'accreditation', 'keep it under 300 characters'],
  ])('refuses %j: %s %s', (change, column, reason) => {
    const result = parseOfferRow({ ...VALID, ...change })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors).toContainEqual({ column, reason })
  })
  it('lists every problem of a row at once', () => {
    const result = parseOfferRow({ ccn: 'x', procedure_code: '', price: '', valid_from: '' })
    expect(result.ok ? [] : result.errors.map((e) => e.column)).toEqual(['ccn', 'procedure_code', 'price', 'valid_from'])
  })
})
