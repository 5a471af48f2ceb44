import { isMemberOn } from './membership'
import type { Quarter } from './report-period'

/*
 * Coalition reports (issue 23, DESIGN §12): episodes, spend, savings and outcomes pooled across a
 * coalition's member employers, so that no member employer and no patient can be recognised.
 *
 * Small cells. Every count from 1 to 10 (episodes, complications, readmissions) is shown as
 * "fewer than 11", the rule of CMS's cell-size suppression policy for data about Medicare
 * beneficiaries (no cell of 1 to 10 is displayed, nor any figure from which one can be worked
 * out). Zero is shown: it describes no one. A figure computed from a small count is not shown
 * either: the money of a procedure with fewer than 11 episodes, a rate whose numerator or
 * denominator is 1 to 10 (or whose complement, recorded − events, is: "11 of 12" tells the one),
 * a mean satisfaction of fewer than 11 answers.
 *
 * Complementary suppression. A table shows its rows and their total, so a hidden cell could be
 * worked out as total − the shown rows. For each additive column (episodes, episodes with a
 * typical price, complications, readmissions) the hidden cells are checked the way someone
 * knowing this rule would: a "fewer than 11" cell is 1 to 10, a cell hidden to protect another is
 * at least 11 (it was not small and not zero), a cell hidden with its row is 0 or more. While the
 * total is shown and some hidden cell's non-zero value follows exactly from the total and those
 * bounds (one hidden cell alone always does), the smallest shown non-zero cell of the column is hidden
 * too ("not shown"); when there is none left, the total is hidden instead. Money cells are hidden
 * with the count they rest on (spend with episodes; typical cost and savings with the episodes
 * that have a typical price), so a money column always has two hidden cells or none under a
 * shown total.
 *
 * Periods. A report shows a year or one of its quarters, and the quarters add up to the year, so
 * the year minus three quarters would give the fourth. Every view is therefore cut from one grid
 * of the year (procedures × quarters, with the year and all procedures), protected line by line
 * until no line hides anything more.
 *
 * Contributors. In a member employer's own view the coalition's figures minus its own are the
 * other members' figures, so those "others" are a table of their own, protected the same way and
 * also hidden wherever exactly one other employer stands behind a row (its figures would be that
 * employer's). Pure: the service loads the per-employer, per-procedure totals.
 */

/** The largest count hidden as "fewer than 11". */
export const LARGEST_SMALL_COUNT = 10

/** How a hidden small count reads, on the page and in the CSV. */
export const FEWER_THAN_11 = 'fewer than 11'
/** How any other hidden figure reads. */
export const NOT_SHOWN = 'not shown'

/** The totals of one employer's completed episodes of one procedure in a period. Money in cents. */
export interface EpisodeTotals {
  episodes: number
  /** What the employer paid at the centers: bundle + travel + incentive − member cost. */
  paidAtCentersCents: number
  /** Episodes with a typical local price (the others have no savings figure). */
  pricedEpisodes: number
  /** What the priced episodes would have cost the employer outside the program (the benchmark). */
  typicalCostCents: number
  /** Typical cost − paid at centers, of the priced episodes. */
  savingsCents: number
  /** Episodes whose 90-day check-in is recorded, and how many of them had a complication. */
  complicationsRecorded: number
  complications: number
  /** Episodes whose 30-day check-in is recorded, and how many of them were readmitted. */
  readmissionsRecorded: number
  readmissions: number
  /** Satisfaction answers (0–10) and their sum. */
  satisfactionResponses: number
  satisfactionPoints: number
}

export interface EmployerProcedureTotals extends EpisodeTotals {
  employerId: string
  procedureCode: string
  procedureName: string
  /** The quarter of the report's year the episodes were completed in. */
  quarter: Quarter
}

/** One figure of a report: shown, a hidden small count, hidden for another reason, or nothing to show (no typical price, no answers…). */
export type Figure = { state: 'shown'; value: number } | { state: 'fewer_than_11' } | { state: 'not_shown' } | { state: 'none' }

export const FIGURE_KEYS = [
  'episodes', 'paidAtCentersCents', 'typicalCostCents', 'savingsCents', 'savingsRate', 'complications', 'complicationRate', 'readmissions', 'readmissionRate', 'averageSatisfaction',
] as const
export type FigureKey = (typeof FIGURE_KEYS)[number]

