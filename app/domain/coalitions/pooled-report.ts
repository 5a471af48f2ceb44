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
 * total is shown and some hidden cell's value follows exactly from the total and those bounds
 * (one hidden cell alone always does), the smallest shown non-zero cell of the column is hidden
 * too ("not shown"); when there is none left, the total is hidden instead. Money cells are hidden
 * with the count they rest on (spend with episodes; typical cost and savings with the episodes
 * that have a typical price), so a money column always has two hidden cells or none under a
 * shown total.
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
 * and what is known of each (its lowest and highest possible value)?
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
    return lowest >= highest
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

/**
 * Protects a table of rows and their total (see the top of this file). `minimumContributors`:
 * a row (or the total) with episodes from fewer employers than this, but at least one, is hidden
 * whole. Rows keep their order; the total row's key is "total".
 */
export function protectTable(inputs: readonly TableInput[], options: { minimumContributors: number; totalContributors: number; totalLabel: string }): ReportTable {
  const totals = inputs.reduce((sum, r) => addTotals(sum, r.totals), { ...ZERO_TOTALS })
  const isWithheld = (contributors: number, episodes: number) => episodes > 0 && contributors < options.minimumContributors
  const rowCells = inputs.map((r) => cellsOf(r.totals, isWithheld(r.contributors, r.totals.episodes)))
  const totalCells = cellsOf(totals, isWithheld(options.totalContributors, totals.episodes))
  // Episodes first: a row hidden there is hidden in every other column before those are protected.
  protectColumn(rowCells.map((c) => c.episodes), totalCells.episodes)
  rowCells.forEach((cells, i) => {
    if (!cells.episodes.isHidden) return
    const row = { isHidden: true, highest: cells.episodes.highest }
    const t = inputs[i]!.totals
    Object.assign(cells, { priced: countCell(t.pricedEpisodes, row), complications: countCell(t.complications, row), readmissions: countCell(t.readmissions, row) })
  })
  if (totalCells.episodes.isHidden) {
    const row = { isHidden: true, highest: Infinity }
    Object.assign(totalCells, { priced: countCell(totals.pricedEpisodes, row), complications: countCell(totals.complications, row), readmissions: countCell(totals.readmissions, row) })
  }
  for (const column of ['priced', 'complications', 'readmissions'] as const) protectColumn(rowCells.map((c) => c[column]), totalCells[column])
  return {
    rows: inputs.map((r, i) => ({ key: r.key, label: r.label, ...figuresOf(r.totals, rowCells[i]!) })),
    total: { key: 'total', label: options.totalLabel, ...figuresOf(totals, totalCells) },
  }
}

/** A row with nothing hidden (an employer's own figures, which it sees in full on its dashboard). */
export function plainRow(key: string, label: string, t: EpisodeTotals): ReportRow {
  const open = (value: number) => visible(value)
  return { key, label, ...figuresOfPlain(t, { episodes: open(t.episodes), priced: open(t.pricedEpisodes), complications: open(t.complications), readmissions: open(t.readmissions) }) }
}

function figuresOfPlain(t: EpisodeTotals, cells: CellSet): Record<FigureKey, Figure> {
  const rate = (count: number, denominator: number) => (denominator === 0 ? NONE : shown(count / denominator))
  return {
    ...figuresOf(t, cells),
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

/** The coalition admin's report: every member's episodes pooled by procedure, protected. */
export function coalitionReport(aggregates: readonly EmployerProcedureTotals[]): CoalitionReport {
  const contributingMembers = new Set(aggregates.filter((a) => a.episodes > 0).map((a) => a.employerId)).size
  const table = protectTable(poolByProcedure(aggregates), { minimumContributors: 1, totalContributors: contributingMembers, totalLabel: 'All procedures' })
  return { table, contributingMembers }
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
 * A member employer's view: its own figures in full, the other members' together (protected, and
 * hidden wherever one other employer alone stands behind them), and the whole coalition's, shown
 * only where the other members' figure is (coalition − own = others).
 */
export function memberReport(aggregates: readonly EmployerProcedureTotals[], employerId: string): MemberReport {
  const own = aggregates.filter((a) => a.employerId === employerId)
  const others = aggregates.filter((a) => a.employerId !== employerId)
  const otherContributingMembers = new Set(others.filter((a) => a.episodes > 0).map((a) => a.employerId)).size
  const ownRows = new Map(poolByProcedure(own).map((r) => [r.key, r]))
  const otherRows = new Map(poolByProcedure(others).map((r) => [r.key, r]))
  // Every procedure of either side, in one order; a side without it counts zero there.
  const keys = poolByProcedure(aggregates).map((r) => ({ key: r.key, label: r.label }))
  const othersTable = protectTable(
    keys.map((k) => otherRows.get(k.key) ?? { ...k, contributors: 0, totals: { ...ZERO_TOTALS } }),
    { minimumContributors: MINIMUM_OTHER_MEMBERS, totalContributors: otherContributingMembers, totalLabel: 'All procedures' },
  )
  const ownTotals = own.reduce<EpisodeTotals>((sum, a) => addTotals(sum, a), { ...ZERO_TOTALS })
  const otherTotals = others.reduce<EpisodeTotals>((sum, a) => addTotals(sum, a), { ...ZERO_TOTALS })
  const combine = (key: string, label: string, ownT: EpisodeTotals, otherT: EpisodeTotals, othersRow: ReportRow): MemberRow => {
    const ownRow = plainRow(key, label, ownT)
    const whole = plainRow(key, label, addTotals(ownT, otherT))
    const coalition = { key, label } as ReportRow
    const others = { key, label } as ReportRow
    for (const f of FIGURE_KEYS) {
      // One other member: even its zeros are its own (which procedures it had none of).
      others[f] = otherContributingMembers === 1 ? HIDDEN : othersRow[f]
      coalition[f] = others[f].state === 'shown' || others[f].state === 'none' ? whole[f] : HIDDEN
    }
    return { key, label, own: ownRow, others, coalition }
  }
  const rows = keys.map((k, i) => combine(k.key, k.label, ownRows.get(k.key)?.totals ?? ZERO_TOTALS, otherRows.get(k.key)?.totals ?? ZERO_TOTALS, othersTable.rows[i]!))
  return {
    rows,
    total: combine('total', 'All procedures', ownTotals, otherTotals, othersTable.total),
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
  return memberships.some((m) => m.employerId === episode.employerId && m.joinedOn <= day && (m.lastDay === null || day <= m.lastDay))
}

/** Totals per employer and procedure of the episodes that count for the coalition. */
export function totalsByEmployerAndProcedure(episodes: readonly PricedEpisode[], memberships: readonly MembershipSpan[]): EmployerProcedureTotals[] {
  const byKey = new Map<string, EmployerProcedureTotals>()
  for (const e of episodes) {
    if (!isDuringMembership(e, memberships)) continue
    const key = `${e.employerId}|${e.procedureCode}`
    const t = byKey.get(key) ?? { ...ZERO_TOTALS, employerId: e.employerId, procedureCode: e.procedureCode, procedureName: e.procedureName }
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
