import { isIsoDate } from '~/domain/dates'
import { hasControlCharacter } from '~/domain/text'

/** Years a period can mean: 0001 or 9999 would reach dates JavaScript writes as "+010000-…". */
const isInRange = (date: string) => date >= '2000-01-01' && date <= '2100-12-31'

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
    errors.push(`"${from.slice(0, 40)}" is not a date: showing from ${yearStart}`)
    from = yearStart
  } else if (!isInRange(from)) {
    errors.push(`"${from}" is not a date from 2000 to 2100: showing from ${yearStart}`)
    from = yearStart
  }
  if (!isIsoDate(to)) {
    errors.push(`"${to.slice(0, 40)}" is not a date: showing to ${today}`)
    to = today
  } else if (!isInRange(to)) {
    errors.push(`"${to}" is not a date from 2000 to 2100: showing to ${today}`)
    to = today
  }
  if (to < from) {
    errors.push('The end of the period is before its start: showing the year so far')
    from = yearStart
    to = today
  }
  const programId = params.get('program')
  return { query: { from, to, programId: programId && !hasControlCharacter(programId) ? programId : null }, errors }
}
