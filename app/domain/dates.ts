/** Dates are ISO text (ADR 0004): YYYY-MM-DD for calendar dates, full ISO for instants. */

/** The UTC calendar date of an instant, as YYYY-MM-DD. */
export function toIsoDate(instant: Date): string {
  return instant.toISOString().slice(0, 10)
}

/** Is the text a real calendar date in YYYY-MM-DD form (rejects 2026-02-30)? */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const parsed = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && toIsoDate(parsed) === text
}

/** Whole days from `from` to `to` (instants), rounded down; never negative. */
export function daysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 86_400_000))
}

/** The calendar date `days` after (or before, when negative) an ISO date. */
export function addDays(isoDate: string, days: number): string {
  return toIsoDate(new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000))
}
