import { describe, expect, it } from 'vitest'
import { describeSources, sourceDate, type SourceInputs } from '~/domain/proposals/sources'

const COMP = { measureCode: 'COMP_HIP_KNEE', source: 'CMS Complications and Deaths – Hospital', periodStart: '2021-04-01', periodEnd: '2024-03-31' }
const READM = { measureCode: 'READM_30_HIP_KNEE', source: 'CMS Unplanned Hospital Visits – Hospital', periodStart: '2021-07-01', periodEnd: '2024-06-30' }
const MSPB = { measureCode: 'MSPB_1', source: 'CMS Medicare Spending Per Beneficiary – Hospital', periodStart: '2023-01-01', periodEnd: '2023-12-31' }
const BASE: SourceInputs = {
  facts: [COMP, COMP, READM, MSPB],
  offers: 4,
  demoOffers: 0,
  cmsImportedOn: '2026-12-05T03:10:00.000Z',
  medicareBaseSources: ['Total knee replacement: CMS Payment-National PAYM_90_HIP_KNEE'],
  multiplierSource: '2.54, RAND 5.1',
}

describe('sourceDate', () => {
  it.each([
    ['2024-03-31', 'Mar 31, 2024'],
    ['2021-04-01', 'Apr 1, 2021'],
    ['2026-12-05T03:10:00.000Z', 'Dec 5, 2026'],
  ])('%s is written %s', (iso, text) => expect(sourceDate(iso)).toBe(text))
})

describe('describeSources', () => {
  it('names each CMS file the quality figures come from with the period it covers, once per period', () => {
    expect(describeSources(BASE)[0]).toBe(
      'Quality: hip/knee complication rate against the nation: CMS Complications and Deaths – Hospital, Apr 1, 2021 – Mar 31, 2024; ' +
        'hip/knee readmission rate against the nation: CMS Unplanned Hospital Visits – Hospital, Jul 1, 2021 – Jun 30, 2024; ' +
        'overall star rating: CMS Hospital General Information as imported on Dec 5, 2026.',
    )
  })

  it('says the typical prices are made of the Medicare base, the spending ratio with its period and the multiplier', () => {
    expect(describeSources(BASE)[1]).toBe(
      'Typical local prices: Medicare episode price (Total knee replacement: CMS Payment-National PAYM_90_HIP_KNEE) × the hospital’s Medicare spending per beneficiary ' +
        '(CMS Medicare Spending Per Beneficiary – Hospital, Jan 1, 2023 – Dec 31, 2023) × the commercial multiplier (2.54, RAND 5.1).',
    )
  })

  it.each([
    [0, 4, 'Centers and bundled prices: health systems’ offers on the COE Marketplace.'],
    [4, 4, 'Centers and bundled prices: demo offers made up by the portal’s demo seed at real CMS-listed hospitals (4); not real health systems’ prices.'],
    [1, 4, 'Centers and bundled prices: health systems’ offers on the COE Marketplace, of which 1 of 4 are demo offers made up by the portal’s demo seed, not real prices.'],
    [0, 0, 'Centers and bundled prices: no offer in the network.'],
  ])('with %i demo offers of %i: %s', (demoOffers, offers, line) => {
    expect(describeSources({ ...BASE, demoOffers, offers })[2]).toBe(line)
  })

  it('claims no CMS period it does not have: two periods of one file are both named, facts without a period say so, no import says no date', () => {
    const lines = describeSources({
      ...BASE,
      facts: [COMP, { ...COMP, periodStart: '2020-04-01', periodEnd: '2023-03-31' }, { ...READM, periodStart: null, periodEnd: null }],
      cmsImportedOn: null,
      multiplierSource: null,
      medicareBaseSources: [],
    })
    expect(lines[0]).toBe(
      'Quality: hip/knee complication rate against the nation: CMS Complications and Deaths – Hospital, Apr 1, 2020 – Mar 31, 2023; Apr 1, 2021 – Mar 31, 2024; ' +
        'hip/knee readmission rate against the nation: CMS Unplanned Hospital Visits – Hospital, period not stated; overall star rating: CMS Hospital General Information.',
    )
    expect(lines[1]).toBe('Typical local prices: Medicare episode price (not set) × the hospital’s Medicare spending per beneficiary (none for these hospitals) × the commercial multiplier.')
  })
})
