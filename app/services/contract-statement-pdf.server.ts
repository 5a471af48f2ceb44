import { formatCents } from '~/domain/money'
import { carryForwardWords, measuredText, periodInWords, periodLabel, settlementStatusWords, statementEpisodeRows, type StatementDocument, type StatementSettlement } from '~/domain/contracts/statement'
import { DIRECTION_LABELS, formatScore, formatTarget } from '~/domain/contracts/terms'
import { ACCENT, BOLD, bulletItems, drawFooters, INK, Layout, MUTED, pdfSafe, REGULAR, sectionHeading, startPdf, type FlowItem } from './pdf-layout.server'

/** A paragraph of the statement, in characters the PDF's font can draw. */
const text = (value: string, more: Partial<FlowItem> = {}): FlowItem => ({ text: pdfSafe(value), font: REGULAR, size: 9.5, color: INK, spaceBefore: 4, ...more })

/**
 * A stored reconciliation statement as a PDF (issue 21, ADR 0016 §8): the contract, parties,
 * version and terms fingerprint, the period; the settlement and who pays; totals; every formula
 * step; every goal with its measured value; every episode with every number of its line; the
 * warranty credits. The same numbers as the page and the CSV, from the same stored document;
 * byte-for-byte the same for the same statement (its dates come from the statement).
 */
