import { createHash } from 'node:crypto'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { listContractPeriods } from '~/db/repositories/contract-periods.server'
import { reconcilePeriod } from '~/domain/contracts/reconciliation'
import { canonicalJson, FrozenEpisodesSchema, StatementDocumentSchema } from '~/domain/contracts/statement'
import { ContractTermsSchema } from '~/domain/contracts/terms'
import { facilitySearchKeys } from '~/domain/search/facility-text'
import * as centerContract from '~/routes/center.contracts.$contractId'
import * as centerPeriod from '~/routes/center.contracts.$contractId_.periods.$periodId'
import * as centerCsv from '~/routes/center.contracts.$contractId_.periods.$periodId[.csv]'
import * as centerPdf from '~/routes/center.contracts.$contractId_.periods.$periodId[.pdf]'
import * as employerContract from '~/routes/employer.contracts.$contractId'
import * as employerPeriod from '~/routes/employer.contracts.$contractId_.periods.$periodId'
import * as employerCsv from '~/routes/employer.contracts.$contractId_.periods.$periodId[.csv]'
import * as employerPdf from '~/routes/employer.contracts.$contractId_.periods.$periodId[.pdf]'
import * as centerLayout from '~/routes/center'
import * as employerLayout from '~/routes/employer'
import { closeContractPeriod, getPeriodPage, settleContractStatement } from '~/services/contract-periods.server'
import { getContractView, saveContractTerms, sendContractVersion, signContractVersion, startNewContractVersion } from '~/services/contracts.server'
import { pdfPages } from '../support/pdf-pages'
import { completedCase, contractParties, pastYears, reviewDateValues, signedContract, warrantyEvent, type ContractParties } from './contract-fixtures'
import { documentHandler } from './document'
import { cookieFor, getRequest, ORIGIN, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/*
 * Reconciliation periods, period close, statements and ledger settlement (issue 21, DESIGN §11,
 * ADR 0016 §3, §5–§8) through the routes, the services and the database: periods made when both
 * sides sign; a close refused before the period end + W; a close that attributes, freezes and
 * reconciles; carry-forward below n₀; one statement per close; page, PDF and CSV with the same
 * numbers for both sides; settlement once; other tenants get 404.
 */

let t: TwoTenants
let p: ContractParties
const cookies = {} as Record<'adminA' | 'adminB' | 'center' | 'otherCenter' | 'broker' | 'coordinator' | 'employeeA', string>

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>
type Action = (args: ActionFunctionArgs) => Promise<unknown>
const SIDES = {
  employer: { page: employerPeriod, pdf: employerPdf, csv: employerCsv, cookie: () => cookies.adminA, base: '/employer/contracts' },
  center: { page: centerPeriod, pdf: centerPdf, csv: centerCsv, cookie: () => cookies.center, base: '/center/contracts' },
} as const
type Side = keyof typeof SIDES

const pathOf = (side: Side, contractId: string, periodId: string, suffix = '') => `${SIDES[side].base}/${contractId}/periods/${periodId}${suffix}`

function post(path: string, form: Record<string, string>, cookie: string): Request {
  return new Request(`${ORIGIN}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, Cookie: cookie }, body: new URLSearchParams(form).toString() })
}

async function pageOf(side: Side, contractId: string, periodId: string, cookie = SIDES[side].cookie(), query = '') {
  return statusOf(SIDES[side].page.loader as Loader, getRequest(`${pathOf(side, contractId, periodId)}${query}`, cookie), { contractId, periodId })
}
type PeriodPage = Awaited<ReturnType<typeof getPeriodPage>> & { basePath: string; note: string | null }

async function act(side: Side, contractId: string, periodId: string, intent: string, cookie = SIDES[side].cookie()) {
  return statusOf(SIDES[side].page.action as Action, post(pathOf(side, contractId, periodId), { intent }, cookie), { contractId, periodId })
}

/** Asks for the file on the period page (a job makes it: at once here, IMPORT_JOBS=inline), then downloads it. */
async function download(side: Side, kind: 'pdf' | 'csv', contractId: string, periodId: string, cookie = SIDES[side].cookie()): Promise<Response> {
  await act(side, contractId, periodId, `prepare-${kind}`, cookie)
  try {
    return (await (SIDES[side][kind].loader as Loader)({ request: getRequest(pathOf(side, contractId, periodId, `.${kind}`), cookie), params: { contractId, periodId }, context: {} })) as Response
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

/** Everything a close or settlement could write: a refused or denied request must leave it as it was. */
async function contractState() {
  const db = getDb()
  return {
    periods: await db.selectFrom('contractPeriods').selectAll().orderBy('id').execute(),
    statements: await db.selectFrom('contractStatements').selectAll().orderBy('id').execute(),
    audit: await db.selectFrom('auditLog').select(['id', 'action']).orderBy('id').execute(),
  }
}

const statementsOf = (periodId: string) => getDb().selectFrom('contractStatements').selectAll().where('periodId', '=', periodId).execute()
const periodRow = (periodId: string) => getDb().selectFrom('contractPeriods').selectAll().where('id', '=', periodId).executeTakeFirstOrThrow()
const auditOf = (subjectId: string) => getDb().selectFrom('auditLog').select(['action', 'actorUserId', 'employerId', 'detail']).where('subjectId', '=', subjectId).orderBy('occurredAt').orderBy('id').execute()

beforeAll(async () => {
  const db = getDb()
  t = await createTwoTenants(db)
  p = await contractParties(t)
  // Another health system with a facility and an admin.
  const now = new Date().toISOString()
  const otherSystem = newId()
  await db.insertInto('organizations').values({ id: otherSystem, kind: 'health_system', name: 'Other Health', code: `OTHER-${otherSystem.slice(-6)}`, createdAt: now }).execute()
  await db
    .insertInto('facilities')
    .values({
      ...facilitySearchKeys({ name: 'Other Hospital', city: 'Akron' }),
      id: newId(), ccn: null, name: 'Other Hospital', address: '2 St', city: 'Akron', state: 'OH', zip: '44308', county: null, phone: null, latitude: 41.08, longitude: -81.5,
      coordinateSource: 'zip_centroid', facilityType: 'Acute Care Hospitals', ownership: null, hasEmergencyServices: 1, starRating: 3, healthSystemId: otherSystem, createdAt: now, updatedAt: now,
    })
    .execute()
  const otherCenterUserId = newId()
  await db.insertInto('users').values({ id: otherCenterUserId, email: `other-center-${otherCenterUserId}@example.com`, passwordHash: 'unused', displayName: 'Other center', createdAt: now, lastLoginAt: null }).execute()
  await db.insertInto('memberships').values({ id: newId(), userId: otherCenterUserId, organizationId: otherSystem, role: 'center_admin', rosterMemberId: null, createdAt: now }).execute()
  for (const name of ['adminA', 'adminB', 'center', 'broker', 'coordinator', 'employeeA'] as const) cookies[name] = await cookieFor(t.users[name])
  cookies.otherCenter = await cookieFor(otherCenterUserId)
})

describe('periods are made when both sides sign', () => {
  it('gives a two-year contract two 12-month periods that close at their end + the warranty window, audited', async () => {
    const contract = await signedContract(p, pastYears(2020, 2), 'Two years')
    expect(contract.periods.map(({ sequence, periodStart, periodEnd, closesOn, status, versionId }) => ({ sequence, periodStart, periodEnd, closesOn, status, versionId }))).toEqual([
      // 2020-12-31 + 90 days = 2021-03-31 (31 + 28 + 31); 2021-12-31 + 90 = 2022-03-31.
      { sequence: 1, periodStart: '2020-01-01', periodEnd: '2020-12-31', closesOn: '2021-03-31', status: 'open', versionId: contract.versionId },
      { sequence: 2, periodStart: '2021-01-01', periodEnd: '2021-12-31', closesOn: '2022-03-31', status: 'open', versionId: contract.versionId },
    ])
    for (const period of contract.periods) {
      expect((await auditOf(period.id)).map((entry) => [entry.action, entry.actorUserId, entry.employerId])).toEqual([['contract_period.opened', t.users.center, t.a.employerId]])
    }
  })

  it('moves open periods to a newly signed version and follows its dates; a closed period keeps its own', async () => {
    const contract = await signedContract(p, pastYears(2018, 2), 'Amended')
    const [first, second] = contract.periods
    expect((await closeContractPeriod(p.adminA, p.purchaser, contract.contractId, first!.id, new Date('2019-04-01T12:00:00Z'))).ok).toBe(true)

    // Version 2 extends the contract by a year (2018–2020: three periods).
    const amend = async (changes: Record<string, string[]>) => {
      expect((await startNewContractVersion(p.center, p.centerParty, contract.contractId)).ok).toBe(true)
      const { values } = await getContractView(p.centerParty, contract.contractId)
      expect(await saveContractTerms(p.center, p.centerParty, contract.contractId, { ...values, ...changes })).toEqual({ ok: true })
      expect((await sendContractVersion(p.center, p.centerParty, contract.contractId)).ok).toBe(true)
      expect((await signContractVersion(p.center, p.centerParty, contract.contractId)).ok).toBe(true)
      expect((await signContractVersion(p.adminA, p.purchaser, contract.contractId)).ok).toBe(true)
      const version = await getDb().selectFrom('contractVersions').select('id').where('contractId', '=', contract.contractId).orderBy('version', 'desc').executeTakeFirstOrThrow()
      return { versionId: version.id, periods: await listContractPeriods(getDb(), contract.contractId) }
    }
    const v2 = await amend(pastYears(2018, 3))
    expect(v2.periods.map((row) => [row.id === first!.id ? 'p1' : row.id === second!.id ? 'p2' : 'new', row.sequence, row.periodStart, row.periodEnd, row.status, row.versionId])).toEqual([
      ['p1', 1, '2018-01-01', '2018-12-31', 'reconciled', contract.versionId],
      ['p2', 2, '2019-01-01', '2019-12-31', 'open', v2.versionId],
      ['new', 3, '2020-01-01', '2020-12-31', 'open', v2.versionId],
    ])
    // Version 3 ends the contract mid-2019: period 2 is trimmed to June 30, period 3 removed.
    const v3 = await amend(pastYears(2018, 2, { 'attribution.periodEnd': ['2019-06-30'], ...reviewDateValues(['2018-06-01', '2018-12-01', '2019-03-01', '2019-06-01']) }))
    expect(v3.periods.map((row) => [row.sequence, row.periodStart, row.periodEnd, row.closesOn, row.status, row.versionId])).toEqual([
      [1, '2018-01-01', '2018-12-31', '2019-03-31', 'reconciled', contract.versionId],
      [2, '2019-01-01', '2019-06-30', '2019-09-28', 'open', v3.versionId],
    ])
    const third = v2.periods[2]!.id
    expect((await auditOf(second!.id)).map((entry) => entry.action)).toEqual(['contract_period.opened', 'contract_period.moved_to_version', 'contract_period.moved_to_version'])
    expect((await auditOf(third)).map((entry) => entry.action)).toEqual(['contract_period.opened', 'contract_period.removed'])
  })
})

describe('closing a period and reconciling it', () => {
  let contract: Awaited<ReturnType<typeof signedContract>>
  let period1: string
  let period2: string
  const caseIds: Record<string, string> = {}

  beforeAll(async () => {
    contract = await signedContract(p, pastYears(2024, 2), 'Knees 2024–2025')
    ;[period1, period2] = contract.periods.map((row) => row.id) as [string, string]
    // Benchmark $40,000; k × Bench = $44,000. Each episode: bundle $28,000 and what is listed.
    caseIds.p1a = await completedCase(p, { procedureDate: '2024-03-10', travelActualCents: 100_000, incentiveCents: 50_000 }) // A $29,500, saves $10,500
    caseIds.p1b = await completedCase(p, { procedureDate: '2024-09-15', incentiveCents: 50_000 }) // A $28,500, saves $11,500
    caseIds.p2a = await completedCase(p, { procedureDate: '2025-02-01', travelActualCents: 50_000, incentiveCents: 50_000 })
    // Readmitted elsewhere: $5,000 other claims, $2,000 credited by the center → A = 28,000 + 500 + 500 + 5,000 − 2,000 = $32,000, saves $8,000.
    await warrantyEvent(p, contract, caseIds.p2a, { occurredOn: '2025-02-20', costCents: 500_000, creditedCents: 200_000 })
    caseIds.p2b = await completedCase(p, { procedureDate: '2025-05-05', hadComplication: true }) // A $28,000, saves $12,000
    caseIds.p2c = await completedCase(p, { procedureDate: '2025-11-20', incentiveCents: 50_000 })
    // $20,000 of care elsewhere, not credited: A = 28,000 + 500 + 20,000 = $48,500, counted at the $44,000 cap: saves −$4,000.
    await warrantyEvent(p, contract, caseIds.p2c, { occurredOn: '2025-12-10', costCents: 2_000_000, creditedCents: 0 })
    // Not episodes: asked after the procedure; employer B's; cancelled; after the contract.
    caseIds.late = await completedCase(p, { procedureDate: '2025-06-01', requestedAt: '2025-06-10T09:00:00.000Z' })
    caseIds.b = await completedCase(p, { procedureDate: '2025-07-01', employer: 'b' })
    caseIds.cancelled = await completedCase(p, { procedureDate: '2025-08-01', status: 'cancelled' })
    caseIds.after = await completedCase(p, { procedureDate: '2026-01-15' })
  })

  it('refuses to close before the period end + the warranty window, naming the date, and writes nothing', async () => {
    const future = await signedContract(p, {}, 'Next year') // the draft's period: from next month, one year
    const [period] = future.periods
    const before = await contractState()
    for (const side of ['employer', 'center'] as const) {
      const refused = await act(side, future.contractId, period!.id, 'close')
      expect(refused.status).toBe(422)
      expect(refused.body).toEqual({
        error: `This period can be closed on or after ${period!.closesOn}: its end (${period!.periodEnd}) plus the warranty window of 90 days, so every episode's warranty has run out.`,
      })
    }
    // The service, a day before: the same refusal.
    expect(await closeContractPeriod(p.adminA, p.purchaser, contract.contractId, period1, new Date('2025-03-30T23:59:00Z'))).toEqual({
      ok: false,
      formError: "This period can be closed on or after 2025-03-31: its end (2024-12-31) plus the warranty window of 90 days, so every episode's warranty has run out.",
    })
    expect(await contractState()).toEqual(before)
    // The page says when, and offers no Close button yet.
    const page = (await pageOf('employer', future.contractId, period!.id)).body as PeriodPage
    expect(page).toMatchObject({ canClose: false, statement: null, period: { status: 'open', closesOn: period!.closesOn } })
  })

  it('closes periods in order', async () => {
    const before = await contractState()
    const refused = await act('center', contract.contractId, period2, 'close')
    expect(refused).toMatchObject({ status: 422, body: { error: 'Close period 1 (2024-01-01 to 2024-12-31) first: periods close in order.' } })
    expect(await contractState()).toEqual(before)
  })

  it('with fewer than the minimum episodes, settles nothing and carries them into the next period', async () => {
    const closed = await act('employer', contract.contractId, period1, 'close')
    expect(closed).toMatchObject({ status: 302, location: pathOf('employer', contract.contractId, period1) })
    const row = await periodRow(period1)
    expect(row).toMatchObject({ status: 'reconciled', carriedIntoPeriodId: period2, closedByUserId: t.users.adminA })
    expect(FrozenEpisodesSchema.parse(JSON.parse(row.episodes!)).map((record) => record.episode.caseId)).toEqual([caseIds.p1a, caseIds.p1b])
    const [statement] = await statementsOf(period1)
    expect(statement).toMatchObject({ episodeCount: 2, settlementCents: 0, outcome: 'below_minimum_episodes', settledVia: null })
    const page = (await pageOf('employer', contract.contractId, period1)).body as PeriodPage
    expect(page.statement?.carryWords).toBe(
      "Fewer than the minimum of 3 episodes: nothing settles now, and these 2 episodes carry forward into period 2 (2025-01-01 to 2025-12-31), to be reconciled with that period's own episodes.",
    )
    expect(page.statement?.settlement).toMatchObject({ cents: 0, needsSettlement: false, words: 'Nothing is owed either way: the settlement is $0.00, so there is nothing to settle.' })
    expect((await auditOf(period1)).map((entry) => entry.action)).toEqual(['contract_period.opened', 'contract_period.closed'])
    expect((await auditOf(statement!.id)).map((entry) => [entry.action, entry.actorUserId])).toEqual([['contract_statement.issued', t.users.adminA]])
  })

  it('reconciles the next period with the carried episodes: totals are the sums of the episodes to the cent, the settlement is reconcilePeriod on the frozen inputs', async () => {
    expect((await act('center', contract.contractId, period2, 'close')).status).toBe(302)
    const [statement] = await statementsOf(period2)
    const document = StatementDocumentSchema.parse(JSON.parse(statement!.statement))
    const r = document.reconciliation
    expect(r.episodes.map((line) => line.caseId)).toEqual([caseIds.p1a, caseIds.p1b, caseIds.p2a, caseIds.p2b, caseIds.p2c])
    expect(document.episodeFacts.map((facts) => facts.originalPeriod.sequence)).toEqual([1, 1, 2, 2, 2])
    expect(document).toMatchObject({ attributedFrom: '2024-01-01', carriedFrom: [{ sequence: 1, periodStart: '2024-01-01', periodEnd: '2024-12-31' }], carryForward: null })
    expect(r.episodes.map((line) => [line.actualSpendCents, line.countedSpendCents, line.savingsCents, line.isTruncated])).toEqual([
      [2_950_000, 2_950_000, 1_050_000, false],
      [2_850_000, 2_850_000, 1_150_000, false],
      [3_200_000, 3_200_000, 800_000, false],
      [2_800_000, 2_800_000, 1_200_000, false],
      [4_850_000, 4_400_000, -400_000, true],
    ])
    // Σ Bench = 5 × $40,000 = $200,000; S = 10,500 + 11,500 + 8,000 + 12,000 − 4,000 = $38,000.
    // Complications 1 of 5 = 20% > 5%: not met; readmissions 0%: met; Q = 0.5 ≥ gate 0.5.
    // s × Q × S = 50% × 0.5 × $38,000 = $9,500 < G × Σ Bench = $20,000: the purchaser pays the center $9,500.00.
    const sum = (pick: (line: (typeof r.episodes)[number]) => number) => r.episodes.reduce((total, line) => total + pick(line), 0)
    expect(r).toMatchObject({
      totalBenchmarkCents: sum((line) => line.benchmarkCents),
      totalActualSpendCents: sum((line) => line.actualSpendCents),
      totalCountedSpendCents: sum((line) => line.countedSpendCents),
      grossSavingsCents: sum((line) => line.savingsCents),
    })
    expect([r.totalBenchmarkCents, r.totalActualSpendCents, r.totalCountedSpendCents, r.grossSavingsCents]).toEqual([20_000_000, 16_650_000, 16_200_000, 3_800_000])
    expect(r).toMatchObject({ compositeScore: 0.5, isGateMet: true, settlementCents: 950_000, paidBy: 'purchaser', outcome: 'shared_savings' })
    expect(statement).toMatchObject({ episodeCount: 5, totalBenchmarkCents: 20_000_000, grossSavingsCents: 3_800_000, settlementCents: 950_000, outcome: 'shared_savings' })

    // The same inputs, frozen on the period, give the same statement; their hash is the stored one.
    const version = await getDb().selectFrom('contractVersions').select('terms').where('id', '=', statement!.versionId).executeTakeFirstOrThrow()
    const terms = ContractTermsSchema.parse(JSON.parse(version.terms))
    const frozen = FrozenEpisodesSchema.parse(JSON.parse((await periodRow(period2)).episodes!)).map((record) => record.episode)
    expect(reconcilePeriod(terms, frozen)).toEqual(r)
    expect(statement!.inputsSha256).toBe(createHash('sha256').update(canonicalJson({ terms, episodes: frozen })).digest('hex'))
    // Warranty credits: the center's $2,000 for the readmission elsewhere, equal to the episodes' credits.
    expect(document.warrantyCredits.map((credit) => [credit.caseId, credit.costCents, credit.creditedCents, credit.creditId !== null])).toEqual([[caseIds.p2a, 500_000, 200_000, true]])
    expect(document.warrantyCredits.reduce((total, credit) => total + credit.creditedCents, 0)).toBe(sum((line) => line.warrantyCreditCents))
  })

  it('makes one statement when the close is submitted twice, one after the other or at once', async () => {
    const before = await contractState()
    for (const side of ['employer', 'center'] as const) {
      expect(await act(side, contract.contractId, period2, 'close')).toMatchObject({ status: 302, location: pathOf(side, contract.contractId, period2) })
    }
    expect(await contractState()).toEqual(before)
    expect(await statementsOf(period2)).toHaveLength(1)

    const other = await signedContract(p, pastYears(2016, 1), 'Double submit')
    const [period] = other.periods
    const at = new Date('2017-04-01T12:00:00Z')
    const results = await Promise.all([
      closeContractPeriod(p.adminA, p.purchaser, other.contractId, period!.id, at),
      closeContractPeriod(p.center, p.centerParty, other.contractId, period!.id, at),
    ])
    expect(results.map((result) => result.ok && result.note).sort()).toEqual(['period-already-closed', 'period-closed'])
    expect(await statementsOf(period!.id)).toHaveLength(1)
    expect((await auditOf(period!.id)).filter((entry) => entry.action === 'contract_period.closed')).toHaveLength(1)
  })

  it('shows both sides the same statement, with every episode, goal and step', async () => {
    const employer = (await pageOf('employer', contract.contractId, period2)).body as PeriodPage
    const center = (await pageOf('center', contract.contractId, period2)).body as PeriodPage
    const { side: _e, basePath: employerBase, note: _n1, ...employerView } = employer
    const { side: _c, basePath: centerBase, note: _n2, ...centerView } = center
    expect(employerView).toEqual(centerView)
    expect([employerBase, centerBase]).toEqual([`/employer/contracts/${contract.contractId}`, `/center/contracts/${contract.contractId}`])
    const statement = employer.statement!
    expect(statement.episodes.map(({ facts }) => facts.facilityName)).toEqual(Array(5).fill('Test Medical Center'))
    expect(statement.reconciliation.goals.map((goal) => [goal.label, goal.measuredValue, goal.isMet])).toEqual([
      ['90-day complication rate', 0.2, false],
      ['30-day readmission rate', 0, true],
    ])
    expect(statement.reconciliation.steps.map((step) => step.key)).toEqual([
      'episodes', 'total_benchmark', 'actual_spend', 'outlier_cap', 'gross_savings', 'quality', 'quality_gate', 'shared_savings', 'stop_gain', 'settlement',
    ])
    expect(statement.settlement).toMatchObject({ cents: 950_000, words: 'Employer A pays Test Health $9,500.00.', needsSettlement: true, settledAt: null })
    expect(statement.paging).toEqual({ page: 1, pages: 1, from: 0, to: 5, total: 5 })

    // The contract page lists the periods with their statements.
    const contractPage = await statusOf(employerContract.loader, getRequest(`/employer/contracts/${contract.contractId}`, cookies.adminA), { contractId: contract.contractId })
    expect((contractPage.body as { periods: Array<{ sequence: number; status: string; carriedIntoSequence: number | null; statement: { settlementCents: number } | null }> }).periods.map((row) => [row.sequence, row.status, row.carriedIntoSequence, row.statement?.settlementCents])).toEqual([
      [1, 'reconciled', 2, 0],
      [2, 'reconciled', null, 950_000],
    ])
  })

  it('has the settlement and every episode’s case in the PDF, the same for both sides', async () => {
    const employer = await download('employer', 'pdf', contract.contractId, period2)
    expect(employer.status).toBe(200)
    expect(employer.headers.get('Content-Type')).toBe('application/pdf')
    expect(employer.headers.get('Content-Disposition')).toBe('attachment; filename="statement-knees-2024-2025-period-2.pdf"')
    const bytes = new Uint8Array(await employer.arrayBuffer())
    const center = new Uint8Array(await (await download('center', 'pdf', contract.contractId, period2)).arrayBuffer())
    expect(Buffer.from(center).equals(Buffer.from(bytes))).toBe(true)
    const text = (await pdfPages(bytes)).map((page) => page.text).join(' ')
    expect(text).toContain('Employer A pays Test Health $9,500.00.')
    expect(text).toContain('Settlement: $9,500.00')
    for (const id of [caseIds.p1a, caseIds.p1b, caseIds.p2a, caseIds.p2b, caseIds.p2c]) expect(text).toContain(`Case ${id}`)
    expect(text).not.toContain(caseIds.late!)
    expect(text).toContain('counted A $44,000.00 (truncated at the cap)')
    expect(text).toContain('s × Q × S = 50% × 0.5 × $38,000.00 = $9,500.00')
    expect(text).toContain('90-day complication rate: measured 20%; target 5% (lower is better); weight 0.5: not met')
    expect(text).toContain('credited $2,000.00')
  })

  it('has a CSV row per episode and a totals row, with the same numbers', async () => {
    const response = await download('center', 'csv', contract.contractId, period2)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    const lines = (await response.text()).trimEnd().split('\r\n').map((line) => line.split(','))
    expect(lines).toHaveLength(1 + 5 + 1)
    expect(lines[0]).toEqual([
      'row', 'case_id', 'procedure', 'facility', 'procedure_date', 'period', 'benchmark_usd', 'bundle_usd', 'travel_usd', 'incentive_usd', 'other_claims_usd', 'warranty_credits_usd',
      'actual_spend_usd', 'outlier_cap_usd', 'counted_spend_usd', 'truncated', 'savings_usd', 'settlement_usd', 'paid_by',
    ])
    expect(lines.slice(1, 6).map((cells) => [cells[1], cells[5], cells[12], cells[14], cells[15], cells[16]])).toEqual([
      [caseIds.p1a, '1', '29500.00', '29500.00', 'no', '10500.00'],
      [caseIds.p1b, '1', '28500.00', '28500.00', 'no', '11500.00'],
      [caseIds.p2a, '2', '32000.00', '32000.00', 'no', '8000.00'],
      [caseIds.p2b, '2', '28000.00', '28000.00', 'no', '12000.00'],
      [caseIds.p2c, '2', '48500.00', '44000.00', 'yes', '-4000.00'],
    ])
    expect(lines[6]).toEqual(['totals', '5 episodes', '', '', '', '2', '200000.00', '140000.00', '1500.00', '2000.00', '25000.00', '2000.00', '166500.00', '', '162000.00', '1', '38000.00', '9500.00', 'purchaser pays center'])
    const cents = (text: string) => Math.round(Number(text) * 100)
    for (const column of [6, 7, 8, 9, 10, 11, 12, 14, 16]) {
      expect(lines.slice(1, 6).reduce((total, cells) => total + cents(cells[column]!), 0), lines[0]![column]).toBe(cents(lines[6]![column]!))
    }
  })

  it('settles through the ledger once, with a SET number, audited; a $0 statement needs none', async () => {
    const zero = await contractState()
    const refused = await act('employer', contract.contractId, period1, 'settle')
    expect(refused).toMatchObject({ status: 422, body: { error: 'This statement settles at $0.00: nothing is owed either way, so there is nothing to settle.' } })
    expect(await contractState()).toEqual(zero)

    expect(await act('employer', contract.contractId, period2, 'settle')).toMatchObject({ status: 302, location: pathOf('employer', contract.contractId, period2) })
    const [statement] = await statementsOf(period2)
    const year = new Date().toISOString().slice(0, 4)
    expect(statement).toMatchObject({ settledVia: 'ledger', settlementReference: `SET-${year}-0001` })
    expect(statement!.settledAt).not.toBeNull()
    const audit = await auditOf(statement!.id)
    expect(audit.map((entry) => [entry.action, entry.actorUserId])).toEqual([['contract_statement.issued', t.users.center], ['contract_statement.settled', t.users.adminA]])
    expect(JSON.parse(audit[1]!.detail!)).toMatchObject({ settlementCents: 950_000, paidBy: 'purchaser', settledVia: 'ledger', reference: `SET-${year}-0001` })

    const settled = await contractState()
    expect(await act('center', contract.contractId, period2, 'settle')).toMatchObject({ status: 302 })
    expect(await contractState()).toEqual(settled)
    const page = (await pageOf('center', contract.contractId, period2)).body as PeriodPage
    expect(page.statement?.settlement).toMatchObject({ settledVia: 'ledger', reference: `SET-${year}-0001` })
    // The next settlement gets the next number.
    const other = await signedContract(p, pastYears(2014, 1, { 'riskSharing.minimumEpisodes': ['1'] }), 'Second settlement')
    await completedCase(p, { procedureDate: '2014-05-01' })
    expect((await closeContractPeriod(p.adminA, p.purchaser, other.contractId, other.periods[0]!.id, new Date('2015-04-01T00:00:00Z'))).ok).toBe(true)
    expect(await settleContractStatement(p.center, p.centerParty, other.contractId, other.periods[0]!.id)).toEqual({ ok: true, note: 'statement-settled' })
    // One episode saving $12,000, both goals met (Q = 1): 50% × 1 × $12,000 = $6,000, above the stop-gain 10% × $40,000 = $4,000.
    expect((await statementsOf(other.periods[0]!.id))[0]).toMatchObject({ settlementCents: 400_000, outcome: 'shared_savings_at_stop_gain', settlementReference: `SET-${year}-0002` })
  })

  it('says on the last period that there is no later period to carry the episodes into', async () => {
    const last = await signedContract(p, pastYears(2023, 1), 'One year')
    await completedCase(p, { procedureDate: '2023-04-04' })
    const [period] = last.periods
    expect((await act('employer', last.contractId, period!.id, 'close')).status).toBe(302)
    expect(await periodRow(period!.id)).toMatchObject({ status: 'reconciled', carriedIntoPeriodId: null })
    const page = (await pageOf('center', last.contractId, period!.id)).body as PeriodPage
    expect(page.statement?.carryWords).toBe(
      "Fewer than the minimum of 3 episodes, and this is the contract's last period: there is no later period to carry this episode into, so nothing settles for it.",
    )
  })

  it('keeps the page small for 2,000 episodes (100 a page), while the PDF and CSV carry them all', async () => {
    const big = await signedContract(p, pastYears(2022, 1), 'Large')
    const at = '2022-06-01T18:00:00.000Z'
    const rows = Array.from({ length: 2_000 }, (_, index) => ({
      id: newId(), employerId: t.a.employerId, rosterMemberId: t.a.rosterMemberId, programVersionId: t.a.versionId, procedureId: p.procedureId, offerId: p.offerId, facilityId: p.facilityId,
      status: 'completed' as const, statusReason: null, preferredStart: null, preferredEnd: null, scheduledDate: null, procedureDate: `2022-${String(1 + (index % 12)).padStart(2, '0')}-15`, hasCompanion: 0 as const,
      contactPreference: 'email' as const, contactPhone: null, memberNote: null, bundlePriceCents: 2_800_000, memberCostCents: 0, travelEstimateCents: 0, travelActualCents: null,
      hadComplication: 0 as const, wasReadmitted: 0 as const, satisfaction: 9, requestedAt: '2021-12-01T00:00:00.000Z', completedAt: at, updatedAt: at, firstConsultDate: null,
      thirtyDayOutcomesAt: at, ninetyDayOutcomesAt: at, hasPatientReportedOutcomes: 1 as const,
    }))
    for (let index = 0; index < rows.length; index += 200) await getDb().insertInto('cases').values(rows.slice(index, index + 200)).execute()
    const [period] = big.periods
    expect((await closeContractPeriod(p.adminA, p.purchaser, big.contractId, period!.id, new Date('2023-04-01T00:00:00Z'))).ok).toBe(true)

    const first = (await pageOf('employer', big.contractId, period!.id)).body as PeriodPage
    expect(first.statement!.episodes).toHaveLength(100)
    expect(first.statement!.paging).toEqual({ page: 1, pages: 20, from: 0, to: 100, total: 2_000 })
    const lastPage = (await pageOf('employer', big.contractId, period!.id, cookies.adminA, '?page=20')).body as PeriodPage
    expect(lastPage.statement!.paging).toMatchObject({ page: 20, from: 1_900, to: 2_000 })
    // 2,000 × ($40,000 − $28,000) = $24,000,000 of savings; 50% × 1 × S = $12,000,000 > G = 10% × $80,000,000 = $8,000,000.
    expect(first.statement!.reconciliation).toMatchObject({ episodeCount: 2_000, grossSavingsCents: 2_400_000_000, settlementCents: 800_000_000, outcome: 'shared_savings_at_stop_gain' })

    const handler = documentHandler([
      { id: 'routes/employer', path: 'employer', module: employerLayout },
      { id: 'routes/employer.contracts.$contractId_.periods.$periodId', parentId: 'routes/employer', path: 'contracts/:contractId/periods/:periodId', module: employerPeriod },
    ])
    const html = await (await handler(getRequest(pathOf('employer', big.contractId, period!.id), cookies.adminA))).text()
    expect(html.length).toBeLessThan(250_000) // about 100 KB
    // Checked as booleans: a failure would otherwise print the whole page.
    expect(html.includes('Showing 1–100 of 2000; the PDF and CSV list every episode.')).toBe(true)
    expect(html.includes(`href="${pathOf('employer', big.contractId, period!.id)}?page=2"`)).toBe(true)

    const csv = await (await download('employer', 'csv', big.contractId, period!.id)).text()
    expect(csv.trimEnd().split('\r\n')).toHaveLength(1 + 2_000 + 1)
    const pdf = (await pdfPages(new Uint8Array(await (await download('center', 'pdf', big.contractId, period!.id)).arrayBuffer()))).map((page) => page.text).join(' ')
    expect(pdf.match(/Case [0-9a-f-]{36} /g)).toHaveLength(2_000)
  })
})

