import { describe, expect, it } from 'vitest'
import type { EpisodeRecord } from '~/domain/contracts/attribution'
import { extractFields, extractRow, listExtractWindows, resolveExtractWindow, windowKeyOf } from '~/domain/contracts/extracts'
import { DATA_SHARING_FIELDS } from '~/domain/contracts/terms'

/* Data-sharing extracts (issue 21, ADR 0016 §10): windows of the contract's cadence, and rows with only the fields it names. */

const PERIOD = { periodStart: '2026-02-15', periodEnd: '2027-02-14' }

describe('extract windows', () => {
  it('names a date’s window: 2026-08-31 is 2026-08 monthly and 2026-Q3 quarterly', () => {
    expect(windowKeyOf('monthly', '2026-08-31')).toBe('2026-08')
    expect(windowKeyOf('quarterly', '2026-08-31')).toBe('2026-Q3')
    expect(windowKeyOf('quarterly', '2026-12-01')).toBe('2026-Q4')
  })

  it('cuts a window to the period and to today, and says whether it is complete', () => {
    // Q1 2026 starts before the period: from the period's start.
    expect(resolveExtractWindow('quarterly', '2026-Q1', PERIOD, '2026-12-05')).toEqual({ key: '2026-Q1', from: '2026-02-15', to: '2026-03-31', isComplete: true })
    // Q4 2026 is running: up to today, not complete.
    expect(resolveExtractWindow('quarterly', '2026-Q4', PERIOD, '2026-12-05')).toEqual({ key: '2026-Q4', from: '2026-10-01', to: '2026-12-05', isComplete: false })
    // February 2027 ends the period on the 14th: complete once the 14th has passed.
    expect(resolveExtractWindow('monthly', '2027-02', PERIOD, '2027-03-01')).toEqual({ key: '2027-02', from: '2027-02-01', to: '2027-02-14', isComplete: true })
    expect(resolveExtractWindow('monthly', '2026-02', PERIOD, '2026-12-05')).toEqual({ key: '2026-02', from: '2026-02-15', to: '2026-02-28', isComplete: true })
  })

  it.each([
    ['a 13th month', 'monthly', '2025-13'],
    ['month 00', 'monthly', '2026-00'],
    ['a fifth quarter', 'quarterly', '2026-Q5'],
    ['a month key on a quarterly contract', 'quarterly', '2026-03'],
    ['a quarter key on a monthly contract', 'monthly', '2026-Q1'],
    ['path traversal', 'monthly', '../../etc'],
    ['5 KB of text', 'quarterly', 'x'.repeat(5_000)],
    ['a window before the period', 'monthly', '2026-01'],
    ['a window after today', 'quarterly', '2027-Q1'],
    ['a year before 2000', 'monthly', '1999-12'],
    ['SQL', 'monthly', "2026-03' OR 1=1 --"],
  ] as const)('refuses %s', (_name, cadence, key) => {
    expect(resolveExtractWindow(cadence, key, PERIOD, '2026-12-05')).toBeNull()
  })

  it('lists the windows from the period’s start to today, newest first', () => {
    expect(listExtractWindows('quarterly', PERIOD, '2026-12-05').map((w) => w.key)).toEqual(['2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1'])
    expect(listExtractWindows('monthly', PERIOD, '2026-04-02').map((w) => `${w.key} ${w.from}–${w.to}`)).toEqual([
      '2026-04 2026-04-01–2026-04-02',
      '2026-03 2026-03-01–2026-03-31',
      '2026-02 2026-02-15–2026-02-28',
    ])
  })

  it('lists none before the period starts, stops at its end, and keeps the list bounded', () => {
    expect(listExtractWindows('monthly', PERIOD, '2026-02-14')).toEqual([])
    expect(listExtractWindows('quarterly', PERIOD, '2030-01-01').map((w) => w.key)).toEqual(['2027-Q1', '2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1'])
    const long = listExtractWindows('monthly', { periodStart: '2000-01-01', periodEnd: '2100-12-31' }, '2026-12-05', 24)
    expect(long).toHaveLength(24)
    expect([long[0]!.key, long[23]!.key]).toEqual(['2026-12', '2025-01'])
  })
})

const RECORD: EpisodeRecord = {
  rosterMemberId: 'member-1',
  facilityId: 'facility-1',
  procedureDate: '2026-10-05',
  dischargeDate: '2026-10-07',
  episode: {
    caseId: 'case-1',
    procedureCode: 'TKA',
    benchmarkCents: 4_567_800,
    bundleCents: 2_800_000,
    travelPaidCents: 120_000,
    incentiveCents: 50_000,
    otherClaimsCents: 0,
    warrantyCreditCents: 0,
    outcomes: { hadComplication90d: false, wasReadmitted30d: null, satisfaction: 9, hasPatientReportedOutcomes: true, daysToFirstConsult: 6 },
  },
}

describe('extract rows', () => {
  it('carry exactly the named fields, in the order of the field list, whatever order the contract names them in', () => {
    const fields = extractFields(['readmission_30d', 'bundle_cents', 'member_pseudonym', 'procedure_date'])
    expect(fields).toEqual(['member_pseudonym', 'procedure_date', 'bundle_cents', 'readmission_30d'])
    const row = extractRow(fields, RECORD, (id) => `pseudonym-of-${id}`)
    expect(Object.keys(row)).toEqual(fields)
    expect(row).toEqual({ member_pseudonym: 'pseudonym-of-member-1', procedure_date: '2026-10-05', bundle_cents: 2_800_000, readmission_30d: null })
  })

  it('never name the member, the case or the benchmark, and compute no pseudonym the contract does not share', () => {
    let calls = 0
    const row = extractRow(['procedure_code', 'facility_id', 'travel_cents'], RECORD, () => {
      calls += 1
      return 'x'
    })
    expect(row).toEqual({ procedure_code: 'TKA', facility_id: 'facility-1', travel_cents: 120_000 })
    expect(calls).toBe(0)
    const all = JSON.stringify(extractRow(DATA_SHARING_FIELDS, RECORD, () => 'p'))
    expect(all).not.toContain('member-1')
    expect(all).not.toContain('case-1')
    expect(all).not.toContain('4567800')
  })

  it('give every field of the list its value', () => {
    expect(extractRow(DATA_SHARING_FIELDS, RECORD, () => 'p')).toEqual({
      member_pseudonym: 'p', procedure_code: 'TKA', facility_id: 'facility-1', procedure_date: '2026-10-05', discharge_date: '2026-10-07', bundle_cents: 2_800_000,
      travel_cents: 120_000, incentive_cents: 50_000, other_claims_cents: 0, warranty_credit_cents: 0, complication_90d: false, readmission_30d: null, satisfaction: 9,
      patient_reported_outcomes: true, days_to_first_consult: 6,
    })
  })
})
