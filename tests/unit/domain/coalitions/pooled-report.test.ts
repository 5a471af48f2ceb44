import { describe, expect, it } from 'vitest'
import {
  coalitionReport,
  isDuringMembership,
  totalsByEmployerAndProcedure,
  FEWER_THAN_11,
  hiddenFigureText,
  memberReport,
  NOT_SHOWN,
  ZERO_TOTALS,
  type EmployerProcedureTotals,
  type EpisodeTotals,
  type Figure,
  type MembershipSpan,
  type PricedEpisode,
  type ReportRow,
} from '~/domain/coalitions/pooled-report'
import { reportPeriod } from '~/domain/coalitions/report-period'
import { parseCoalitionPeriod } from '~/forms/coalition-report'

const NAMES: Record<string, string> = { TKA: 'Knee replacement', THA: 'Hip replacement', SPINE: 'Spine fusion', CABG: 'Heart bypass' }

/**
 * One employer's episodes of one procedure: $30,000 paid per episode, every episode priced at a
 * $40,000 typical cost (so $10,000 saved each), no check-ins recorded unless given.
 */
function agg(employerId: string, code: string, episodes: number, more: Partial<EpisodeTotals> = {}): EmployerProcedureTotals {
  return {
    ...ZERO_TOTALS,
    employerId, procedureCode: code, procedureName: NAMES[code]!, quarter: 1, episodes,
    paidAtCentersCents: episodes * 3_000_000, pricedEpisodes: episodes, typicalCostCents: episodes * 4_000_000, savingsCents: episodes * 1_000_000,
    ...more,
  }
}

/** A figure as it reads: the number, or how the hidden figure reads. */
const read = (f: Figure) => (f.state === 'shown' ? f.value : hiddenFigureText(f))
const episodesOf = (rows: readonly ReportRow[]) => Object.fromEntries(rows.map((r) => [r.key, read(r.episodes)]))

