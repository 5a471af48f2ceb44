import { isIsoDate } from '~/domain/dates'
import type { AuditQuery } from '~/domain/audit'
import { hasControlCharacter } from '~/domain/text'

const TEXT_LIMIT = 120

/**
 * The audit search's query string. Every value is optional; a value that cannot be a filter
 * (too long, control characters, not a date) is dropped and reported, never half-applied.
 */
export function parseAuditQuery(params: URLSearchParams): { query: AuditQuery; errors: string[] } {
  const errors: string[] = []
  const text = (name: string, label: string) => {
    const value = (params.get(name) ?? '').trim()
    if (!value) return null
    if (value.length > TEXT_LIMIT || hasControlCharacter(value)) {
      errors.push(`The ${label} filter is not usable (at most ${TEXT_LIMIT} plain characters): it was ignored`)
      return null
    }
    return value
  }
  const date = (name: string, label: string) => {
    const value = (params.get(name) ?? '').trim()
    if (!value) return null
    if (!isIsoDate(value)) {
      errors.push(`"${value.slice(0, 40)}" is not a ${label} date in YYYY-MM-DD form: it was ignored`)
      return null
    }
    return value
  }
  const query: AuditQuery = {
    actor: text('actor', 'person'),
    action: text('action', 'action'),
    employerId: text('employer', 'employer'),
    subjectId: text('subject', 'subject'),
    from: date('from', 'from'),
    to: date('to', 'to'),
    before: text('before', 'page'),
  }
  if (query.from && query.to && query.to < query.from) {
    errors.push('The "to" date is before the "from" date: both were ignored')
    query.from = null
    query.to = null
  }
  return { query, errors }
}
