import { describe, expect, it } from 'vitest'
import { attributeCase, type EpisodeCaseFacts } from '~/domain/contracts/attribution'

const TERMS = {
  bundleRates: [{ procedureCode: 'TKA', bundleCents: 2_800_000, includes: ['facility' as const], sourceOfferId: null }],
  benchmarks: [{ procedureCode: 'TKA', source: 'typical_local_price' as const, benchmarkCents: 4_200_000 }],
  networkFacilityIds: ['f-1', 'f-2'],
}

const CASE: EpisodeCaseFacts = {
  caseId: 'case-1',
  rosterMemberId: 'member-1',
  procedureCode: 'TKA',
  facilityId: 'f-1',
  requestedAt: '2026-02-03T15:20:00.000Z',
  procedureDate: '2026-03-10',
  typicalNights: 2,
  bundlePriceCents: 2_800_000,
  travelActualCents: 123_456,
  incentiveCents: 50_000,
  hadComplication: false,
  wasReadmitted: true,
  satisfaction: 9,
  hasPatientReportedOutcomes: null,
  firstConsultDate: '2026-02-13',
  warrantyElsewhereCostCents: 310_000,
  warrantyCreditedCents: 310_000,
}

describe('attributeCase: which completed case is an episode of the period, and its numbers', () => {
  it('copies the numbers the reconciliation reads: benchmark from the terms, travel actually paid, warranty claims and credits, days to first consult from the request day', () => {
    const result = attributeCase(TERMS, CASE, '2026-01-01', '2026-12-31')
    expect(result).toEqual({
      ok: true,
      record: {
        rosterMemberId: 'member-1',
        facilityId: 'f-1',
        procedureDate: '2026-03-10',
        dischargeDate: '2026-03-12',
        episode: {
          caseId: 'case-1', procedureCode: 'TKA', benchmarkCents: 4_200_000, bundleCents: 2_800_000, travelPaidCents: 123_456, incentiveCents: 50_000,
          otherClaimsCents: 310_000, warrantyCreditCents: 310_000,
          outcomes: { hadComplication90d: false, wasReadmitted30d: true, satisfaction: 9, hasPatientReportedOutcomes: false, daysToFirstConsult: 10 },
        },
      },
    })
  })

  it.each([
    ['a procedure date before the period', { procedureDate: '2025-12-31' }, 'outside_period'],
    ['a procedure date after the period', { procedureDate: '2027-01-01' }, 'outside_period'],
    ['a facility outside the network', { facilityId: 'f-9' }, 'outside_network'],
    ['a procedure without a bundle rate', { procedureCode: 'THA' }, 'no_bundle_rate'],
    ['a request made after the procedure (not prospective)', { requestedAt: '2026-03-11T08:00:00.000Z' }, 'not_prospective'],
  ] as const)('leaves out %s', (_name, change, refusal) => {
    expect(attributeCase(TERMS, { ...CASE, ...change }, '2026-01-01', '2026-12-31')).toEqual({ ok: false, refusal })
  })

  it('counts the first and last day of the period, and a request on the procedure day', () => {
    for (const procedureDate of ['2026-01-01', '2026-12-31']) {
      expect(attributeCase(TERMS, { ...CASE, procedureDate, requestedAt: `${procedureDate}T23:59:00.000Z`, firstConsultDate: null }, '2026-01-01', '2026-12-31').ok).toBe(true)
    }
  })

  it('has no travel when none was paid, and no days to first consult when none was recorded', () => {
    const result = attributeCase(TERMS, { ...CASE, travelActualCents: null, firstConsultDate: null }, '2026-01-01', '2026-12-31')
    expect(result.ok && result.record.episode.travelPaidCents).toBe(0)
    expect(result.ok && result.record.episode.outcomes.daysToFirstConsult).toBeNull()
  })

  it('needs a benchmark for the procedure', () => {
    expect(attributeCase({ ...TERMS, benchmarks: [] }, CASE, '2026-01-01', '2026-12-31')).toEqual({ ok: false, refusal: 'no_benchmark' })
  })
})
