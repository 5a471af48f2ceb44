import { describe, expect, it } from 'vitest'
import {
  applyMembershipAction, invitationRefusal, isEmployerMemberOn, isMemberOn, isOpen,
  type CoalitionMembershipStatus, type MembershipAction, type MembershipDates, type MembershipSide,
} from '~/domain/coalitions/membership'

const row = (status: CoalitionMembershipStatus, joinedOn: string | null = null, leftOn: string | null = null): MembershipDates => ({ status, joinedOn, leftOn })

describe('isMemberOn: from joined_on to left_on, both days included', () => {
  it.each([
    ['active, the day it joined', row('active', '2026-01-01'), '2026-01-01', true],
    ['active, the day before it joined', row('active', '2026-01-01'), '2025-12-31', false],
    ['active, years later', row('active', '2026-01-01'), '2030-06-30', true],
    ['ended, its last day', row('ended', '2026-01-01', '2026-06-30'), '2026-06-30', true],
    ['ended, the day after its last day', row('ended', '2026-01-01', '2026-06-30'), '2026-07-01', false],
    ['ended, within the dates', row('ended', '2026-01-01', '2026-06-30'), '2026-03-15', true],
    ['ended the day it joined, that day', row('ended', '2026-05-05', '2026-05-05'), '2026-05-05', true],
    ['invited: not a member yet', row('invited'), '2026-03-15', false],
    ['declined: never a member', row('declined'), '2026-03-15', false],
    ['withdrawn: never a member', row('withdrawn'), '2026-03-15', false],
  ] as const)('%s', (_name, membership, date, expected) => {
    expect(isMemberOn(membership, date)).toBe(expected)
  })
})

describe('isEmployerMemberOn: only the rows of that coalition and employer count', () => {
  const rows = [
    { coalitionOrganizationId: 'c1', employerOrganizationId: 'e1', ...row('ended', '2025-01-01', '2025-12-31') },
    { coalitionOrganizationId: 'c1', employerOrganizationId: 'e1', ...row('active', '2026-03-01') },
    { coalitionOrganizationId: 'c2', employerOrganizationId: 'e2', ...row('active', '2026-01-01') },
  ]
  it.each([
    ['c1', 'e1', '2025-06-01', true], // the first membership
    ['c1', 'e1', '2026-02-01', false], // between the two memberships
    ['c1', 'e1', '2026-03-01', true], // the second one
    ['c1', 'e2', '2026-03-01', false], // e2 is a member of c2, not c1
    ['c2', 'e2', '2026-03-01', true],
    ['c2', 'e1', '2026-03-01', false],
  ] as const)('coalition %s, employer %s, on %s: %s', (coalition, employer, date, expected) => {
    expect(isEmployerMemberOn(rows, coalition, employer, date)).toBe(expected)
  })
})

describe('applyMembershipAction', () => {
  type Case = [string, MembershipDates, MembershipAction, MembershipSide, string, ReturnType<typeof applyMembershipAction>]
  const cases: Case[] = [
    ['the employer accepts an invitation: a member from that day', row('invited'), 'accept', 'employer', '2026-06-01', { ok: true, status: 'active', joinedOn: '2026-06-01', leftOn: null }],
    ['the employer declines an invitation', row('invited'), 'decline', 'employer', '2026-06-01', { ok: true, status: 'declined', joinedOn: null, leftOn: null }],
    ['the coalition withdraws its invitation', row('invited'), 'withdraw', 'coalition', '2026-06-01', { ok: true, status: 'withdrawn', joinedOn: null, leftOn: null }],
    ['the employer leaves with a last day', row('active', '2026-01-01'), 'end', 'employer', '2026-12-31', { ok: true, status: 'ended', joinedOn: '2026-01-01', leftOn: '2026-12-31' }],
    ['the coalition ends a membership on the day it began', row('active', '2026-01-01'), 'end', 'coalition', '2026-01-01', { ok: true, status: 'ended', joinedOn: '2026-01-01', leftOn: '2026-01-01' }],
    ['a last day before the first day is refused', row('active', '2026-01-01'), 'end', 'employer', '2025-12-31', { ok: false, message: 'The last day of membership cannot be before the day it began (2026-01-01).' }],
    ['a last day that is not a date is refused', row('active', '2026-01-01'), 'end', 'coalition', '2026-02-30', { ok: false, message: 'Enter a real date as YYYY-MM-DD.' }],
    ['the coalition cannot accept for the employer', row('invited'), 'accept', 'coalition', '2026-06-01', { ok: false, message: "Only the employer's admin can accept an invitation." }],
    ['the coalition cannot decline for the employer', row('invited'), 'decline', 'coalition', '2026-06-01', { ok: false, message: "Only the employer's admin can decline an invitation." }],
    ['the employer cannot withdraw the coalition\'s invitation', row('invited'), 'withdraw', 'employer', '2026-06-01', { ok: false, message: "Only the coalition's admin can withdraw an invitation." }],
    ['accepting twice is refused', row('active', '2026-01-01'), 'accept', 'employer', '2026-06-01', { ok: false, message: 'You cannot accept this: it is an active membership.' }],
    ['accepting a withdrawn invitation is refused', row('withdrawn'), 'accept', 'employer', '2026-06-01', { ok: false, message: 'You cannot accept this: it is an invitation that was withdrawn.' }],
    ['declining after accepting is refused (leave instead)', row('active', '2026-01-01'), 'decline', 'employer', '2026-06-01', { ok: false, message: 'You cannot decline this: it is an active membership.' }],
    ['withdrawing an accepted invitation is refused (end it instead)', row('active', '2026-01-01'), 'withdraw', 'coalition', '2026-06-01', { ok: false, message: 'You cannot withdraw this: it is an active membership.' }],
    ['ending an invitation is refused', row('invited'), 'end', 'coalition', '2026-06-01', { ok: false, message: 'You cannot end this: it is an open invitation.' }],
    ['ending twice is refused', row('ended', '2026-01-01', '2026-03-01'), 'end', 'employer', '2026-06-01', { ok: false, message: 'You cannot end this: it is a membership that has ended.' }],
    ['a declined invitation stays declined', row('declined'), 'accept', 'employer', '2026-06-01', { ok: false, message: 'You cannot accept this: it is an invitation that was declined.' }],
  ]
  it.each(cases)('%s', (_name, membership, action, side, date, expected) => {
    expect(applyMembershipAction(membership, action, side, date)).toEqual(expected)
  })
})

describe('invitationRefusal and isOpen', () => {
  it.each([
    [null, null],
    ['invited', 'Acme already has an open invitation from this coalition.'],
    ['active', 'Acme is already a member of this coalition.'],
  ] as const)('an open %s row → %s', (open, expected) => {
    expect(invitationRefusal(open, 'Acme')).toBe(expected)
  })
  it.each([
    ['invited', true], ['active', true], ['declined', false], ['withdrawn', false], ['ended', false],
  ] as const)('%s is open: %s', (status, expected) => {
    expect(isOpen(status)).toBe(expected)
  })
})
