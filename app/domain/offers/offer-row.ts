import { isIsoDate } from '~/domain/dates'
import { parseDollarsToCents } from '~/domain/money'
import { parseNpi, parseTin } from './provider-ids'

/** The columns of an offers CSV (documented on the import page; a template is downloadable). */
export const OFFER_COLUMNS = [
  'ccn', 'procedure_code', 'price', 'includes_facility', 'includes_surgeon', 'includes_anesthesia', 'includes_implant', 'includes_follow_up',
  'warranty_days', 'follow_up_visits', 'annual_volume', 'accreditation', 'appointment_within_days', 'valid_from', 'valid_to', 'tin', 'npi',
] as const
export const REQUIRED_OFFER_COLUMNS = ['ccn', 'procedure_code', 'price', 'valid_from'] as const

export interface OfferRow {
  ccn: string
  procedureCode: string
  priceCents: number
  includesFacility: 0 | 1
  includesSurgeon: 0 | 1
  includesAnesthesia: 0 | 1
  includesImplant: 0 | 1
  includesFollowUp: 0 | 1
  warrantyDays: number
  followUpVisits: number
  annualVolume: number | null
  accreditation: string | null
  appointmentWithinDays: number | null
  validFrom: string
  validTo: string | null
  /** The billing TIN and facility NPI (issue 23); undefined when the file leaves them empty or has no such column: the stored value stays. */
  tin?: string
  npi?: string
}

export type OfferRowResult = { ok: true; offer: OfferRow } | { ok: false; errors: Array<{ column: string; reason: string }> }

const MAX_PRICE_CENTS = 2_000_000_00 // $2,000,000: no single bundle costs more
const EARLIEST_DATE = '2000-01-01'
const LATEST_DATE = '2100-12-31'

/** Validates one CSV row of an offers file into an offer, or says what is wrong per column. */
export function parseOfferRow(values: Readonly<Record<string, string | undefined>>): OfferRowResult {
  const errors: Array<{ column: string; reason: string }> = []
  const text = (column: string) => (values[column] ?? '').trim()

  const ccnText = text('ccn').toUpperCase()
  const ccn = /^\d{1,6}$/.test(ccnText) ? ccnText.padStart(6, '0') : ccnText
  if (!/^[0-9A-Z]{6}$/.test(ccn)) errors.push({ column: 'ccn', reason: `"${text('ccn')}" is not a 6-character CMS Certification Number` })
  const procedureCode = text('procedure_code').toUpperCase()
  if (!procedureCode) errors.push({ column: 'procedure_code', reason: 'a procedure code such as TKA is required' })
  else if (!/^[A-Z0-9_]{2,40}$/.test(procedureCode)) errors.push({ column: 'procedure_code', reason: `"${text('procedure_code').slice(0, 50)}" is not a procedure code such as TKA` })

  const priceCents = parseDollarsToCents(text('price'))
  // Digits too many to be money (99999999999999999999) are a price out of range, not "not a price".
  const isHugePrice = priceCents === null && /^\$?[\d,]+(\.\d{1,2})?$/.test(text('price'))
  if (isHugePrice || (priceCents !== null && priceCents > MAX_PRICE_CENTS)) errors.push({ column: 'price', reason: 'a bundle price above $2,000,000 is not plausible' })
  else if (priceCents === null || priceCents <= 0) errors.push({ column: 'price', reason: `"${text('price').slice(0, 50)}" is not a price in dollars above $0` })

  const flag = (column: string, fallback: 0 | 1): 0 | 1 => {
    const value = text(column).toLowerCase()
    if (value === '') return fallback
    if (['yes', 'y', 'true', '1'].includes(value)) return 1
    if (['no', 'n', 'false', '0'].includes(value)) return 0
    errors.push({ column, reason: `"${text(column)}" is not yes or no` })
    return fallback
  }
  const whole = (column: string, { min, max, fallback }: { min: number; max: number; fallback: number | null }) => {
    const value = text(column)
    if (value === '') return fallback
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      errors.push({ column, reason: `"${value}" is not a whole number from ${min} to ${max}` })
      return fallback
    }
    return Number(value)
  }
  const date = (column: string, required: boolean) => {
    const value = text(column)
    if (value === '' && !required) return null
    if (!isIsoDate(value)) {
      errors.push({ column, reason: value === '' ? 'a date (YYYY-MM-DD) is required' : `"${value.slice(0, 50)}" is not a date in YYYY-MM-DD form` })
      return null
    }
    // The offer form's range: 0001 or 9999 is a typo or an "open end" marker, and an open end is an empty valid_to.
    if (value < EARLIEST_DATE || value > LATEST_DATE) {
      errors.push({ column, reason: `"${value}" is not a date from 2000 to 2100${required ? '' : ' (leave valid_to empty when the offer has no end)'}` })
      return null
    }
    return value
  }

  const offer = {
    includesFacility: flag('includes_facility', 1),
    includesSurgeon: flag('includes_surgeon', 1),
    includesAnesthesia: flag('includes_anesthesia', 1),
    includesImplant: flag('includes_implant', 1),
    includesFollowUp: flag('includes_follow_up', 1),
    warrantyDays: whole('warranty_days', { min: 0, max: 730, fallback: 90 })!,
    followUpVisits: whole('follow_up_visits', { min: 0, max: 50, fallback: 0 })!,
    annualVolume: whole('annual_volume', { min: 0, max: 100_000, fallback: null }),
    appointmentWithinDays: whole('appointment_within_days', { min: 0, max: 365, fallback: null }),
    validFrom: date('valid_from', true),
    validTo: date('valid_to', false),
  }
  const accreditation = text('accreditation')
  if (accreditation.length > 300) errors.push({ column: 'accreditation', reason: 'keep it under 300 characters' })
  if (offer.validFrom && offer.validTo && offer.validTo < offer.validFrom) errors.push({ column: 'valid_to', reason: 'ends before valid_from' })

  const providerId = (column: 'tin' | 'npi', parse: typeof parseTin) => {
    const value = text(column)
    if (value === '') return {}
    const result = parse(value)
    if (!result.ok) {
      errors.push({ column, reason: `"${value.slice(0, 50)}": ${result.message.charAt(0).toLowerCase()}${result.message.slice(1)}` })
      return {}
    }
    return { [column]: result.value }
  }
  const ids = { ...providerId('tin', parseTin), ...providerId('npi', parseNpi) }

  if (errors.length > 0) return { ok: false, errors }
  return {
    ok: true,
    offer: { ccn, procedureCode, priceCents: priceCents!, ...offer, validFrom: offer.validFrom!, accreditation: accreditation || null, ...ids },
  }
}
