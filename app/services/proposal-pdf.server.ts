import { formatCents } from '~/domain/money'
import { designGroups, type DesignGroup } from '~/domain/proposals/design'
import { memberCostWords } from '~/domain/proposals/member-cost'
import type { ProposalMap, ProposalScenario, ProposalSnapshot } from '~/domain/proposals/proposal'
import { executiveSummary } from '~/domain/proposals/summary'
import { drawUsMap } from '~/integrations/state-map.server'
import {
  ACCENT,
  BOLD,
  BULLET_INDENT,
  bulletItems,
  CONTENT_WIDTH,
  drawPageFooters,
  INK,
  MARGIN,
  MUTED,
  OBLIQUE,
  PILL_HEIGHT,
  REGULAR,
  renderPdf,
  RULE,
  sectionHeading,
  ZEBRA,
  type FlowItem,
  type Layout,
} from './pdf-layout.server'

/**
 * A broker's proposal as a PDF (issues 6 and 20): page 1 is the executive summary (header with
 * the broker firm and contact, the summary, the spend chart); then the comparison of figures and
 * design rules (differences marked), what members pay and why, a map per scenario with its
 * centers, the assumptions and sources. Sections flow one after another (a block moves to the
 * next page only when it does not fit), so no page is left mostly empty. The page layout is
 * ./pdf-layout.server.ts; the output is byte-for-byte the same for the same snapshot because the
 * document dates come from the snapshot.
 */
export function renderProposalPdf(snapshot: ProposalSnapshot): Promise<Buffer> {
  const createdAt = new Date(snapshot.createdAt)
  const info = {
    Title: snapshot.title,
    Author: snapshot.brokerContact ? `${snapshot.brokerContact.name}, ${snapshot.brokerName}` : snapshot.brokerName,
    Subject: `Proposal for ${snapshot.clientName}`,
    CreationDate: createdAt,
    ModDate: createdAt,
  }
  return renderPdf(info, (layout) => {
    const hasDesign = snapshot.scenarios.length > 0 && snapshot.scenarios.every((s) => s.design !== null)
    drawHeader(layout, snapshot, createdAt)
    drawSummary(layout, snapshot)
    drawSpendChart(layout, snapshot.scenarios)
    drawComparison(layout, snapshot.scenarios)
    if (hasDesign) drawMemberCost(layout, snapshot.scenarios)
    if (snapshot.map) drawMaps(layout, snapshot.scenarios, snapshot.map)
    if (!hasDesign) drawScenarioDetails(layout, snapshot.scenarios)
    layout.section('Assumptions', bulletItems(snapshot.assumptions, 'No assumptions recorded.'))
    layout.section('Sources', bulletItems(snapshot.sources, 'No sources recorded.'))
    drawPageFooters(layout.doc, snapshot.brokerName, snapshot.title)
  })
}

const RECOMMENDED_TINT = '#e8f1fa'
const RECOMMENDED_LABEL = 'Recommended'
const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' })
const countFormat = new Intl.NumberFormat('en-US')

// ── Header and executive summary (page 1) ──────────────────────────────────────────────────

function drawHeader(layout: Layout, snapshot: ProposalSnapshot, createdAt: Date) {
  const contact = snapshot.brokerContact
  layout.flow([
    { text: snapshot.title, font: BOLD, size: 22, color: ACCENT },
    { text: `Prepared by ${snapshot.brokerName} for ${snapshot.clientName}`, font: REGULAR, size: 12, color: INK, spaceBefore: 8 },
    ...(contact ? [{ text: `Your contact: ${contact.name}, ${snapshot.brokerName} · ${contact.email}`, font: REGULAR, size: 10, color: INK, spaceBefore: 4 } satisfies FlowItem] : []),
    {
      text: `${dateFormat.format(createdAt)}  ·  ${countFormat.format(snapshot.coveredMembers)} covered members`,
      font: REGULAR,
      size: 10,
      color: MUTED,
      spaceBefore: 4,
    },
  ])
  layout.y += 12
  layout.rule(ACCENT, 1.5)
}

const SUMMARY_LABEL_WIDTH = 112
const SUMMARY_SIZE = 9.5

