import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import * as dashboard from '~/routes/employer.dashboard'
import * as exportsRoute from '~/routes/employer.exports.$kind[.csv]'
import * as methodRoute from '~/routes/employer.exports.$kind[.method.txt]'
import { cookieFor, getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

let t: TwoTenants
let adminA: string
const PERIOD = 'from=2026-01-01&to=2026-12-31'

async function completedCase(values: { bundle: number; travelActual: number | null; travelEstimate: number; memberPaid: number; completedAt: string; complication: 0 | 1; readmitted: 0 | 1; satisfaction: number }) {
  const offer = await getDb().selectFrom('programNetwork').innerJoin('offers', 'offers.id', 'programNetwork.offerId').select(['offers.id', 'offers.facilityId', 'offers.procedureId']).where('programVersionId', '=', t.a.versionId).executeTakeFirstOrThrow()
  await getDb()
    .insertInto('cases')
    .values({
      id: newId(), employerId: t.a.employerId, rosterMemberId: t.a.rosterMemberId, programVersionId: t.a.versionId, procedureId: offer.procedureId, offerId: offer.id,
      facilityId: offer.facilityId, status: 'completed', statusReason: null, preferredStart: null, preferredEnd: null, scheduledDate: null, procedureDate: null, hasCompanion: 0,
      contactPreference: 'email', memberNote: null, bundlePriceCents: values.bundle, memberCostCents: values.memberPaid, travelEstimateCents: values.travelEstimate,
      travelActualCents: values.travelActual, hadComplication: values.complication, wasReadmitted: values.readmitted, satisfaction: values.satisfaction,
      requestedAt: values.completedAt, completedAt: values.completedAt, updatedAt: values.completedAt,
    })
    .execute()
  return offer.procedureId
}

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  adminA = await cookieFor(t.users.adminA)
  const procedureId = await completedCase({ bundle: 2_800_000, travelActual: 120_000, travelEstimate: 150_000, memberPaid: 0, completedAt: '2026-03-10T15:00:00.000Z', complication: 0, readmitted: 0, satisfaction: 9 })
  await completedCase({ bundle: 3_100_000, travelActual: null, travelEstimate: 161_500, memberPaid: 25_000, completedAt: '2026-07-01T15:00:00.000Z', complication: 1, readmitted: 0, satisfaction: 6 })
  // Outside the period: not counted.
  await completedCase({ bundle: 9_900_000, travelActual: 0, travelEstimate: 0, memberPaid: 0, completedAt: '2025-06-01T15:00:00.000Z', complication: 0, readmitted: 1, satisfaction: 1 })
  const at = new Date().toISOString()
  // Typical local prices: $50,000 in Ohio (the member's state), $60,000 nationally.
  await getDb()
    .insertInto('marketPrices')
    .values([
      { id: newId(), procedureId, scope: 'state', scopeKey: 'OH', facilityId: null, state: 'OH', priceCents: 5_000_000, medicareBaseCents: 2_253_000, costIndex: null, commercialMultiplier: 2.54, source: 'test', computedAt: at },
      { id: newId(), procedureId, scope: 'national', scopeKey: 'US', facilityId: null, state: null, priceCents: 6_000_000, medicareBaseCents: 2_253_000, costIndex: null, commercialMultiplier: 2.54, source: 'test', computedAt: at },
    ])
    .execute()
})

