/**
 * US phone numbers a member types (issue 20: a call or a text needs a number). Accepted: 10 digits
 * of the North American Numbering Plan, optionally after +1 or 1, with spaces, dots, dashes or
 * parentheses between them; letters, extensions and other countries are refused. The area code
 * and the exchange each start with 2–9 and are not N11 service codes (211, 311, … 911). Stored in
 * E.164 ("+16145550123"), shown as "(614) 555-0123".
 */
const ALLOWED = /^\+?[\d ().-]+$/
/** Longer than any way of writing a US number: refused before looking at it. */
const MAX_LENGTH = 30

/** The number in E.164, or null when it is not a US number. */
export function parseUsPhone(text: string): string | null {
  const trimmed = text.trim()
  if (trimmed.length === 0 || trimmed.length > MAX_LENGTH || !ALLOWED.test(trimmed)) return null
  if (trimmed.indexOf('+') > 0) return null
  let digits = trimmed.replace(/\D/g, '')
  if (trimmed.startsWith('+')) {
    if (!digits.startsWith('1') || digits.length !== 11) return null
    digits = digits.slice(1)
  } else if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1)
  if (digits.length !== 10) return null
  const area = digits.slice(0, 3)
  const exchange = digits.slice(3, 6)
  const isNxx = (part: string) => /^[2-9]\d\d$/.test(part) && part.slice(1) !== '11'
  if (!isNxx(area) || !isNxx(exchange)) return null
  return `+1${digits}`
}

/** "+16145550123" → "(614) 555-0123"; anything else is returned as it is. */
export function formatUsPhone(e164: string): string {
  const match = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164)
  return match ? `(${match[1]}) ${match[2]}-${match[3]}` : e164
}
