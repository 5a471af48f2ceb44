import { describe, expect, it } from 'vitest'
import { checkTransition, nextStates, type CaseFacts, type CaseState } from '~/domain/cases/case-flow'

const TODAY = '2026-11-23'
const facts = (status: CaseState, travelCovered = true): CaseFacts => ({ status, travelCovered, scheduledDate: null, procedureDate: null })

describe('nextStates', () => {
  it.each<[CaseState, boolean, CaseState[]]>([
    ['requested', true, ['eligibility_verified', 'denied', 'cancelled']],
    ['eligibility_verified', true, ['scheduled', 'denied', 'cancelled']],
    ['scheduled', true, ['travel_booked', 'cancelled']],
    ['scheduled', false, ['procedure_done', 'cancelled']], // nothing to book when travel is not covered
    ['travel_booked', true, ['procedure_done', 'cancelled']],
    ['procedure_done', true, ['completed']], // too late to cancel
    ['completed', true, []],
    ['cancelled', true, []],
    ['denied', false, []],
  ])('%s (travel covered: %s) → %j', (status, travelCovered, expected) => {
    expect(nextStates({ status, travelCovered })).toEqual(expected)
  })
})

describe('checkTransition', () => {
  it.each<[string, CaseState, CaseState, Parameters<typeof checkTransition>[2], Record<string, string>]>([
    ['one step on', 'requested', 'eligibility_verified', {}, {}],
    ['a skipped step', 'requested', 'scheduled', { scheduledDate: '2026-12-01' }, { to: 'A case that is requested cannot move to scheduled: the next step is eligibility verified' }],
    ['going back', 'scheduled', 'requested', {}, { to: 'A case that is scheduled cannot move to requested: the next step is travel booked' }],
    ['a denial without a reason', 'eligibility_verified', 'denied', { reason: '  ' }, { reason: 'Give the reason the case is denied: the member sees it' }],
    ['a denial with a reason', 'eligibility_verified', 'denied', { reason: 'Not on the roster' }, {}],
    ['a denial after scheduling', 'scheduled', 'denied', { reason: 'x' }, { to: 'A case that is scheduled cannot move to denied: the next step is travel booked' }],
    ['scheduling without a date', 'eligibility_verified', 'scheduled', {}, { scheduledDate: 'Enter the date of the procedure' }],
    ['scheduling in the past', 'eligibility_verified', 'scheduled', { scheduledDate: '2026-11-22' }, { scheduledDate: 'The procedure date cannot be in the past' }],
    ['scheduling today', 'eligibility_verified', 'scheduled', { scheduledDate: TODAY }, {}],
    ['a procedure done in the future', 'travel_booked', 'procedure_done', { procedureDate: '2026-11-24' }, { procedureDate: 'The procedure date cannot be in the future' }],
    // Outcomes are not asked at completion any more: they come at the 30- and 90-day check-ins (issue 21).
    ['completing without the travel actuals', 'procedure_done', 'completed', {}, { travelActualCents: 'Enter the travel actually paid (0 if none) before completing the case' }],
    ['completing with the travel actually paid', 'procedure_done', 'completed', { travelActualCents: 120_000 }, {}],
    ['anything after completion', 'completed', 'cancelled', { reason: 'x' }, { to: 'This case is completed and cannot change any more' }],
  ])('%s', (_, from, to, input, expected) => {
    expect(checkTransition(facts(from), to, input, TODAY)).toEqual(expected)
  })

  it('does not ask for travel actuals when travel is not covered', () => {
    expect(checkTransition(facts('procedure_done', false), 'completed', {}, TODAY)).toEqual({})
  })
})