/** The executive summary: a label column and its lines, each block kept on one page. */
function drawSummary(layout: Layout, snapshot: ProposalSnapshot) {
  layout.flow([sectionHeading('Executive summary')])
  const textWidth = CONTENT_WIDTH - SUMMARY_LABEL_WIDTH
  for (const block of executiveSummary(snapshot)) {
    const heights = block.lines.map((line) => layout.textHeight(line, REGULAR, SUMMARY_SIZE, textWidth))
    const height = heights.reduce((sum, h) => sum + h + 3, 0) + 7
    layout.ensure(height)
    layout.y += 7
    layout.text(block.label, MARGIN, layout.y, SUMMARY_LABEL_WIDTH - 10, BOLD, SUMMARY_SIZE, ACCENT)
    block.lines.forEach((line, index) => {
      layout.text(line, MARGIN + SUMMARY_LABEL_WIDTH, layout.y, textWidth, REGULAR, SUMMARY_SIZE, INK)
      layout.y += heights[index]! + 3
    })
  }
}

const CHART_BAR = 10
const CHART_BAR_MIN = 6
const CHART_LABEL_WIDTH = 150
const WITHOUT_GREY = '#9aa5b4'

/** Spend a year without and with the program, per scenario: paired bars drawn as vectors, values beside them. */
function drawSpendChart(layout: Layout, scenarios: ProposalScenario[]) {
  if (scenarios.length === 0) return
  const { doc } = layout
  const intro: FlowItem = {
    text: 'On the covered procedures, without the program and with it (bundles, travel and incentives, less what members pay).',
    font: REGULAR,
    size: 9,
    color: MUTED,
    spaceBefore: 4,
  }
  // Bars thin down (to CHART_BAR_MIN) so the chart stays on the summary's page when it nearly fits.
  const above = layout.blockHeight([sectionHeading('Spend a year'), intro]) + 10
  const chartHeight = (barHeight: number) => scenarios.length * (2 * barHeight + 3 + 12) + 24
  const room = layout.remaining - above
  const barHeight = Math.max(CHART_BAR_MIN, Math.min(CHART_BAR, Math.floor(((room - 24) / scenarios.length - 15) / 2)))
  const fits = chartHeight(barHeight) <= room
  const bar = fits ? barHeight : CHART_BAR
  const groupHeight = 2 * bar + 3 + 12
  layout.ensure(above + chartHeight(bar))
  layout.flow([sectionHeading('Spend a year'), intro])
  layout.y += 10
  const max = Math.max(1, ...scenarios.flatMap((s) => [s.metrics.spendWithoutProgramCents, s.metrics.spendWithProgramCents]))
  const barSpace = CONTENT_WIDTH - CHART_LABEL_WIDTH - 70
  const length = (cents: number) => Math.max(0.5, (Math.max(0, cents) / max) * barSpace)
  scenarios.forEach((s) => {
    const top = layout.y
    const m = s.metrics
    layout.text(s.name, MARGIN, top, CHART_LABEL_WIDTH - 10, BOLD, 9, INK)
    const saves = m.netSavingsCents >= 0 ? `saves ${dollars(m.netSavingsCents)}` : `costs ${dollars(-m.netSavingsCents)} more`
    const nameHeight = layout.textHeight(s.name, BOLD, 9, CHART_LABEL_WIDTH - 10)
    layout.text(`${saves}${m.savingsRate === null ? '' : ` (${(m.savingsRate * 100).toFixed(1)}%)`}`, MARGIN, top + nameHeight + 1, CHART_LABEL_WIDTH - 10, REGULAR, 8, MUTED)
    const x = MARGIN + CHART_LABEL_WIDTH
    for (const [index, [cents, color]] of ([[m.spendWithoutProgramCents, WITHOUT_GREY], [m.spendWithProgramCents, ACCENT]] as const).entries()) {
      const y = top + index * (bar + 3)
      doc.save().rect(x, y, length(cents), bar).fill(color).restore()
      layout.text(dollars(cents), x + length(cents) + 5, y + bar / 2 - 4, 70, REGULAR, 8, INK)
    }
    layout.y = top + Math.max(groupHeight, nameHeight + 14)
  })
  // Legend.
  const y = layout.y + 2
  doc.save().rect(MARGIN + CHART_LABEL_WIDTH, y, 9, 9).fill(WITHOUT_GREY).restore()
  layout.text('Without the program', MARGIN + CHART_LABEL_WIDTH + 13, y + 1, 120, REGULAR, 8, MUTED)
  doc.save().rect(MARGIN + CHART_LABEL_WIDTH + 130, y, 9, 9).fill(ACCENT).restore()
  layout.text('With the program', MARGIN + CHART_LABEL_WIDTH + 143, y + 1, 120, REGULAR, 8, MUTED)
  layout.y = y + 14
}