export async function renderStatementPdf(document: StatementDocument, settlement: StatementSettlement): Promise<Buffer> {
  const closedAt = new Date(document.closedAt)
  const title = `Reconciliation statement: ${document.contract.title}`
  const { doc, bytes } = startPdf({ Title: pdfSafe(title), Subject: periodLabel(document.period), Author: `${document.contract.purchaserName} and ${document.contract.healthSystemName}`, CreationDate: closedAt, ModDate: closedAt })
  const layout = new Layout(doc)
  const r = document.reconciliation

  layout.flow([
    { text: pdfSafe(title), font: BOLD, size: 18, color: ACCENT },
    text(`${periodLabel(document.period)} · closed ${document.closedAt.slice(0, 10)} · episodes with procedure dates from ${document.attributedFrom} to ${document.period.periodEnd}`, { size: 10, spaceBefore: 6 }),
    text(`Purchaser: ${document.contract.purchaserName} · Health system: ${document.contract.healthSystemName}`, { size: 10 }),
    text(`Version ${document.version.number} · terms fingerprint (SHA-256) ${document.version.termsSha256}`, { size: 8, color: MUTED }),
  ])

  layout.section('Settlement', [
    text(settlement.words, { font: BOLD, size: 11, spaceBefore: 8 }),
    text(settlement.reason),
    text(settlementStatusWords(settlement)),
    ...(carryForwardWords(document) ? [text(carryForwardWords(document)!)] : []),
    ...(document.carriedFrom.length > 0
      ? [text(`Includes the episodes carried forward from ${document.carriedFrom.map(periodInWords).join(' and ')}.`)]
      : []),
  ])

  layout.section(
    'Totals',
    bulletItems(
      [
        `Episodes: ${r.episodeCount} (minimum ${r.minimumEpisodes})`,
        `Total benchmark Σ Bench: ${formatCents(r.totalBenchmarkCents)}`,
        `Actual spend Σ A: ${formatCents(r.totalActualSpendCents)}; counted after the outlier cap: ${formatCents(r.totalCountedSpendCents)}`,
        `Gross savings S: ${formatCents(r.grossSavingsCents)}`,
        `Composite quality Q: ${formatScore(r.compositeScore)} (gate ${formatScore(r.qualityGate)}: ${r.isGateMet ? 'met' : 'not met'})`,
        `Settlement: ${formatCents(r.settlementCents)}`,
      ].map(pdfSafe),
      '',
    ),
  )

  if (document.allocation) {
    // A coalition statement (issue 23): each member employer's share, by episodes, largest remainder.
    layout.section(
      'Allocation to member employers',
      bulletItems(
        document.allocation.map((line) => pdfSafe(`${line.employerName}: ${line.episodes} ${line.episodes === 1 ? 'episode' : 'episodes'}, ${formatCents(line.allocatedCents)}`)),
        '',
      ),
    )
  }

  layout.flow([sectionHeading('How the settlement is computed')])
  for (const step of r.steps) {
    layout.flow([text(`${step.label}: ${step.calculation}`, { font: BOLD, spaceBefore: 8, keepWithNext: true }), text(step.explanation, { color: MUTED, spaceBefore: 2 })], true)
  }

  layout.flow([sectionHeading('Quality goals')])
  if (r.goals.length === 0) layout.flow([text('No quality goals.')])
  for (const goal of r.goals) {
    layout.flow(
      [
        text(
          `${goal.label}: measured ${measuredText(goal)}; target ${formatTarget(goal.measure, goal.target)} (${DIRECTION_LABELS[goal.direction]}); weight ${formatScore(goal.weight)}: ${goal.isMet ? 'met' : 'not met'}`,
          { font: BOLD, spaceBefore: 8, keepWithNext: true },
        ),
        text(goal.explanation, { color: MUTED, spaceBefore: 2 }),
      ],
      true,
    )
  }

  layout.flow([
    sectionHeading(`Episodes (${r.episodeCount})`),
    text('A = bundle + travel + incentive + other claims within the warranty window − warranty credits; counted A = min(A, cap); savings = benchmark − counted A.', { color: MUTED, size: 8.5 }),
  ])
  if (r.episodes.length === 0) layout.flow([text('No episode was attributed to this period.')])
  for (const { line, facts } of statementEpisodeRows(document)) {
    const carried = facts.originalPeriod.sequence !== document.period.sequence ? ` (carried forward from period ${facts.originalPeriod.sequence})` : ''
    layout.flow(
      [
        text(`Case ${line.caseId} · ${line.procedureCode} · ${facts.facilityName} · procedure ${facts.procedureDate} · period ${facts.originalPeriod.sequence}${carried}`, {
          font: BOLD,
          size: 8.5,
          spaceBefore: 7,
          keepWithNext: true,
        }),
        text(
          `Benchmark ${formatCents(line.benchmarkCents)} · bundle ${formatCents(line.bundleCents)} · travel ${formatCents(line.travelPaidCents)} · incentive ${formatCents(line.incentiveCents)} · other claims ${formatCents(line.otherClaimsCents)} · warranty credits ${formatCents(line.warrantyCreditCents)} · A ${formatCents(line.actualSpendCents)} · cap ${formatCents(line.outlierCapCents)} · counted A ${formatCents(line.countedSpendCents)}${line.isTruncated ? ' (truncated at the cap)' : ''} · savings ${formatCents(line.savingsCents)}`,
          { size: 8.5, spaceBefore: 1 },
        ),
      ],
      true,
    )
  }

  const credits = document.warrantyCredits
  layout.flow([
    sectionHeading('Warranty credits'),
    text(
      credits.length === 0
        ? 'No warranty credit for these episodes.'
        : `${credits.length} ${credits.length === 1 ? 'credit' : 'credits'} from ${document.contract.healthSystemName} to ${document.contract.purchaserName}, ${formatCents(credits.reduce((total, credit) => total + credit.creditedCents, 0))} in all (counted in each episode's A above).`,
      { color: MUTED },
    ),
  ])
  for (const credit of credits) {
    layout.flow([
      text(
        `Case ${credit.caseId} · ${credit.kind} on ${credit.occurredOn} ${credit.place === 'center' ? 'at the center' : `elsewhere${credit.providerName ? ` (${credit.providerName})` : ''}`}: ${credit.description} · cost ${formatCents(credit.costCents)} · credited ${formatCents(credit.creditedCents)}`,
        { size: 8.5 },
      ),
    ])
  }

  drawFooters(doc, (page, pages, fits) => {
    const footer = (name: string) => `${name} · statement, period ${document.period.sequence} · page ${page} of ${pages}`
    let name = pdfSafe(document.contract.title)
    while (name.length > 1 && !fits(footer(name))) name = `${name.slice(0, -2).trimEnd()}…`
    return footer(name)
  })
  doc.end()
  return bytes
}
