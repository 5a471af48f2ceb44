import { addDays, toIsoDate } from '~/domain/dates'

/**
 * The care team's response promise (issue 22): a case in a status is answered within N working
 * days of entering it. Working days skip Saturdays, Sundays and the platform's holidays. Days are
 * UTC calendar dates (ADR 0004). The promise is due at the end of the Nth working day after the
 * day the status began (that day itself never counts, whether or not it is a working day).
 */

export type Holidays = ReadonlySet<string>

function weekday(isoDate: string): number {
  return new Date(`${isoDate}T00:00:00Z`).getUTCDay()
}

export function isWorkingDay(isoDate: string, holidays: Holidays): boolean {
  const day = weekday(isoDate)
  return day !== 0 && day !== 6 && !holidays.has(isoDate)
}

/** Working days after `from` up to and including `to` (dates); 0 when `to` is not after `from`. */
export function workingDaysBetween(from: string, to: string, holidays: Holidays): number {
  let count = 0
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, holidays)) count++
  return count
}

/** The date the promise is due (its end of day): the Nth working day after the status began. */
export function promiseDueDate(statusBeganAt: string, workingDays: number, holidays: Holidays): string {
  let d = statusBeganAt.slice(0, 10)
  for (let left = workingDays; left > 0; ) {
    d = addDays(d, 1)
    if (isWorkingDay(d, holidays)) left--
  }
  return d
}

/** Overdue once the due date has passed (on the due date itself it is not yet overdue). */
export function isOverdue(statusBeganAt: string, workingDays: number, holidays: Holidays, now: Date): boolean {
  return promiseDueDate(statusBeganAt, workingDays, holidays) < toIsoDate(now)
}

/**
 * The instant before which a status must have begun for its promise to be overdue at `now`:
 * a case is overdue exactly when status_changed_at < cutoff (ISO text compares in order), so the
 * queue counts overdue cases in SQL. The due date never goes back as the start moves forward, so
 * the cutoff is the day after the last start date whose due date is before today.
 */
export function overdueCutoff(workingDays: number, holidays: Holidays, now: Date): string {
  const today = toIsoDate(now)
  let d = addDays(today, -1)
  while (promiseDueDate(d, workingDays, holidays) >= today) d = addDays(d, -1)
  return `${addDays(d, 1)}T00:00:00.000Z`
}

function nthWeekday(year: number, month: number, dayOfWeek: number, n: number): string {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay()
  const day = 1 + ((dayOfWeek - first + 7) % 7) + (n - 1) * 7
  return toIsoDate(new Date(Date.UTC(year, month - 1, day)))
}

function lastWeekday(year: number, month: number, dayOfWeek: number): string {
  const lastDate = new Date(Date.UTC(year, month, 0))
  const back = (lastDate.getUTCDay() - dayOfWeek + 7) % 7
  return toIsoDate(new Date(Date.UTC(year, month - 1, lastDate.getUTCDate() - back)))
}

/** A fixed-date holiday on a weekend is observed on the Friday before (Saturday) or the Monday after (Sunday). */
function observed(isoDate: string): string {
  const day = weekday(isoDate)
  return day === 6 ? addDays(isoDate, -1) : day === 0 ? addDays(isoDate, 1) : isoDate
}

/** The eleven US federal holidays of a year, on their observed dates, in date order. */
export function usFederalHolidays(year: number): { date: string; name: string }[] {
  const y = String(year).padStart(4, '0')
  const list = [
    { date: observed(`${y}-01-01`), name: "New Year's Day" },
    { date: nthWeekday(year, 1, 1, 3), name: 'Birthday of Martin Luther King, Jr.' },
    { date: nthWeekday(year, 2, 1, 3), name: "Washington's Birthday" },
    { date: lastWeekday(year, 5, 1), name: 'Memorial Day' },
    { date: observed(`${y}-06-19`), name: 'Juneteenth National Independence Day' },
    { date: observed(`${y}-07-04`), name: 'Independence Day' },
    { date: nthWeekday(year, 9, 1, 1), name: 'Labor Day' },
    { date: nthWeekday(year, 10, 1, 2), name: 'Columbus Day' },
    { date: observed(`${y}-11-11`), name: 'Veterans Day' },
    { date: nthWeekday(year, 11, 4, 4), name: 'Thanksgiving Day' },
    { date: observed(`${y}-12-25`), name: 'Christmas Day' },
  ]
  return list.sort((a, b) => a.date.localeCompare(b.date))
}

/**
 * For sorting by due date in SQL: the due date of a status begun on each day of the last
 * `daysBack` days, as runs in start order. A case that entered the status before `before` (and
 * after the previous run) is due on `due`; earlier starts fall in the first run.
 */
export function dueRuns(workingDays: number, holidays: Holidays, now: Date, daysBack = 400): { before: string; due: string }[] {
  const today = toIsoDate(now)
  const runs: { before: string; due: string }[] = []
  let current = promiseDueDate(addDays(today, -daysBack), workingDays, holidays)
  for (let d = addDays(today, 1 - daysBack); d <= today; d = addDays(d, 1)) {
    const due = promiseDueDate(d, workingDays, holidays)
    if (due !== current) {
      runs.push({ before: `${d}T00:00:00.000Z`, due: current })
      current = due
    }
  }
  runs.push({ before: '9999-12-31T23:59:59.999Z', due: current })
  return runs
}