const dollars = (cents: number) => formatCents(cents, { wholeDollars: true })

// ── Comparison table ───────────────────────────────────────────────────────────────────────

interface CellLine {
  text: string
  bold: boolean
}

interface TableRow {
  label: string
  cells: CellLine[][]
  /** A design rule on which the scenarios differ: tinted and labelled "differs". */
  differs?: boolean
}

interface TableGroup {
  title: string
  rows: TableRow[]
}

type Better = 'higher' | 'lower' | null

const CELL_SIZE = 9
const CELL_PAD_X = 6
const CELL_PAD_Y = 5
const GROUP_ROW_HEIGHT = 20
const DIFFERS_LINE = 10
const DIFFERS_TINT = '#fff3d6'
const DIFFERS_INK = '#8a5a00'

/** One comparable figure: `key` is the value as displayed (rounded), so visible ties bold together. */
interface Figure {
  text: string
  key: number | null
}

function numericRow(label: string, scenarios: ProposalScenario[], better: Better, figure: (scenario: ProposalScenario) => Figure): TableRow {
  const figures = scenarios.map(figure)
  const best = bestKeys(figures.map((f) => f.key), better)
  return { label, cells: figures.map((f) => [{ text: f.text, bold: f.key !== null && best.has(f.key) }]) }
}

/** The best value of a row, or none when every scenario shows the same figure. */
function bestKeys(keys: Array<number | null>, better: Better): Set<number> {
  const values = keys.filter((key): key is number => key !== null)
  if (better === null || values.length < 2 || values.every((value) => value === values[0])) return new Set()
  return new Set([better === 'higher' ? Math.max(...values) : Math.min(...values)])
}

function money(cents: number | null): Figure {
  if (cents === null) return { text: '—', key: null }
  const dollars = Math.round(cents / 100)
  return { text: formatCents(cents, { wholeDollars: true }), key: dollars }
}

function percent(rate: number | null, decimals: 0 | 1): Figure {
  if (rate === null) return { text: '—', key: null }
  const shown = Number((rate * 100).toFixed(decimals))
  return { text: `${shown.toFixed(decimals)}%`, key: shown }
}

function count(value: number): Figure {
  return { text: countFormat.format(value), key: value }
}

function caseCount(value: number): Figure {
  const shown = Number(value.toFixed(1))
  return { text: shown.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }), key: shown }
}

/** The design rows (rules, procedures, centers) as table groups; centers are said by count (the maps list them). */
function designTableGroups(groups: readonly DesignGroup[]): TableGroup[] {
  return groups.map((group) => ({
    title: group.title,
    rows: group.rows.map((row) => ({ label: row.label, differs: row.differs, cells: row.values.map((text) => [{ text, bold: false }]) })),
  }))
}

