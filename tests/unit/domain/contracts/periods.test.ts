import { describe, expect, it } from 'vitest'
import { addYears, closability, planPeriods, reconciliationPeriods, type ExistingPeriod } from '~/domain/contracts/periods'

/*
 * Reconciliation periods (ADR 0016 §3): consecutive 12-month periods from the attribution
 * period's start, the last ending on its end; each closes no earlier than its end + W days.
 */

describe('reconciliationPeriods', () => {
  it('makes one period of a one-year contract, closing 90 days after its end', () => {
    expect(reconciliationPeriods({ periodStart: '2027-01-01', periodEnd: '2027-12-31' }, 90)).toEqual([
      // 2027-12-31 + 90 days: 31 (January) + 29 (February: 2028 is a leap year) + 30 = 90 → March 30, 2028.
      { sequence: 1, periodStart: '2027-01-01', periodEnd: '2027-12-31', closesOn: '2028-03-30' },
    ])
  })

  it('makes two consecutive periods of a two-year contract starting mid-year', () => {
    expect(reconciliationPeriods({ periodStart: '2027-07-01', periodEnd: '2029-06-30' }, 60)).toEqual([
      { sequence: 1, periodStart: '2027-07-01', periodEnd: '2028-06-30', closesOn: '2028-08-29' },
      { sequence: 2, periodStart: '2028-07-01', periodEnd: '2029-06-30', closesOn: '2029-08-29' },
    ])
  })

  it('ends the last period of an 18-month contract on the contract end: a year, then six months', () => {
    expect(reconciliationPeriods({ periodStart: '2027-01-01', periodEnd: '2028-06-30' }, 0)).toEqual([
      { sequence: 1, periodStart: '2027-01-01', periodEnd: '2027-12-31', closesOn: '2027-12-31' },
      { sequence: 2, periodStart: '2028-01-01', periodEnd: '2028-06-30', closesOn: '2028-06-30' },
    ])
  })

  it('starts each year of a leap-day contract on March 1 when the year has no February 29, and on February 29 again when it has', () => {
    expect(reconciliationPeriods({ periodStart: '2028-02-29', periodEnd: '2032-02-28' }, 30)).toEqual([
      { sequence: 1, periodStart: '2028-02-29', periodEnd: '2029-02-28', closesOn: '2029-03-30' },
      { sequence: 2, periodStart: '2029-03-01', periodEnd: '2030-02-28', closesOn: '2030-03-30' },
      { sequence: 3, periodStart: '2030-03-01', periodEnd: '2031-02-28', closesOn: '2031-03-30' },
      { sequence: 4, periodStart: '2031-03-01', periodEnd: '2032-02-28', closesOn: '2032-03-29' }, // 2032 is a leap year
    ])
  })

  it('keeps a one-day tail as its own period, and makes none when the end is before the start', () => {
    expect(reconciliationPeriods({ periodStart: '2027-01-01', periodEnd: '2028-01-01' }, 0).map((p) => [p.periodStart, p.periodEnd])).toEqual([
      ['2027-01-01', '2027-12-31'],
      ['2028-01-01', '2028-01-01'],
    ])
    expect(reconciliationPeriods({ periodStart: '2027-01-02', periodEnd: '2027-01-01' }, 0)).toEqual([])
  })

  it('adds years on the same day, a missing February 29 becoming March 1', () => {
    expect([addYears('2027-03-15', 1), addYears('2028-02-29', 1), addYears('2028-02-29', 4), addYears('2027-12-31', 2)]).toEqual(['2028-03-15', '2029-03-01', '2032-02-29', '2029-12-31'])
  })
})

const period = (id: string, sequence: number, periodStart: string, periodEnd: string, status: ExistingPeriod['status'] = 'open'): ExistingPeriod => ({ id, sequence, periodStart, periodEnd, status })

