import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { MemberCostExplanation, ProposalCenter, ProposalScenario, ProposalSnapshot, ScenarioDesign } from '~/domain/proposals/proposal'
import { renderProposalPdf } from '~/services/proposal-pdf.server'
import { pdfPages } from '../support/pdf-pages'

const KNEE = { code: '27447', name: 'Total knee replacement' }
const HIP = { code: '27130', name: 'Total hip replacement' }
const SPINE = { code: '22633', name: 'Lumbar spinal fusion' }

const DESIGN: ScenarioDesign = {
  benefit: { deductibleWaived: true, coinsuranceWaived: true, coeCopayCents: 0, completionIncentiveCents: 50_000, outsideRule: 'plan_terms', outsideCoinsuranceRate: null },
  travel: {
    minDistanceMiles: 50, companionCovered: true, flyThresholdMiles: 350, mileageRateCents: 70, airfareAllowanceCents: 60_000, lodgingNights: null,
    lodgingNightlyCapCents: 15_000, mealsPerDiemCents: 6_000, travelCapCents: 500_000,
  },
  adoptionRate: 0.4,
  nightsAway: [{ code: KNEE.code, nights: 5 }, { code: HIP.code, nights: 5 }],
}

const PLANS: MemberCostExplanation = {
  irsMinimum: { year: 2026, selfCents: 170_000, familyCents: 340_000 },
  byPlan: [
    { planName: 'Choice PPO', coverage: 'individual', isHsaQualified: false, programCases: 10, memberPaysCents: 0, hsaMinimumCents: 0, deductibleCents: 0, coinsuranceCents: 0, copayCents: 0, cappedShare: 0, deductiblePlanCents: 150_000, coinsuranceRate: 0.2 },
    { planName: 'Choice PPO', coverage: 'family', isHsaQualified: false, programCases: 8, memberPaysCents: 0, hsaMinimumCents: 0, deductibleCents: 0, coinsuranceCents: 0, copayCents: 0, cappedShare: 0, deductiblePlanCents: 300_000, coinsuranceRate: 0.2 },
    { planName: 'Saver HDHP with HSA', coverage: 'individual', isHsaQualified: true, programCases: 4, memberPaysCents: 170_000, hsaMinimumCents: 170_000, deductibleCents: 0, coinsuranceCents: 0, copayCents: 0, cappedShare: 0, deductiblePlanCents: 300_000, coinsuranceRate: 0.1 },
    { planName: 'Saver HDHP with HSA', coverage: 'family', isHsaQualified: true, programCases: 3, memberPaysCents: 340_000, hsaMinimumCents: 340_000, deductibleCents: 0, coinsuranceCents: 0, copayCents: 0, cappedShare: 0, deductiblePlanCents: 600_000, coinsuranceRate: 0.1 },
  ],
}

const CITIES: Array<[string, string, number, number]> = [
  ['Columbus', 'OH', 467, 172], ['Cleveland', 'OH', 478, 150], ['Rochester', 'MN', 370, 120], ['Houston', 'TX', 330, 330], ['Denver', 'CO', 220, 190],
  ['Baltimore', 'MD', 545, 175], ['Boston', 'MA', 590, 110], ['Phoenix', 'AZ', 130, 270], ['Seattle', 'WA', 70, 40],
]
const centers = (n: number): ProposalCenter[] =>
  CITIES.slice(0, n).map(([city, state, x, y], i) => ({ facilityId: `f${i}`, name: `${city} General Hospital`, city, state, procedures: [KNEE.code, HIP.code], x, y }))