function comparisonGroups(scenarios: ProposalScenario[]): TableGroup[] {
  const design = designGroups(scenarios)
  const procedureNames = new Map<string, string>()
  for (const scenario of scenarios) for (const p of scenario.procedures) if (!procedureNames.has(p.code)) procedureNames.set(p.code, p.name)
  const accessCodes: string[] = []
  for (const scenario of scenarios) for (const a of scenario.metrics.access) if (!accessCodes.includes(a.code)) accessCodes.push(a.code)

  const accessRows = accessCodes.map((code): TableRow => {
    const entries = scenarios.map((scenario) => scenario.metrics.access.find((a) => a.code === code) ?? null)
    const radii = [
      { miles: 50, pick: (a: (typeof entries)[number]) => a?.within50 ?? null },
      { miles: 100, pick: (a: (typeof entries)[number]) => a?.within100 ?? null },
      { miles: 250, pick: (a: (typeof entries)[number]) => a?.within250 ?? null },
    ]
    const best = radii.map((radius) => bestKeys(entries.map(radius.pick), 'higher'))
    const name = procedureNames.get(code)
    return {
      label: name ? `${name} (${code})` : code,
      cells: entries.map((entry) =>
        entry === null
          ? [{ text: 'Not offered', bold: false }]
          : radii.map((radius, index) => {
              const value = radius.pick(entry)!
              return { text: `${radius.miles} mi: ${Math.round(value * 100)}%`, bold: best[index]!.has(value) }
            }),
      ),
    }
  })

  return [
    {
      title: design.length ? 'Cases a year' : 'Network',
      rows: [
        ...(design.length
          ? []
          : [
              { label: 'Procedures', cells: scenarios.map((s) => s.procedures.map((p) => ({ text: `${p.name} (${p.code})`, bold: false }))) },
              numericRow('Centers in network', scenarios, 'higher', (s) => count(s.centerCount)),
            ]),
        numericRow('Expected cases a year', scenarios, null, (s) => caseCount(s.metrics.expectedCases)),
        numericRow('Cases in the program', scenarios, null, (s) => caseCount(s.metrics.programCases)),
      ],
    },
    {
      title: 'Cost a year',
      rows: [
        numericRow('Spend without the program', scenarios, null, (s) => money(s.metrics.spendWithoutProgramCents)),
        numericRow('Spend with the program', scenarios, 'lower', (s) => money(s.metrics.spendWithProgramCents)),
        numericRow('Net savings', scenarios, 'higher', (s) => money(s.metrics.netSavingsCents)),
        numericRow('Savings %', scenarios, 'higher', (s) => percent(s.metrics.savingsRate, 1)),
        numericRow(design.length ? 'Member cost per program case (average; see What members pay)' : 'Member cost per program case', scenarios, 'lower', (s) =>
          money(s.metrics.memberCostPerCaseCents),
        ),
      ],
    },
    ...(accessRows.length > 0 ? [{ title: 'Members within 50 / 100 / 250 mi', rows: accessRows }] : []),
    {
      title: 'Quality',
      rows: [
        numericRow('Average CMS stars', scenarios, 'higher', (s) => {
          const stars = s.metrics.quality.averageStars
          return stars === null ? { text: '—', key: null } : { text: `${stars.toFixed(1)} of 5`, key: Number(stars.toFixed(1)) }
        }),
        numericRow('Centers better than the nation on complications', scenarios, 'higher', (s) =>
          percent(s.metrics.quality.betterComplicationShare, 0),
        ),
        numericRow('Centers better than the nation on readmissions', scenarios, 'higher', (s) =>
          percent(s.metrics.quality.betterReadmissionShare, 0),
        ),
      ],
    },
    ...designTableGroups(design),
  ]
}

