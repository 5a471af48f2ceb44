/**
 * Provider identifiers a health system enters on its offers (issue 23, ADR 0018): the Transparency
 * in Coverage in-network rates file names each negotiated rate's provider group by NPI and TIN.
 *
 * - **TIN**: the billing entity's Employer Identification Number, 9 digits, written "NN-NNNNNNN".
 *   Accepted with or without the dash (and surrounding spaces); stored as the 9 digits. The IRS
 *   never issues the "00" prefix, so it is refused as a typing mistake.
 * - **NPI**: 10 digits, the last one a check digit: the Luhn formula over the 9 first digits
 *   prefixed with the card issuer code 80840 (CMS, "Requirements for the NPI check digit"),
 *   which amounts to adding 24 to the Luhn sum of the 9 digits. The first digit is 1 or 2.
 */
export type ProviderIdResult = { ok: true; value: string } | { ok: false; message: string }

export const TIN_MESSAGE = 'Enter the 9-digit TIN (EIN), like 12-3456789'
export const NPI_LENGTH_MESSAGE = 'Enter the 10-digit NPI of the facility'
export const NPI_CHECK_MESSAGE = 'This NPI fails its check digit: look for a typing mistake'

/** The TIN's 9 digits ("123456789"), or the message to show next to the field. */
export function parseTin(text: string): ProviderIdResult {
  const match = /^(\d{2})-?(\d{7})$/.exec(text.trim())
  if (!match || match[1] === '00') return { ok: false, message: TIN_MESSAGE }
  return { ok: true, value: `${match[1]}${match[2]}` }
}

/** "123456789" → "12-3456789"; anything else is returned as it is. */
export function formatTin(digits: string): string {
  return /^\d{9}$/.test(digits) ? `${digits.slice(0, 2)}-${digits.slice(2)}` : digits
}

/** The NPI check digit (0–9) for its 9 first digits: Luhn over "80840" + the digits. */
export function npiCheckDigit(firstNineDigits: string): number {
  const digits = `80840${firstNineDigits}`
  let sum = 0
  // Luhn: from the rightmost digit of the payload (the check digit will sit to its right), double every other digit.
  for (let i = digits.length - 1, double = true; i >= 0; i -= 1, double = !double) {
    let d = Number(digits[i])
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return (10 - (sum % 10)) % 10
}

/** The NPI's 10 digits, or the message to show next to the field. */
export function parseNpi(text: string): ProviderIdResult {
  const trimmed = text.trim()
  if (!/^[12]\d{9}$/.test(trimmed)) return { ok: false, message: NPI_LENGTH_MESSAGE }
  if (npiCheckDigit(trimmed.slice(0, 9)) !== Number(trimmed[9])) return { ok: false, message: NPI_CHECK_MESSAGE }
  return { ok: true, value: trimmed }
}

/**
 * A made-up NPI for demo data (issue 23): "1", the serial on 8 digits, and its check digit, so it
 * passes every check a real one does. Deterministic; only ever stored on demo offers.
 */
export function demoNpi(serial: number): string {
  const firstNine = `1${String(serial % 100_000_000).padStart(8, '0')}`
  return `${firstNine}${npiCheckDigit(firstNine)}`
}
