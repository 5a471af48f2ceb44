import { addDays, isIsoDate } from '~/domain/dates'

/*
 * Reconciliation periods of a contract (issue 21, ADR 0016 §3): consecutive 12-month periods from
 * the attribution period's start, the last one ending on the attribution period's end (shorter
 * when the attribution period is not a whole number of years). A period can be closed no earlier
 * than its end + the warranty window W, when every attributed episode's warranty window has passed.
 * Pure: the service stores these as `contract_periods` rows.
 */

export interface PeriodSpan {
  /** 1 for the first period of the contract. */
  sequence: number
  periodStart: string
  periodEnd: string
  /** periodEnd + W days: the first day the period can be closed. */
  closesOn: string
}

/**
 * The date `years` years after an ISO date, on the same day of the month; a February 29 whose
 * year has none becomes March 1 (so a period starting on a leap day still lasts a whole year).
 */
export function addYears(isoDate: string, years: number): string {
  const year = Number(isoDate.slice(0, 4)) + years
  const candidate = `${String(year).padStart(4, '0')}${isoDate.slice(4)}`
  return isIsoDate(candidate) ? candidate : `${String(year).padStart(4, '0')}-03-01`
}

/**
 * The periods of an attribution period [start, end] (inclusive ISO dates): period k starts on
 * start + (k − 1) years (always counted from the first start, so a leap-day start comes back on
 * February 29 in leap years) and ends the day before the next one starts, or on `end`.
 * 1 year → one period; 2 years → two; 18 months → a year and a 6-month period.
 * `closesOn` = the period's end + `warrantyDays`. No periods when end is before start.
 */
export function reconciliationPeriods(attribution: { periodStart: string; periodEnd: string }, warrantyDays: number): PeriodSpan[] {
  const spans: PeriodSpan[] = []
  const { periodStart, periodEnd } = attribution
  for (let index = 0; ; index++) {
    const start = addYears(periodStart, index)
    if (start > periodEnd) break
    const nextStart = addYears(periodStart, index + 1)
    const end = addDays(nextStart, -1) < periodEnd ? addDays(nextStart, -1) : periodEnd
    spans.push({ sequence: index + 1, periodStart: start, periodEnd: end, closesOn: addDays(end, warrantyDays) })
  }
  return spans
}

/** A stored period, as far as the plan for a newly signed version reads it. */
export interface ExistingPeriod {
  id: string
  sequence: number
  periodStart: string
  periodEnd: string
  status: 'open' | 'closed' | 'reconciled'
}

/** What to do with a contract's periods when a version is signed. */
export interface PeriodPlan {
  /** Open periods kept: they move to the new version, with these dates. */
  update: Array<{ id: string } & PeriodSpan>
  /** Periods to add (the new terms' attribution period reaches further). */
  insert: PeriodSpan[]
  /** Open periods to remove (the new terms' attribution period ends earlier). */
  remove: string[]
}

/**
 * The periods a signed version's terms call for, given the contract's stored ones. With none
 * stored, every period of the terms is added. Otherwise periods already closed keep their dates
 * and version; the open ones take the new version, and their dates follow the new terms: the
 * terms' periods that end after the last closed period (one that straddles it starts the day
 * after it), numbered on from it. Open rows are reused in order, missing ones added, extra ones
 * removed. Simple on purpose: a contract's periods only change when both sides sign new dates.
 */
export function planPeriods(existing: readonly ExistingPeriod[], attribution: { periodStart: string; periodEnd: string }, warrantyDays: number): PeriodPlan {
  const ordered = [...existing].sort((a, b) => a.sequence - b.sequence)
  const closed = ordered.filter((period) => period.status !== 'open')
  const open = ordered.filter((period) => period.status === 'open')
  const lastClosed = closed.at(-1)
  const spans = reconciliationPeriods(attribution, warrantyDays)
    .filter((span) => !lastClosed || span.periodEnd > lastClosed.periodEnd)
    .map((span, index) => {
      const periodStart = lastClosed && span.periodStart <= lastClosed.periodEnd ? addDays(lastClosed.periodEnd, 1) : span.periodStart
      return { ...span, periodStart, sequence: (lastClosed?.sequence ?? 0) + index + 1 }
    })
  return {
    update: spans.slice(0, open.length).map((span, index) => ({ id: open[index]!.id, ...span })),
    insert: spans.slice(open.length),
    remove: open.slice(spans.length).map((period) => period.id),
  }
}

/** Whether a period can be closed today, or why not (in words for the admins). */
export type Closability = { canClose: true } | { canClose: false; reason: string }

/**
 * A period closes once it is open, today is on or after its `closesOn`, and the period before it
 * (if any) is closed: episodes carry forward into the next period, so periods close in order.
 */
export function closability(
  period: { sequence: number; periodEnd: string; closesOn: string; status: string },
  previous: { sequence: number; periodStart: string; periodEnd: string; status: string } | undefined,
  today: string,
): Closability {
  const warrantyDays = Math.round((Date.parse(`${period.closesOn}T00:00:00Z`) - Date.parse(`${period.periodEnd}T00:00:00Z`)) / 86_400_000)
  if (period.status !== 'open') return { canClose: false, reason: 'This period is already closed and reconciled: its statement is below.' }
  if (today < period.closesOn) {
    return {
      canClose: false,
      reason: `This period can be closed on or after ${period.closesOn}: its end (${period.periodEnd}) plus the warranty window of ${warrantyDays} ${warrantyDays === 1 ? 'day' : 'days'}, so every episode's warranty has run out.`,
    }
  }
  if (previous && previous.status === 'open') {
    return { canClose: false, reason: `Close period ${previous.sequence} (${previous.periodStart} to ${previous.periodEnd}) first: periods close in order.` }
  }
  return { canClose: true }
}