describe('coalition report: episodes by procedure, small cells and complementary suppression', () => {
  it.each<[string, EmployerProcedureTotals[], Record<string, number | string | null>, number | string | null]>([
    // 1 to 10 reads "fewer than 11"; the total of one row is that row.
    ['10 episodes: fewer than 11', [agg('a', 'TKA', 10)], { TKA: FEWER_THAN_11 }, FEWER_THAN_11],
    ['11 episodes: shown', [agg('a', 'TKA', 11)], { TKA: 11 }, 11],
    // Two employers' 6 and 5 pool to 11: shown, though neither alone would be.
    ['6 + 5 from two employers pool to 11', [agg('a', 'TKA', 6), agg('b', 'TKA', 5)], { TKA: 11 }, 11],
    // 45 − 40 would give the 5: the next smallest (the 40) is hidden too.
    ['one small row under a shown total: the next smallest is hidden', [agg('a', 'TKA', 40), agg('a', 'THA', 5)], { THA: FEWER_THAN_11, TKA: NOT_SHOWN }, 45],
    // 13 = THA (1–10) + TKA (≥ 11): THA is 1 or 2, TKA 11 or 12: neither follows.
    ['12 and 1: hiding the 12 leaves two possibilities each', [agg('a', 'TKA', 12), agg('a', 'THA', 1)], { THA: FEWER_THAN_11, TKA: NOT_SHOWN }, 13],
    // 12 = THA (1–10) + TKA (≥ 11) has one answer, 1 + 11, and no row is left to hide: the total goes.
    ['11 and 1: the total would still tell, so it is hidden', [agg('a', 'TKA', 11), agg('a', 'THA', 1)], { THA: FEWER_THAN_11, TKA: NOT_SHOWN }, NOT_SHOWN],
    // Two small rows of 5 and 3: 8 = two numbers of 1–10 in several ways; the 40 stays.
    ['two small rows hide each other', [agg('a', 'TKA', 40), agg('a', 'THA', 5), agg('a', 'SPINE', 3)], { THA: FEWER_THAN_11, TKA: 40, SPINE: FEWER_THAN_11 }, 48],
    // 1 + 1 = 2 has one answer: the 40 is hidden as well.
    ['two small rows of 1 each: a third is hidden', [agg('a', 'TKA', 40), agg('a', 'THA', 1), agg('a', 'SPINE', 1)], { THA: FEWER_THAN_11, TKA: NOT_SHOWN, SPINE: FEWER_THAN_11 }, 42],
    // 10 + 10 = 20 has one answer and nothing else to hide: the total goes.
    ['two rows of 10: the total 20 would tell both', [agg('a', 'TKA', 10), agg('b', 'THA', 10)], { THA: FEWER_THAN_11, TKA: FEWER_THAN_11 }, NOT_SHOWN],
    // The smallest shown row is the one hidden, not the largest.
    ['the smallest other row is hidden', [agg('a', 'TKA', 90), agg('a', 'THA', 30), agg('a', 'SPINE', 4)], { THA: NOT_SHOWN, TKA: 90, SPINE: FEWER_THAN_11 }, 124],
  ])('%s', (_name, aggregates, rows, total) => {
    const { table } = coalitionReport(aggregates, null)
    expect(episodesOf(table.rows)).toEqual(rows)
    expect(read(table.total.episodes)).toEqual(total)
  })

  it('pools money to the cent and hides it with the episodes it rests on', () => {
    const { table, contributingMembers } = coalitionReport([
      agg('a', 'TKA', 20, { paidAtCentersCents: 60_000_001, typicalCostCents: 80_000_000, savingsCents: 19_999_999 }),
      agg('b', 'TKA', 15, { paidAtCentersCents: 45_000_000, typicalCostCents: 60_000_000, savingsCents: 15_000_000 }),
      agg('b', 'THA', 4),
      agg('c', 'THA', 3),
    ], null)
    expect(contributingMembers).toBe(3)
    const [tha, tka] = table.rows
    expect(tha!.key).toBe('THA')
    // THA: 7 episodes → nothing of it shown; TKA (35) hidden with it so 42 − 35 cannot be done.
    for (const key of ['episodes'] as const) expect(read(tha![key])).toBe(FEWER_THAN_11)
    for (const key of ['paidAtCentersCents', 'typicalCostCents', 'savingsCents', 'savingsRate', 'complicationRate', 'averageSatisfaction'] as const) {
      expect(read(tha![key])).toBe(NOT_SHOWN)
      expect(read(tka![key])).toBe(NOT_SHOWN)
    }
    // The total: 42 episodes; paid $600,000.01 + $450,000 + 7 × $30,000 = $1,260,000.01.
    expect(read(table.total.episodes)).toBe(42)
    expect(read(table.total.paidAtCentersCents)).toBe(126_000_001)
    // Typical $800,000 + $600,000 + 7 × $40,000 = $1,680,000; saved $199,999.99 + $150,000 + $70,000 = $419,999.99.
    expect(read(table.total.typicalCostCents)).toBe(168_000_000)
    expect(read(table.total.savingsCents)).toBe(41_999_999)
    expect(read(table.total.savingsRate)).toBeCloseTo(41_999_999 / 168_000_000, 12)
  })

  it('hides typical cost and savings with the episodes that have a typical price, not with all episodes', () => {
    // THA: 15 episodes, 4 priced → its savings rest on 4; TKA's 20 priced are hidden too (the total would tell).
    const { table } = coalitionReport([agg('a', 'TKA', 20), agg('a', 'THA', 15, { pricedEpisodes: 4, typicalCostCents: 16_000_000, savingsCents: 4_000_000 })], null)
    const [tha, tka] = table.rows
    expect([read(tha!.episodes), read(tha!.paidAtCentersCents), read(tha!.savingsCents), read(tha!.typicalCostCents)]).toEqual([15, 45_000_000, NOT_SHOWN, NOT_SHOWN])
    expect([read(tka!.episodes), read(tka!.paidAtCentersCents), read(tka!.savingsCents), read(tka!.savingsRate)]).toEqual([20, 60_000_000, NOT_SHOWN, NOT_SHOWN])
    expect([read(table.total.savingsCents), read(table.total.typicalCostCents)]).toEqual([24_000_000, 96_000_000])
  })

  it('says "—" where there is nothing to compute: no typical price, no check-in, no answer', () => {
    const { table } = coalitionReport([agg('a', 'CABG', 12, { pricedEpisodes: 0, typicalCostCents: 0, savingsCents: 0 })], null)
    const row = table.rows[0]!
    expect([row.typicalCostCents, row.savingsCents, row.savingsRate, row.complicationRate, row.readmissionRate, row.averageSatisfaction].map(read)).toEqual(['—', '—', '—', '—', '—', '—'])
    expect([read(row.complications), read(row.readmissions)]).toEqual([0, 0])
  })
})

