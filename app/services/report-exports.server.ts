import { stringify } from 'csv-stringify/sync'
import { z } from 'zod'
import { getDb } from '~/db/client.server'
import { listProcedures } from '~/db/repositories/catalog.server'
import { listCasesForExport, listInvoicesForExport } from '~/db/repositories/dashboard.server'
import { findProgram } from '~/db/repositories/programs.server'
import { CASE_PATH } from '~/domain/cases/case-flow'
import { centsToDollarInput } from '~/domain/money'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import type { Actor, EmployerScope } from '~/domain/tenancy'
import { pricedCompletedCases, windowOf, type DashboardQuery } from './dashboard.server'
import { PermanentJobError } from './job-queue.server'
import { findPreparedFile, preparedFileView, registerFileJob, requestFile, type PreparedFileView } from './prepared-files.server'

type Cell = string | number | null

/** One column of an export: its header name, what it means (written in the method file), and its value. */
interface Column<Row> {
  name: string
  meaning: string
  value: (row: Row) => Cell
}

const dollars = (cents: number | null) => (cents === null ? null : centsToDollarInput(cents))
const yesNo = (flag: boolean | number | null) => (flag ? 'yes' : 'no')

const DEMO_OFFER =
  "yes: the bundled price is a demo offer made up by the portal's demo seed, not a real health system's price (leave these rows out of real analyses); no: the center's own offer."

type CaseRow = Awaited<ReturnType<typeof listCasesForExport>>[number]
type InvoiceRow = Awaited<ReturnType<typeof listInvoicesForExport>>[number]
type SavingsRow = Awaited<ReturnType<typeof pricedCompletedCases>>[number]

const CASE_COLUMNS: ReadonlyArray<Column<CaseRow>> = [
  { name: 'case_id', meaning: "The case's id in the portal (the same id as in the invoices and savings exports).", value: (r) => r.id },
  { name: 'employee_id', meaning: "The member's employee ID, as in your roster.", value: (r) => r.employeeId },
  { name: 'procedure', meaning: 'The procedure, as its code (see "Procedure codes" below).', value: (r) => r.procedureCode },
  { name: 'center', meaning: "The center's name, as CMS lists the hospital.", value: (r) => r.facilityName },
  { name: 'center_state', meaning: "The center's state (two letters).", value: (r) => r.facilityState },
  {
    name: 'status',
    meaning: `Where the case is now: ${[...CASE_PATH, 'cancelled', 'denied'].join(', ')} (in that order along the way; cancelled and denied end a case early).`,
    value: (r) => r.status,
  },
  { name: 'requested_at', meaning: 'When the member asked for care.', value: (r) => r.requestedAt },
  { name: 'completed_at', meaning: 'When the care team marked the case completed; empty while it is not.', value: (r) => r.completedAt },
  { name: 'bundle_usd', meaning: "The bundled price of the center's offer, fixed when the member asked for care.", value: (r) => dollars(r.bundlePriceCents) },
  {
    name: 'member_paid_usd',
    meaning: "What the member pays at the center under their plan and the program (deductible, coinsurance, copay): the estimate made when the member asked for care.",
    value: (r) => dollars(r.memberCostCents),
  },
  { name: 'travel_estimate_usd', meaning: 'The travel the program pays, as estimated when the member asked for care; 0 when the program does not pay travel for this case.', value: (r) => dollars(r.travelEstimateCents) },
  { name: 'travel_actual_usd', meaning: 'The travel actually paid, as the care team entered it; empty when none was entered.', value: (r) => dollars(r.travelActualCents) },
  { name: 'demo_offer', meaning: DEMO_OFFER, value: (r) => yesNo(r.isDemoOffer) },
]

