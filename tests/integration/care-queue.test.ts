import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import type { CaseStatus } from '~/db/schema'
import { parseCareQueueQuery } from '~/forms/care-queue'
import * as careQueue from '~/routes/coordinator._index'
import * as coordinatorCase from '~/routes/coordinator.cases.$caseId'
import { insertCaseMessage } from '~/db/repositories/case-messages.server'
import { getCareTeamThread } from '~/services/case-messages.server'
import { assignCase } from '~/services/case-assignment.server'
import { getCareQueue } from '~/services/care-queue.server'
import { actorOf, cookieFor, getRequest, statusOf } from './support'
import { addTenantACase, createTwoTenants, type TwoTenants } from './tenants'

/*
 * Issue 22: the care team's queue. Against a fixed now (Monday 2026-11-30) with Thanksgiving
 * (Thursday 11-26) a holiday and the default promises (requested 2, eligibility verified 3,
 * scheduled 5 working days).
 */
const NOW = new Date('2026-11-30T15:00:00.000Z')
let t: TwoTenants
const ids: Record<string, string> = {}

async function addCase(name: string, status: CaseStatus, since: string, lastName: string) {
  ids[name] = await addTenantACase(getDb(), t, { status, since, lastName, employeeId: `Q${Object.keys(ids).length}` })
}

const view = (query: string) => parseCareQueueQuery(new URLSearchParams(query))
const queue = async (query: string, userId = t.users.coordinator) => getCareQueue(await actorOf(userId), view(query), NOW)

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  await getDb().insertInto('platformHolidays').values({ date: '2026-11-26', name: 'Thanksgiving Day', createdAt: NOW.toISOString() }).execute()
  await addCase('wedRequest', 'requested', '2026-11-25T12:00:00.000Z', 'A') // due Mon 11-30 (Thanksgiving skipped): on time
  await addCase('oldRequest', 'requested', '2026-11-20T12:00:00.000Z', 'A') // due Tue 11-24: overdue
  await addCase('scheduled', 'scheduled', '2026-11-20T12:00:00.000Z', 'A') // 5 days: due Mon 11-30: on time
  await addCase('verified', 'eligibility_verified', '2026-11-23T09:00:00.000Z', 'A') // 3 days: due Fri 11-27: overdue
  await addCase('travel', 'travel_booked', '2026-01-05T09:00:00.000Z', 'A') // no promise for travel booked
  for (let i = 0; i < 50; i++) await addCase(`done${i}`, 'completed', `2026-10-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00.000Z`, 'A')
})

describe('overdue under the response promise, with working days and holidays', () => {
  it('flags each case and counts overdue cases per status', async () => {
    const result = await queue('')
    const byId = new Map(result.cases.map((c) => [c.id, c]))
    expect(byId.get(ids.wedRequest!)).toMatchObject({ dueDate: '2026-11-30', isOverdue: false, daysInStatus: 5 })
    expect(byId.get(ids.oldRequest!)).toMatchObject({ dueDate: '2026-11-24', isOverdue: true })
    expect(byId.get(ids.scheduled!)).toMatchObject({ dueDate: '2026-11-30', isOverdue: false })
    expect(byId.get(ids.verified!)).toMatchObject({ dueDate: '2026-11-27', isOverdue: true })
    expect(byId.get(ids.travel!)).toMatchObject({ dueDate: null, isOverdue: false })
    expect(result.overdueTotal).toBe(2)
    expect(result.overdueCounts.sort((a, b) => a.status.localeCompare(b.status))).toEqual([
      { status: 'eligibility_verified', count: 1 },
      { status: 'requested', count: 1 },
    ])
  })

  it('without the holiday, Wednesday\'s request is overdue on Monday', async () => {
    await getDb().deleteFrom('platformHolidays').where('date', '=', '2026-11-26').execute()
    try {
      const result = await queue('overdue=1')
      expect(result.cases.map((c) => c.id).sort()).toEqual([ids.wedRequest, ids.oldRequest, ids.verified, ids.scheduled].sort())
    } finally {
      await getDb().insertInto('platformHolidays').values({ date: '2026-11-26', name: 'Thanksgiving Day', createdAt: NOW.toISOString() }).execute()
    }
  })

  it('"Overdue only" lists the overdue cases', async () => {
    const result = await queue('overdue=1')
    expect(result.cases.map((c) => c.id).sort()).toEqual([ids.oldRequest, ids.verified].sort())
    expect(result.total).toBe(2)
  })
})

