import { describe, expect, it } from 'vitest'
import { publishProblems, type DraftForPublish } from '~/domain/programs/publish-checks'

const TKA = { id: 'p-tka', name: 'Total knee replacement', typicalNights: 2 }
const THA = { id: 'p-tha', name: 'Total hip replacement', typicalNights: 2 }
const offer = (procedureId: string, facilityName: string, extra: Partial<DraftForPublish['network'][number]> = {}) => ({
  procedureId,
  facilityName,
  offerStatus: 'active' as const,
  validFrom: '2026-01-01',
  validTo: null,
  ...extra,
})
const READY: DraftForPublish = {
  effectiveFrom: '2027-01-01',
  effectiveTo: null,
  procedures: [TKA, THA],
  network: [offer('p-tka', 'Summit Denver'), offer('p-tha', 'Summit Denver')],
  travel: { lodgingNights: null, lodgingNightlyCapCents: 17_500, travelCapCents: 500_000, minDistanceMiles: 50, flyThresholdMiles: 300 },
  previousEffectiveFrom: null,
}
const TODAY = '2026-11-23'

describe('publishProblems', () => {
  it('has nothing to say about a complete draft', () => {
    expect(publishProblems(READY, TODAY)).toEqual([])
  })

  it.each<[string, Partial<DraftForPublish>, string[]]>([
    ['a start date in the past', { effectiveFrom: '2026-11-22' }, ['The start date 2026-11-22 is in the past: choose today (2026-11-23) or later']],
    ['an end before the start', { effectiveTo: '2026-12-31' }, ['The end date is before the start date']],
    ['a start not after the previous version', { previousEffectiveFrom: '2027-01-01' }, ["The start date must be after the previous version's start (2027-01-01)"]],
    ['no procedures', { procedures: [], network: [] }, ['Choose at least one procedure to cover']],
    ['a covered procedure with no center', { network: [offer('p-tka', 'Summit Denver')] }, ['The network has no center for Total hip replacement']],
    [
      'an offer not yet valid at the start',
      { network: [offer('p-tka', 'Summit Denver'), offer('p-tha', 'Summit Denver', { validFrom: '2027-02-01' })] },
      ["No center's offer for Total hip replacement is valid on 2027-01-01"],
    ],
    [
      'an offer that ended before the start',
      { network: [offer('p-tka', 'Summit Denver'), offer('p-tha', 'Summit Denver'), offer('p-tha', 'Lakeshore Chicago', { validTo: '2026-12-31' })] },
      ["Lakeshore Chicago's Total hip replacement offer ends 2026-12-31, before the program starts"],
    ],
    [
      'a withdrawn offer',
      { network: [offer('p-tka', 'Summit Denver', { offerStatus: 'withdrawn' }), offer('p-tha', 'Summit Denver')] },
      [
        "No center's offer for Total knee replacement is valid on 2027-01-01",
        'Summit Denver has withdrawn its Total knee replacement offer: remove it from the network',
      ],
    ],
    ['a travel cap below one night of lodging', { travel: { ...READY.travel!, travelCapCents: 17_499 } }, ['The travel cap is below one night of lodging']],
    ['a flying distance below the travel distance', { travel: { ...READY.travel!, flyThresholdMiles: 40 } }, ['The flying distance is below the distance from which travel is covered']],
    ['no travel rules', { travel: null }, ['Set the travel rules']],
  ])('names %s', (_, change, messages) => {
    expect(publishProblems({ ...READY, ...change }, TODAY).map((p) => p.message)).toEqual(messages)
  })

  it('accepts a start of today, a cap of exactly one night, and a cap below a night when no lodging is paid', () => {
    expect(publishProblems({ ...READY, effectiveFrom: TODAY }, TODAY)).toEqual([])
    expect(publishProblems({ ...READY, travel: { ...READY.travel!, travelCapCents: 17_500 } }, TODAY)).toEqual([])
    expect(publishProblems({ ...READY, travel: { ...READY.travel!, lodgingNights: 0, travelCapCents: 10_000 } }, TODAY)).toEqual([])
  })

  it('tells which section each problem belongs to', () => {
    const problems = publishProblems({ ...READY, effectiveFrom: '2026-01-01', procedures: [], travel: null }, TODAY)
    expect(problems.map((p) => p.section)).toEqual(['details', 'procedures', 'travel'])
  })
})