describe('the employer dashboard', () => {
  it('totals the completed cases of the period to the cent', async () => {
    const page = await statusOf(dashboard.loader, getRequest(`/employer/dashboard?${PERIOD}`, adminA))
    expect(page.status).toBe(200)
    // Outside, a PPO member (individual) pays min($1,500 + 20% × $48,500, $5,000) = $5,000 → the employer $45,000 a case.
    // Case 1: $28,000 + $1,200 travel + $500 incentive − $0 = $29,700 → saved $15,300.
    // Case 2: $31,000 + $1,615 (estimate, no actuals) + $500 − $250 = $32,865 → saved $12,135.
    expect(page.body).toMatchObject({
      outcomes: { completed: 2, complicationRate: 0.5, readmissionRate: 0, averageSatisfaction: 7.5 },
      savings: { cases: 2, pricedCases: 2, unpricedCases: 0, employerPaidCents: 6_256_500, outsideEmployerCents: 9_000_000, savingsCents: 2_743_500 },
      byProcedure: [{ cases: 2, savingsCents: 2_743_500, employerPaidCents: 6_256_500 }],
    })
  })

  it('counts an outcome rate only over the cases whose check-in is recorded (issue 21: outcomes come at 30 and 90 days)', async () => {
    // Employer B: one case with its check-ins (a complication, no readmission, satisfaction 8), one completed last week with none yet.
    const offer = await getDb().selectFrom('programNetwork').innerJoin('offers', 'offers.id', 'programNetwork.offerId').select(['offers.id', 'offers.facilityId', 'offers.procedureId']).where('programVersionId', '=', t.b.versionId).executeTakeFirstOrThrow()
    for (const [completedAt, outcome] of [['2026-04-01T15:00:00.000Z', { hadComplication: 1, wasReadmitted: 0, satisfaction: 8 }], ['2026-11-25T15:00:00.000Z', { hadComplication: null, wasReadmitted: null, satisfaction: null }]] as const) {
      await getDb()
        .insertInto('cases')
        .values({
          id: newId(), employerId: t.b.employerId, rosterMemberId: t.b.rosterMemberId, programVersionId: t.b.versionId, procedureId: offer.procedureId, offerId: offer.id,
          facilityId: offer.facilityId, status: 'completed', statusReason: null, preferredStart: null, preferredEnd: null, scheduledDate: null, procedureDate: completedAt.slice(0, 10), hasCompanion: 0,
          contactPreference: 'email', memberNote: null, bundlePriceCents: 2_800_000, memberCostCents: 0, travelEstimateCents: 0, travelActualCents: null, ...outcome,
          requestedAt: completedAt, completedAt, updatedAt: completedAt,
        })
        .execute()
    }
    const page = await statusOf(dashboard.loader, getRequest(`/employer/dashboard?${PERIOD}`, await cookieFor(t.users.adminB)))
    expect(page.body).toMatchObject({ outcomes: { completed: 2, complicationRate: 1, readmissionRate: 0, averageSatisfaction: 8 } })
  })

  it('reports a bad period and shows the year so far instead', async () => {
    const page = await statusOf(dashboard.loader, getRequest('/employer/dashboard?from=2026-13-01&to=2026-02-30', adminA))
    expect((page.body as { errors: string[] }).errors).toEqual(['"2026-13-01" is not a date: showing from 2026-01-01', expect.stringMatching(/^"2026-02-30" is not a date: showing to \d{4}-\d\d-\d\d$/)])
  })

  it('keeps the dashboard to the employer’s own admins', async () => {
    expect((await statusOf(dashboard.loader, getRequest('/employer/dashboard', await cookieFor(t.users.broker)))).status).toBe(403)
    expect((await statusOf(dashboard.loader, getRequest('/employer/dashboard', await cookieFor(t.users.employeeA)))).status).toBe(403)
  })
})