const INVOICE_COLUMNS: ReadonlyArray<Column<InvoiceRow>> = [
  { name: 'invoice_number', meaning: 'The number printed on the invoice.', value: (r) => r.number },
  { name: 'case_id', meaning: 'The case the invoice is for (see the cases export); empty for an invoice that is not for one case.', value: (r) => r.caseId },
  { name: 'status', meaning: 'draft (not sent yet), open (sent, not paid yet), paid, void (cancelled) or uncollectible.', value: (r) => r.status },
  { name: 'total_usd', meaning: "The invoice's total: the bundled price, travel, completion incentive and platform fee lines together.", value: (r) => dollars(r.totalCents) },
  { name: 'currency', meaning: "The invoice's currency code (usd: US dollars).", value: (r) => r.currency },
  { name: 'created_at', meaning: 'When the invoice was made.', value: (r) => r.createdAt },
  { name: 'paid_at', meaning: 'When the invoice was paid; empty while it is not.', value: (r) => r.paidAt },
  { name: 'stripe_invoice_id', meaning: "Stripe's id for the invoice; empty when the invoice was not sent through Stripe.", value: (r) => r.stripeInvoiceId },
]

const SAVINGS_COLUMNS: ReadonlyArray<Column<SavingsRow>> = [
  { name: 'case_id', meaning: "The case's id in the portal (the same id as in the cases and invoices exports).", value: (r) => r.id },
  { name: 'procedure', meaning: 'The procedure, as its code (see "Procedure codes" below).', value: (r) => r.procedureCode },
  { name: 'center', meaning: "The center's name, as CMS lists the hospital.", value: (r) => r.facilityName },
  { name: 'member_state', meaning: "The member's home state, from the ZIP code in your roster; empty when the ZIP code is not known.", value: (r) => r.memberState },
  { name: 'completed_at', meaning: 'When the care team marked the case completed.', value: (r) => r.completedAt },
  {
    name: 'typical_local_price_usd',
    meaning: "The typical local price of the procedure in the member's state (the national one when the state has none); empty when it is not known, and then the case has no savings figure.",
    value: (r) => dollars(r.outsidePriceCents),
  },
  {
    name: 'outside_cost_usd',
    meaning: 'What the case would have cost you outside the program: typical_local_price_usd − what the member would have paid on their own plan under its normal terms, with nothing paid yet toward the deductible or out-of-pocket maximum.',
    value: (r) => dollars(r.outsideEmployerCents),
  },
  {
    name: 'paid_at_center_usd',
    meaning: 'What you paid at the center: the bundled price + travel actually paid (the estimate when none was entered) + completion incentive − what the member paid.',
    value: (r) => dollars(r.employerPaidCents),
  },
  {
    name: 'savings_usd',
    meaning: 'outside_cost_usd − paid_at_center_usd. Negative when the center cost more than the local market; empty when typical_local_price_usd is.',
    value: (r) => dollars(r.savingsCents),
  },
  { name: 'demo_offer', meaning: DEMO_OFFER, value: (r) => yesNo(r.isDemoOffer) },
]

export const EXPORT_KINDS = ['cases', 'invoices', 'savings'] as const
export type ExportKind = (typeof EXPORT_KINDS)[number]

/** What each export holds, for its method file. */
const ABOUT: Record<ExportKind, { title: string; rows: string; byProgram: boolean; columns: ReadonlyArray<Column<never>>; method: readonly string[] }> = {
  cases: {
    title: 'Cases',
    rows: 'One row per case requested in the period (by requested_at), whatever its status is now. Procedure, center, status and money only: no clinical detail.',
    byProgram: true,
    columns: CASE_COLUMNS,
    method: [],
  },
  invoices: {
    title: 'Invoices',
    rows: 'One row per invoice made in the period (by created_at).',
    byProgram: false,
    columns: INVOICE_COLUMNS,
    method: [],
  },
  savings: {
    title: 'Realized savings',
    rows: 'One row per case completed in the period (by completed_at).',
    byProgram: true,
    columns: SAVINGS_COLUMNS,
    method: [
      'savings_usd = outside_cost_usd − paid_at_center_usd, per completed case.',
      'The typical local price of a procedure in a state is the median of the prices of the state’s hospitals with data, each being Medicare’s episode payment for the procedure × the hospital’s Medicare spending-per-beneficiary ratio (CMS) × a commercial multiplier (private plans pay more than Medicare: RAND’s employer price transparency study). A state with no such hospital takes the national median.',
      'Platform fees are spend, shown on the dashboard beside savings, not inside them.',
      'The dashboard’s realized savings is the sum of savings_usd; cases with an empty savings_usd are counted apart, never guessed.',
      'The same method, with the projected savings, is on the portal’s page “How savings are calculated” (/employer/savings-method).',
    ],
  },
}

