import { addDays, isIsoDate } from '~/domain/dates'

/** How far ahead a health system may propose a surgery date. */
export const PROPOSAL_MAX_MONTHS = 18
export const PROPOSAL_NOTE_MAX = 500

/** The same day of the month `months` later (clamped to the month's last day), as YYYY-MM-DD. */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number]
  const total = year * 12 + (month - 1) + months
  const targetYear = Math.floor(total / 12)
  const targetMonth = (total % 12) + 1
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate()
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`
}

/** Why a proposed surgery date is refused, in the health system's words; null when it is fine. */
export function checkProposedSurgeryDate(date: string, today: string): string | null {
  if (!isIsoDate(date)) return 'Enter the surgery date as a real date'
  const earliest = addDays(today, 1)
  const latest = addMonths(today, PROPOSAL_MAX_MONTHS)
  if (date < earliest) return `Propose a surgery date from tomorrow (${earliest}) on`
  if (date > latest) return `Propose a surgery date no more than 18 months ahead (by ${latest})`
  return null
}
