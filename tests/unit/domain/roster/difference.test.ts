import { describe, expect, it } from 'vitest'
import { checkTerminations, compareMember, endMissingMember, isCovered, terminationRefusal, type StoredRosterMember } from '~/domain/roster/difference'

const TODAY = '2026-11-22'
const STORED: StoredRosterMember = {
  id: 'rm-1', employeeId: 'E1', firstName: 'Ann', lastName: 'Lee', dateOfBirth: '1980-01-01', zip: '43215', healthPlanId: 'p1', coverageTier: 'employee',
  coverageStart: '2026-01-01', coverageEnd: null, dependentsCount: 0,
}
const FULL = { employeeId: 'E1', firstName: 'Ann', lastName: 'Lee', dateOfBirth: '1980-01-01', zip: '43215', healthPlanId: 'p1', planName: 'A', coverageTier: 'employee' as const, coverageStart: '2026-01-01' }

describe('compareMember', () => {
  it('adds a new member with every required field (no end, no dependents when not given)', () => {
    expect(compareMember(undefined, FULL, TODAY)).toMatchObject({ kind: 'added', next: { ...{ firstName: 'Ann', healthPlanId: 'p1' }, coverageEnd: null, dependentsCount: 0 } })
  })
  it('refuses to add a member the line does not describe fully', () => {
    expect(compareMember(undefined, { employeeId: 'E9', zip: '43215' }, TODAY)).toEqual({ kind: 'incomplete', missing: ['firstName', 'lastName', 'dateOfBirth', 'healthPlanId', 'coverageTier', 'coverageStart'] })
  })
  it('a line without a coverage_end leaves a stored end alone (issue 17, finding 1)', () => {
    const ended = { ...STORED, coverageEnd: '2026-06-30' }
    expect(compareMember(ended, FULL, TODAY)).toEqual({ kind: 'unchanged' })
  })
  it.each([
    ['a new ZIP', { zip: '43220' }, 'changed', ['zip']],
    ['an end date in the past', { coverageEnd: '2026-10-31' }, 'ended', ['coverageEnd']],
    ['an end date today (still covered today)', { coverageEnd: TODAY }, 'changed', ['coverageEnd']],
    ['an end date in the future', { coverageEnd: '2027-01-31' }, 'changed', ['coverageEnd']],
  ] as const)('%s → %s', (_name, change, kind, fields) => {
    expect(compareMember(STORED, { ...FULL, ...change }, TODAY)).toMatchObject({ kind, fields })
  })
  it('an empty coverage_end for an ended member reinstates them, with before and after', () => {
    expect(compareMember({ ...STORED, coverageEnd: '2026-06-30' }, { ...FULL, coverageEnd: null }, TODAY)).toEqual({
      kind: 'reinstated', fields: ['coverageEnd'], previous: { coverageEnd: '2026-06-30' }, next: { coverageEnd: null },
    })
  })
  it('ended yesterday is not covered today; ending today still is', () => {
    expect(isCovered({ coverageEnd: '2026-11-21' }, TODAY)).toBe(false)
    expect(isCovered({ coverageEnd: TODAY }, TODAY)).toBe(true)
    expect(isCovered({ coverageEnd: null }, TODAY)).toBe(true)
  })
  it('ends a member missing from a full file the day before', () => {
    expect(endMissingMember(STORED, '2026-11-21')).toEqual({ kind: 'ended', fields: ['coverageEnd'], previous: { coverageEnd: null }, next: { coverageEnd: '2026-11-21' } })
  })
})

describe('the termination guard', () => {
  it.each([
    [0, 3_000, 10, false],
    [300, 3_000, 10, false],
    [301, 3_000, 10, true],
    [1_200, 3_000, 10, true],
    [1_200, 3_000, 50, false],
    [1, 0, 10, true],
    [2_998, 3_000, 100, false],
  ])('%i of %i at %i %% → confirmation %s', (ending, covered, limit, needed) => {
    expect(checkTerminations(ending, covered, limit).needsConfirmation).toBe(needed)
  })
  it('says the counts, the share and the limit', () => {
    expect(terminationRefusal(checkTerminations(1_200, 3_000, 10))).toBe(
      'This file would end coverage for 1,200 of 3,000 covered members (40 %), more than your limit of 10 %. Nothing was changed. Check that it is the whole roster, then confirm the terminations to apply it.',
    )
  })
})