export type ReportRow = { key: string; label: string } & Record<FigureKey, Figure>

export interface ReportTable {
  rows: ReportRow[]
  total: ReportRow
}

/** A row before protection: its totals and how many employers stand behind them. */
export interface TableInput {
  key: string
  label: string
  /** Employers with at least one episode in the row. */
  contributors: number
  totals: EpisodeTotals
}

export const ZERO_TOTALS: Readonly<EpisodeTotals> = {
  episodes: 0, paidAtCentersCents: 0, pricedEpisodes: 0, typicalCostCents: 0, savingsCents: 0, complicationsRecorded: 0, complications: 0,
  readmissionsRecorded: 0, readmissions: 0, satisfactionResponses: 0, satisfactionPoints: 0,
}
const TOTAL_FIELDS = Object.keys(ZERO_TOTALS) as (keyof EpisodeTotals)[]

export function addTotals(a: EpisodeTotals, b: EpisodeTotals): EpisodeTotals {
  return Object.fromEntries(TOTAL_FIELDS.map((f) => [f, a[f] + b[f]])) as unknown as EpisodeTotals
}

/** Is the count one that is shown only as "fewer than 11" (1 to 10)? */
export const isSmallCount = (count: number) => count >= 1 && count <= LARGEST_SMALL_COUNT

const shown = (value: number): Figure => ({ state: 'shown', value })
const NONE: Figure = { state: 'none' }
const HIDDEN: Figure = { state: 'not_shown' }
const SMALL: Figure = { state: 'fewer_than_11' }

/** How a figure reads where it is hidden or empty; null when it is shown (the caller formats the number). */
export function hiddenFigureText(figure: Figure): string | null {
  if (figure.state === 'fewer_than_11') return FEWER_THAN_11
  if (figure.state === 'not_shown') return NOT_SHOWN
  if (figure.state === 'none') return '—'
  return null
}

/** Rows by procedure, pooled over employers, ordered by procedure name (then code). */
export function poolByProcedure(aggregates: readonly EmployerProcedureTotals[]): TableInput[] {
  const rows = new Map<string, { key: string; label: string; employers: Set<string>; totals: EpisodeTotals }>()
  for (const a of aggregates) {
    const row = rows.get(a.procedureCode) ?? { key: a.procedureCode, label: a.procedureName, employers: new Set<string>(), totals: { ...ZERO_TOTALS } }
    if (a.episodes > 0) row.employers.add(a.employerId)
    row.totals = addTotals(row.totals, a)
    rows.set(a.procedureCode, row)
  }
  return [...rows.values()]
    .sort((x, y) => x.label.localeCompare(y.label) || x.key.localeCompare(y.key))
    .map((r) => ({ key: r.key, label: r.label, contributors: r.employers.size, totals: r.totals }))
}

/* ---------- complementary suppression of one additive column ---------- */

interface CountCell {
  value: number
  isHidden: boolean
  isSmall: boolean
  /** What someone who knows this rule can tell of a hidden cell's value. */
  lowest: number
  highest: number
}

const visible = (value: number): CountCell => ({ value, isHidden: false, isSmall: false, lowest: value, highest: value })

/** A cell of a count column: hidden when its row is, "fewer than 11" when small, else shown. */
function countCell(value: number, row: { isHidden: boolean; highest: number }): CountCell {
  if (row.isHidden) return { value, isHidden: true, isSmall: false, lowest: 0, highest: row.highest }
  if (isSmallCount(value)) return { value, isHidden: true, isSmall: true, lowest: 1, highest: LARGEST_SMALL_COUNT }
  return visible(value)
}

/**
 * Does some hidden cell's value follow exactly from the hidden cells' sum (total − shown cells)
 * and what is known of each (its lowest and highest possible value), and is it more than 0?
 */