function drawComparison(layout: Layout, scenarios: ProposalScenario[]) {
  const intro: FlowItem[] = [
    sectionHeading('Scenario comparison'),
    {
      text: "Projected for one year on the client's census. Bold marks the best figure in each row; the rules on which the scenarios differ are tinted and marked “differs”.",
      font: REGULAR,
      size: 9.5,
      color: MUTED,
      spaceBefore: 4,
    },
  ]
  if (scenarios.length === 0) {
    layout.flow([...intro, { text: 'No scenarios in this proposal.', font: OBLIQUE, size: 10, color: MUTED, spaceBefore: 8 }])
    return
  }
  const labelWidth = scenarios.length >= 4 ? 128 : scenarios.length === 3 ? 144 : 168
  const columnWidth = (CONTENT_WIDTH - labelWidth) / scenarios.length
  const columnX = (index: number) => MARGIN + labelWidth + index * columnWidth
  const recommended = scenarios.map((s) => s.isRecommended)
  const { doc } = layout

  const cellHeight = (lines: CellLine[], width: number) =>
    lines.reduce((sum, line) => sum + layout.textHeight(line.text, line.bold ? BOLD : REGULAR, CELL_SIZE, width - 2 * CELL_PAD_X), 0)
  const rowHeight = (row: TableRow) =>
    2 * CELL_PAD_Y +
    Math.max(
      layout.textHeight(row.label, REGULAR, CELL_SIZE, labelWidth - 2 * CELL_PAD_X) + (row.differs ? DIFFERS_LINE : 0),
      ...row.cells.map((lines) => cellHeight(lines, columnWidth)),
    )

  const headerNameHeight = (s: ProposalScenario) => layout.textHeight(s.name, BOLD, 10, columnWidth - 2 * CELL_PAD_X)
  const headerHeight = 2 * 7 + Math.max(...scenarios.map((s) => headerNameHeight(s) + (s.isRecommended ? PILL_HEIGHT + 5 : 0)))

  const drawTableHeader = (continued: boolean) => {
    doc.save().rect(MARGIN, layout.y, CONTENT_WIDTH, headerHeight).fill(ACCENT).restore()
    layout.text(continued ? 'Scenario (continued)' : 'Scenario', MARGIN + CELL_PAD_X, layout.y + 7, labelWidth - 2 * CELL_PAD_X, BOLD, 9, '#c9d8e8')
    scenarios.forEach((s, index) => {
      const x = columnX(index) + CELL_PAD_X
      layout.text(s.name, x, layout.y + 7, columnWidth - 2 * CELL_PAD_X, BOLD, 10, '#ffffff')
      if (s.isRecommended) layout.pill(RECOMMENDED_LABEL, x, layout.y + 7 + headerNameHeight(s) + 4, true)
    })
    layout.y += headerHeight
  }

  // Each row paints its background, then the line above it, so the tint never hides a line.
  const drawRow = (row: TableRow, height: number, zebra: boolean, firstInGroup: boolean) => {
    const top = layout.y
    if (row.differs) {
      doc.save().rect(MARGIN, top, CONTENT_WIDTH, height).fill(DIFFERS_TINT).restore()
      doc.save().rect(MARGIN, top, 3, height).fill(DIFFERS_INK).restore()
    } else {
      if (zebra) doc.save().rect(MARGIN, top, CONTENT_WIDTH, height).fill(ZEBRA).restore()
      recommended.forEach((isRecommended, index) => {
        if (isRecommended) doc.save().rect(columnX(index), top, columnWidth, height).fill(RECOMMENDED_TINT).restore()
      })
    }
    if (firstInGroup) layout.rule(ACCENT, 0.75)
    else layout.rule(RULE, 0.5)
    layout.text(row.label, MARGIN + CELL_PAD_X, top + CELL_PAD_Y, labelWidth - 2 * CELL_PAD_X, REGULAR, CELL_SIZE, MUTED)
    if (row.differs) {
      const labelHeight = layout.textHeight(row.label, REGULAR, CELL_SIZE, labelWidth - 2 * CELL_PAD_X)
      layout.text('DIFFERS', MARGIN + CELL_PAD_X, top + CELL_PAD_Y + labelHeight + 1.5, labelWidth - 2 * CELL_PAD_X, BOLD, 7, DIFFERS_INK)
    }
    row.cells.forEach((lines, index) => {
      let y = top + CELL_PAD_Y
      for (const line of lines) {
        const font = line.bold ? BOLD : REGULAR
        layout.text(line.text, columnX(index) + CELL_PAD_X, y, columnWidth - 2 * CELL_PAD_X, font, CELL_SIZE, INK)
        y += layout.textHeight(line.text, font, CELL_SIZE, columnWidth - 2 * CELL_PAD_X)
      }
    })
    layout.y = top + height
  }

  const drawGroupRow = (title: string) => {
    const top = layout.y
    recommended.forEach((isRecommended, index) => {
      if (isRecommended) doc.save().rect(columnX(index), top, columnWidth, GROUP_ROW_HEIGHT).fill(RECOMMENDED_TINT).restore()
    })
    layout.rule(RULE, 0.5)
    layout.text(title.toUpperCase(), MARGIN + CELL_PAD_X, top + 8, CONTENT_WIDTH - 2 * CELL_PAD_X, BOLD, 7.5, ACCENT)
    layout.y = top + GROUP_ROW_HEIGHT
  }

  // The heading, the table header and the first group heading and row stay together; a row never splits across pages.
  const groups = comparisonGroups(scenarios)
  const firstRow = groups[0]?.rows[0]
  layout.ensure(layout.blockHeight(intro) + 10 + headerHeight + GROUP_ROW_HEIGHT + (firstRow ? rowHeight(firstRow) : 0))
  layout.flow(intro)
  layout.y += 10
  drawTableHeader(false)
  for (const group of groups) {
    group.rows.forEach((row, index) => {
      const height = rowHeight(row)
      const needed = height + (index === 0 ? GROUP_ROW_HEIGHT : 0)
      let startsGroup = index === 0
      if (needed > layout.remaining) {
        layout.newPage()
        drawTableHeader(true)
        if (!startsGroup) drawGroupRow(`${group.title} (continued)`)
        startsGroup = true
      }
      if (index === 0) drawGroupRow(group.title)
      drawRow(row, height, index % 2 === 1, startsGroup)
    })
  }
  layout.rule(RULE, 0.5)
}