describe('the pages render for both sides', () => {
  it('shows the contract page’s periods with a Close button when a period can close, and the statement page', async () => {
    const contract = await signedContract(p, pastYears(2012, 2), 'Rendered')
    const [period1] = contract.periods
    const handler = documentHandler([
      { id: 'routes/employer', path: 'employer', module: employerLayout },
      { id: 'routes/employer.contracts.$contractId', parentId: 'routes/employer', path: 'contracts/:contractId', module: employerContract },
      { id: 'routes/employer.contracts.$contractId_.periods.$periodId', parentId: 'routes/employer', path: 'contracts/:contractId/periods/:periodId', module: employerPeriod },
      { id: 'routes/center', path: 'center', module: centerLayout },
      { id: 'routes/center.contracts.$contractId', parentId: 'routes/center', path: 'contracts/:contractId', module: centerContract },
      { id: 'routes/center.contracts.$contractId_.periods.$periodId', parentId: 'routes/center', path: 'contracts/:contractId/periods/:periodId', module: centerPeriod },
    ])
    const html = async (path: string, cookie: string) => {
      const response = await handler(getRequest(path, cookie))
      expect(response.status, path).toBe(200)
      return response.text()
    }
    const contractPage = await html(`/center/contracts/${contract.contractId}`, cookies.center)
    expect(contractPage).toContain('<h2 id="periods-heading">Periods</h2>')
    expect(contractPage).toContain(`action="/center/contracts/${contract.contractId}/periods/${period1!.id}"`)
    expect(contractPage).toMatch(/Close period (<!-- -->)?1/)
    expect(contractPage).toMatch(/Close period (<!-- -->)?1(<!-- -->)? first/)

    expect((await act('center', contract.contractId, period1!.id, 'close')).status).toBe(302)
    const statementPage = await html(`/employer/contracts/${contract.contractId}/periods/${period1!.id}`, cookies.adminA)
    expect(statementPage).toContain('Nothing is owed either way')
    // The files are asked for (a job makes them, ADR 0029), then linked.
    expect(statementPage).toMatch(/<input type="hidden" name="intent" value="prepare-pdf"\/>/)
    expect(statementPage).toMatch(/<input type="hidden" name="intent" value="prepare-csv"\/>/)
    expect((await act('employer', contract.contractId, period1!.id, 'prepare-pdf')).status).toBe(302)
    const withPdf = await html(`/employer/contracts/${contract.contractId}/periods/${period1!.id}`, cookies.adminA)
    expect(withPdf).toContain(`href="/employer/contracts/${contract.contractId}/periods/${period1!.id}.pdf"`)
    expect(withPdf).toMatch(/<input type="hidden" name="intent" value="prepare-csv"\/>/)
    expect(statementPage).toContain('How the settlement is computed')
  })
})

