import { describe, expect, it } from 'vitest'
import { attributeCase, wasMemberOn, type EpisodeCaseFacts, type MembershipSpan } from '~/domain/contracts/attribution'

const TERMS = {
  bundleRates: [{ procedureCode: 'TKA', bundleCents: 2_800_000, includes: ['facility' as const], sourceOfferId: null }],
  benchmarks: [{ procedureCode: 'TKA', source: 'typical_local_price' as const, benchmarkCents: 4_200_000 }],
  networkFacilityIds: ['f-1', 'f-2'],
}

const CASE: EpisodeCaseFacts = {
  caseId: 'case-1',
  employerId: 'acme',
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
        employerId: 'acme',
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

/*
 * A coalition contract (issue 23): an episode belongs when the case's employer was a member of the
 * coalition on the procedure date. `leftOn` is the last day of membership (ADR 0020).
 */
const MEMBERSHIPS: MembershipSpan[] = [
  { employerId: 'acme', joinedOn: '2026-01-01', leftOn: null },
  { employerId: 'bluewave', joinedOn: '2026-01-01', leftOn: '2026-06-30' },
  { employerId: 'lakeside', joinedOn: '2026-04-15', leftOn: null },
  // Left, then came back.
  { employerId: 'pine', joinedOn: '2025-01-01', leftOn: '2026-02-28' },
  { employerId: 'pine', joinedOn: '2026-09-01', leftOn: null },
]

describe('wasMemberOn: membership dates', () => {
  it.each([
    ['acme', '2026-01-01', true, 'the day it joined'],
    ['acme', '2025-12-31', false, 'the day before it joined'],
    ['bluewave', '2026-06-30', true, 'its last day as a member'],
    ['bluewave', '2026-07-01', false, 'the day after its last day'],
    ['lakeside', '2026-04-14', false, 'a day before a mid-year join'],
    ['lakeside', '2026-04-15', true, 'the day of a mid-year join'],
    ['pine', '2026-02-28', true, 'the last day of a first membership'],
    ['pine', '2026-03-01', false, 'the day after it'],
    ['pine', '2026-05-01', false, 'between leaving and joining again'],
    ['pine', '2026-09-01', true, 'the day it joined again'],
    ['nobody', '2026-05-01', false, 'an employer that never joined'],
  ] as const)('%s on %s → %s (%s)', (employerId, date, expected, _why) => {
    expect(wasMemberOn(MEMBERSHIPS, employerId, date)).toBe(expected)
  })
})

describe('attributeCase for a coalition contract', () => {
  it('attributes a member employer\'s case, keeping its employer for the allocation', () => {
    const result = attributeCase(TERMS, { ...CASE, employerId: 'lakeside', procedureDate: '2026-04-15', requestedAt: '2026-04-01T09:00:00.000Z' }, '2026-01-01', '2026-12-31', MEMBERSHIPS)
    expect(result.ok && result.record.employerId).toBe('lakeside')
  })

  it.each([
    ['an employer that left before the procedure', { employerId: 'bluewave', procedureDate: '2026-07-01' }],
    ['an employer that joined after the procedure', { employerId: 'lakeside', procedureDate: '2026-04-14' }],
    ['an employer between two memberships', { employerId: 'pine', procedureDate: '2026-05-01' }],
    ['an employer that was never a member', { employerId: 'nobody', procedureDate: '2026-05-01' }],
  ] as const)('leaves out %s', (_name, change) => {
    expect(attributeCase(TERMS, { ...CASE, ...change, requestedAt: '2026-01-02T09:00:00.000Z' }, '2026-01-01', '2026-12-31', MEMBERSHIPS)).toEqual({ ok: false, refusal: 'not_a_member' })
  })

  it('checks the period before membership, and the network after it', () => {
    expect(attributeCase(TERMS, { ...CASE, employerId: 'nobody', procedureDate: '2027-02-01' }, '2026-01-01', '2026-12-31', MEMBERSHIPS)).toEqual({ ok: false, refusal: 'outside_period' })
    expect(attributeCase(TERMS, { ...CASE, facilityId: 'f-9' }, '2026-01-01', '2026-12-31', MEMBERSHIPS)).toEqual({ ok: false, refusal: 'outside_network' })
  })

  it('ignores memberships for an employer\'s own contract (null)', () => {
    expect(attributeCase(TERMS, { ...CASE, employerId: 'nobody' }, '2026-01-01', '2026-12-31', null).ok).toBe(true)
  })
})