function isAnyHiddenCellDetermined(hidden: readonly CountCell[], hiddenSum: number): boolean {
  const lowestSum = hidden.reduce((s, c) => s + c.lowest, 0)
  const unbounded = hidden.filter((c) => c.highest === Infinity).length
  const finiteHighestSum = hidden.reduce((s, c) => s + (c.highest === Infinity ? 0 : c.highest), 0)
  return hidden.some((cell) => {
    const othersUnbounded = unbounded - (cell.highest === Infinity ? 1 : 0)
    const othersHighest = othersUnbounded > 0 ? Infinity : finiteHighestSum - (cell.highest === Infinity ? 0 : cell.highest)
    const lowest = Math.max(cell.lowest, hiddenSum - othersHighest)
    const highest = Math.min(cell.highest, hiddenSum - (lowestSum - cell.lowest))
    // Worked out to be 0 tells what a shown 0 would: no one.
    return lowest >= highest && highest > 0
  })
}

/** Hides more cells of a column (or its total) until no hidden cell can be worked out from the total. Mutates the cells. */
function protectColumn(cells: CountCell[], total: CountCell): void {
  for (;;) {
    if (total.isHidden) return
    const hidden = cells.filter((c) => c.isHidden)
    if (hidden.length === 0) return
    const hiddenSum = total.value - cells.reduce((s, c) => s + (c.isHidden ? 0 : c.value), 0)
    if (!isAnyHiddenCellDetermined(hidden, hiddenSum)) return
    let next: CountCell | undefined
    for (const c of cells) if (!c.isHidden && c.value > 0 && (!next || c.value < next.value)) next = c
    if (!next) {
      Object.assign(total, { isHidden: true, lowest: 0, highest: Infinity })
      return
    }
    // Shown, not small and not zero: someone reading the rule knows it is at least 11.
    Object.assign(next, { isHidden: true, lowest: LARGEST_SMALL_COUNT + 1, highest: Infinity })
  }
}

const figureOf = (cell: CountCell): Figure => (!cell.isHidden ? shown(cell.value) : cell.isSmall ? SMALL : HIDDEN)

/** A rate count/denominator: hidden when the count is, or when the denominator or its complement is small. */
function rateFigure(count: CountCell, denominator: number): Figure {
  if (count.isHidden) return HIDDEN
  if (denominator === 0) return NONE
  if (isSmallCount(denominator) || isSmallCount(denominator - count.value)) return HIDDEN
  return shown(count.value / denominator)
}

function averageFigure(rowIsHidden: boolean, responses: number, points: number): Figure {
  if (rowIsHidden) return HIDDEN
  if (responses === 0) return NONE
  if (isSmallCount(responses)) return HIDDEN
  return shown(points / responses)
}

interface CellSet {
  episodes: CountCell
  priced: CountCell
  complications: CountCell
  readmissions: CountCell
}

function figuresOf(t: EpisodeTotals, cells: CellSet): Record<FigureKey, Figure> {
  const rowIsHidden = cells.episodes.isHidden
  const pricedFigure = (cents: number): Figure => (cells.priced.isHidden ? HIDDEN : t.pricedEpisodes === 0 ? NONE : shown(cents))
  return {
    episodes: figureOf(cells.episodes),
    paidAtCentersCents: rowIsHidden ? HIDDEN : shown(t.paidAtCentersCents),
    typicalCostCents: pricedFigure(t.typicalCostCents),
    savingsCents: pricedFigure(t.savingsCents),
    savingsRate: cells.priced.isHidden ? HIDDEN : t.typicalCostCents > 0 ? shown(t.savingsCents / t.typicalCostCents) : NONE,
    complications: figureOf(cells.complications),
    complicationRate: rateFigure(cells.complications, t.complicationsRecorded),
    readmissions: figureOf(cells.readmissions),
    readmissionRate: rateFigure(cells.readmissions, t.readmissionsRecorded),
    averageSatisfaction: averageFigure(rowIsHidden, t.satisfactionResponses, t.satisfactionPoints),
  }
}

function cellsOf(t: EpisodeTotals, isWithheld: boolean): CellSet {
  // A row withheld for its contributors still has episodes (≥ 1); a small row has 1 to 10.
  const episodes: CountCell = isWithheld ? { value: t.episodes, isHidden: true, isSmall: false, lowest: 1, highest: Infinity } : countCell(t.episodes, { isHidden: false, highest: 0 })
  const row = { isHidden: episodes.isHidden, highest: episodes.highest }
  return { episodes, priced: countCell(t.pricedEpisodes, row), complications: countCell(t.complications, row), readmissions: countCell(t.readmissions, row) }
}

