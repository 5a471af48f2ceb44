import {
  accessText,
  bundleText,
  COMPARISON_WORDS,
  comparisonCountsText,
  contractWarrantyText,
  differenceText,
  facilityOffersText,
  reconciledLines,
  starsText,
  tiersText,
  volumeText,
  warrantyText,
} from '~/domain/contracts/scorecard-text'
import { formatCents } from '~/domain/money'
import { ACCENT, BOLD, drawPageFooters, drawTable, INK, MUTED, OBLIQUE, REGULAR, renderPdf, sectionHeading, type FlowItem } from './pdf-layout.server'
import type { ScorecardView } from './scorecards.server'

/*
 * A health system's value scorecard as a PDF (issue 21): the same figures and words as its page
 * (app/domain/contracts/scorecard-text.ts), for the viewer's comparison, in the page layout the
 * proposal uses (./pdf-layout.server.ts). The document's date is the scorecard's day, so the same
 * data gives the same file.
 */

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' })

const text = (value: string, size = 9.5, color = INK, spaceBefore = 4): FlowItem => ({ text: value, font: REGULAR, size, color, spaceBefore })

export function renderScorecardPdf(view: ScorecardView): Promise<Buffer> {
  const date = new Date(`${view.generatedOn}T00:00:00Z`)
  const title = `${view.healthSystem.name}: value scorecard`
  const { scorecard } = view
  return renderPdf({ Title: title, Author: 'COE Marketplace', Subject: `Compared with the ${view.basis.label}`, CreationDate: date, ModDate: date }, (layout) => {
    layout.flow([
      { text: title, font: BOLD, size: 20, color: ACCENT },
      text(`${dateFormat.format(date)} · bundle prices against the ${view.basis.label}; CMS quality against the nation`, 10, MUTED, 6),
    ])
    layout.y += 10
    layout.rule(ACCENT, 1.5)

    layout.flow([
      sectionHeading('Prices'),
      text(view.basis.text),
      text(
        scorecard.proceduresCompared === 0
          ? 'No procedure has a typical price to compare with.'
          : `The median bundle price is below the typical price for ${scorecard.proceduresBelowTypical} of ${scorecard.proceduresCompared} ${scorecard.proceduresCompared === 1 ? 'procedure' : 'procedures'}.`,
        9.5,
        INK,
        4,
      ),
    ])
    layout.y += 8
    if (scorecard.procedures.length === 0) layout.flow([{ text: 'No offer in force.', font: OBLIQUE, size: 10, color: MUTED }])
    else {
      drawTable(
        layout,
        [
          { header: 'Procedure', share: 2 },
          { header: 'Bundle price', share: 2.4 },
          { header: 'Typical price', share: 1.2, align: 'right' },
          { header: 'Difference', share: 1.6 },
          { header: 'Warranty', share: 1 },
        ],
        scorecard.procedures.map((p) => [
          `${p.name} (${p.code})${p.hasDemoOffers ? ' · demo offers' : ''}`,
          bundleText(p),
          p.typicalPriceCents === null ? '—' : formatCents(p.typicalPriceCents, { wholeDollars: true }),
          differenceText(p),
          warrantyText(p),
        ]),
      )
      layout.flow([sectionHeading('Quality, volume and access'), text('CMS facts against the nation; complications and readmissions are CMS’s hip and knee replacement measures.')])
      layout.y += 8
      drawTable(
        layout,
        [
          { header: 'Procedure', share: 1.4 },
          { header: 'CMS stars', share: 1.1 },
          { header: 'Quality tiers', share: 1.3 },
          { header: 'Complications', share: 1.5 },
          { header: 'Readmissions', share: 1.5 },
          { header: 'Volume', share: 1.1 },
          { header: 'First appointment', share: 1.4 },
        ],
        scorecard.procedures.map((p) => [
          p.code,
          starsText(p),
          tiersText(p),
          comparisonCountsText(p.complication),
          comparisonCountsText(p.readmission),
          volumeText(p),
          accessText(p),
        ]),
      )
    }

    if (view.contracts.length > 0) {
      layout.section(
        'Your contracts with this health system',
        view.contracts.map((contract) =>
          text(`${contract.title} (version ${contract.version}): warranty ${contractWarrantyText(contract.warrantyDays, contract.warrantyCovers)}; first consult within ${contract.accessGuaranteeDays} days.`, 9.5, INK, 6),
        ),
      )
    }

    const results = scorecard.reconciled
    layout.section(
      'Reconciled contract results',
      results === 'hidden'
        ? [text(`${view.healthSystem.name} has not chosen to show its reconciled contract results.`, 9.5, MUTED, 6)]
        : results === 'none'
          ? [text('No contract period has been reconciled yet.', 9.5, MUTED, 6)]
          : [
              text('Every contract of the health system together; no purchaser is named.', 9.5, MUTED, 6),
              ...reconciledLines(results).map(([label, value]) => text(`${label}: ${value}`, 9.5, INK, 3)),
            ],
    )

    if (scorecard.facilities.length > 0) {
      layout.flow([
        sectionHeading('Facilities'),
        text(
          scorecard.facilityCount > scorecard.facilities.length
            ? `The first ${scorecard.facilities.length} of ${scorecard.facilityCount} facilities by name.`
            : `${scorecard.facilityCount} ${scorecard.facilityCount === 1 ? 'facility' : 'facilities'} with offers in force.`,
          9.5,
          MUTED,
        ),
      ])
      layout.y += 8
      drawTable(
        layout,
        [
          { header: 'Facility', share: 2.2 },
          { header: 'CMS stars', share: 0.8 },
          { header: 'Hip/knee complications', share: 1.3 },
          { header: 'Hip/knee readmissions', share: 1.3 },
          { header: 'Bundle prices (quality tier)', share: 3 },
        ],
        scorecard.facilities.map((f) => [
          `${f.name}, ${f.city}, ${f.state}`,
          f.starRating === null ? 'not rated' : `${f.starRating} of 5`,
          COMPARISON_WORDS[f.complication],
          COMPARISON_WORDS[f.readmission],
          facilityOffersText(f),
        ]),
      )
    }
    drawPageFooters(layout.doc, 'COE Marketplace', title)
  })
}
