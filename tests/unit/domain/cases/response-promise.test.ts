import { describe, expect, it } from 'vitest'
import { isOverdue, overdueCutoff, promiseDueDate, usFederalHolidays, workingDaysBetween } from '~/domain/cases/response-promise'

const NONE = new Set<string>()
const H2026 = new Set(usFederalHolidays(2026).map((h) => h.date))
const WINTER = new Set([...H2026, ...usFederalHolidays(2027).map((h) => h.date)])

describe('promiseDueDate', () => {
  it.each<[string, string, number, Set<string>, string]>([
    ['Friday afternoon, 2 working days: end of Tuesday', '2026-12-04T16:00:00.000Z', 2, NONE, '2026-12-08'],
    ['Monday, 2 working days: Wednesday', '2026-12-07T09:00:00.000Z', 2, NONE, '2026-12-09'],
    ['starts on a Saturday: the weekend does not count', '2026-12-05T10:00:00.000Z', 2, NONE, '2026-12-08'],
    ['starts on a Sunday, 1 working day: Monday', '2026-12-06T10:00:00.000Z', 1, NONE, '2026-12-07'],
    ['Thanksgiving (Thu 11-26) skipped: Wed + 2 → Mon', '2026-11-25T12:00:00.000Z', 2, H2026, '2026-11-30'],
    ['starts on Thanksgiving itself: Fri, Mon', '2026-11-26T12:00:00.000Z', 2, H2026, '2026-11-30'],
    ['Christmas (Fri 12-25) and New Year (Fri 01-01) skipped', '2026-12-23T12:00:00.000Z', 3, WINTER, '2026-12-29'],
    ['over New Year: Wed 12-30 + 3 → Tue 01-05', '2026-12-30T12:00:00.000Z', 3, WINTER, '2027-01-05'],
    ['the same without holidays: Mon 01-04', '2026-12-30T12:00:00.000Z', 3, NONE, '2027-01-04'],
    ['10 working days over two weekends', '2026-12-01T12:00:00.000Z', 10, NONE, '2026-12-15'],
  ])('%s', (_name, start, days, holidays, due) => {
    expect(promiseDueDate(start, days, holidays)).toBe(due)
  })
})

describe('isOverdue and overdueCutoff agree', () => {
  it.each<[string, string, number, Set<string>, string, boolean]>([
    ['due Tuesday, seen Tuesday evening: not yet', '2026-12-04T16:00:00.000Z', 2, NONE, '2026-12-08T23:00:00.000Z', false],
    ['due Tuesday, seen Wednesday morning: overdue', '2026-12-04T16:00:00.000Z', 2, NONE, '2026-12-09T00:01:00.000Z', true],
    ['Thanksgiving delays it: Wed + 2 seen Fri 11-27', '2026-11-25T12:00:00.000Z', 2, H2026, '2026-11-27T12:00:00.000Z', false],
    ['without the holiday it would be overdue Mon', '2026-11-25T12:00:00.000Z', 2, NONE, '2026-11-30T12:00:00.000Z', true],
    ['over Christmas: 12-23 + 3 seen 12-29: not yet', '2026-12-23T12:00:00.000Z', 3, WINTER, '2026-12-29T18:00:00.000Z', false],
    ['over Christmas: 12-23 + 3 seen 12-30: overdue', '2026-12-23T12:00:00.000Z', 3, WINTER, '2026-12-30T08:00:00.000Z', true],
  ])('%s', (_name, start, days, holidays, now, overdue) => {
    expect(isOverdue(start, days, holidays, new Date(now))).toBe(overdue)
    expect(start < overdueCutoff(days, holidays, new Date(now))).toBe(overdue)
  })

  it('the cutoff matches isOverdue for every start hour over six weeks', () => {
    const now = new Date('2026-12-30T10:00:00.000Z')
    for (const days of [1, 2, 3, 5, 10]) {
      const cutoff = overdueCutoff(days, WINTER, now)
      for (let t = Date.parse('2026-11-10T00:00:00Z'); t < now.getTime(); t += 3 * 3_600_000) {
        const start = new Date(t).toISOString()
        expect(start < cutoff, `${days} days from ${start}`).toBe(isOverdue(start, days, WINTER, now))
      }
    }
  })
})

describe('workingDaysBetween', () => {
  it.each<[string, string, Set<string>, number]>([
    ['2026-12-04', '2026-12-08', NONE, 2],
    ['2026-12-04', '2026-12-04', NONE, 0],
    ['2026-12-08', '2026-12-04', NONE, 0],
    ['2026-12-24', '2027-01-04', WINTER, 5], // 12-28, 29, 30, 31 and 01-04 (12-25 and 01-01 holidays, weekends)
  ])('%s → %s', (from, to, holidays, n) => expect(workingDaysBetween(from, to, holidays)).toBe(n))
})

describe('usFederalHolidays', () => {
  it('2026 on observed dates (Independence Day Saturday → Friday 07-03)', () => {
    expect(usFederalHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25',
    ])
  })
  it('2027: Juneteenth Saturday → Friday 06-18, Independence Day Sunday → Monday 07-05, Christmas Saturday → Friday 12-24', () => {
    const dates = usFederalHolidays(2027).map((h) => h.date)
    expect(dates).toContain('2027-06-18')
    expect(dates).toContain('2027-07-05')
    expect(dates).toContain('2027-12-24')
    expect(dates).toContain('2027-11-25') // Thanksgiving
    expect(dates).toHaveLength(11)
  })
  it('2022: New Year Saturday → Friday 2021-12-31 (observed in the year before)', () => {
    expect(usFederalHolidays(2022)[0]).toEqual({ date: '2021-12-31', name: "New Year's Day" })
  })
})
