import { QUARTERS, reportPeriod, type Quarter, type ReportPeriod } from '~/domain/coalitions/report-period'

const FIRST_YEAR = 2000
const LAST_YEAR = 2100

/**
 * The period of a coalition report from the query string: `year` (4 digits, 2000–2100; default
 * this year) and `quarter` (1 to 4, empty for the whole year). A bad value falls back to the
 * default and each one is reported in words (the page shows them; the CSV refuses the request).
 */
export function parseCoalitionPeriod(params: URLSearchParams, today: string): { period: ReportPeriod; errors: string[] } {
  const errors: string[] = []
  const thisYear = Number(today.slice(0, 4))
  const yearText = params.get('year')
  let year = thisYear
  if (yearText !== null && yearText !== '') {
    if (!/^\d{4}$/.test(yearText)) errors.push(`"${yearText.slice(0, 40)}" is not a year: showing ${thisYear}`)
    else if (Number(yearText) < FIRST_YEAR || Number(yearText) > LAST_YEAR) errors.push(`"${yearText}" is not a year from ${FIRST_YEAR} to ${LAST_YEAR}: showing ${thisYear}`)
    else year = Number(yearText)
  }
  const quarterText = params.get('quarter')
  let quarter: Quarter | null = null
  if (quarterText !== null && quarterText !== '') {
    const match = QUARTERS.find((q) => String(q) === quarterText)
    if (match === undefined) errors.push(`"${quarterText.slice(0, 40)}" is not a quarter (1 to 4): showing the whole year`)
    else quarter = match
  }
  return { period: reportPeriod(year, quarter), errors }
}