describe('coalition report: outcomes', () => {
  const outcomes = (complicationsRecorded: number, complications: number, more: Partial<EpisodeTotals> = {}) => ({ complicationsRecorded, complications, ...more })

  it.each<[string, Partial<EpisodeTotals>, { count: number | string | null; rate: number | string | null }]>([
    ['no complication of 60 recorded: 0 and 0%', outcomes(60, 0), { count: 0, rate: 0 }],
    ['3 of 60: fewer than 11, and no rate (3 = 5% × 60)', outcomes(60, 3), { count: FEWER_THAN_11, rate: NOT_SHOWN }],
    ['12 of 60: 12 and 20%', outcomes(60, 12), { count: 12, rate: 0.2 }],
    // 12 − 11 = 1 without a complication: the rate would tell that one.
    ['11 of 12 recorded: 11 shown, the rate not', outcomes(12, 11), { count: 11, rate: NOT_SHOWN }],
    ['0 of 10 recorded: 0, the rate rests on 10', outcomes(10, 0), { count: 0, rate: NOT_SHOWN }],
    ['0 of 11 recorded: 0%', outcomes(11, 0), { count: 0, rate: 0 }],
  ])('%s', (_name, more, expected) => {
    const row = coalitionReport([agg('a', 'TKA', 60, more)], null).table.rows[0]!
    expect({ count: read(row.complications), rate: read(row.complicationRate) }).toEqual(expected)
  })

  it('protects a small complication count in one row from the column total', () => {
    // TKA 3 of 50 (small), THA 12 of 25: total 15 − 12 would give the 3, so THA's 12 is hidden too.
    const { table } = coalitionReport([agg('a', 'TKA', 60, outcomes(50, 3)), agg('a', 'THA', 30, outcomes(25, 12, { readmissionsRecorded: 25, readmissions: 0 }))], null)
    const [tha, tka] = table.rows
    expect([read(tka!.complications), read(tha!.complications), read(table.total.complications)]).toEqual([FEWER_THAN_11, NOT_SHOWN, 15])
    expect([read(tka!.complicationRate), read(tha!.complicationRate), read(table.total.complicationRate)]).toEqual([NOT_SHOWN, NOT_SHOWN, 0.2])
    // Readmissions are another column: THA's 0 of 25 shows.
    expect([read(tha!.readmissions), read(tha!.readmissionRate)]).toEqual([0, 0])
  })

  it('hides a complication total that only small rows make up, when it would tell them', () => {
    // TKA 10 and THA 10 complications: 20 = 10 + 10 is the only way; no other row has any.
    const { table } = coalitionReport([agg('a', 'TKA', 60, outcomes(60, 10)), agg('a', 'THA', 60, outcomes(60, 10)), agg('a', 'SPINE', 20, outcomes(20, 0))], null)
    expect(table.rows.map((r) => read(r.complications))).toEqual([FEWER_THAN_11, FEWER_THAN_11, 0])
    expect([read(table.total.complications), read(table.total.complicationRate)]).toEqual([NOT_SHOWN, NOT_SHOWN])
  })

  it('keeps a total of 0 shown though it tells that hidden rows had none (a shown 0 tells the same)', () => {
    const { table } = coalitionReport([agg('a', 'TKA', 40, { readmissionsRecorded: 40, readmissions: 0 }), agg('a', 'THA', 5, { readmissionsRecorded: 5, readmissions: 0 })], null)
    expect(table.rows.map((r) => read(r.readmissions))).toEqual([NOT_SHOWN, NOT_SHOWN])
    expect([read(table.total.readmissions), read(table.total.readmissionRate)]).toEqual([0, 0])
  })

  it('shows mean satisfaction from 11 answers, not from 10', () => {
    const ten = coalitionReport([agg('a', 'TKA', 30, { satisfactionResponses: 10, satisfactionPoints: 90 })], null).table.rows[0]!
    const eleven = coalitionReport([agg('a', 'TKA', 30, { satisfactionResponses: 11, satisfactionPoints: 99 })], null).table.rows[0]!
    expect([read(ten.averageSatisfaction), read(eleven.averageSatisfaction)]).toEqual([NOT_SHOWN, 9])
  })
})