/* ---------- the year's grid: procedures × quarters, with the year and all procedures ---------- */

/** A column of the grid: a quarter, or the whole year. */
export type GridColumn = Quarter | 'year'
const QUARTER_COLUMNS: readonly Quarter[] = [1, 2, 3, 4]
const COLUMNS: readonly GridColumn[] = [...QUARTER_COLUMNS, 'year']
const TOTAL_ROW = 'total'

interface GridCell {
  totals: EpisodeTotals
  employers: Set<string>
  cells: CellSet
}

interface Grid {
  /** The procedures, by name. */
  rows: { key: string; label: string }[]
  at(row: string, column: GridColumn): GridCell
}

/**
 * The year of a report as one grid, so that every view of it (the year, each quarter) is cut from
 * the same protected figures: a quarter hidden in its own view is hidden in the other views'
 * sums too, and the year minus three quarters never gives the fourth. Each line of the grid — a
 * procedure across the quarters with its year, a quarter across the procedures with its total,
 * the totals across the quarters with the year — is protected as a column (top of this file),
 * over and over until no line hides anything more. `minimumContributors`: a cell with episodes
 * of fewer employers than this (but some) is hidden whole.
 */
function protectedGrid(aggregates: readonly EmployerProcedureTotals[], minimumContributors: number): Grid {
  const rows = poolByProcedure(aggregates).map((r) => ({ key: r.key, label: r.label }))
  const cells = new Map<string, GridCell>()
  const at = (row: string, column: GridColumn) => cells.get(`${row}|${column}`)!
  for (const row of [...rows.map((r) => r.key), TOTAL_ROW]) {
    for (const column of COLUMNS) cells.set(`${row}|${column}`, { totals: { ...ZERO_TOTALS }, employers: new Set(), cells: undefined as unknown as CellSet })
  }
  for (const a of aggregates) {
    for (const row of [a.procedureCode, TOTAL_ROW]) {
      for (const column of [a.quarter, 'year'] as const) {
        const cell = at(row, column)
        cell.totals = addTotals(cell.totals, a)
        if (a.episodes > 0) cell.employers.add(a.employerId)
      }
    }
  }
  for (const cell of cells.values()) {
    const isWithheld = cell.totals.episodes > 0 && cell.employers.size < minimumContributors
    cell.cells = cellsOf(cell.totals, isWithheld)
  }
  const lines = [
    ...[...rows.map((r) => r.key), TOTAL_ROW].map((row) => ({ cells: QUARTER_COLUMNS.map((q) => at(row, q)), total: at(row, 'year') })),
    ...COLUMNS.map((column) => ({ cells: rows.map((r) => at(r.key, column)), total: at(TOTAL_ROW, column) })),
  ]
  const protect = (column: keyof CellSet) => {
    const hiddenCount = () => [...cells.values()].filter((c) => c.cells[column].isHidden).length
    for (let before = -1; before !== hiddenCount(); ) {
      before = hiddenCount()
      for (const line of lines) protectColumn(line.cells.map((c) => c.cells[column]), line.total.cells[column])
    }
  }
  // Episodes first: a cell hidden there is hidden in every other column before those are protected.
  protect('episodes')
  for (const cell of cells.values()) {
    if (!cell.cells.episodes.isHidden) continue
    const row = { isHidden: true, highest: cell.cells.episodes.highest }
    const t = cell.totals
    Object.assign(cell.cells, { priced: countCell(t.pricedEpisodes, row), complications: countCell(t.complications, row), readmissions: countCell(t.readmissions, row) })
  }
  for (const column of ['priced', 'complications', 'readmissions'] as const) protect(column)
  return { rows, at }
}

const ALL_PROCEDURES = 'All procedures'

/** One view of a protected grid: its procedures with episodes in the column, and their total. */
function viewOf(grid: Grid, column: GridColumn, include: (key: string) => boolean): ReportTable {
  const row = (key: string, label: string): ReportRow => {
    const cell = grid.at(key, column)
    return { key, label, ...figuresOf(cell.totals, cell.cells) }
  }
  return {
    rows: grid.rows.filter((r) => include(r.key)).map((r) => row(r.key, r.label)),
    total: row(TOTAL_ROW, ALL_PROCEDURES),
  }
}

