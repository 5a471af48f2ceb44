import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import type { Figure, FigureKey, ReportRow } from '~/domain/coalitions/pooled-report'
import * as coalitionCsv from '~/routes/coalition.reports[.csv]'
import * as coalitionPage from '~/routes/coalition.reports'
import * as memberPage from '~/routes/employer.coalition-report'
import * as root from '~/root'
import { addCoalition, addEmployer, addEpisodes, addInvitation, addMembership, addTypicalPrices } from './coalition-report-fixtures'
import { expectNoChange } from './hostile'
import { cookieFor, getRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/*
 * Coalition reports (issue 23) on the tenants' coalition:
 * - A: member since 2026-01-01 (tenants.ts); 12 episodes on 2026-02-10, each with its check-ins
 *   (no readmission, satisfaction 9; one of them a complication).
 * - B: member 2025-01-01 to 2026-06-30 (ended); 10 episodes in Q1 2025, 11 in Q2 2025, 5 in Q3
 *   2025, 6 on 2026-03-15, 5 on 2026-08-20 (after leaving: not the coalition's).
 * - Lakeside: member since 2026-04-01; 3 episodes on 2026-01-20 (before joining: not counted),
 *   7 on 2026-05-05.
 * - Outsider: invited, never answered (so never a member); 4 episodes in February 2026. Another coalition with its own admin and no members.
 * Every episode: $28,000 bundle + $500 incentive = $28,500 paid; outside, the member (Ohio, PPO,
 * $1,500 deductible, 20 %, $5,000 maximum) would pay $5,000 of the $50,000 typical price, so the
 * typical cost is $45,000 and the saving $16,500.
 */

let t: TwoTenants
let lakeside: Awaited<ReturnType<typeof addEmployer>>
let outsider: Awaited<ReturnType<typeof addEmployer>>
let other: Awaited<ReturnType<typeof addCoalition>>
const cookies: Record<string, string> = {}

type Row = ReportRow
const value = (f: Figure) => (f.state === 'shown' ? f.value : f.state)

async function page<T>(loader: typeof coalitionPage.loader | typeof memberPage.loader, path: string, cookie: string) {
  const result = await statusOf(loader, getRequest(path, cookie))
  return { status: result.status, body: result.body as T }
}
type CoalitionBody = { errors: string[]; membersInPeriod: number; contributingMembers: number; table: { rows: Row[]; total: Row }; period: { from: string; to: string } }
type MemberRow = { own: Row; others: Row; coalition: Row }
type MemberBody = { errors: string[]; coalition: { name: string }; membersInPeriod: number; isMemberInPeriod: boolean; report: null | { isOthersShown: boolean; rows: MemberRow[]; total: MemberRow } }

beforeAll(async () => {
  const db = getDb()
  t = await createTwoTenants(db)
  lakeside = await addEmployer(db, t, 'Lakeside Test Credit Union')
  outsider = await addEmployer(db, t, 'Outsider Test Works')
  other = await addCoalition(db, 'Other Test Coalition')
  // Invited, never answered: not a member, and its episodes are nobody's but its own.
  await addInvitation(db, t.coalitionId, outsider.employerId)
  await addEpisodes(db, outsider, 4, '2026-02-11T15:00:00.000Z')
  await addMembership(db, t.coalitionId, t.b.employerId, '2025-01-01', '2026-06-30')
  await addMembership(db, t.coalitionId, lakeside.employerId, '2026-04-01')
  await addTypicalPrices(db, t)
  await addEpisodes(db, t.a, 11, '2026-02-10T15:00:00.000Z', { hadComplication: 0, wasReadmitted: 0, satisfaction: 9 })
  await addEpisodes(db, t.a, 1, '2026-02-10T16:00:00.000Z', { hadComplication: 1, wasReadmitted: 0, satisfaction: 9 })
  await addEpisodes(db, t.b, 10, '2025-02-01T15:00:00.000Z')
  await addEpisodes(db, t.b, 11, '2025-05-01T15:00:00.000Z')
  await addEpisodes(db, t.b, 5, '2025-08-01T15:00:00.000Z')
  await addEpisodes(db, t.b, 6, '2026-03-15T15:00:00.000Z')
  await addEpisodes(db, t.b, 5, '2026-08-20T15:00:00.000Z')
  await addEpisodes(db, lakeside, 3, '2026-01-20T15:00:00.000Z')
  await addEpisodes(db, lakeside, 7, '2026-05-05T15:00:00.000Z')
  Object.assign(cookies, {
    coalition: await cookieFor(t.users.coalition),
    otherCoalition: await cookieFor(other.adminId),
    adminA: await cookieFor(t.users.adminA),
    adminB: await cookieFor(t.users.adminB),
    lakeside: await cookieFor(lakeside.adminId),
    outsider: await cookieFor(outsider.adminId),
    broker: await cookieFor(t.users.broker),
    platform: await cookieFor(t.users.platform),
  })
})

describe("the coalition admin's pooled report", () => {
  it('pools the members’ episodes of 2026 while they were members, to the cent', async () => {
    const { status, body } = await page<CoalitionBody>(coalitionPage.loader, '/coalition/reports?year=2026', cookies.coalition!)
    expect(status).toBe(200)
    // A 12 + B 6 (before leaving) + Lakeside 7 (after joining) = 25; B's August 5 and Lakeside's January 3 are not the coalition's.
    expect(body).toMatchObject({ errors: [], membersInPeriod: 3, contributingMembers: 3, period: { from: '2026-01-01', to: '2026-12-31' } })
    const total = body.table.total
    expect([total.episodes, total.paidAtCentersCents, total.typicalCostCents, total.savingsCents].map(value)).toEqual([25, 25 * 2_850_000, 25 * 4_500_000, 25 * 1_650_000])
    expect(value(total.savingsRate)).toBeCloseTo(16_500 / 45_000, 12)
    // One complication of 12 recorded: fewer than 11, and no rate; no readmission of 12: 0 and 0 %; satisfaction 9 from 12 answers.
    expect([total.complications, total.complicationRate, total.readmissions, total.readmissionRate, total.averageSatisfaction].map(value)).toEqual(['fewer_than_11', 'not_shown', 0, 0, 9])
    expect(body.table.rows.map((r) => [r.label, value(r.episodes)])).toEqual([['Total knee replacement', 25]])
  })

  it('counts by quarter the members of that quarter, and hides a quarter the year would give away', async () => {
    const q1 = (await page<CoalitionBody>(coalitionPage.loader, '/coalition/reports?year=2026&quarter=1', cookies.coalition!)).body
    // Lakeside joined in Q2. Q1 has 18 (A 12 + B 6), but Q2's 7 is fewer than 11 and 25 − 18 would give it: Q1 is not shown either.
    expect(q1).toMatchObject({ membersInPeriod: 2, contributingMembers: 2, period: { from: '2026-01-01', to: '2026-03-31' } })
    expect([q1.table.total.episodes, q1.table.total.paidAtCentersCents].map(value)).toEqual(['not_shown', 'not_shown'])
    const q2 = (await page<CoalitionBody>(coalitionPage.loader, '/coalition/reports?year=2026&quarter=2', cookies.coalition!)).body
    expect(q2).toMatchObject({ membersInPeriod: 3, contributingMembers: 1 })
    expect(value(q2.table.total.episodes)).toBe('fewer_than_11')
  })

  it('shows 10 episodes as "fewer than 11" with nothing resting on them, and 11 as 11 (B alone, 2025: 10, 11 and 5 by quarter)', async () => {
    const q1 = (await page<CoalitionBody>(coalitionPage.loader, '/coalition/reports?year=2025&quarter=1', cookies.coalition!)).body
    expect([q1.table.total.episodes, q1.table.total.paidAtCentersCents, q1.table.total.savingsCents].map(value)).toEqual(['fewer_than_11', 'not_shown', 'not_shown'])
    expect(q1.table.rows.map((r) => value(r.episodes))).toEqual(['fewer_than_11'])
    const q2 = (await page<CoalitionBody>(coalitionPage.loader, '/coalition/reports?year=2025&quarter=2', cookies.coalition!)).body
    expect([q2.table.total.episodes, q2.table.total.paidAtCentersCents].map(value)).toEqual([11, 11 * 2_850_000])
    const year = (await page<CoalitionBody>(coalitionPage.loader, '/coalition/reports?year=2025', cookies.coalition!)).body
    expect(value(year.table.total.episodes)).toBe(26)
  })

  it('names no member employer', async () => {
    const { body } = await page<CoalitionBody>(coalitionPage.loader, '/coalition/reports?year=2026', cookies.coalition!)
    const text = JSON.stringify(body)
    for (const name of ['Employer A', 'Employer B', 'Lakeside Test Credit Union']) expect(text).not.toContain(name)
    for (const id of [t.a.employerId, t.b.employerId, lakeside.employerId]) expect(text).not.toContain(id)
  })

  it("another coalition's admin sees none of these episodes", async () => {
    const { status, body } = await page<CoalitionBody>(coalitionPage.loader, '/coalition/reports?year=2026', cookies.otherCoalition!)
    expect(status).toBe(200)
    expect(body).toMatchObject({ membersInPeriod: 0, contributingMembers: 0, table: { rows: [], total: { episodes: { state: 'shown', value: 0 } } } })
  })

  it('is for coalition admins only', async () => {
    for (const cookie of [cookies.adminA!, cookies.broker!, cookies.platform!]) expect((await page(coalitionPage.loader, '/coalition/reports', cookie)).status).toBe(403)
  })
})

describe('the CSV export', () => {
  const download = (query: string, cookie = cookies.coalition!) =>
    coalitionCsv.loader({ request: getRequest(`/coalition/reports.csv?${query}`, cookie), params: {}, context: {} }) as Promise<Response>

  it('starts with its header row and says "fewer than 11" where the page does; the download is audited', async () => {
    const before = await getDb().selectFrom('auditLog').select('id').where('action', '=', 'coalition_report.exported').execute()
    const response = await download('year=2025&quarter=1')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="coalition-report-2025-01-01-to-2025-03-31.csv"')
    const text = await response.text()
    expect(text.split('\r\n')[0]).toBe(
      'period_from,period_to,procedure_code,procedure,episodes,paid_at_centers_usd,typical_local_cost_usd,savings_usd,savings_percent,complications,complication_rate_percent,readmissions,readmission_rate_percent,mean_satisfaction',
    )
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>
    expect(rows.map((r) => [r.procedure_code!.startsWith('TKA-') ? 'TKA' : r.procedure_code, r.episodes, r.paid_at_centers_usd, r.savings_usd, r.complications, r.mean_satisfaction])).toEqual([
      ['TKA', 'fewer than 11', 'not shown', 'not shown', 'not shown', 'not shown'],
      ['ALL', 'fewer than 11', 'not shown', 'not shown', 'not shown', 'not shown'],
    ])
    const after = await getDb().selectFrom('auditLog').selectAll().where('action', '=', 'coalition_report.exported').execute()
    expect(after).toHaveLength(before.length + 1)
    const entry = after.find((a) => !before.some((b) => b.id === a.id))!
    expect(entry).toMatchObject({ actorUserId: t.users.coalition, actorOrganizationId: t.coalitionId, subjectType: 'coalition', subjectId: t.coalitionId, employerId: null })
    expect(JSON.parse(entry.detail!)).toEqual({ from: '2025-01-01', to: '2025-03-31' })
  })

  it('has the pooled figures of the year, in dollars', async () => {
    const rows = parse(await (await download('year=2026')).text(), { columns: true }) as Array<Record<string, string>>
    expect(rows.at(-1)).toEqual({
      period_from: '2026-01-01', period_to: '2026-12-31', procedure_code: 'ALL', procedure: 'All procedures', episodes: '25', paid_at_centers_usd: '712500.00',
      typical_local_cost_usd: '1125000.00', savings_usd: '412500.00', savings_percent: '36.7', complications: 'fewer than 11', complication_rate_percent: 'not shown',
      readmissions: '0', readmission_rate_percent: '0.0', mean_satisfaction: '9.0',
    })
  })

  it('refuses a bad period with its reason and writes nothing (no audit row)', async () => {
    const response = await expectNoChange(() => download('year=1999&quarter=7'))
    expect(response.status).toBe(400)
    expect(await response.text()).toBe(`"1999" is not a year from 2000 to 2100: showing ${new Date().getUTCFullYear()}\n"7" is not a quarter (1 to 4): showing the whole year\n`)
  })

  it('is for coalition admins only', async () => {
    for (const cookie of [cookies.adminA!, cookies.broker!]) expect((await statusOf(coalitionCsv.loader, getRequest('/coalition/reports.csv', cookie))).status).toBe(403)
  })
})

describe("a member employer's coalition report", () => {
  const columns = (r: MemberRow, figure: FigureKey = 'episodes') => [value(r.own[figure]), value(r.others[figure]), value(r.coalition[figure])]

  it('shows its own figures beside the other members’ together and the whole coalition’s', async () => {
    const { status, body } = await page<MemberBody>(memberPage.loader, '/employer/coalition-report?year=2026', cookies.adminA!)
    expect(status).toBe(200)
    expect(body).toMatchObject({ errors: [], coalition: { name: 'Test Coalition' }, membersInPeriod: 3, isMemberInPeriod: true, report: { isOthersShown: true } })
    // A 12; the others B 6 + Lakeside 7 = 13 (two employers); the coalition 25.
    expect(columns(body.report!.total)).toEqual([12, 13, 25])
    expect(columns(body.report!.total, 'paidAtCentersCents')).toEqual([12 * 2_850_000, 13 * 2_850_000, 25 * 2_850_000])
  })

  it('hides the others when one other member stands behind them (Q2 2026: Lakeside alone)', async () => {
    const { body } = await page<MemberBody>(memberPage.loader, '/employer/coalition-report?year=2026&quarter=2', cookies.adminA!)
    expect(body.report).toMatchObject({ isOthersShown: false })
    expect(columns(body.report!.total)).toEqual([0, 'not_shown', 'not_shown'])
    for (const r of [body.report!.total, ...body.report!.rows]) for (const side of [r.others, r.coalition]) expect(Object.values(side).filter((f) => typeof f === 'object' && f.state === 'shown')).toEqual([])
  })

  it('hides the others under 11 and the whole that would give them away (Lakeside’s view of 2026: A 12 + B 6 = 18 shown; Q2: others 0)', async () => {
    const year = (await page<MemberBody>(memberPage.loader, '/employer/coalition-report?year=2026', cookies.lakeside!)).body
    expect(columns(year.report!.total)).toEqual([7, 18, 25])
    // B's view of Q1 2026: others = A's 12 alone → hidden; B's own 6 shown in full.
    const b = (await page<MemberBody>(memberPage.loader, '/employer/coalition-report?year=2026&quarter=1', cookies.adminB!)).body
    expect(columns(b.report!.total)).toEqual([6, 'not_shown', 'not_shown'])
  })

  it('shows nothing of the coalition for a period the employer was not a member in', async () => {
    const { status, body } = await page<MemberBody>(memberPage.loader, '/employer/coalition-report?year=2025', cookies.lakeside!)
    expect(status).toBe(200)
    expect(body).toMatchObject({ isMemberInPeriod: false, report: null })
  })

  it('never names or identifies another member employer', async () => {
    for (const [cookie, others] of [
      [cookies.adminA!, ['Employer B', 'Lakeside Test Credit Union', t.b.employerId, lakeside.employerId]],
      [cookies.lakeside!, ['Employer A', 'Employer B', t.a.employerId, t.b.employerId]],
    ] as const) {
      for (const query of ['year=2026', 'year=2026&quarter=1', 'year=2026&quarter=2', 'year=2025']) {
        const text = JSON.stringify((await page<MemberBody>(memberPage.loader, `/employer/coalition-report?${query}`, cookie)).body)
        for (const name of others) expect(text).not.toContain(name)
      }
    }
  })

  it('refuses an employer that never was a member, another coalition, and other roles', async () => {
    expect((await page(memberPage.loader, '/employer/coalition-report', cookies.outsider!)).status).toBe(404)
    expect((await page(memberPage.loader, `/employer/coalition-report?coalition=${other.coalitionId}`, cookies.adminA!)).status).toBe(404)
    for (const cookie of [cookies.coalition!, cookies.broker!, cookies.platform!]) expect((await page(memberPage.loader, '/employer/coalition-report', cookie)).status).toBe(403)
  })
})

describe('the "Coalition report" navigation item', () => {
  const conditions = async (cookie: string) => ((await statusOf(root.loader, getRequest('/employer', cookie))).body as { user: { navigation: Record<string, boolean> } }).user.navigation

  it('is shown to an employer that is or was a member, not to one that never was', async () => {
    expect(await conditions(cookies.adminA!)).toEqual({ isOrWasCoalitionMember: true })
    // B's membership ended on 2026-06-30: it still reads its past periods.
    expect(await conditions(cookies.adminB!)).toEqual({ isOrWasCoalitionMember: true })
    expect(await conditions(cookies.outsider!)).toEqual({ isOrWasCoalitionMember: false })
    expect(await conditions(cookies.coalition!)).toEqual({})
  })
})
