/*
 * The period of a coalition report (issue 23): a calendar year, or one quarter of it (Q1
 * January–March … Q4 October–December), days in UTC, both ends included.
 */

export const QUARTERS = [1, 2, 3, 4] as const
export type Quarter = (typeof QUARTERS)[number]

export interface ReportPeriod {
  year: number
  /** Null: the whole year. */
  quarter: Quarter | null
  /** First and last day, YYYY-MM-DD, both included. */
  from: string
  to: string
  /** "2026" or "Q2 2026 (April–June)". */
  label: string
}

const QUARTER_MONTHS: Record<Quarter, { first: string; last: string; lastDay: string; words: string }> = {
  1: { first: '01', last: '03', lastDay: '31', words: 'January–March' },
  2: { first: '04', last: '06', lastDay: '30', words: 'April–June' },
  3: { first: '07', last: '09', lastDay: '30', words: 'July–September' },
  4: { first: '10', last: '12', lastDay: '31', words: 'October–December' },
}

/** The days of a year (4 digits) or of one of its quarters. */
export function reportPeriod(year: number, quarter: Quarter | null): ReportPeriod {
  const y = String(year).padStart(4, '0')
  if (quarter === null) return { year, quarter, from: `${y}-01-01`, to: `${y}-12-31`, label: y }
  const q = QUARTER_MONTHS[quarter]
  return { year, quarter, from: `${y}-${q.first}-01`, to: `${y}-${q.last}-${q.lastDay}`, label: `Q${quarter} ${y} (${q.words})` }
}
