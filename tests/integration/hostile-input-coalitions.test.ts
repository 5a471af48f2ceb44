import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import * as coalitionHome from '~/routes/coalition._index'
import * as employerCoalitions from '~/routes/employer.coalitions'
import { expectNoChange, hostileFixtures, LONG, postForm, SCRIPT, SQL_DROP, SQL_OR } from './hostile'
import { statusOf } from './support'
import type { TwoTenants } from './tenants'

/*
 * Hostile input on coalition memberships (issue 23): the coalition admin's invitation by code, withdraw
 * and end; the employer admin's accept, decline and leave. Each bad input gets its exact message and
 * changes nothing (the shared snapshot includes coalition_memberships, the audit log and the outbox).
 */

let t: TwoTenants
let cookies: Record<string, string>
const codes: Record<string, string> = {}
let invitationOfB: string

beforeAll(async () => {
  const fixtures = await hostileFixtures()
  t = fixtures.t
  cookies = fixtures.cookies
  const db = getDb()
  for (const [name, id] of Object.entries({ a: t.a.employerId, b: t.b.employerId, coalition: t.coalitionId })) {
    codes[name] = (await db.selectFrom('organizations').select('code').where('id', '=', id).executeTakeFirstOrThrow()).code
  }
  codes.health = (await db.selectFrom('organizations').select('code').where('kind', '=', 'health_system').executeTakeFirstOrThrow()).code
  invitationOfB = newId()
  const now = new Date().toISOString()
  await db
    .insertInto('coalitionMemberships')
    .values({ id: invitationOfB, coalitionOrganizationId: t.coalitionId, employerOrganizationId: t.b.employerId, status: 'invited', invitedAt: now, invitedByUserId: t.users.coalition, createdAt: now })
    .execute()
})

const asCoalition = (form: Record<string, string>) => expectNoChange(() => statusOf(coalitionHome.action, postForm('/coalition', form, cookies.coalition!)))
const asEmployer = (form: Record<string, string>, who = 'adminA') => expectNoChange(() => statusOf(employerCoalitions.action, postForm('/employer/coalitions', form, cookies[who]!)))

const FORMAT = "Enter the employer's code: letters, digits or dashes, like ACME."

describe('the coalition invites by code', () => {
  it.each([
    ['an empty code', '', 400, "Enter the employer's code."],
    ['spaces only', '   ', 400, "Enter the employer's code."],
    ['a code with spaces inside', 'AC ME', 400, FORMAT],
    ['SQL in the code', SQL_DROP, 400, FORMAT],
    ['SQL OR in the code', SQL_OR, 400, FORMAT],
    ['a script in the code', SCRIPT, 400, FORMAT],
    ['a 10,000-character code', LONG, 400, FORMAT],
    ['a code nobody has', 'NOSUCHCODE', 422, 'No organization has the code NOSUCHCODE.'],
  ] as const)('%s → %s "%s"', async (_name, code, status, message) => {
    expect(await asCoalition({ intent: 'invite', code })).toMatchObject({ status, body: { message } })
  })

  it("the coalition's own code (not an employer) is refused", async () => {
    expect(await asCoalition({ intent: 'invite', code: codes.coalition! })).toMatchObject({
      status: 422, body: { message: `Test Coalition (${codes.coalition}) is not an employer: only employers can join a coalition.` },
    })
  })

  it("a health system's code is refused", async () => {
    expect(await asCoalition({ intent: 'invite', code: codes.health!.toLowerCase() })).toMatchObject({
      status: 422, body: { message: `Test Health (${codes.health}) is not an employer: only employers can join a coalition.` },
    })
  })

  it('an employer that is already a member is refused', async () => {
    expect(await asCoalition({ intent: 'invite', code: codes.a! })).toMatchObject({ status: 422, body: { message: 'Employer A is already a member of this coalition.' } })
  })

  it('a second invitation while one is open is refused', async () => {
    expect(await asCoalition({ intent: 'invite', code: codes.b! })).toMatchObject({ status: 422, body: { message: 'Employer B already has an open invitation from this coalition.' } })
  })

  it('an unknown intent, a missing id and an unknown id change nothing', async () => {
    expect(await asCoalition({ intent: 'delete-everything' })).toMatchObject({ status: 400, body: { message: 'Choose what to do.' } })
    expect(await asCoalition({ intent: 'withdraw' })).toMatchObject({ status: 400, body: { message: 'Choose a membership' } })
    expect((await asCoalition({ intent: 'withdraw', membershipId: 'no-such-membership' })).status).toBe(404)
    expect((await asCoalition({ intent: 'withdraw', membershipId: SQL_OR })).status).toBe(404)
  })
})

