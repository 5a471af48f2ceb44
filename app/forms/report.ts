import { isIsoDate } from '~/domain/dates'

/**
 * The dashboard's period and program from the query string: `from`/`to` (YYYY-MM-DD, inclusive;
 * default: the calendar year so far) and `program`. A bad value falls back and is reported.
 */
export function parseReportQuery(params: URLSearchParams, today: string) {
  const errors: string[] = []
  const yearStart = `${today.slice(0, 4)}-01-01`
  let from = params.get('from') ?? yearStart
  let to = params.get('to') ?? today
  if (!isIsoDate(from)) {
    errors.push(`"${from}" is not a date: showing from ${yearStart}`)
    from = yearStart
  }
  if (!isIsoDate(to)) {
    errors.push(`"${to}" is not a date: showing to ${today}`)
    to = today
  }
  if (to < from) {
    errors.push('The end of the period is before its start: showing the year so far')
    from = yearStart
    to = today
  }
  return { query: { from, to, programId: params.get('program') || null }, errors }
}