// ── What members pay ───────────────────────────────────────────────────────────────────────

/** How the per-case member cost is counted, then per scenario its rules and each plan's figure. */
function drawMemberCost(layout: Layout, scenarios: ProposalScenario[]) {
  const words = scenarios.map((s) => memberCostWords(s))
  scenarios.forEach((s, index) => {
    const average = s.metrics.memberCostPerCaseCents
    const items: FlowItem[] = [
      ...(index === 0
        ? [sectionHeading('What members pay per program case'), { text: words[0]!.how[0]!, font: REGULAR, size: 9.5, color: INK, spaceBefore: 6 } satisfies FlowItem]
        : []),
      {
        text: `${s.name}: ${average === null ? 'no program case projected' : `${dollars(average)} a case on average`}`,
        font: BOLD,
        size: 10.5,
        color: INK,
        spaceBefore: 12,
        keepWithNext: true,
        tag: s.isRecommended ? RECOMMENDED_LABEL : undefined,
      },
      ...words[index]!.how.slice(1).map((text): FlowItem => ({ text, font: REGULAR, size: 9.5, color: INK, spaceBefore: 3 })),
      ...(words[index]!.byPlan.length ? bulletItems(words[index]!.byPlan, '').map((item) => ({ ...item, size: 9.5, spaceBefore: 3 })) : []),
    ]
    // Not kept whole: a scenario's lines may run on to the next page (its name stays with the first).
    layout.flow(items)
  })
}

// ── Maps ───────────────────────────────────────────────────────────────────────────────────

const MAP_WIDTH = 288
const MAP_GAP = 14
const MAP_LIST_SIZE = 8
const MEMBER_BLUE = '#0b5c8e'
const PIN_RED = '#b3261e'

/** One US map (vector: state outlines, member circles, center pins) at (x, y), MAP_WIDTH wide. */
function drawMap(doc: PDFKit.PDFDocument, x: number, y: number, map: ProposalMap, statesPath: string, scenario: ProposalScenario) {
  const scale = MAP_WIDTH / map.width
  doc.save().rect(x, y, MAP_WIDTH, map.height * scale).lineWidth(0.5).fillAndStroke('#ffffff', RULE).restore()
  // Everything inside the frame (Alaska's islands reach past the projection's box).
  doc.save().rect(x, y, MAP_WIDTH, map.height * scale).clip()
  doc.save().translate(x, y).scale(scale).path(statesPath).lineWidth(0.6 / scale).fillAndStroke('#f4f6f9', '#b7c0cc').restore()
  const largest = Math.max(1, ...map.members.map((m) => m.members))
  for (const m of map.members) {
    const radius = (2 + 5 * Math.sqrt(m.members / largest)) * scale * 1.4
    doc.save().fillOpacity(0.4).circle(x + m.x * scale, y + m.y * scale, radius).fill(MEMBER_BLUE).restore()
  }
  for (const center of scenario.centers) {
    if (center.x === null || center.y === null) continue
    const px = x + center.x * scale
    const py = y + center.y * scale
    doc.save().moveTo(px, py).lineTo(px - 2.6, py - 5.5).lineTo(px + 2.6, py - 5.5).closePath().fill(PIN_RED).restore()
    doc.save().circle(px, py - 6.5, 3).lineWidth(0.6).fillAndStroke(PIN_RED, '#ffffff').restore()
  }
  doc.restore()
}

/**
 * Per scenario, the members map with its centers, and the centers listed beside it; a list longer
 * than the map runs on below it in two columns, and may continue on the next page, so a long
 * list never pushes the map away from a half-filled page.
 */