describe('sort and paging', () => {
  it('sorts by due date, earliest first, cases without a promise last; and the other way', async () => {
    expect((await queue('sort=due')).cases.map((c) => c.id)).toEqual([ids.oldRequest, ids.verified, ids.scheduled, ids.wedRequest, ids.travel]) // same due date: the older request first
    expect((await queue('sort=due&dir=desc')).cases.map((c) => c.id).slice(0, 2).sort()).toEqual([ids.wedRequest, ids.scheduled].sort())
  })
  it('sorts by time in status, longest first', async () => {
    expect((await queue('sort=age&dir=desc')).cases[0]!.id).toBe(ids.travel)
  })
  it('shows 50 a page', async () => {
    const first = await queue('status=all')
    expect(first).toMatchObject({ total: 55, pages: 2 })
    expect(first.cases).toHaveLength(50)
    const second = await queue('status=all&page=2')
    expect(second.cases).toHaveLength(5)
    expect(second.filter.page).toBe(2)
    expect((await queue('status=all&page=9')).filter.page).toBe(2)
  })
  it('shows procedure names, not codes', async () => {
    const row = (await queue('')).cases[0]!
    expect(row.procedureName).not.toBe(row.procedureCode)
  })
})

describe('assignment', () => {
  it('assigns to me, filters mine and unassigned, refuses a non-coordinator and a stale change, unassigns; each change audited', async () => {
    const me = await actorOf(t.users.coordinator)
    expect(await assignCase(me, ids.oldRequest!, t.users.coordinator, null, NOW)).toEqual({ ok: true })
    expect((await queue('assignee=mine')).cases.map((c) => c.id)).toEqual([ids.oldRequest])
    expect((await queue('assignee=unassigned&overdue=1')).cases.map((c) => c.id)).toEqual([ids.verified])
    expect((await queue(`assignee=${t.users.coordinator}`)).cases[0]).toMatchObject({ id: ids.oldRequest, assigneeName: expect.any(String) })

    for (const other of [t.users.platform, t.users.adminA, t.users.center]) {
      expect(await assignCase(me, ids.verified!, other, null, NOW)).toEqual({
        ok: false, fieldErrors: { assignee: ['Only a care coordinator of the care team can be assigned a case: choose one from the list'] },
      })
    }
    // The page showed "unassigned" but it is now someone's: refused, unchanged.
    expect(await assignCase(me, ids.oldRequest!, null, null, NOW)).toEqual({
      ok: false, fieldErrors: { assignee: ['Someone else changed who has this case a moment ago: reload it and try again'] },
    })
    expect(await assignCase(me, ids.oldRequest!, null, t.users.coordinator, NOW)).toEqual({ ok: true })
    const row = await getDb().selectFrom('cases').select('assigneeUserId').where('id', '=', ids.oldRequest!).executeTakeFirstOrThrow()
    expect(row.assigneeUserId).toBeNull()
    const audit = await getDb().selectFrom('auditLog').select('action').where('subjectId', '=', ids.oldRequest!).orderBy('occurredAt').execute()
    expect(audit.map((a) => a.action)).toEqual(['case.assigned', 'case.unassigned'])
  })
})

describe('hostile queue queries answer with the defaults', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['sort ";drop table cases"', `sort=${encodeURIComponent(';drop table cases')}`, { sort: 'requested', dir: 'asc' }],
    ['page -1', 'page=-1', { page: 1 }],
    ['page 99999999999999999999', 'page=99999999999999999999', { page: 1 }],
    ['a 5 KB assignee', `assignee=${'x'.repeat(5000)}`, { assignee: 'any' }],
    ['a 5 KB employer', `employer=${'x'.repeat(5000)}`, { employerId: null }],
    ['assignee "\' OR 1=1 --"', `assignee=${encodeURIComponent("' OR 1=1 --")}`, { assignee: 'any' }],
    ['dir "sideways"', 'dir=sideways', { dir: 'asc' }],
  ])('%s', async (_name, query, filter) => {
    const cookie = await cookieFor(t.users.coordinator)
    const result = await statusOf(careQueue.loader, getRequest(`/coordinator?${query}`, cookie))
    expect(result.status).toBe(200)
    expect((result.body as { filter: unknown }).filter).toMatchObject(filter)
    expect(await getDb().selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toMatchObject({ n: expect.anything() })
  })
})