/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first: OWASP "CSV
 * Injection") gets a leading ' so it shows as text; numbers, negative amounts included, stay numbers.
 */
export function neutralizeFormula(value: string | number): string | number {
  if (typeof value !== 'string' || !/^[=+\-@\t\r]/.test(value) || /^-\d+(\.\d+)?$/.test(value)) return value
  return `'${value}`
}

/** The header row first, nothing before it (spreadsheets and BI tools read line 1 as the header); the method is in the companion file. */
function csv<Row>(columns: ReadonlyArray<Column<Row>>, rows: readonly Row[]) {
  const header = columns.map((c) => c.name)
  return stringify([header, ...rows.map((row) => columns.map((c) => neutralizeFormula(c.value(row) ?? '')))], { record_delimiter: '\r\n' })
}

/*
 * The exports are made by an `employer.export` job (issue 24, ADR 0029): the dashboard asks for
 * one, any server's worker writes it into `generated_files`, the dashboard shows "Preparing…" and
 * then the link, and the download route serves it to the same employer only (its owner key).
 */
export const EXPORT_FILE_KIND = 'employer.export'

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const ExportPayload = z.object({
  employerId: z.string().min(1),
  kind: z.enum(EXPORT_KINDS),
  query: z.object({ from: IsoDate, to: IsoDate, programId: z.string().min(1).nullable() }),
})
type ExportPayload = z.infer<typeof ExportPayload>

const exportOwnerKey = (scope: EmployerScope) => `employer:${scope.employerId}`
/** One job per employer, export and period at a time: a double click, or two tabs, make one file. */
const exportDedupeKey = (scope: EmployerScope, kind: ExportKind, query: DashboardQuery) => `employer-export:${scope.employerId}:${kind}:${query.from}:${query.to}:${query.programId ?? 'all'}`

async function exportRows(payload: ExportPayload, db: Parameters<typeof listCasesForExport>[0]): Promise<{ rows: number; csv: string }> {
  const scope = { employerId: payload.employerId }
  const window = windowOf(payload.query)
  if (payload.kind === 'cases') {
    const rows = await listCasesForExport(db, scope, window)
    return { rows: rows.length, csv: csv(CASE_COLUMNS, rows) }
  }
  if (payload.kind === 'invoices') {
    const rows = await listInvoicesForExport(db, scope, window)
    return { rows: rows.length, csv: csv(INVOICE_COLUMNS, rows) }
  }
  const rows = await pricedCompletedCases(db, scope, window)
  return { rows: rows.length, csv: csv(SAVINGS_COLUMNS, rows) }
}

registerFileJob<ExportPayload>({
  kind: EXPORT_FILE_KIND,
  parse(payload) {
    const parsed = ExportPayload.safeParse(payload)
    if (!parsed.success) throw new PermanentJobError(`not an export job: ${JSON.stringify(payload)}`)
    return parsed.data
  },
  ownerKeyOf: (payload) => exportOwnerKey({ employerId: payload.employerId }),
  async make(payload, context) {
    await context.reportProgress({ step: 'reading' })
    const { rows, csv: body } = await exportRows(payload, context.db)
    await context.reportProgress({ step: 'writing', rows })
    return { fileName: exportFileName(payload.kind, payload.query), contentType: 'text/csv; charset=utf-8', content: body }
  },
})