function drawMaps(layout: Layout, scenarios: ProposalScenario[], map: ProposalMap) {
  if (scenarios.length === 0) return
  const statesPath = drawUsMap([]).statesPath
  const mapHeight = map.height * (MAP_WIDTH / map.width)
  const besideX = MARGIN + MAP_WIDTH + MAP_GAP
  const besideWidth = CONTENT_WIDTH - MAP_WIDTH - MAP_GAP
  const columnWidth = (CONTENT_WIDTH - MAP_GAP) / 2
  const intro: FlowItem[] = [
    sectionHeading('Members and centers'),
    {
      text: "Blue circles: where the client's members live, counted by ZIP area (bigger = more members). Red pins: the scenario's centers, listed beside each map.",
      font: REGULAR,
      size: 9.5,
      color: MUTED,
      spaceBefore: 4,
    },
  ]
  const entryHeight = (text: string, width: number) => layout.textHeight(text, REGULAR, MAP_LIST_SIZE, width - BULLET_INDENT + 4) + 2
  const entry = (text: string, x: number, y: number, width: number) => {
    layout.text('•', x, y, 8, REGULAR, MAP_LIST_SIZE, MUTED)
    layout.text(text, x + BULLET_INDENT - 4, y, width - BULLET_INDENT + 4, REGULAR, MAP_LIST_SIZE, INK)
  }
  scenarios.forEach((s, index) => {
    const title = `${s.name}: ${s.centerCount} ${s.centerCount === 1 ? 'center' : 'centers'}`
    const titleHeight = layout.textHeight(title, BOLD, 10.5, CONTENT_WIDTH) + 6
    const names = s.centers.map((c) => `${c.name}, ${c.city}, ${c.state}`)
    // The title and the map stay together (with the section's heading before the first one).
    layout.ensure((index === 0 ? layout.blockHeight(intro) : 0) + 12 + titleHeight + mapHeight)
    if (index === 0) layout.flow(intro)
    layout.y += 12
    layout.text(title, MARGIN, layout.y, CONTENT_WIDTH, BOLD, 10.5, INK)
    if (s.isRecommended) layout.pill(RECOMMENDED_LABEL, MARGIN + layout.doc.font(BOLD).fontSize(10.5).widthOfString(title) + 10, layout.y - 1, false)
    layout.y += titleHeight
    const top = layout.y
    drawMap(layout.doc, MARGIN, top, map, statesPath, s)
    let y = top
    let shown = 0
    if (names.length === 0) layout.text('No center in the network.', besideX, y, besideWidth, OBLIQUE, MAP_LIST_SIZE, MUTED)
    while (shown < names.length && y + entryHeight(names[shown]!, besideWidth) <= top + mapHeight) {
      entry(names[shown]!, besideX, y, besideWidth)
      y += entryHeight(names[shown]!, besideWidth)
      shown++
    }
    layout.y = top + mapHeight + 6
    // The rest, two a row, under the map.
    for (let i = shown; i < names.length; i += 2) {
      const pair = names.slice(i, i + 2)
      const height = Math.max(...pair.map((name) => entryHeight(name, columnWidth)))
      if (height > layout.remaining) {
        layout.newPage()
        layout.text(`${s.name}: centers (continued)`, MARGIN, layout.y, CONTENT_WIDTH, BOLD, 9, INK)
        layout.y += 14
      }
      pair.forEach((name, column) => entry(name, MARGIN + column * (columnWidth + MAP_GAP), layout.y, columnWidth))
      layout.y += height
    }
    layout.y += 4
  })
}

// ── Scenario details ───────────────────────────────────────────────────────────────────────

function drawScenarioDetails(layout: Layout, scenarios: ProposalScenario[]) {
  if (scenarios.length === 0) return
  scenarios.forEach((scenario, index) => {
    const procedures = scenario.procedures.map((p) => p.name).join(', ')
    const centers = `${countFormat.format(scenario.centerCount)} ${scenario.centerCount === 1 ? 'center' : 'centers'} in network`
    // The section heading travels with the first scenario, so it is never left alone at a page end.
    const items: FlowItem[] = [
      ...(index === 0 ? [sectionHeading('Scenario details')] : []),
      {
        text: scenario.name,
        font: BOLD,
        size: 12,
        color: INK,
        spaceBefore: index === 0 ? 10 : 18,
        keepWithNext: true,
        tag: scenario.isRecommended ? RECOMMENDED_LABEL : undefined,
      },
      { text: procedures ? `${procedures}  ·  ${centers}` : centers, font: REGULAR, size: 9.5, color: MUTED, spaceBefore: 3 },
      { text: 'Benefits', font: BOLD, size: 10, color: ACCENT, spaceBefore: 8, keepWithNext: true },
      ...bulletItems(scenario.benefitLines, 'No benefit changes.').map((item) => ({ ...item, spaceBefore: 4 })),
      { text: 'Travel', font: BOLD, size: 10, color: ACCENT, spaceBefore: 8, keepWithNext: true },
      ...bulletItems(scenario.travelLines, 'No travel benefit.').map((item) => ({ ...item, spaceBefore: 4 })),
    ]
    layout.flow(items, true)
  })
}