describe('access', () => {
  let contractId: string
  let periodId: string
  let otherContractPeriod: string

  beforeAll(async () => {
    const contract = await signedContract(p, pastYears(2010, 1), 'Access')
    contractId = contract.contractId
    periodId = contract.periods[0]!.id
    expect((await closeContractPeriod(p.adminA, p.purchaser, contractId, periodId, new Date('2011-04-01T00:00:00Z'))).ok).toBe(true)
    otherContractPeriod = (await signedContract(p, pastYears(2008, 1), 'Another contract')).periods[0]!.id
  })

  const everything = async (side: Side, cookie: string, contract: () => string, period: () => string) => ({
    page: (await pageOf(side, contract(), period(), cookie)).status,
    pdf: (await download(side, 'pdf', contract(), period(), cookie)).status,
    csv: (await download(side, 'csv', contract(), period(), cookie)).status,
    close: (await act(side, contract(), period(), 'close', cookie)).status,
    settle: (await act(side, contract(), period(), 'settle', cookie)).status,
  })

  it('lets both sides’ admins in', async () => {
    for (const side of ['employer', 'center'] as const) {
      expect(await everything(side, SIDES[side].cookie(), () => contractId, () => periodId)).toEqual({ page: 200, pdf: 200, csv: 200, close: 302, settle: 422 })
    }
  })

  it.each([
    ['another employer’s admin', 'employer', 'adminB', 404],
    ['another health system’s admin', 'center', 'otherCenter', 404],
    ['a broker (no contract pages)', 'employer', 'broker', 403],
    ['a care coordinator', 'employer', 'coordinator', 403],
    ['a member', 'employer', 'employeeA', 403],
    ['the health system’s admin on the employer’s URL', 'employer', 'center', 403],
    ['the employer’s admin on the health system’s URL', 'center', 'adminA', 403],
  ] as const)('%s gets %s… on page, PDF, CSV, close and settle, and nothing changes', async (_name, side, user, status) => {
    const before = await contractState()
    expect(await everything(side, cookies[user], () => contractId, () => periodId)).toEqual({ page: status, pdf: status, csv: status, close: status, settle: status })
    expect(await contractState()).toEqual(before)
  })

  it.each([
    ['another contract’s period', () => otherContractPeriod],
    ['path traversal', () => '../'],
    ['a 5 KB id', () => 'p'.repeat(5_000)],
    ['SQL', () => `${periodId}' OR 1=1 --`],
    ['the contract id as a period id', () => contractId],
  ])('a period id that is %s is a 404 on page, PDF, CSV, close and settle, and nothing changes', async (_name, period) => {
    const before = await contractState()
    for (const side of ['employer', 'center'] as const) {
      expect(await everything(side, SIDES[side].cookie(), () => contractId, period)).toEqual({ page: 404, pdf: 404, csv: 404, close: 404, settle: 404 })
    }
    expect(await contractState()).toEqual(before)
  })

  it('refuses an unknown intent with 400 and changes nothing', async () => {
    const before = await contractState()
    expect(await act('employer', contractId, periodId, 'reopen')).toMatchObject({ status: 400, body: { error: 'Choose close the period, settle its statement, or prepare its PDF or CSV' } })
    expect(await contractState()).toEqual(before)
  })

  it('has no PDF or CSV while a period is open', async () => {
    const open = await signedContract(p, pastYears(2006, 1), 'Open')
    expect((await download('employer', 'pdf', open.contractId, open.periods[0]!.id)).status).toBe(404)
    expect((await download('center', 'csv', open.contractId, open.periods[0]!.id)).status).toBe(404)
  })
})
