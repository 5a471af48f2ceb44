import type { EpisodeRecord } from './attribution'
import { DATA_SHARING_FIELDS, type Cadence, type DataSharingField } from './terms'

/*
 * Data-sharing extracts (issue 21, ADR 0016 §10): on the contract's cadence, the episodes
 * attributed in a calendar month or quarter of the attribution period, with only the fields the
 * contract names. Windows are calendar months ('2026-03') or quarters ('2026-Q1'), cut to the
 * period and to today. Pure: the service attributes the episodes and computes the pseudonyms.
 */

/** The newest windows listed on a contract page (older ones can still be downloaded by their key). */
export const LISTED_EXTRACT_WINDOWS = 24

export interface ExtractWindow {
  /** '2026-03' (monthly) or '2026-Q1' (quarterly). */
  key: string
  /** The first and last day it covers: the calendar window cut to the attribution period and today. */
  from: string
  to: string
  /** False while the window runs (its last day in the period is today or later): later downloads may hold more episodes. */
  isComplete: boolean
}

const pad = (n: number) => String(n).padStart(2, '0')
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()

/** The calendar window a key names under the cadence, or null when the key is not one ('2026-13', '2026-Q5', '../x'). */
function calendarWindow(cadence: Cadence, key: string): { from: string; to: string } | null {
  const match = cadence === 'monthly' ? /^(\d{4})-(\d{2})$/.exec(key) : /^(\d{4})-Q([1-4])$/.exec(key)
  if (!match) return null
  const year = Number(match[1])
  const index = Number(match[2])
  if (year < 2000 || year > 2100) return null
  if (cadence === 'monthly') {
    if (index < 1 || index > 12) return null
    return { from: `${year}-${pad(index)}-01`, to: `${year}-${pad(index)}-${pad(lastDayOfMonth(year, index))}` }
  }
  const firstMonth = (index - 1) * 3 + 1
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(firstMonth + 2)}-${pad(lastDayOfMonth(year, firstMonth + 2))}` }
}

/** The key of the window a date (YYYY-MM-DD) falls in. */
export function windowKeyOf(cadence: Cadence, date: string): string {
  const year = date.slice(0, 4)
  const month = Number(date.slice(5, 7))
  return cadence === 'monthly' ? `${year}-${pad(month)}` : `${year}-Q${Math.floor((month - 1) / 3) + 1}`
}

/** The key of the window right before this one. */
function previousKey(cadence: Cadence, key: string): string {
  const year = Number(key.slice(0, 4))
  if (cadence === 'monthly') {
    const month = Number(key.slice(5, 7))
    return month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`
  }
  const quarter = Number(key.slice(6))
  return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`
}

/**
 * The window `key` names, cut to the attribution period [periodStart, periodEnd] and to today; null
 * when the key is not a window of the cadence or the window has no day in the period up to today
 * (a window in the future, or outside the period).
 */
export function resolveExtractWindow(cadence: Cadence, key: string, period: { periodStart: string; periodEnd: string }, today: string): ExtractWindow | null {
  const window = calendarWindow(cadence, key)
  if (!window) return null
  const from = window.from > period.periodStart ? window.from : period.periodStart
  const lastDay = period.periodEnd < today ? period.periodEnd : today
  const to = window.to < lastDay ? window.to : lastDay
  if (from > to) return null
  const end = window.to < period.periodEnd ? window.to : period.periodEnd
  return { key, from, to, isComplete: end < today }
}

/**
 * The windows from the one holding the period's start to the one holding today (or the period's
 * end, when it has passed), newest first, at most `limit`. None before the period starts.
 */
export function listExtractWindows(cadence: Cadence, period: { periodStart: string; periodEnd: string }, today: string, limit = LISTED_EXTRACT_WINDOWS): ExtractWindow[] {
  const last = period.periodEnd < today ? period.periodEnd : today
  if (last < period.periodStart) return []
  const windows: ExtractWindow[] = []
  const firstKey = windowKeyOf(cadence, period.periodStart)
  for (let key = windowKeyOf(cadence, last); windows.length < limit; key = previousKey(cadence, key)) {
    const window = resolveExtractWindow(cadence, key, period, today)
    if (window) windows.push(window)
    if (key === firstKey) break
  }
  return windows
}

/** The contract's fields in the order of DATA_SHARING_FIELDS (the order of every extract's columns). */
export function extractFields(fields: readonly DataSharingField[]): DataSharingField[] {
  return DATA_SHARING_FIELDS.filter((field) => fields.includes(field))
}

export type ExtractValue = string | number | boolean | null

/**
 * One extract row: exactly `fields` (in DATA_SHARING_FIELDS order), nothing else. The member is
 * named only by `pseudonymOf(rosterMemberId)`, called only when the contract shares the pseudonym.
 * Money is integer cents; an outcome not recorded is null.
 */
export function extractRow(fields: readonly DataSharingField[], record: EpisodeRecord, pseudonymOf: (rosterMemberId: string) => string): Record<string, ExtractValue> {
  const { episode } = record
  const value = (field: DataSharingField): ExtractValue => {
    switch (field) {
      case 'member_pseudonym':
        return pseudonymOf(record.rosterMemberId)
      case 'procedure_code':
        return episode.procedureCode
      case 'facility_id':
        return record.facilityId
      case 'procedure_date':
        return record.procedureDate
      case 'discharge_date':
        return record.dischargeDate
      case 'bundle_cents':
        return episode.bundleCents
      case 'travel_cents':
        return episode.travelPaidCents
      case 'incentive_cents':
        return episode.incentiveCents
      case 'other_claims_cents':
        return episode.otherClaimsCents
      case 'warranty_credit_cents':
        return episode.warrantyCreditCents
      case 'complication_90d':
        return episode.outcomes.hadComplication90d
      case 'readmission_30d':
        return episode.outcomes.wasReadmitted30d
      case 'satisfaction':
        return episode.outcomes.satisfaction
      case 'patient_reported_outcomes':
        return episode.outcomes.hasPatientReportedOutcomes
      case 'days_to_first_consult':
        return episode.outcomes.daysToFirstConsult
    }
  }
  return Object.fromEntries(extractFields(fields).map((field) => [field, value(field)]))
}
