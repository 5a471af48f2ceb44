/** Money is integer cents everywhere (ADR 0004); these helpers are the only conversions. */
import { dollarsText } from './number-format'

/** Dollars as typed by a person ("1,234.50", "$90") → integer cents, or null when not money. */
export function parseDollarsToCents(input: string): number | null {
  const cleaned = input.trim().replace(/^\$/, '').replace(/,/g, '')
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null
  const [whole = '0', fraction = ''] = cleaned.split('.')
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'))
  return Number.isSafeInteger(cents) ? cents : null
}

const currencyFormats = new Map<string, Intl.NumberFormat>()
/** Building an Intl formatter costs ~100× a call to it: one per locale and style, kept. */
function currencyFormat(locale: string, wholeDollars: boolean): Intl.NumberFormat {
  const key = `${locale}|${wholeDollars}`
  let format = currencyFormats.get(key)
  if (!format) {
    const digits = wholeDollars ? 0 : 2
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: digits, maximumFractionDigits: digits })
    currencyFormats.set(key, format)
  }
  return format
}

/** Integer cents → "$1,234.50" (en-US); whole dollars drop the ".00" when `wholeDollars` is set. */
export function formatCents(cents: number, options: { wholeDollars?: boolean; locale?: string } = {}): string {
  const wholeDollars = options.wholeDollars ?? false
  const locale = options.locale ?? 'en-US'
  const shown = wholeDollars ? Math.round(cents / 100) * 100 : cents
  // Written without Intl for the portal's locales (the same text, without the browser's first-NumberFormat cost).
  return dollarsText(shown, wholeDollars, locale) ?? currencyFormat(locale, wholeDollars).format(shown / 100)
}

/** Integer cents → a plain dollars string for form fields ("1234.5" → "1234.50"). */
export function centsToDollarInput(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}