describe('planPeriods', () => {
  it('adds every period when there are none', () => {
    const plan = planPeriods([], { periodStart: '2027-01-01', periodEnd: '2028-12-31' }, 90)
    expect(plan.update).toEqual([])
    expect(plan.remove).toEqual([])
    expect(plan.insert.map((p) => [p.sequence, p.periodStart, p.periodEnd])).toEqual([
      [1, '2027-01-01', '2027-12-31'],
      [2, '2028-01-01', '2028-12-31'],
    ])
  })

  it('moves open periods to the new version with the same dates when the attribution period is unchanged', () => {
    const existing = [period('p1', 1, '2027-01-01', '2027-12-31', 'reconciled'), period('p2', 2, '2028-01-01', '2028-12-31')]
    const plan = planPeriods(existing, { periodStart: '2027-01-01', periodEnd: '2028-12-31' }, 60)
    expect(plan).toEqual({ update: [{ id: 'p2', sequence: 2, periodStart: '2028-01-01', periodEnd: '2028-12-31', closesOn: '2029-03-01' }], insert: [], remove: [] })
  })

  it('adds a period when the new terms extend the contract by a year', () => {
    const existing = [period('p1', 1, '2027-01-01', '2027-12-31')]
    const plan = planPeriods(existing, { periodStart: '2027-01-01', periodEnd: '2028-12-31' }, 90)
    expect(plan.update.map((p) => [p.id, p.periodEnd])).toEqual([['p1', '2027-12-31']])
    expect(plan.insert.map((p) => [p.sequence, p.periodStart, p.periodEnd])).toEqual([[2, '2028-01-01', '2028-12-31']])
  })

  it('trims open periods when the new terms end earlier, keeping closed ones as they are', () => {
    const existing = [period('p1', 1, '2027-01-01', '2027-12-31', 'reconciled'), period('p2', 2, '2028-01-01', '2028-12-31'), period('p3', 3, '2029-01-01', '2029-12-31')]
    const plan = planPeriods(existing, { periodStart: '2027-01-01', periodEnd: '2028-06-30' }, 90)
    expect(plan.update.map((p) => [p.id, p.sequence, p.periodStart, p.periodEnd])).toEqual([['p2', 2, '2028-01-01', '2028-06-30']])
    expect(plan.insert).toEqual([])
    expect(plan.remove).toEqual(['p3'])
  })

  it('starts the first open period the day after the last closed one when the new terms move the start', () => {
    const existing = [period('p1', 1, '2027-01-01', '2027-12-31', 'closed'), period('p2', 2, '2028-01-01', '2028-12-31')]
    // New terms from 2027-07-01: their periods are 2027-07-01..2028-06-30 (straddles p1's end) and 2028-07-01..2029-06-30.
    const plan = planPeriods(existing, { periodStart: '2027-07-01', periodEnd: '2029-06-30' }, 30)
    expect(plan.update.map((p) => [p.id, p.sequence, p.periodStart, p.periodEnd])).toEqual([['p2', 2, '2028-01-01', '2028-06-30']])
    expect(plan.insert.map((p) => [p.sequence, p.periodStart, p.periodEnd])).toEqual([[3, '2028-07-01', '2029-06-30']])
  })

  it('removes every open period when the new terms end before the last closed one', () => {
    const existing = [period('p1', 1, '2027-01-01', '2027-12-31', 'reconciled'), period('p2', 2, '2028-01-01', '2028-12-31')]
    expect(planPeriods(existing, { periodStart: '2027-01-01', periodEnd: '2027-12-31' }, 90)).toEqual({ update: [], insert: [], remove: ['p2'] })
  })
})

describe('closability', () => {
  const open = { sequence: 2, periodEnd: '2028-12-31', closesOn: '2029-03-31', status: 'open' }

  it('refuses before the period end + the warranty window, naming the date and the window', () => {
    expect(closability(open, undefined, '2029-03-30')).toEqual({
      canClose: false,
      reason: "This period can be closed on or after 2029-03-31: its end (2028-12-31) plus the warranty window of 90 days, so every episode's warranty has run out.",
    })
  })

  it('allows closing on that day and after', () => {
    expect(closability(open, undefined, '2029-03-31')).toEqual({ canClose: true })
    expect(closability(open, { sequence: 1, periodStart: '2027-01-01', periodEnd: '2027-12-31', status: 'reconciled' }, '2030-01-01')).toEqual({ canClose: true })
  })

  it('closes periods in order', () => {
    expect(closability(open, { sequence: 1, periodStart: '2027-01-01', periodEnd: '2027-12-31', status: 'open' }, '2030-01-01')).toEqual({
      canClose: false,
      reason: 'Close period 1 (2027-01-01 to 2027-12-31) first: periods close in order.',
    })
  })

  it('says a closed period is closed', () => {
    expect(closability({ ...open, status: 'reconciled' }, undefined, '2030-01-01')).toMatchObject({ canClose: false, reason: expect.stringContaining('already closed') })
  })
})
