import { caseStateLabel, isCaseState } from '~/domain/cases/case-flow'
import { wholeNumberText } from '~/domain/number-format'

/** Display helpers shared by pages: en-US by default (staff pages), or the member page's locale (issue 11). */

type DateStyle = 'medium' | 'long'
const DATE_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  medium: { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' },
  long: { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' },
}
const dateFormats = new Map<string, Intl.DateTimeFormat>()
/** Building an Intl formatter costs far more than a call to it: one per locale and style, kept. */
function dateFormat(locale: string, style: DateStyle): Intl.DateTimeFormat {
  const key = `${locale}|${style}`
  let format = dateFormats.get(key)
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, DATE_OPTIONS[style])))
  return format
}
/** Built on first use, not when a page's scripts load: each Intl formatter costs a browser milliseconds to build, the first one far more. */
let countFormat: Intl.NumberFormat | undefined

/**
 * An ISO date or timestamp as a calendar date in UTC: "Nov 23, 2026" (en-US), "23 nov 2026"
 * (es-US); `long` spells the month out ("November 23, 2026", "23 de noviembre de 2026"). "—" when empty.
 */
export function formatDate(isoDate: string | null | undefined, locale = 'en-US', style: DateStyle = 'medium'): string {
  if (!isoDate) return '—'
  const date = new Date(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate)
  return dateFormat(locale, style).format(date)
}

const DATE_TIME_STYLES = { short: 'short', seconds: 'medium' } as const
const dateTimes = new Map<keyof typeof DATE_TIME_STYLES, Intl.DateTimeFormat>()

/** A timestamp in UTC for staff pages: "Nov 23, 2026, 9:41 PM" (`seconds`: "…9:41:07 PM"). */
export function formatDateTime(iso: string, precision: keyof typeof DATE_TIME_STYLES = 'short'): string {
  let format = dateTimes.get(precision)
  if (!format) dateTimes.set(precision, (format = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: DATE_TIME_STYLES[precision], timeZone: 'UTC' })))
  return format.format(new Date(iso))
}

export function formatCount(value: number): string {
  return wholeNumberText(value, 'en-US') ?? (countFormat ??= new Intl.NumberFormat('en-US')).format(value)
}

/**
 * A count and its noun in English, singular for exactly one: "1 offer", "2 offers", "1,250 members".
 * For the English-only pages (employer, broker, health system, platform); member pages count through
 * i18next's plural keys (key_one / key_other) instead.
 */
export function countOf(value: number, one: string, other = `${one}s`): string {
  return `${formatCount(value)} ${value === 1 ? one : other}`
}

export function formatPercent(rate: number, digits = 0): string {
  return `${(rate * 100).toFixed(digits)}%`
}

const PROGRAM_STATUS_LABEL: Record<string, string> = { draft: 'Draft', published: 'Published', archived: 'Archived' }

/** Program statuses here; case statuses from the domain's case flow (one list of labels). */
export function statusLabel(status: string): string {
  return PROGRAM_STATUS_LABEL[status] ?? (isCaseState(status) ? caseStateLabel(status) : status)
}
