import { caseStateLabel, isCaseState } from '~/domain/cases/case-flow'

/** Display helpers shared by pages (en-US until the Spanish issue adds locales). */

const DATE_FORMAT = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
const COUNT_FORMAT = new Intl.NumberFormat('en-US')

export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—'
  const date = new Date(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate)
  return DATE_FORMAT.format(date)
}

export function formatCount(value: number): string {
  return COUNT_FORMAT.format(value)
}

export function formatPercent(rate: number, digits = 0): string {
  return `${(rate * 100).toFixed(digits)}%`
}

const PROGRAM_STATUS_LABEL: Record<string, string> = { draft: 'Draft', published: 'Published', archived: 'Archived' }

/** Program statuses here; case statuses from the domain's case flow (one list of labels). */
export function statusLabel(status: string): string {
  return PROGRAM_STATUS_LABEL[status] ?? (isCaseState(status) ? caseStateLabel(status) : status)
}
