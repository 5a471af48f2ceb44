import { describe, expect, it } from 'vitest'
import {
  checkCheckpoint,
  checkFirstConsult,
  checkpointDueOn,
  checkpointStatus,
  dayInWords,
  outcomeSchedule,
  type CaseOutcomeFacts,
  type CheckpointOutcomes,
} from '~/domain/cases/outcomes'

// Worked example: a knee replacement done on 2026-03-10. The 30-day check-in falls due on
// 2026-04-09 (overdue from 2026-04-23), the 90-day one on 2026-06-08 (overdue from 2026-06-22).
const done = (changes: Partial<CaseOutcomeFacts> = {}): CaseOutcomeFacts => ({
  status: 'procedure_done',
  requestedAt: '2026-02-01T15:30:00.000Z',
  procedureDate: '2026-03-10',
  firstConsultDate: null,
  thirtyDayOutcomesAt: null,
  ninetyDayOutcomesAt: null,
  wasReadmitted: null,
  hadComplication: null,
  ...changes,
})
const thirty = (wasReadmitted = false, satisfaction: number | null = 9): CheckpointOutcomes => ({ checkpoint: 'thirty_day', values: { wasReadmitted, satisfaction } })
const ninety: CheckpointOutcomes = { checkpoint: 'ninety_day', values: { hadComplication: false, hasPatientReportedOutcomes: true } }

describe('when the check-ins fall due', () => {
  it.each([
    ['2026-03-10', 'thirty_day', '2026-04-09'],
    ['2026-03-10', 'ninety_day', '2026-06-08'],
    ['2026-12-15', 'thirty_day', '2027-01-14'], // across the year
    ['2028-01-30', 'thirty_day', '2028-02-29'], // a leap day
    ['2026-01-31', 'thirty_day', '2026-03-02'],
  ] as const)('a procedure on %s: %s due on %s', (procedureDate, checkpoint, dueOn) => {
    expect(checkpointDueOn(procedureDate, checkpoint)).toBe(dueOn)
  })

  it.each([
    ['the day before it is due', '2026-04-08', { state: 'not_due' }],
    ['the day it is due', '2026-04-09', { state: 'due', isOverdue: false }],
    ['13 days after', '2026-04-22', { state: 'due', isOverdue: false }],
    ['14 days after: overdue', '2026-04-23', { state: 'due', isOverdue: true }],
  ])('the 30-day check-in %s (%s)', (_, today, expected) => {
    expect(checkpointStatus(done(), 'thirty_day', today)).toEqual({ checkpoint: 'thirty_day', dueOn: '2026-04-09', ...expected })
  })

  it('is recorded once its time is set, and for a case completed before the check-ins once its value is (no time)', () => {
    expect(checkpointStatus(done({ thirtyDayOutcomesAt: '2026-04-10T09:00:00.000Z', wasReadmitted: 0 }), 'thirty_day', '2026-05-01')).toEqual({
      checkpoint: 'thirty_day', dueOn: '2026-04-09', state: 'recorded', recordedAt: '2026-04-10T09:00:00.000Z',
    })
    expect(checkpointStatus(done({ status: 'completed', hadComplication: 1 }), 'ninety_day', '2026-03-20')).toEqual({
      checkpoint: 'ninety_day', dueOn: '2026-06-08', state: 'recorded', recordedAt: null,
    })
  })

  it('has no check-ins before the procedure is done', () => {
    expect(outcomeSchedule(done({ status: 'scheduled', procedureDate: null }), '2026-06-30')).toEqual([])
    expect(checkpointStatus(done({ status: 'travel_booked', procedureDate: null }), 'thirty_day', '2026-06-30')).toBeNull()
  })

  it('lists both, 30-day first', () => {
    expect(outcomeSchedule(done(), '2026-05-01').map((s) => [s.checkpoint, s.state])).toEqual([['thirty_day', 'due'], ['ninety_day', 'not_due']])
  })
})

describe('recording a check-in', () => {
  it.each<[string, CaseOutcomeFacts, CheckpointOutcomes, string, Record<string, string>]>([
    ['the 30-day one on its day', done(), thirty(), '2026-04-09', {}],
    ['the 30-day one a day early', done(), thirty(), '2026-04-08', {
      '': 'The 30-day check-in is due on April 9, 2026 (30 days after the procedure on March 10, 2026): record it from then on',
    }],
    ['the 90-day one after 30 days', done(), ninety, '2026-04-09', {
      '': 'The 90-day check-in is due on June 8, 2026 (90 days after the procedure on March 10, 2026): record it from then on',
    }],
    ['the 90-day one on a completed case', done({ status: 'completed' }), ninety, '2026-06-08', {}],
    ['a second time', done({ thirtyDayOutcomesAt: '2026-04-10T09:00:00.000Z', wasReadmitted: 0 }), thirty(true), '2026-05-01', {
      '': 'The 30-day check-in was recorded on April 10, 2026 and cannot change',
    }],
    ['on a case whose outcomes were recorded at completion', done({ status: 'completed', hadComplication: 0, wasReadmitted: 0 }), ninety, '2026-07-01', {
      '': 'The outcomes of this case were recorded when it was completed and cannot change',
    }],
    ['before the procedure', done({ status: 'scheduled', procedureDate: null }), thirty(), '2026-05-01', { '': 'The 30-day check-in is recorded once the procedure is done' }],
    ['with a satisfaction of 11', done(), thirty(false, 11), '2026-04-09', { satisfaction: 'Satisfaction is a whole number from 0 to 10' }],
    ['with a satisfaction of 7.5', done(), thirty(false, 7.5), '2026-04-09', { satisfaction: 'Satisfaction is a whole number from 0 to 10' }],
    ['without a satisfaction', done(), thirty(true, null), '2026-04-09', {}],
  ])('%s', (_, facts, outcomes, today, expected) => {
    expect(checkCheckpoint(facts, outcomes, today)).toEqual(expected)
  })
})

describe('the first consult date', () => {
  it.each<[string, CaseOutcomeFacts, string, string | null]>([
    ['the day the member asked', done(), '2026-02-01', null],
    ['between the request and the procedure', done(), '2026-02-12', null],
    ['the day of the procedure', done(), '2026-03-10', null],
    ['the day before the request', done(), '2026-01-31', 'The first consult cannot be before the member asked for care (February 1, 2026)'],
    ['after the procedure', done(), '2026-03-11', 'The first consult cannot be after the procedure (March 10, 2026)'],
    ['four days before the procedure', done(), '2026-03-06', null],
    ['the day before the procedure', done(), '2026-03-09', null],
    ['already recorded', done({ firstConsultDate: '2026-02-10' }), '2026-02-11', 'The first consult date is already recorded (February 10, 2026) and cannot change'],
    ['before the procedure is done', done({ status: 'scheduled', procedureDate: null }), '2026-02-11', 'The first consult date is recorded once the procedure is done'],
  ])('%s', (_, facts, date, expected) => {
    expect(checkFirstConsult(facts, date, '2026-03-20')).toBe(expected)
  })

  it('cannot be later than today', () => {
    expect(checkFirstConsult(done({ procedureDate: '2026-03-25', status: 'procedure_done' }), '2026-03-21', '2026-03-20')).toBe('The first consult date cannot be in the future')
  })
})

describe('dates in messages', () => {
  it.each([
    ['2026-06-30', 'June 30, 2026'],
    ['2026-01-01T23:59:59.000Z', 'January 1, 2026'],
  ])('%s reads "%s"', (iso, words) => {
    expect(dayInWords(iso)).toBe(words)
  })
})
