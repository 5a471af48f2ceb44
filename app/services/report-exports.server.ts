import { stringify } from 'csv-stringify/sync'
import { getDb } from '~/db/client.server'
import { listCasesForExport, listInvoicesForExport } from '~/db/repositories/dashboard.server'
import { centsToDollarInput } from '~/domain/money'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import type { Actor, EmployerScope } from '~/domain/tenancy'
import { pricedCompletedCases, windowOf, type DashboardQuery } from './dashboard.server'

/** How each export was computed: written in its first rows, so the file explains itself. */
const METHOD = {
  cases: [
    'Cases requested in the period: procedure, center, status and money only (no clinical detail).',
    'Amounts in US dollars. demo_offer = yes: the bundle is a demo offer made up by the portal’s demo seed, not a real price.',
  ],
  invoices: ['Invoices created in the period. Amounts in US dollars.'],
  savings: [
    'Realized savings per completed case (DESIGN §4; the method page /employer/savings-method):',
    "outside cost = typical local price for the member's state (national when the state has none) − what the member would pay on their plan under normal terms, nothing yet paid;",
    'paid at the center = bundle + travel actually paid (the estimate when none was entered) + completion incentive − what the member paid;',
    'savings = outside cost − paid at the center. Platform fees are spend, not part of savings. Amounts in US dollars.',
    'Typical local prices come from CMS (Medicare episode price × the hospital’s Medicare spending per beneficiary); demo_offer = yes: the bundle is a demo offer made up by the portal’s demo seed.',
  ],
}

/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first: OWASP "CSV
 * Injection") gets a leading ' so it shows as text; numbers, negative amounts included, stay numbers.
 */
export function neutralizeFormula(value: string | number): string | number {
  if (typeof value !== 'string' || !/^[=+\-@\t\r]/.test(value) || /^-\d+(\.\d+)?$/.test(value)) return value
  return `'${value}`
}

function csv(title: string, method: readonly string[], query: DashboardQuery, header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>) {
  const preamble = [[title], [`Period: ${query.from} to ${query.to}`], ...method.map((line) => [line]), []]
  return stringify([...preamble, header, ...rows.map((r) => r.map((v) => neutralizeFormula(v ?? '')))], { record_delimiter: '\r\n' })
}

const dollars = (cents: number | null) => (cents === null ? null : centsToDollarInput(cents))
const yesNo = (flag: boolean | number | null) => (flag ? 'yes' : 'no')

/** The number of rows before the column header in every export (title, period, method lines, a blank). */
export const PREAMBLE_ROWS = (kind: keyof typeof METHOD) => 3 + METHOD[kind].length

export async function exportCasesCsv(scope: EmployerScope, query: DashboardQuery) {
  const rows = await listCasesForExport(getDb(), scope, windowOf(query))
  return csv(
    'Cases',
    METHOD.cases,
    query,
    ['case_id', 'employee_id', 'procedure', 'center', 'center_state', 'status', 'requested_at', 'completed_at', 'bundle_usd', 'member_paid_usd', 'travel_estimate_usd', 'travel_actual_usd', 'demo_offer'],
    rows.map((r) => [r.id, r.employeeId, r.procedureCode, r.facilityName, r.facilityState, r.status, r.requestedAt, r.completedAt, dollars(r.bundlePriceCents), dollars(r.memberCostCents), dollars(r.travelEstimateCents), dollars(r.travelActualCents), yesNo(r.isDemoOffer)]),
  )
}

export async function exportInvoicesCsv(scope: EmployerScope, query: DashboardQuery) {
  const rows = await listInvoicesForExport(getDb(), scope, windowOf(query))
  return csv(
    'Invoices',
    METHOD.invoices,
    query,
    ['invoice_number', 'case_id', 'status', 'total_usd', 'currency', 'created_at', 'paid_at', 'stripe_invoice_id'],
    rows.map((r) => [r.number, r.caseId, r.status, dollars(r.totalCents), r.currency, r.createdAt, r.paidAt, r.stripeInvoiceId]),
  )
}

export async function exportSavingsCsv(scope: EmployerScope, query: DashboardQuery) {
  const rows = await pricedCompletedCases(getDb(), scope, windowOf(query))
  return csv(
    'Realized savings',
    METHOD.savings,
    query,
    ['case_id', 'procedure', 'center', 'member_state', 'completed_at', 'typical_local_price_usd', 'outside_cost_usd', 'paid_at_center_usd', 'savings_usd', 'demo_offer'],
    rows.map((r) => [r.id, r.procedureCode, r.facilityName, r.memberState, r.completedAt, dollars(r.outsidePriceCents), dollars(r.outsideEmployerCents), dollars(r.employerPaidCents), dollars(r.savingsCents), yesNo(r.isDemoOffer)]),
  )
}

/** Every export is audited (the cases export lists employee ids: member-level data). */
export async function recordExport(actor: Actor, scope: EmployerScope, kind: string, query: DashboardQuery, now = new Date()) {
  await insertAuditEntry(getDb(), actor, {
    action: 'report.exported', subjectType: 'export', subjectId: kind, employerId: scope.employerId, at: now.toISOString(),
    detail: JSON.stringify({ from: query.from, to: query.to }),
  })
}