describe('the CSV exports', () => {
  /** Asks for the export (a job makes it: at once here, IMPORT_JOBS=inline), then downloads it. */
  const download = async (kind: string, period = PERIOD) => {
    expect((await statusOf(exportsRoute.action, postRequest(`/employer/exports/${kind}.csv?${period}`, {}, { cookie: adminA }), { kind })).status).toBe(302)
    const response = (await exportsRoute.loader({ request: getRequest(`/employer/exports/${kind}.csv?${period}`, adminA), params: { kind }, context: {} })) as Response
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="${kind}-2026-01-01-to-2026-12-31.csv"`)
    return response.text()
  }
  const method = async (kind: string, period = PERIOD) => {
    const response = (await methodRoute.loader({ request: getRequest(`/employer/exports/${kind}.method.txt?${period}`, adminA), params: { kind }, context: {} })) as Response
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/plain; charset=utf-8')
    return response.text()
  }
  const HEADERS = {
    cases: 'case_id,employee_id,procedure,center,center_state,status,requested_at,completed_at,bundle_usd,member_paid_usd,travel_estimate_usd,travel_actual_usd,demo_offer',
    invoices: 'invoice_number,case_id,status,total_usd,currency,created_at,paid_at,stripe_invoice_id',
    savings: 'case_id,procedure,center,member_state,completed_at,typical_local_price_usd,outside_cost_usd,paid_at_center_usd,savings_usd,demo_offer',
  }

  // Issue 20: lines before the header broke Excel and BI imports. Line 1 is the header, always.
  it.each(Object.entries(HEADERS))('%s: the header row is line 1, nothing before it', async (kind, header) => {
    const text = await download(kind)
    expect(text.split('\r\n')[0]).toBe(header)
    expect(text).not.toMatch(/DESIGN|Period:|method/i)
  })

  it('parse back: the savings report has the figures per case', async () => {
    const rows = parse(await download('savings'), { columns: true }) as Array<Record<string, string>>
    expect(rows.map((r) => [r.member_state, r.typical_local_price_usd, r.outside_cost_usd, r.paid_at_center_usd, r.savings_usd, r.demo_offer])).toEqual([
      ['OH', '50000.00', '45000.00', '29700.00', '15300.00', 'no'],
      ['OH', '50000.00', '45000.00', '32865.00', '12135.00', 'no'],
    ])
  })

  it('parse back: cases carry no clinical detail', async () => {
    const rows = parse(await download('cases'), { columns: true }) as Array<Record<string, string>>
    expect(rows).toHaveLength(2)
    expect(Object.keys(rows[0]!)).not.toContain('had_complication')
    expect(rows.map((r) => r.bundle_usd)).toEqual(['28000.00', '31000.00'])
    expect(rows[0]!.employee_id).toBe('A0001')
  })

  it.each(Object.entries(HEADERS))('%s: the method file gives the period, the format and every column’s meaning', async (kind, header) => {
    const text = await method(kind)
    expect(text.split('\r\n')[0]).toBe(`${kind === 'savings' ? 'Realized savings' : kind === 'cases' ? 'Cases' : 'Invoices'} export: how to read ${kind}-2026-01-01-to-2026-12-31.csv`)
    expect(text).toContain('Period: 2026-01-01 to 2026-12-31, both days included')
    expect(text).toContain('Line 1 is the header row')
    for (const column of header.split(',')) expect(text).toMatch(new RegExp(`^${column}: \\S`, 'm'))
    // Nothing a user reads points to internal documents.
    expect(text).not.toMatch(/DESIGN|§/)
  })

  it('the savings method says how savings are computed, what demo_offer means, and which program', async () => {
    const text = await method('savings')
    expect(text).toContain('savings_usd = outside_cost_usd − paid_at_center_usd')
    expect(text).toMatch(/^demo_offer: yes: the bundled price is a demo offer made up by the portal's demo seed/m)
    expect(text).toContain('Program: every program.')
    expect(text).toMatch(/^Procedure codes$/m)
    const program = await getDb().selectFrom('programVersions').innerJoin('programs', 'programs.id', 'programVersions.programId').select(['programs.id', 'programs.name']).where('programVersions.id', '=', t.a.versionId).executeTakeFirstOrThrow()
    expect(await method('savings', `${PERIOD}&program=${program.id}`)).toContain(`Program: “${program.name}” only.`)
    expect(await method('invoices', `${PERIOD}&program=${program.id}`)).toContain('Program: every program (this export is not filtered by program')
  })

  it('refuses an unknown export and its method', async () => {
    expect((await statusOf(exportsRoute.loader, getRequest(`/employer/exports/members.csv`, adminA), { kind: 'members' })).status).toBe(404)
    expect((await statusOf(exportsRoute.action, postRequest(`/employer/exports/members.csv`, {}, { cookie: adminA }), { kind: 'members' })).status).toBe(404)
    expect((await statusOf(methodRoute.loader, getRequest(`/employer/exports/members.method.txt`, adminA), { kind: 'members' })).status).toBe(404)
  })

  it('keeps the method files to the employer’s own admins', async () => {
    expect((await statusOf(methodRoute.loader, getRequest('/employer/exports/cases.method.txt', await cookieFor(t.users.employeeA)), { kind: 'cases' })).status).toBe(403)
  })
})

describe('the projected savings for a period (issue 20)', () => {
  /** A published program for A's member and knee replacement, at A's one center, with its own completion incentive. */
  async function publishedProgram(name: string, effectiveFrom: string, publishedAt: string, incentiveCents: number) {
    const db = getDb()
    const programId = newId()
    const versionId = newId()
    const offer = await db.selectFrom('programNetwork').select(['offerId', 'bundlePriceCents']).where('programVersionId', '=', t.a.versionId).executeTakeFirstOrThrow()
    const procedure = await db.selectFrom('programProcedures').select('procedureId').where('programVersionId', '=', t.a.versionId).executeTakeFirstOrThrow()
    await db.insertInto('programs').values({ id: programId, employerId: t.a.employerId, name, createdAt: publishedAt, createdByUserId: null }).execute()
    await db
      .insertInto('programVersions')
      .values({ id: versionId, programId, version: 1, status: 'published', effectiveFrom, effectiveTo: null, createdAt: publishedAt, createdByUserId: null, publishedAt, publishedByUserId: null })
      .execute()
    await db.insertInto('programProcedures').values({ programVersionId: versionId, procedureId: procedure.procedureId }).execute()
    await db.insertInto('programNetwork').values({ programVersionId: versionId, ...offer }).execute()
    await db
      .insertInto('programBenefitRules')
      .values({ programVersionId: versionId, deductibleWaived: 1, coinsuranceWaived: 1, coeCopayCents: 0, completionIncentiveCents: incentiveCents, outsideRule: 'plan_terms', outsideCoinsuranceRate: null })
      .execute()
    const travel = await db.selectFrom('programTravelRules').selectAll().where('programVersionId', '=', t.a.versionId).executeTakeFirstOrThrow()
    await db.insertInto('programTravelRules').values({ ...travel, programVersionId: versionId }).execute()
    return programId
  }

  type Projection = { periodDays: number; totalCents: number; lines: Array<{ programName: string; days: number; annualNetSavingsCents: number; periodCents: number; ranges: unknown[] }>; leftOut: Array<{ programName: string; reason: string }> }
  const projectionFor = async (query: string) => ((await statusOf(dashboard.loader, getRequest(`/employer/dashboard?${query}`, adminA))).body as { projection: Projection }).projection
  const read = (p: Projection) => ({
    lines: p.lines.map((l) => [l.programName, l.ranges, l.days, l.annualNetSavingsCents, l.periodCents]),
    leftOut: p.leftOut.map((v) => [v.programName, v.reason]),
    totalCents: p.totalCents,
  })
  let kneePlusId: string

  beforeAll(async () => {
    // A's Joint Program (from 2026-01-01, $500 incentive) was published first; a second knee program from July; one for 2027.
    await getDb().updateTable('programVersions').set({ publishedAt: '2025-12-01T09:00:00.000Z' }).where('id', '=', t.a.versionId).execute()
    kneePlusId = await publishedProgram('Knee Plus', '2026-07-01', '2026-06-01T09:00:00.000Z', 100_000)
    await publishedProgram('Knee 2027', '2027-01-01', '2026-11-01T09:00:00.000Z', 0)
  })

  /*
   * A year on A's one member (PPO, individual: outside, the member pays min($1,500 + 20 % × $48,500, $5,000) = $5,000 of the
   * $50,000 Ohio price) at 1.6 knee replacements per 1,000: 0.0016 cases. Without a program: 0.0016 × $45,000 = $72.00.
   * With one (40 % adoption, the Columbus center, no travel under 50 miles, deductible and coinsurance waived):
   *   Joint Program ($500):  0.00096 × $45,000 + 0.00064 × ($28,000 + $500)   = $43.20 + $18.24 = $61.44 → saves $10.56 a year
   *   Knee Plus ($1,000):    0.00096 × $45,000 + 0.00064 × ($28,000 + $1,000) = $43.20 + $18.56 = $61.76 → saves $10.24 a year
   *   Knee 2027 ($0):        0.00096 × $45,000 + 0.00064 × $28,000            = $43.20 + $17.92 = $61.12 → saves $10.88 a year
   */
  it('counts each program on its days in force, knee replacement once a day, and nothing for the 2027 program in 2026', async () => {
    expect(read(await projectionFor('from=2026-01-01&to=2026-12-31'))).toEqual({
      lines: [
        ['A Joint Program', [{ from: '2026-01-01', to: '2026-06-30' }], 181, 1_056, 524], // $10.56 × 181 / 365 = $5.2366
        ['Knee Plus', [{ from: '2026-07-01', to: '2026-12-31' }], 184, 1_024, 516], // $10.24 × 184 / 365 = $5.1621
      ],
      leftOut: [['Knee 2027', 'not-in-force']],
      totalCents: 1_040,
    })
  })

  it('gives 2027 to the program published last', async () => {
    expect(read(await projectionFor('from=2027-01-01&to=2027-12-31'))).toEqual({
      lines: [['Knee 2027', [{ from: '2027-01-01', to: '2027-12-31' }], 365, 1_088, 1_088]],
      leftOut: [['A Joint Program', 'superseded'], ['Knee Plus', 'superseded']],
      totalCents: 1_088,
    })
  })

  it('shows one program’s share when the dashboard is filtered to it', async () => {
    const projection = await projectionFor(`from=2026-01-01&to=2026-12-31&program=${kneePlusId}`)
    expect(projection.totalCents).toBe(516)
    expect(projection.lines.map((l) => l.programName)).toEqual(['Knee Plus'])
  })
})
