import { describe, expect, it } from 'vitest'
import type { ProposalSnapshot } from '~/domain/proposals/proposal'
import { readProposalSnapshot } from '~/domain/proposals/proposal'
import { executiveSummary } from '~/domain/proposals/summary'
import { DESIGN, scenario } from './fixtures'

const snapshot: ProposalSnapshot = {
  title: 'Options', brokerName: 'Harbor', brokerContact: { name: 'Jordan', email: 'j@harbor.example' }, clientName: 'Acme', createdAt: '2026-11-23T00:00:00.000Z',
  coveredMembers: 1_200, map: null, assumptions: [], sources: [],
  scenarios: [
    scenario('Today'),
    scenario('Lean', {
      isRecommended: true,
      design: { ...DESIGN, benefit: { ...DESIGN.benefit, outsideRule: 'higher_coinsurance', outsideCoinsuranceRate: 0.4 } },
      metrics: { ...scenario('x').metrics, netSavingsCents: 3_000_000, savingsRate: 0.3 },
    }),
  ],
}

describe('executiveSummary', () => {
  const blocks = Object.fromEntries(executiveSummary(snapshot).map((b) => [b.label, b.lines]))

  it('tells the client, the recommendation, the savings, access, what members pay and the key differences', () => {
    expect(Object.keys(blocks)).toEqual(['Client', 'Recommendation', 'Headline savings', 'Access', 'What members pay', 'Key differences'])
    expect(blocks.Recommendation).toEqual(['Lean: Total knee replacement at 2 centers, chosen over Today.'])
    expect(blocks['Headline savings']![0]).toBe('$30,000 a year projected net savings, 30.0% of $100,000 spent without the program: 4.0 of 10.0 expected cases a year go to a center (40% adoption assumed).')
    expect(blocks.Access).toEqual(['Total knee replacement: 50% of members within 50 miles of a center, 75% within 100, 100% within 250.'])
    expect(blocks['What members pay']).toContain('Outside the program: 40% coinsurance. Members who complete care at a center receive $500.')
    expect(blocks['Key differences']).toEqual([
      "Against Today: net savings $30,000 vs $20,000 a year; same procedure outside the program: higher coinsurance vs normal plan terms; coinsurance outside the program: 40% vs the plan's own.",
    ])
  })
})

describe('readProposalSnapshot', () => {
  it('reads a proposal frozen before issue 20 with the new fields empty', () => {
    const { design: _design, centers: _centers, memberCost: _memberCost, ...old } = snapshot.scenarios[0]!
    const read = readProposalSnapshot(JSON.stringify({ title: 'Old', brokerName: 'Harbor', clientName: 'Acme', createdAt: snapshot.createdAt, coveredMembers: 5, assumptions: [], sources: [], scenarios: [old] }))
    expect(read).toMatchObject({ brokerContact: null, map: null, scenarios: [{ design: null, centers: [], memberCost: null }] })
  })
})
