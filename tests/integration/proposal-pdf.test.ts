import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ProposalScenario, ProposalSnapshot } from '~/domain/proposals/proposal'
import { renderProposalPdf } from '~/services/proposal-pdf.server'

const KNEE = { code: '27447', name: 'Total knee replacement' }
const HIP = { code: '27130', name: 'Total hip replacement' }
const SPINE = { code: '22633', name: 'Lumbar spinal fusion' }

function scenario(overrides: Partial<ProposalScenario> & Pick<ProposalScenario, 'id' | 'name'>): ProposalScenario {
  return {
    isRecommended: false,
    procedures: [KNEE, HIP],
    centerCount: 9,
    benefitLines: ['Deductible waived', 'Coinsurance waived at program centers'],
    travelLines: ['Travel covered from 50 miles, cap $5,000', 'Companion travel covered'],
    metrics: {
      expectedCases: 42,
      programCases: 25,
      spendWithoutProgramCents: 168_000_000,
      spendWithProgramCents: 131_250_000,
      netSavingsCents: 36_750_000,
      savingsRate: 0.21875,
      memberCostPerCaseCents: 0,
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
  clientName: 'Acme Manufacturing',
  createdAt: '2026-11-23T15:30:00.000Z',
  coveredMembers: 4_812,
  scenarios: [
    scenario({
      id: 'sc-regional',
      name: 'Regional orthopedic network',
      centerCount: 4,
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
    scenario({ id: 'sc-national', name: 'National network, full waiver', isRecommended: true }),
    scenario({
      id: 'sc-spine',
      name: 'National network with spine',
      procedures: [KNEE, HIP, SPINE],
      centerCount: 14,
      benefitLines: [
        'Deductible and coinsurance waived at program centers',
        'Second opinion required before lumbar fusion; members who decline keep their regular benefit',
      ],
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
        quality: { centers: 14, averageStars: 4.1, betterComplicationShare: 0.64, betterReadmissionShare: 0.5 },
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

  it.skipIf(!hasCommand('pdftotext'))('shows the header, the comparison, the scenarios and a footer on every page', async () => {
    const file = path.join(tmpDir, 'proposal.pdf')
    fs.writeFileSync(file, await renderProposalPdf(snapshot))
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    const pages = text.split('\f').filter((page) => page.trim() !== '')

    expect(text).toContain('Centers of Excellence proposal 2027')
    expect(text).toContain('Prepared by Harbor Benefits Group for Acme Manufacturing')
    expect(text).toContain('November 23, 2026')
    expect(text).toContain('4,812 covered members')
    expect(text).toContain('Recommended')
    for (const heading of ['Scenario comparison', 'Scenario details', 'Assumptions', 'Sources']) expect(text).toContain(heading)
    for (const name of ['Regional orthopedic network', 'National network, full waiver', 'National network with spine']) expect(text).toContain(name)
    // Money in whole dollars, percentages with one decimal.
    for (const figure of ['$1,680,000', '$1,312,500', '$367,500', '$417,000', '$850', '21.9%', '12.7%']) expect(text).toContain(figure)
    // Access as shares of members: 0.381 of members within 50 miles of a knee center → 38%.
    expect(text).toContain('50 mi: 38%')
    expect(text).toContain('250 mi: 94%')
    expect(text).toContain('Second opinion required before lumbar fusion')
    expect(text).toContain('CMS Overall Hospital Quality Star Rating, July 2026.')

    expect(pages.length).toBeGreaterThanOrEqual(2)
    pages.forEach((page, index) => expect(page).toContain(`Harbor Benefits Group · Centers of Excellence proposal 2027 · page ${index + 1} of ${pages.length}`))
  })
})