describe('the coalition ends a membership', () => {
  it.each([
    ['no last day', undefined, 400, 'Enter the last day of membership'],
    ['an impossible date', '2026-02-30', 400, 'Enter the last day of membership as a real date'],
    ['not a date', SQL_DROP, 400, 'Enter the last day of membership as a real date'],
    ['a date past 2100', '2101-01-01', 400, 'Enter the last day of membership as a date from 2000 to 2100'],
    ['a last day before the first (2026-01-01)', '2025-12-31', 422, 'The last day of membership cannot be before the day it began (2026-01-01).'],
  ] as const)('%s → %s "%s"', async (_name, lastDay, status, message) => {
    const form: Record<string, string> = { intent: 'end', membershipId: t.coalitionMembershipId }
    if (lastDay !== undefined) form.lastDay = lastDay
    expect(await asCoalition(form)).toMatchObject({ status, body: { message } })
  })

  it('ending an invitation (withdraw it instead) is refused', async () => {
    expect(await asCoalition({ intent: 'end', membershipId: invitationOfB, lastDay: '2026-12-31' })).toMatchObject({ status: 422, body: { message: 'You cannot end this: it is an open invitation.' } })
  })

  it('withdrawing a membership that is active (end it instead) is refused', async () => {
    expect(await asCoalition({ intent: 'withdraw', membershipId: t.coalitionMembershipId })).toMatchObject({ status: 422, body: { message: 'You cannot withdraw this: it is an active membership.' } })
  })
})

describe('the employer answers and leaves', () => {
  it("accepting twice is refused (A's membership is active)", async () => {
    expect(await asEmployer({ intent: 'accept', membershipId: t.coalitionMembershipId })).toMatchObject({ status: 422, body: { message: 'You cannot accept this: it is an active membership.' } })
  })

  it("leaving before the day A joined is refused", async () => {
    expect(await asEmployer({ intent: 'leave', membershipId: t.coalitionMembershipId, lastDay: '2025-06-30' })).toMatchObject({
      status: 422, body: { message: 'The last day of membership cannot be before the day it began (2026-01-01).' },
    })
  })

  it('leaving an invitation (decline it instead) is refused', async () => {
    expect(await asEmployer({ intent: 'leave', membershipId: invitationOfB, lastDay: '2026-12-31' }, 'adminB')).toMatchObject({ status: 422, body: { message: 'You cannot end this: it is an open invitation.' } })
  })

  it("A's admin cannot accept, decline or leave B's invitation: 404", async () => {
    for (const form of [{ intent: 'accept' }, { intent: 'decline' }, { intent: 'leave', lastDay: '2026-12-31' }] as Array<Record<string, string>>) {
      expect((await asEmployer({ ...form, membershipId: invitationOfB })).status).toBe(404)
    }
  })

  it('an unknown intent and a hostile id change nothing', async () => {
    expect(await asEmployer({ intent: 'withdraw', membershipId: invitationOfB }, 'adminB')).toMatchObject({ status: 400, body: { message: 'Choose what to do.' } })
    expect((await asEmployer({ intent: 'accept', membershipId: LONG }, 'adminB'))).toMatchObject({ status: 400, body: { message: 'Choose a membership' } })
    expect((await asEmployer({ intent: 'accept', membershipId: SCRIPT }, 'adminB')).status).toBe(404)
  })
})