/** Asks for an export of the period: a new file each time it is asked once the last one is done (the data moves); one job while one is open. */
export async function requestEmployerExport(scope: EmployerScope, kind: ExportKind, query: DashboardQuery): Promise<void> {
  await requestFile({ kind: EXPORT_FILE_KIND, dedupeKey: exportDedupeKey(scope, kind, query), ownerKey: exportOwnerKey(scope), payload: { employerId: scope.employerId, kind, query }, reuseDone: false })
}

/** Where each export of the period stands, for the dashboard. */
export async function employerExportsView(scope: EmployerScope, query: DashboardQuery): Promise<Record<ExportKind, PreparedFileView>> {
  const views = await Promise.all(EXPORT_KINDS.map((kind) => preparedFileView(exportOwnerKey(scope), exportDedupeKey(scope, kind, query))))
  return Object.fromEntries(EXPORT_KINDS.map((kind, index) => [kind, views[index]!])) as Record<ExportKind, PreparedFileView>
}

/** The prepared export of the period for this employer, or null while there is none (another employer's file is never found). */
export async function preparedEmployerExport(scope: EmployerScope, kind: ExportKind, query: DashboardQuery) {
  return (await findPreparedFile(exportOwnerKey(scope), exportDedupeKey(scope, kind, query))) ?? null
}

/** The CSV file's name for a period, also named in its method file. */
export function exportFileName(kind: ExportKind, query: DashboardQuery) {
  return `${kind}-${query.from}-to-${query.to}.csv`
}

/**
 * The companion of an export (issue 20): how to read it, in plain text. The period and program it
 * was made for, its format, what each column means, and how its figures are computed.
 */
export async function exportMethodText(scope: EmployerScope, kind: ExportKind, query: DashboardQuery): Promise<string> {
  const about = ABOUT[kind]
  const db = getDb()
  const [program, procedures] = await Promise.all([query.programId ? findProgram(db, scope, query.programId) : undefined, listProcedures(db)])
  const programLine = !about.byProgram
    ? 'Program: every program (this export is not filtered by program; case_id links each invoice to its case).'
    : query.programId
      ? program ? `Program: “${program.name}” only.` : 'Program: an id that names none of your programs, so there are no rows.'
      : 'Program: every program.'
  const heading = `${about.title} export: how to read ${exportFileName(kind, query)}`
  const section = (title: string, lines: readonly string[]) => (lines.length ? ['', title, '-'.repeat(title.length), ...lines] : [])
  const lines = [
    heading,
    '='.repeat(heading.length),
    '',
    `Period: ${query.from} to ${query.to}, both days included (days in UTC).`,
    programLine,
    about.rows,
    ...section('Format', [
      'Line 1 is the header row: the column names below. Every other line is one row. Nothing comes before the header.',
      'Comma-separated, UTF-8, lines end with CR LF. A cell with a comma, a quote or a line break is in double quotes.',
      'Amounts are US dollars with two decimals and no $ sign (28000.00). Dates and times are ISO 8601 in UTC (2026-03-10T15:00:00.000Z).',
      'An empty cell means not known, or not happened yet.',
      "A text cell that would start with =, +, -, @ or a tab starts with ' instead, so a spreadsheet shows it as text and never runs it as a formula.",
    ]),
    ...section(
      'Columns',
      about.columns.map((c) => `${c.name}: ${c.meaning}`),
    ),
    ...section('How the figures are computed', about.method),
    ...(about.columns.some((c) => c.name === 'procedure') ? section('Procedure codes', procedures.map((p) => `${p.code}: ${p.name}`)) : []),
  ]
  return `${lines.join('\r\n')}\r\n`
}

/** Every export is audited (the cases export lists employee ids: member-level data). */
export async function recordExport(actor: Actor, scope: EmployerScope, kind: string, query: DashboardQuery, now = new Date()) {
  await insertAuditEntry(getDb(), actor, {
    action: 'report.exported', subjectType: 'export', subjectId: kind, employerId: scope.employerId, at: now.toISOString(),
    detail: JSON.stringify({ from: query.from, to: query.to }),
  })
}