describe('unread messages from the member, per row of the page', () => {
  const write = (caseId: string, side: 'member' | 'care_team', createdAt: string) =>
    insertCaseMessage(getDb(), { id: newId(), caseId, authorUserId: side === 'member' ? t.users.employeeA : t.users.coordinator, authorSide: side, body: `${side} at ${createdAt}`, createdAt })
  const unreadOf = (result: Awaited<ReturnType<typeof queue>>) => Object.fromEntries(result.cases.map((c) => [c.id, c.unreadMessages]))

  it('counts the member\'s messages the coordinator has not read, never the care team\'s own, and only for the rows of the page', async () => {
    await write(ids.wedRequest!, 'member', '2026-11-26T10:00:00.000Z')
    await write(ids.wedRequest!, 'member', '2026-11-27T10:00:00.000Z')
    await write(ids.verified!, 'care_team', '2026-11-27T11:00:00.000Z') // the care team's own message: never unread for it
    await write(ids.travel!, 'member', '2026-11-28T10:00:00.000Z')

    expect(unreadOf(await queue(''))).toEqual({ [ids.wedRequest!]: 2, [ids.oldRequest!]: 0, [ids.scheduled!]: 0, [ids.verified!]: 0, [ids.travel!]: 1 })
    // Every case, 50 a page, oldest request first: the travel case is on page 1, Wednesday's request on page 2.
    const first = unreadOf(await queue('status=all'))
    expect(Object.keys(first)).toHaveLength(50)
    expect(Object.entries(first).filter(([, n]) => n > 0)).toEqual([[ids.travel, 1]])
    const second = unreadOf(await queue('status=all&page=2'))
    expect(Object.entries(second).filter(([, n]) => n > 0)).toEqual([[ids.wedRequest, 2]])
    // The page's loader returns the same counts.
    const page = await statusOf(careQueue.loader, getRequest('/coordinator', await cookieFor(t.users.coordinator)))
    expect((page.body as { cases: Array<{ id: string; unreadMessages: number }> }).cases.find((c) => c.id === ids.wedRequest)?.unreadMessages).toBe(2)
  })

  it('opening the case clears the count for that coordinator only; a later message from the member counts again', async () => {
    const other = await (async () => {
      const id = newId()
      const at = NOW.toISOString()
      await getDb().insertInto('users').values({ id, email: `second-coordinator-${id}@example.com`, passwordHash: 'unused', displayName: 'Second coordinator', createdAt: at, lastLoginAt: null }).execute()
      const { organizationId } = await getDb().selectFrom('memberships').select('organizationId').where('userId', '=', t.users.coordinator).executeTakeFirstOrThrow()
      await getDb().insertInto('memberships').values({ id: newId(), userId: id, organizationId, role: 'care_coordinator', rosterMemberId: null, createdAt: at, isOrganizationAdmin: 0 }).execute()
      return id
    })()
    expect(unreadOf(await queue('', other))[ids.wedRequest!]).toBe(2)

    // The coordinator opens the case page (which reads the thread): it shows the 2 as new, then the queue shows none.
    const opened = await statusOf(coordinatorCase.loader, getRequest(`/coordinator/cases/${ids.wedRequest}`, await cookieFor(t.users.coordinator)), { caseId: ids.wedRequest! })
    expect(opened.status).toBe(200)
    expect((opened.body as { thread: { unread: number } }).thread.unread).toBe(2)
    expect(unreadOf(await queue(''))[ids.wedRequest!]).toBe(0)
    // The other coordinator has not read it.
    expect(unreadOf(await queue('', other))[ids.wedRequest!]).toBe(2)

    // Read at a known time; the member writes after it: one unread again.
    await getCareTeamThread(await actorOf(t.users.coordinator), ids.wedRequest!, new Date('2026-11-29T12:00:00.000Z'))
    await write(ids.wedRequest!, 'member', '2026-11-29T12:00:00.001Z')
    expect(unreadOf(await queue(''))[ids.wedRequest!]).toBe(1)
    await getCareTeamThread(await actorOf(t.users.coordinator), ids.wedRequest!, new Date('2026-11-29T13:00:00.000Z'))
    expect(unreadOf(await queue(''))[ids.wedRequest!]).toBe(0)
  })
})