/** A row with nothing hidden (an employer's own figures, which it sees in full on its dashboard). */
export function plainRow(key: string, label: string, t: EpisodeTotals): ReportRow {
  const open = (value: number) => visible(value)
  const rate = (count: number, denominator: number) => (denominator === 0 ? NONE : shown(count / denominator))
  return {
    key, label,
    ...figuresOf(t, { episodes: open(t.episodes), priced: open(t.pricedEpisodes), complications: open(t.complications), readmissions: open(t.readmissions) }),
    complicationRate: rate(t.complications, t.complicationsRecorded),
    readmissionRate: rate(t.readmissions, t.readmissionsRecorded),
    averageSatisfaction: t.satisfactionResponses === 0 ? NONE : shown(t.satisfactionPoints / t.satisfactionResponses),
  }
}

/* ---------- the two views ---------- */

export interface CoalitionReport {
  table: ReportTable
  /** Member employers whose episodes are in the pool (at least one in the period). */
  contributingMembers: number
}

/**
 * The coalition admin's report for a quarter, or the whole year (null): every member's episodes
 * of the year pooled by procedure and quarter, protected together, and the one view cut out.
 */
export function coalitionReport(aggregates: readonly EmployerProcedureTotals[], quarter: Quarter | null): CoalitionReport {
  const column: GridColumn = quarter ?? 'year'
  const grid = protectedGrid(aggregates, 1)
  return {
    table: viewOf(grid, column, (key) => grid.at(key, column).totals.episodes > 0),
    contributingMembers: grid.at(TOTAL_ROW, column).employers.size,
  }
}

/** Fewer other members with episodes than this, and the other members' figures are one employer's: none are shown. */
export const MINIMUM_OTHER_MEMBERS = 2

export interface MemberRow {
  key: string
  label: string
  own: ReportRow
  others: ReportRow
  coalition: ReportRow
}

export interface MemberReport {
  rows: MemberRow[]
  total: MemberRow
  /** Other member employers with episodes in the period. */
  otherContributingMembers: number
  /** False when fewer than two other members had episodes: the coalition's figures would be one employer's. */
  isOthersShown: boolean
}

/**
 * A member employer's view of a quarter or the year (null): its own figures in full, the other
 * members' together (protected over the year's grid, and hidden wherever one other employer alone
 * stands behind them), and the whole coalition's, shown only where the other members' figure is
 * (coalition − own = others).
 */
export function memberReport(aggregates: readonly EmployerProcedureTotals[], employerId: string, quarter: Quarter | null): MemberReport {
  const column: GridColumn = quarter ?? 'year'
  const inView = (a: EmployerProcedureTotals) => quarter === null || a.quarter === quarter
  const own = aggregates.filter((a) => a.employerId === employerId)
  const grid = protectedGrid(
    aggregates.filter((a) => a.employerId !== employerId),
    MINIMUM_OTHER_MEMBERS,
  )
  const otherContributingMembers = grid.at(TOTAL_ROW, column).employers.size
  const ownByProcedure = new Map(poolByProcedure(own.filter(inView)).map((r) => [r.key, r.totals]))
  const rowsShown = poolByProcedure(aggregates.filter(inView)).filter((r) => r.totals.episodes > 0)
  const others = viewOf(grid, column, () => true)
  const othersByKey = new Map([...others.rows, others.total].map((r) => [r.key, r]))
  const combine = (key: string, label: string, ownTotals: EpisodeTotals): MemberRow => {
    const otherCell = key === TOTAL_ROW ? grid.at(TOTAL_ROW, column) : grid.rows.some((r) => r.key === key) ? grid.at(key, column) : undefined
    const otherTotals = otherCell?.totals ?? ZERO_TOTALS
    const othersRow = othersByKey.get(key) ?? plainRow(key, label, ZERO_TOTALS)
    const whole = plainRow(key, label, addTotals(ownTotals, otherTotals))
    const coalition = { key, label } as ReportRow
    const shownOthers = { key, label } as ReportRow
    for (const f of FIGURE_KEYS) {
      // One other member: even its zeros are its own (which procedures it had none of).
      shownOthers[f] = otherContributingMembers === 1 ? HIDDEN : othersRow[f]
      coalition[f] = shownOthers[f].state === 'shown' || shownOthers[f].state === 'none' ? whole[f] : HIDDEN
    }
    return { key, label, own: plainRow(key, label, ownTotals), others: shownOthers, coalition }
  }
  const ownTotal = [...ownByProcedure.values()].reduce<EpisodeTotals>((sum, t) => addTotals(sum, t), { ...ZERO_TOTALS })
  return {
    rows: rowsShown.map((r) => combine(r.key, r.label, ownByProcedure.get(r.key) ?? ZERO_TOTALS)),
    total: combine(TOTAL_ROW, ALL_PROCEDURES, ownTotal),
    otherContributingMembers,
    isOthersShown: otherContributingMembers >= MINIMUM_OTHER_MEMBERS,
  }
}