describe("member employer's view: its own, the other members together, the whole coalition", () => {
  const columns = (row: { own: ReportRow; others: ReportRow; coalition: ReportRow }) => [read(row.own.episodes), read(row.others.episodes), read(row.coalition.episodes)]

  it('shows the other members together and the whole when two others stand behind them', () => {
    const report = memberReport([agg('me', 'TKA', 30), agg('x', 'TKA', 8), agg('y', 'TKA', 9)], 'me', null)
    expect(report).toMatchObject({ otherContributingMembers: 2, isOthersShown: true })
    expect(columns(report.rows[0]!)).toEqual([30, 17, 47])
    // Money: own 30 × $30,000; others 17 × $30,000; the whole 47 × $30,000.
    expect([report.total.own, report.total.others, report.total.coalition].map((r) => read(r.paidAtCentersCents))).toEqual([90_000_000, 51_000_000, 141_000_000])
  })

  it('shows its own figures in full, small ones too', () => {
    const report = memberReport([agg('me', 'TKA', 3, { complicationsRecorded: 3, complications: 1 }), agg('x', 'TKA', 30), agg('y', 'TKA', 30)], 'me', null)
    const row = report.rows[0]!
    expect([read(row.own.episodes), read(row.own.complications), read(row.own.complicationRate)]).toEqual([3, 1, 1 / 3])
    expect(columns(row)).toEqual([3, 60, 63])
  })

  it.each<[string, EmployerProcedureTotals[], (number | string | null)[]]>([
    // Others 5 + 5 = 10: fewer than 11, and the whole (60) would give them as 60 − 50.
    ['others with 10 episodes together', [agg('me', 'TKA', 50), agg('x', 'TKA', 5), agg('y', 'TKA', 5)], [50, FEWER_THAN_11, NOT_SHOWN]],
    ['others with 11 episodes together', [agg('me', 'TKA', 50), agg('x', 'TKA', 5), agg('y', 'TKA', 6)], [50, 11, 61]],
    // One other member: the coalition minus me is that employer.
    ['one other member, however large', [agg('me', 'TKA', 50), agg('x', 'TKA', 400)], [50, NOT_SHOWN, NOT_SHOWN]],
  ])('%s', (_name, aggregates, expected) => {
    expect(columns(memberReport(aggregates, 'me', null).rows[0]!)).toEqual(expected)
  })

  it('hides even the zeros of a single other member (which procedures it had none of)', () => {
    const report = memberReport([agg('me', 'TKA', 50), agg('me', 'THA', 20), agg('x', 'TKA', 400)], 'me', null)
    expect(report).toMatchObject({ otherContributingMembers: 1, isOthersShown: false })
    expect(report.rows.map(columns)).toEqual([
      [20, NOT_SHOWN, NOT_SHOWN],
      [50, NOT_SHOWN, NOT_SHOWN],
    ])
    expect(columns(report.total)).toEqual([70, NOT_SHOWN, NOT_SHOWN])
  })

  it('hides a procedure that one other member alone had, and its partner row, while the total of two shows', () => {
    // Others: x had 20 knees, y 15 hips. Each row would be one employer's; together (35) they are two.
    const report = memberReport([agg('me', 'TKA', 30), agg('x', 'TKA', 20), agg('y', 'THA', 15)], 'me', null)
    expect(report.rows.map((r) => [r.key, ...columns(r)])).toEqual([
      ['THA', 0, NOT_SHOWN, NOT_SHOWN],
      ['TKA', 30, NOT_SHOWN, NOT_SHOWN],
    ])
    expect(columns(report.total)).toEqual([30, 35, 65])
  })

  it('names no other employer anywhere in the view', () => {
    const report = memberReport([agg('me', 'TKA', 30), agg('employer-x-secret', 'TKA', 20), agg('employer-y-secret', 'THA', 15)], 'me', null)
    expect(JSON.stringify(report)).not.toMatch(/employer-[xy]-secret/)
  })
})

