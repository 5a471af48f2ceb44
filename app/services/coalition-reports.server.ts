import { stringify } from 'csv-stringify/sync'
import { getDb } from '~/db/client.server'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { listCoalitionsOfEmployer, listMembershipsOverlapping } from '~/db/repositories/coalition-reports.server'
import {
  coalitionReport,
  FEWER_THAN_11,
  memberReport,
  NOT_SHOWN,
  totalsByEmployerAndProcedure,
  type Figure,
  type FigureKey,
  type MembershipSpan,
  type ReportRow,
} from '~/domain/coalitions/pooled-report'
import { reportPeriod, type ReportPeriod } from '~/domain/coalitions/report-period'
import { addDays } from '~/domain/dates'
import { centsToDollarInput } from '~/domain/money'
import type { Actor, EmployerScope } from '~/domain/tenancy'
import { notFound } from '~/http/responses.server'
import { pricedCompletedCases } from './dashboard.server'
import { neutralizeFormula } from './report-exports.server'

/** A coalition's days in the period: the memberships that overlap it, as spans with an inclusive last day. */
async function membershipsIn(coalitionId: string, period: ReportPeriod): Promise<MembershipSpan[]> {
  const rows = await listMembershipsOverlapping(getDb(), coalitionId, period)
  return rows.map((m) => ({ employerId: m.employerId, joinedOn: m.joinedOn, lastDay: m.leftOn }))
}

/**
 * The episodes of the coalition's members completed in the period's year while they were
 * members, totalled per employer, procedure and quarter: every view of a year (the year, each
 * quarter) is protected from the same grid (app/domain/coalitions/pooled-report.ts). Episodes
 * are priced the dashboard's way (the typical local price for the member's state, the member's
 * own plan: /employer/savings-method). `membersInPeriod`: employers that were members on some
 * day of the period itself.
 */
async function pooledTotals(coalitionId: string, period: ReportPeriod) {
  const year = reportPeriod(period.year, null)
  const memberships = await membershipsIn(coalitionId, year)
  const employerIds = [...new Set(memberships.map((m) => m.employerId))]
  const window = { fromInstant: `${year.from}T00:00:00.000Z`, toInstant: `${addDays(year.to, 1)}T00:00:00.000Z`, programId: null }
  const episodes = employerIds.length ? await pricedCompletedCases(getDb(), { employerIds }, window) : []
  const inPeriod = memberships.filter((m) => m.joinedOn <= period.to && (m.lastDay === null || m.lastDay >= period.from))
  return {
    membersInPeriod: new Set(inPeriod.map((m) => m.employerId)).size,
    aggregates: totalsByEmployerAndProcedure(
      episodes.flatMap((e) => (e.completedAt === null ? [] : [{ ...e, completedAt: e.completedAt }])),
      memberships,
    ),
  }
}

/** The years a coalition report can show: from the first year of any membership to this year. */
function yearsFrom(firstYear: number | null, today: string, selected: number): number[] {
  const last = Number(today.slice(0, 4))
  const first = Math.min(firstYear ?? last, selected, last)
  const years: number[] = []
  for (let y = Math.max(last, selected); y >= first; y--) years.push(y)
  return years
}

/** The coalition admin's pooled report for a period (no member employer named). */
export async function getCoalitionReport(coalitionId: string, period: ReportPeriod, today: string) {
  const [{ membersInPeriod, aggregates }, firstYear] = await Promise.all([pooledTotals(coalitionId, period), firstMembershipYear(coalitionId)])
  const report = coalitionReport(aggregates, period.quarter)
  return { period, years: yearsFrom(firstYear, today, period.year), membersInPeriod, contributingMembers: report.contributingMembers, table: report.table }
}

async function firstMembershipYear(coalitionId: string): Promise<number | null> {
  const all = await listMembershipsOverlapping(getDb(), coalitionId, { from: '0000-01-01', to: '9999-12-31' })
  const first = all.reduce<string | null>((min, m) => (min === null || m.joinedOn < min ? m.joinedOn : min), null)
  return first === null ? null : Number(first.slice(0, 4))
}

/**
 * A member employer's view of a coalition it is or was a member of: its own figures beside the
 * other members' together and the whole coalition's (app/domain/coalitions/pooled-report.ts).
 * `coalitionId`: one of its coalitions (the latest joined when none is asked for); an employer
 * that never was a member of it, or of any, gets a 404.
 */