/* ---------- from episodes to totals ---------- */

/** A completed episode as the report reads it (the service prices it the dashboard's way). */
export interface PricedEpisode {
  employerId: string
  procedureCode: string
  procedureName: string
  /** When the case was completed (ISO instant); it decides the period and the membership. */
  completedAt: string
  employerPaidCents: number
  /** Null when no typical local price is known: the episode has no savings figure. */
  outsideEmployerCents: number | null
  savingsCents: number | null
  hadComplication: number | boolean | null
  wasReadmitted: number | boolean | null
  satisfaction: number | null
}

/** A membership of an employer in the coalition: first day and last day as a member (null: still a member). */
export interface MembershipSpan {
  employerId: string
  joinedOn: string
  /** The last day as a member, included; null while the employer is a member. */
  lastDay: string | null
}

/**
 * Does an episode count for the coalition? Only when its employer was a member on the day the
 * case was completed (an employer that joined in March brings no January episodes; one that left
 * in June takes its later ones with it). Several memberships of one employer each count.
 */
export function isDuringMembership(episode: Pick<PricedEpisode, 'employerId' | 'completedAt'>, memberships: readonly MembershipSpan[]): boolean {
  const day = episode.completedAt.slice(0, 10)
  // The membership rule is the coalitions' own (membership.ts): from joined_on to left_on, both included.
  return memberships.some((m) => m.employerId === episode.employerId && isMemberOn({ status: m.lastDay === null ? 'active' : 'ended', joinedOn: m.joinedOn, leftOn: m.lastDay }, day))
}

/** The quarter of an ISO date or instant (its month, in UTC). */
export function quarterOf(isoDate: string): Quarter {
  return (Math.floor((Number(isoDate.slice(5, 7)) - 1) / 3) + 1) as Quarter
}

/** Totals per employer, procedure and quarter of the episodes that count for the coalition. */
export function totalsByEmployerAndProcedure(episodes: readonly PricedEpisode[], memberships: readonly MembershipSpan[]): EmployerProcedureTotals[] {
  const byKey = new Map<string, EmployerProcedureTotals>()
  for (const e of episodes) {
    if (!isDuringMembership(e, memberships)) continue
    const quarter = quarterOf(e.completedAt)
    const key = `${e.employerId}|${e.procedureCode}|${quarter}`
    const t = byKey.get(key) ?? { ...ZERO_TOTALS, employerId: e.employerId, procedureCode: e.procedureCode, procedureName: e.procedureName, quarter }
    t.episodes++
    t.paidAtCentersCents += e.employerPaidCents
    if (e.outsideEmployerCents !== null && e.savingsCents !== null) {
      t.pricedEpisodes++
      t.typicalCostCents += e.outsideEmployerCents
      t.savingsCents += e.savingsCents
    }
    if (e.hadComplication !== null) {
      t.complicationsRecorded++
      if (e.hadComplication) t.complications++
    }
    if (e.wasReadmitted !== null) {
      t.readmissionsRecorded++
      if (e.wasReadmitted) t.readmissions++
    }
    if (e.satisfaction !== null) {
      t.satisfactionResponses++
      t.satisfactionPoints += e.satisfaction
    }
    byKey.set(key, t)
  }
  return [...byKey.values()]
}