describe('quarters and the year: one protected grid, so the year minus three quarters never gives the fourth', () => {
  const inQuarter = (quarter: 1 | 2 | 3 | 4, a: EmployerProcedureTotals): EmployerProcedureTotals => ({ ...a, quarter })
  const totalOf = (aggregates: EmployerProcedureTotals[], quarter: 1 | 2 | 3 | 4 | null) => read(coalitionReport(aggregates, quarter).table.total.episodes)

  it('hides a shown quarter when another is small: 25 in the year = 18 + 7', () => {
    const year = [inQuarter(1, agg('a', 'TKA', 18)), inQuarter(2, agg('b', 'TKA', 7))]
    // Q2's 7 is fewer than 11; 25 − 18 would give it, so Q1's 18 is not shown either, in its own view too.
    expect([totalOf(year, 1), totalOf(year, 2), totalOf(year, 3), totalOf(year, null)]).toEqual([NOT_SHOWN, FEWER_THAN_11, 0, 25])
  })

  it('keeps 11 shown where two small quarters hide each other: 10, 11, 5', () => {
    const year = [inQuarter(1, agg('b', 'TKA', 10)), inQuarter(2, agg('b', 'TKA', 11)), inQuarter(3, agg('b', 'TKA', 5))]
    // 26 − 11 = 15 = the two small quarters together, in many ways.
    expect([totalOf(year, 1), totalOf(year, 2), totalOf(year, 3), totalOf(year, 4), totalOf(year, null)]).toEqual([FEWER_THAN_11, 11, FEWER_THAN_11, 0, 26])
  })

  it('hides a procedure of a quarter whose year would give it, and its partner in the quarter', () => {
    // TKA: Q1 30, Q2 4 → Q2 small, so Q1's TKA is hidden too; then Q1's column (TKA hidden alone) hides THA's 40 in Q1.
    const year = [inQuarter(1, agg('a', 'TKA', 30)), inQuarter(2, agg('a', 'TKA', 4)), inQuarter(1, agg('a', 'THA', 40)), inQuarter(2, agg('a', 'THA', 20))]
    const q1 = coalitionReport(year, 1).table
    expect([episodesOf(q1.rows), read(q1.total.episodes)]).toEqual([{ THA: NOT_SHOWN, TKA: NOT_SHOWN }, 70])
    const q2 = coalitionReport(year, 2).table
    expect(episodesOf(q2.rows)).toEqual({ THA: NOT_SHOWN, TKA: FEWER_THAN_11 })
    const whole = coalitionReport(year, null).table
    expect([episodesOf(whole.rows), read(whole.total.episodes)]).toEqual([{ THA: 60, TKA: 34 }, 94])
  })

  it("a member's view: the others of one quarter are one employer each, of the year two", () => {
    // Others: x 20 in Q1, y 15 in Q2. Each quarter is one employer's; the year (35) is two employers'.
    const year = [inQuarter(1, agg('me', 'TKA', 30)), inQuarter(1, agg('x', 'TKA', 20)), inQuarter(2, agg('y', 'TKA', 15))]
    const view = (quarter: 1 | 2 | null) => {
      const total = memberReport(year, 'me', quarter).total
      return [read(total.own.episodes), read(total.others.episodes), read(total.coalition.episodes)]
    }
    expect([view(1), view(2), view(null)]).toEqual([
      [30, NOT_SHOWN, NOT_SHOWN],
      [0, NOT_SHOWN, NOT_SHOWN],
      [30, 35, 65],
    ])
  })
})

describe('report period', () => {
  it.each<[string, number, 1 | 2 | 3 | 4 | null, { from: string; to: string; label: string }]>([
    ['a whole year', 2026, null, { from: '2026-01-01', to: '2026-12-31', label: '2026' }],
    ['Q1', 2026, 1, { from: '2026-01-01', to: '2026-03-31', label: 'Q1 2026 (January–March)' }],
    ['Q2 ends June 30', 2026, 2, { from: '2026-04-01', to: '2026-06-30', label: 'Q2 2026 (April–June)' }],
    ['Q3 ends September 30', 2026, 3, { from: '2026-07-01', to: '2026-09-30', label: 'Q3 2026 (July–September)' }],
    ['Q4', 2026, 4, { from: '2026-10-01', to: '2026-12-31', label: 'Q4 2026 (October–December)' }],
  ])('%s', (_name, year, quarter, expected) => {
    expect(reportPeriod(year, quarter)).toMatchObject(expected)
  })

  it.each<[string, string, { from: string; to: string }, string[]]>([
    ['nothing: this year', '', { from: '2026-01-01', to: '2026-12-31' }, []],
    ['year 2025, quarter 3', 'year=2025&quarter=3', { from: '2025-07-01', to: '2025-09-30' }, []],
    ['an empty quarter: the whole year', 'year=2025&quarter=', { from: '2025-01-01', to: '2025-12-31' }, []],
    ['year "twenty"', 'year=twenty', { from: '2026-01-01', to: '2026-12-31' }, ['"twenty" is not a year: showing 2026']],
    ['year 1999', 'year=1999&quarter=2', { from: '2026-04-01', to: '2026-06-30' }, ['"1999" is not a year from 2000 to 2100: showing 2026']],
    ['year 20261', 'year=20261', { from: '2026-01-01', to: '2026-12-31' }, ['"20261" is not a year: showing 2026']],
    ['quarter 5', 'year=2025&quarter=5', { from: '2025-01-01', to: '2025-12-31' }, ['"5" is not a quarter (1 to 4): showing the whole year']],
    ['quarter "Q1"', 'quarter=Q1', { from: '2026-01-01', to: '2026-12-31' }, ['"Q1" is not a quarter (1 to 4): showing the whole year']],
    ['both bad', 'year=-1&quarter=0', { from: '2026-01-01', to: '2026-12-31' }, ['"-1" is not a year: showing 2026', '"0" is not a quarter (1 to 4): showing the whole year']],
  ])('query %s', (_name, query, expected, errors) => {
    const result = parseCoalitionPeriod(new URLSearchParams(query), '2026-12-06')
    expect(result.period).toMatchObject(expected)
    expect(result.errors).toEqual(errors)
  })
})