export async function getMemberCoalitionReport(scope: EmployerScope, requestedCoalitionId: string | null, period: ReportPeriod, today: string) {
  const coalitions = await listCoalitionsOfEmployer(getDb(), scope)
  const coalition = requestedCoalitionId === null ? coalitions[0] : coalitions.find((c) => c.coalitionId === requestedCoalitionId)
  if (!coalition) throw notFound('Coalition')
  const { membersInPeriod, aggregates } = await pooledTotals(coalition.coalitionId, period)
  const memberships = coalition.memberships
  const isMemberInPeriod = memberships.some((m) => m.joinedOn <= period.to && (m.leftOn === null || m.leftOn >= period.from))
  const firstYear = Math.min(...memberships.map((m) => Number(m.joinedOn.slice(0, 4))))
  return {
    period,
    years: yearsFrom(firstYear, today, period.year),
    coalition: { id: coalition.coalitionId, name: coalition.coalitionName },
    coalitions: coalitions.map((c) => ({ id: c.coalitionId, name: c.coalitionName })),
    memberships: memberships.map((m) => ({ joinedOn: m.joinedOn, leftOn: m.leftOn })),
    isMemberInPeriod,
    membersInPeriod,
    // A period the employer was not a member in shows nothing of the coalition.
    report: isMemberInPeriod ? memberReport(aggregates, scope.employerId, period.quarter) : null,
  }
}

/* ---------- the CSV export ---------- */

const dollars = (cents: number) => centsToDollarInput(cents)
const percent = (rate: number) => (rate * 100).toFixed(1)

/** A figure as a CSV cell: the number, "fewer than 11", "not shown", or empty when there is nothing to compute. */
function cell(figure: Figure, format: (value: number) => string | number): string | number {
  if (figure.state === 'shown') return format(figure.value)
  if (figure.state === 'fewer_than_11') return FEWER_THAN_11
  if (figure.state === 'not_shown') return NOT_SHOWN
  return ''
}

const CSV_COLUMNS: ReadonlyArray<{ name: string; key: FigureKey; format: (value: number) => string | number }> = [
  { name: 'episodes', key: 'episodes', format: (v) => v },
  { name: 'paid_at_centers_usd', key: 'paidAtCentersCents', format: dollars },
  { name: 'typical_local_cost_usd', key: 'typicalCostCents', format: dollars },
  { name: 'savings_usd', key: 'savingsCents', format: dollars },
  { name: 'savings_percent', key: 'savingsRate', format: percent },
  { name: 'complications', key: 'complications', format: (v) => v },
  { name: 'complication_rate_percent', key: 'complicationRate', format: percent },
  { name: 'readmissions', key: 'readmissions', format: (v) => v },
  { name: 'readmission_rate_percent', key: 'readmissionRate', format: percent },
  { name: 'mean_satisfaction', key: 'averageSatisfaction', format: (v) => v.toFixed(1) },
]

export const COALITION_CSV_HEADER = ['period_from', 'period_to', 'procedure_code', 'procedure', ...CSV_COLUMNS.map((c) => c.name)]

/** The export's file name for a period. */
export function coalitionReportFileName(period: ReportPeriod) {
  return `coalition-report-${period.from}-to-${period.to}.csv`
}

/**
 * The pooled report as CSV: the header row first, nothing before it; one row per procedure and
 * a last row "ALL" for all procedures; hidden cells read "fewer than 11" or "not shown" exactly
 * as on the page. Audited (who, which period).
 */
export async function exportCoalitionReportCsv(actor: Actor, coalitionId: string, period: ReportPeriod, today: string, now = new Date()) {
  const { table } = await getCoalitionReport(coalitionId, period, today)
  const line = (r: ReportRow, code: string) => [period.from, period.to, code, r.label, ...CSV_COLUMNS.map((c) => cell(r[c.key], c.format))].map(neutralizeFormula)
  const body = stringify([COALITION_CSV_HEADER, ...table.rows.map((r) => line(r, r.key)), line(table.total, 'ALL')], { record_delimiter: '\r\n' })
  await insertAuditEntry(getDb(), actor, {
    action: 'coalition_report.exported', subjectType: 'coalition', subjectId: coalitionId, employerId: null, at: now.toISOString(),
    detail: JSON.stringify({ from: period.from, to: period.to }),
  })
  return body
}
