import { describe, expect, it } from 'vitest'
import { designGroups, differencesBetween } from '~/domain/proposals/design'
import { DESIGN, scenario } from './fixtures'

const higher = scenario('Higher', {
  design: { ...DESIGN, benefit: { ...DESIGN.benefit, completionIncentiveCents: 100_000, outsideRule: 'higher_coinsurance', outsideCoinsuranceRate: 0.4 } },
  centers: [{ facilityId: 'f1', name: 'Riverside', city: 'Columbus', state: 'OH', procedures: ['TKA'], x: 1, y: 1 }],
  centerCount: 1,
})

describe('designGroups', () => {
  const groups = designGroups([scenario('Today'), higher])
  const row = (label: string) => groups.flatMap((g) => g.rows).find((r) => r.label === label)!

  it('says every rule as a value per scenario and marks the rows that differ', () => {
    expect(groups.map((g) => g.title)).toEqual(['Benefit rules', 'Travel rules', 'Network and assumption'])
    expect(row('Completion incentive (paid to the member)')).toMatchObject({ values: ['$500', '$1,000'], differs: true })
    expect(row('Same procedure outside the program')).toMatchObject({ values: ['Normal plan terms', 'Higher coinsurance'], differs: true })
    expect(row('Coinsurance outside the program')).toMatchObject({ values: ["The plan's own", '40%'], differs: true })
    expect(row('Deductible at a center')).toMatchObject({ values: ['Waived', 'Waived'], differs: false })
    expect(row('Mileage rate').values).toEqual(['$0.70 a mile', '$0.70 a mile'])
    expect(row('Lodging nights').values[0]).toBe("The procedure's nights away (Total knee replacement 5)")
    expect(row('Centers')).toMatchObject({ values: ['2 centers', '1 center'], differs: true, items: [['Riverside, Columbus, OH', 'Lakeside, Cleveland, OH'], ['Riverside, Columbus, OH']] })
    expect(row('Procedures covered').differs).toBe(false)
  })

  it('has no rows for a proposal frozen without its design', () => {
    expect(designGroups([scenario('Old', { design: null }), higher])).toEqual([])
  })

  it('lists how one scenario differs from another', () => {
    expect(differencesBetween(groups, 1, 0).map((d) => [d.label, d.here, d.there, d.onlyHere, d.onlyThere])).toEqual([
      ['Completion incentive (paid to the member)', '$1,000', '$500', 0, 0],
      ['Same procedure outside the program', 'Higher coinsurance', 'Normal plan terms', 0, 0],
      ['Coinsurance outside the program', '40%', "The plan's own", 0, 0],
      ['Centers', '1 center', '2 centers', 0, 1],
    ])
  })
})