function scenario(overrides: Partial<ProposalScenario> & Pick<ProposalScenario, 'id' | 'name'>): ProposalScenario {
  return {
    isRecommended: false,
    procedures: [KNEE, HIP],
    centerCount: 9,
    benefitLines: ['Deductible waived', 'Coinsurance waived at program centers'],
    travelLines: ['Travel covered from 50 miles, cap $5,000', 'Companion travel covered'],
    design: DESIGN,
    centers: centers(9),
    memberCost: PLANS,
    metrics: {
      expectedCases: 42,
      programCases: 25,
      spendWithoutProgramCents: 168_000_000,
      spendWithProgramCents: 131_250_000,
      netSavingsCents: 36_750_000,
      savingsRate: 0.21875,
      memberCostPerCaseCents: 68_000,
      access: [
        { code: KNEE.code, within50: 0.381, within100: 0.682, within250: 0.940 },
        { code: HIP.code, within50: 0.330, within100: 0.624, within250: 0.931 },
      ],
      quality: { centers: 9, averageStars: 4.2, betterComplicationShare: 0.67, betterReadmissionShare: 0.56 },
    },
    ...overrides,
  }
}

const snapshot: ProposalSnapshot = {
  title: 'Centers of Excellence proposal 2027',
  brokerName: 'Harbor Benefits Group',
  brokerContact: { name: 'Jordan Alvarez', email: 'jordan@harbor.example' },
  clientName: 'Acme Manufacturing',
  createdAt: '2026-11-23T15:30:00.000Z',
  coveredMembers: 4_812,
  map: {
    width: 640,
    height: 400,
    members: [
      { x: 467, y: 172, members: 2_100 }, { x: 470, y: 165, members: 900 }, { x: 330, y: 330, members: 1_200 }, { x: 545, y: 175, members: 612 },
    ],
  },
  scenarios: [
    scenario({
      id: 'sc-regional',
      name: 'Regional orthopedic network',
      centerCount: 4,
      centers: centers(4),
      design: { ...DESIGN, benefit: { ...DESIGN.benefit, coinsuranceWaived: false, outsideRule: 'higher_coinsurance', outsideCoinsuranceRate: 0.4 }, travel: { ...DESIGN.travel, minDistanceMiles: 100, travelCapCents: 250_000 } },
      benefitLines: ['Deductible waived for knee and hip replacement', 'Coinsurance reduced to 10% at program centers'],
      travelLines: ['Travel covered from 100 miles, cap $2,500'],
      metrics: {
        expectedCases: 42,
        programCases: 18,
        spendWithoutProgramCents: 168_000_000,
        spendWithProgramCents: 146_700_000,
        netSavingsCents: 21_300_000,
        savingsRate: 0.1268,
        memberCostPerCaseCents: 85_000,
        access: [
          { code: KNEE.code, within50: 0.242, within100: 0.496, within250: 0.838 },
          { code: HIP.code, within50: 0.242, within100: 0.496, within250: 0.838 },
        ],
        quality: { centers: 4, averageStars: 3.8, betterComplicationShare: 0.5, betterReadmissionShare: 0.25 },
      },
    }),
    scenario({ id: 'sc-national', name: 'National network, full waiver', isRecommended: true, design: { ...DESIGN, benefit: { ...DESIGN.benefit, completionIncentiveCents: 100_000 } } }),
    scenario({
      id: 'sc-spine',
      name: 'National network with spine',
      procedures: [KNEE, HIP, SPINE],
      centerCount: 9,
      design: { ...DESIGN, nightsAway: [...DESIGN.nightsAway, { code: SPINE.code, nights: 4 }] },
      metrics: {
        expectedCases: 61,
        programCases: 33,
        spendWithoutProgramCents: 271_500_000,
        spendWithProgramCents: 229_800_000,
        netSavingsCents: 41_700_000,
        savingsRate: 0.1536,
        memberCostPerCaseCents: 12_500,
        access: [
          { code: KNEE.code, within50: 0.381, within100: 0.682, within250: 0.940 },
          { code: HIP.code, within50: 0.330, within100: 0.624, within250: 0.931 },
          { code: SPINE.code, within50: 0.196, within100: 0.452, within250: 0.898 },
        ],
        quality: { centers: 9, averageStars: 4.1, betterComplicationShare: 0.64, betterReadmissionShare: 0.5 },
      },
    }),
  ],
  assumptions: [
    'Cases projected from the client census of 4,812 covered members and national incidence rates by age and sex.',
    'Program take-up of 60% when the deductible and coinsurance are waived, 40% when only reduced.',
    'Spend without the program uses the median allowed amount in the client’s region; spend with the program uses the bundled prices the centers offered.',
    'Travel costs are included in spend with the program at the caps shown.',
  ],
  sources: [
    'CMS Hospital Compare, Complications and Deaths and Unplanned Hospital Visits, October 2026 release.',
    'CMS Overall Hospital Quality Star Rating, July 2026.',
    'Center bundled-price offers on file as of November 2026.',
  ],
}