describe('episodes that count for the coalition', () => {
  const MEMBERSHIPS: MembershipSpan[] = [
    { employerId: 'a', joinedOn: '2026-03-01', lastDay: null },
    { employerId: 'b', joinedOn: '2025-01-01', lastDay: '2026-06-30' },
    // c left, then came back.
    { employerId: 'c', joinedOn: '2025-01-01', lastDay: '2025-12-31' },
    { employerId: 'c', joinedOn: '2026-09-01', lastDay: null },
  ]
  it.each<[string, string, string, boolean]>([
    ['the day before joining', 'a', '2026-02-28T23:59:59.999Z', false],
    ['the day of joining', 'a', '2026-03-01T00:00:00.000Z', true],
    ['the last day as a member', 'b', '2026-06-30T23:59:59.999Z', true],
    ['the day after the last day', 'b', '2026-07-01T00:00:00.000Z', false],
    ['between two memberships', 'c', '2026-05-01T12:00:00.000Z', false],
    ['after coming back', 'c', '2026-09-02T12:00:00.000Z', true],
    ['an employer never a member', 'z', '2026-05-01T12:00:00.000Z', false],
  ])('%s', (_name, employerId, completedAt, expected) => {
    expect(isDuringMembership({ employerId, completedAt }, MEMBERSHIPS)).toBe(expected)
  })

  it('adds each employer’s episodes by procedure: money to the cent, unpriced ones apart, check-ins only where recorded', () => {
    const episode = (employerId: string, completedAt: string, more: Partial<PricedEpisode> = {}): PricedEpisode => ({
      employerId, procedureCode: 'TKA', procedureName: 'Knee replacement', completedAt, employerPaidCents: 2_970_000, outsideEmployerCents: 5_000_000, savingsCents: 2_030_000,
      hadComplication: null, wasReadmitted: null, satisfaction: null, ...more,
    })
    const totals = totalsByEmployerAndProcedure(
      [
        episode('a', '2026-04-01T10:00:00.000Z', { hadComplication: 1, wasReadmitted: 0, satisfaction: 9 }),
        episode('a', '2026-04-02T10:00:00.000Z', { outsideEmployerCents: null, savingsCents: null, employerPaidCents: 2_800_001, hadComplication: 0, satisfaction: 6 }),
        // Before a joined: not the coalition's.
        episode('a', '2026-01-15T10:00:00.000Z'),
        episode('b', '2026-05-01T10:00:00.000Z', { procedureCode: 'THA', procedureName: 'Hip replacement', savingsCents: -470_000, outsideEmployerCents: 2_500_000 }),
      ],
      MEMBERSHIPS,
    )
    expect(totals).toEqual([
      {
        employerId: 'a', procedureCode: 'TKA', procedureName: 'Knee replacement', quarter: 2, episodes: 2, paidAtCentersCents: 5_770_001, pricedEpisodes: 1, typicalCostCents: 5_000_000, savingsCents: 2_030_000,
        complicationsRecorded: 2, complications: 1, readmissionsRecorded: 1, readmissions: 0, satisfactionResponses: 2, satisfactionPoints: 15,
      },
      {
        employerId: 'b', procedureCode: 'THA', procedureName: 'Hip replacement', quarter: 2, episodes: 1, paidAtCentersCents: 2_970_000, pricedEpisodes: 1, typicalCostCents: 2_500_000, savingsCents: -470_000,
        complicationsRecorded: 0, complications: 0, readmissionsRecorded: 0, readmissions: 0, satisfactionResponses: 0, satisfactionPoints: 0,
      },
    ])
  })
})