/** A proposal frozen before issue 20: no design, centers, member cost, contact or map. */
const OLD_SNAPSHOT: ProposalSnapshot = {
  ...snapshot,
  brokerContact: null,
  map: null,
  scenarios: snapshot.scenarios.map((s) => ({ ...s, design: null, centers: [], memberCost: null })),
}

const pageTexts = async (pdf: Buffer) => (await pdfPages(pdf)).map((page) => page.text)

/** A page that is not the last carries at least this much text (a page of only a map, or mostly blank, has far less)… */
const MIN_TEXT_PER_PAGE = 900
/** …and its body reaches at least this far down the page (a block pushed to the next page leaves less than a third empty). */
const MIN_FILL = 0.7

const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'proposal-pdf-'))
afterAll(() => fs.rmSync(tmpDir, { recursive: true, force: true }))

function hasCommand(name: string) {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

describe('renderProposalPdf', () => {
  it('renders a PDF, the same bytes for the same snapshot', async () => {
    const pdf = await renderProposalPdf(snapshot)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.length).toBeGreaterThan(2_000)
    expect((await renderProposalPdf(snapshot)).equals(pdf)).toBe(true)
  })

  it('opens with a one-page executive summary: client, recommendation, savings, access, what members pay, key differences, the broker', async () => {
    const pages = await pageTexts(await renderProposalPdf(snapshot))
    const first = pages[0]!
    expect(first).toContain('Centers of Excellence proposal 2027')
    expect(first).toContain('Prepared by Harbor Benefits Group for Acme Manufacturing')
    expect(first).toContain('Your contact: Jordan Alvarez, Harbor Benefits Group · jordan@harbor.example')
    expect(first).toContain('November 23, 2026')
    expect(first).toContain('4,812 covered members')
    for (const label of ['Executive summary', 'Client', 'Recommendation', 'Headline savings', 'Access', 'What members pay', 'Key differences']) expect(first).toContain(label)
    expect(first).toContain('National network, full waiver: Total knee replacement, Total hip replacement at 9 centers')
    expect(first).toContain('$367,500 a year projected net savings, 21.9% of $1,680,000')
    expect(first).toContain('Total knee replacement: 38% of members within 50 miles of a center, 68% within 100, 94% within 250.')
    expect(first).toContain('$680 a program case on average (Choice PPO $0; Saver HDHP with HSA $1,700 self-only, $3,400 family)')
    expect(first).toContain('Members who complete care at a center receive $1,000.')
    // How the recommended scenario differs from each other one, in its design and figures.
    expect(first).toContain('Against Regional orthopedic network: net savings $367,500 vs $213,000 a year')
    expect(first).toContain('coinsurance at a center: waived vs applies')
    expect(first).toContain('completion incentive (paid to the member): $1,000 vs $500')
    expect(first).toContain('Against National network with spine:')
    // The spend chart is on the summary page, drawn as vectors with its values.
    expect(first).toContain('Spend a year')
    expect(first).toContain('Without the program')
    expect(first).toContain('$2,298,000')
  })

  it('compares the figures and the design rules with the differences marked, explains member cost, maps every scenario', async () => {
    const pages = await pageTexts(await renderProposalPdf(snapshot))
    const text = pages.join('\n')
    for (const heading of ['Scenario comparison', 'What members pay per program case', 'Members and centers', 'Assumptions', 'Sources']) expect(text).toContain(heading)
    expect(text).not.toContain('Scenario details')
    // Money in whole dollars, percentages with one decimal; access as shares of members.
    for (const figure of ['$1,680,000', '$1,312,500', '$367,500', '$417,000', '$850', '21.9%', '12.7%', '50 mi: 38%', '250 mi: 94%']) expect(text).toContain(figure)
    // Design rows, with "DIFFERS" beside the rules the scenarios do not share.
    for (const row of ['Deductible at a center', 'Coinsurance outside the program', 'Travel covered from', 'Mileage rate', 'Lodging nights', 'Travel cap', 'Procedures covered', 'Centers']) {
      expect(text).toContain(row)
    }
    expect(text).toMatch(/Completion incentive \(paid to the member\) DIFFERS/)
    expect(text).toMatch(/Coinsurance outside the program DIFFERS/)
    expect(text).not.toMatch(/Deductible at a center DIFFERS/)
    expect(text).toContain('40%')
    expect(text).toContain("The procedure's nights away (Total knee replacement 5; Total hip replacement 5)")
    // Member cost: the HSA rule in words, and each plan's figure.
    expect(text).toContain('IRS minimum deductible ($1,700 self-only, $3,400 family in 2026)')
    expect(text).toContain('Saver HDHP with HSA (HSA-qualified), family: $3,400 a case ($3,400 up to the IRS minimum deductible) · 12% of program cases')
    // Each map lists its centers beside it.
    expect(text).toContain('Regional orthopedic network: 4 centers')
    expect(text).toContain('Seattle General Hospital, Seattle, WA')
    expect(text).toContain('CMS Overall Hospital Quality Star Rating, July 2026.')
  })

  it('leaves no page mostly empty, and footers every page with the firm and the page count', async () => {
    for (const proposal of [snapshot, { ...snapshot, scenarios: snapshot.scenarios.slice(0, 2) }, OLD_SNAPSHOT]) {
      const pages = await pdfPages(await renderProposalPdf(proposal))
      expect(pages.length).toBeGreaterThanOrEqual(3)
      pages.slice(0, -1).forEach((page, index) => {
        expect(page.text.length, `text on page ${index + 1} of ${pages.length}`).toBeGreaterThanOrEqual(MIN_TEXT_PER_PAGE)
        expect(page.fill, `fill of page ${index + 1} of ${pages.length}`).toBeGreaterThanOrEqual(MIN_FILL)
      })
      pages.forEach((page, index) => expect(page.text).toContain(`Harbor Benefits Group · Centers of Excellence proposal 2027 · page ${index + 1} of ${pages.length}`))
    }
  })

  it('still renders a proposal frozen before the design rows, with its rule lines', async () => {
    const text = (await pageTexts(await renderProposalPdf(OLD_SNAPSHOT))).join('\n')
    expect(text).toContain('Scenario details')
    expect(text).toContain('Coinsurance reduced to 10% at program centers')
    expect(text).not.toContain('Your contact')
    expect(text).not.toContain('Members and centers')
  })

  it.skipIf(!hasCommand('pdftotext'))('reads the same with poppler (pdftotext), as clients print it', async () => {
    const file = path.join(tmpDir, 'proposal.pdf')
    fs.writeFileSync(file, await renderProposalPdf(snapshot))
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    expect(text).toContain('Prepared by Harbor Benefits Group for Acme Manufacturing')
    expect(text).toContain('jordan@harbor.example')
    expect(text).toContain('DIFFERS')
    if (process.env.PROPOSAL_PDF_OUT) fs.copyFileSync(file, process.env.PROPOSAL_PDF_OUT)
  })
})
