import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import type { CaseStatus } from '~/db/schema'
import { usFederalHolidays } from '~/domain/cases/response-promise'
import { parseCareQueueQuery } from '~/forms/care-queue'
import * as settingsRoute from '~/routes/admin.settings'
import { getCareQueue } from '~/services/care-queue.server'
import { addHoliday, addUsFederalHolidays, getPlatformSettings, removeHoliday, saveResponsePromises } from '~/services/platform-settings.server'
import { actorOf, cookieFor, getRequest, postRequest, statusOf } from './support'
import { addTenantACase, createTwoTenants, type TwoTenants } from './tenants'

/*
 * Issue 22: the platform admin's settings change what the care queue flags. Against a fixed now
 * (Monday 2026-11-30) with Thanksgiving (Thursday 11-26) a holiday:
 * - a request from Wednesday 11-25 is due, under 2 working days, on Monday 11-30 (Thursday is a
 *   holiday, the weekend does not count): on time; without the holiday it is due Friday: overdue;
 *   under 1 working day it is due Friday: overdue.
 * - a request from Friday 11-27, under 1 working day, is due Monday 11-30 (the weekend skipped): on time.
 */
const NOW = new Date('2026-11-30T15:00:00.000Z')
let t: TwoTenants
const ids: Record<string, string> = {}

async function addCase(name: string, status: CaseStatus, since: string) {
  ids[name] = await addTenantACase(getDb(), t, { status, since, employeeId: `S${Object.keys(ids).length}` })
}

/** What the coordinator's queue says of the requests: which are overdue, and its overdue count for "requested". */
async function queueOfRequests() {
  const result = await getCareQueue(await actorOf(t.users.coordinator), parseCareQueueQuery(new URLSearchParams('status=requested')), NOW)
  const flag = (name: string) => result.cases.find((c) => c.id === ids[name])!.isOverdue
  return { wednesday: flag('wednesday'), friday: flag('friday'), overdueRequested: result.overdueCounts.find((c) => c.status === 'requested')?.count ?? 0 }
}

const promisesOf = (requested: number | null) => ({ requested, eligibility_verified: 3, scheduled: 5, travel_booked: null, procedure_done: 10 })

async function auditRows(action: string) {
  return getDb().selectFrom('auditLog').select(['action', 'subjectType', 'subjectId', 'actorUserId', 'detail']).where('action', '=', action).orderBy('subjectId').execute()
}

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  await getDb().insertInto('platformHolidays').values({ date: '2026-11-26', name: 'Thanksgiving Day', createdAt: NOW.toISOString() }).execute()
  await addCase('wednesday', 'requested', '2026-11-25T12:00:00.000Z')
  await addCase('friday', 'requested', '2026-11-27T09:00:00.000Z')
})

describe('the response promise the platform admin saves is the one the queue flags by', () => {
  it('starts from the defaults: 2 working days from "requested", the holiday and the weekend in between keep both requests on time', async () => {
    expect(await queueOfRequests()).toEqual({ wednesday: false, friday: false, overdueRequested: 0 })
    const settings = await getPlatformSettings(2026, NOW)
    expect(settings.statuses).toEqual([
      { status: 'requested', workingDays: 2, updatedAt: expect.any(String), overdueNow: 0, dueIfEnteredToday: '2026-12-02' },
      { status: 'eligibility_verified', workingDays: 3, updatedAt: expect.any(String), overdueNow: 0, dueIfEnteredToday: '2026-12-03' },
      { status: 'scheduled', workingDays: 5, updatedAt: expect.any(String), overdueNow: 0, dueIfEnteredToday: '2026-12-07' },
      { status: 'travel_booked', workingDays: null, updatedAt: null, overdueNow: null, dueIfEnteredToday: null },
      { status: 'procedure_done', workingDays: 10, updatedAt: expect.any(String), overdueNow: 0, dueIfEnteredToday: '2026-12-14' },
    ])
  })

  it('saving 1 working day from the settings page flags Wednesday\'s request (due Friday) but not Friday\'s (due Monday), and says so on the page', async () => {
    const cookie = await cookieFor(t.users.platform)
    const form = { intent: 'promises', 'promise.requested': '1', 'promise.eligibility_verified': '3', 'promise.scheduled': '5', 'promise.travel_booked': '', 'promise.procedure_done': '10' }
    const saved = await statusOf(settingsRoute.action, postRequest('/admin/settings', form, { cookie }))
    expect(saved).toMatchObject({ status: 302, location: '/admin/settings' })
    expect(await queueOfRequests()).toEqual({ wednesday: true, friday: false, overdueRequested: 1 })
    expect((await getPlatformSettings(2026, NOW)).statuses[0]).toMatchObject({ status: 'requested', workingDays: 1, overdueNow: 1 })

    const audit = await auditRows('response_promise.updated')
    expect(audit).toEqual([
      { action: 'response_promise.updated', subjectType: 'response_promise', subjectId: 'requested', actorUserId: t.users.platform, detail: JSON.stringify({ workingDaysBefore: 2, workingDaysAfter: 1 }) },
    ])
  })

  it('saving the same values again changes and audits nothing', async () => {
    const before = await getDb().selectFrom('caseResponsePromises').selectAll().orderBy('status').execute()
    expect(await saveResponsePromises(await actorOf(t.users.platform), promisesOf(1), NOW)).toEqual({ changed: [] })
    expect(await getDb().selectFrom('caseResponsePromises').selectAll().orderBy('status').execute()).toEqual(before)
    expect(await auditRows('response_promise.updated')).toHaveLength(1)
  })

  it('under 2 working days again, removing the holiday makes Wednesday\'s request due Friday: overdue; adding it back puts it on time', async () => {
    const admin = await actorOf(t.users.platform)
    await saveResponsePromises(admin, promisesOf(2), NOW)
    expect(await queueOfRequests()).toEqual({ wednesday: false, friday: false, overdueRequested: 0 })

    expect(await removeHoliday(admin, '2026-11-26', NOW)).toEqual({ ok: true, name: 'Thanksgiving Day' })
    expect(await queueOfRequests()).toEqual({ wednesday: true, friday: false, overdueRequested: 1 })

    expect(await addHoliday(admin, { date: '2026-11-26', name: 'Thanksgiving Day' }, NOW)).toEqual({ ok: true })
    expect(await queueOfRequests()).toEqual({ wednesday: false, friday: false, overdueRequested: 0 })

    expect(await auditRows('platform_holiday.removed')).toEqual([
      { action: 'platform_holiday.removed', subjectType: 'platform_holiday', subjectId: '2026-11-26', actorUserId: t.users.platform, detail: JSON.stringify({ name: 'Thanksgiving Day' }) },
    ])
    expect((await auditRows('platform_holiday.added')).filter((row) => row.subjectId === '2026-11-26')).toHaveLength(1)
  })

  it('removing the promise of "requested" stops flagging requests, however old', async () => {
    const admin = await actorOf(t.users.platform)
    await saveResponsePromises(admin, promisesOf(1), NOW)
    expect((await queueOfRequests()).wednesday).toBe(true)
    expect(await saveResponsePromises(admin, promisesOf(null), NOW)).toEqual({ changed: ['requested'] })
    expect(await queueOfRequests()).toEqual({ wednesday: false, friday: false, overdueRequested: 0 })
    expect(await getDb().selectFrom('caseResponsePromises').select('status').where('status', '=', 'requested').executeTakeFirst()).toBeUndefined()
    const settings = await getPlatformSettings(2026, NOW)
    expect(settings.statuses[0]).toEqual({ status: 'requested', workingDays: null, updatedAt: null, overdueNow: null, dueIfEnteredToday: null })
    // Every change so far, one row each: 2 → 1 (the page), 1 → 2, 2 → 1, 1 → none.
    const changes = (await auditRows('response_promise.updated')).map((row) => `${row.subjectId} ${row.detail}`).sort()
    const change = (before: number | null, after: number | null) => `requested ${JSON.stringify({ workingDaysBefore: before, workingDaysAfter: after })}`
    expect(changes).toEqual([change(2, 1), change(1, 2), change(2, 1), change(1, null)].sort())
  })
})

describe('the US federal holidays of a year', () => {
  it('are added once: the eleven observed dates, each audited; a second time adds nothing; a date already listed keeps its name', async () => {
    const admin = await actorOf(t.users.platform)
    const federal = usFederalHolidays(2031)
    expect(federal).toHaveLength(11)
    // Labor Day 2031 is already listed under the company's own name.
    expect(await addHoliday(admin, { date: federal.find((h) => h.name === 'Labor Day')!.date, name: 'Company day' }, NOW)).toEqual({ ok: true })

    expect(await addUsFederalHolidays(admin, 2031, NOW)).toEqual({ year: 2031, added: 10, total: 11 })
    const listed = (await getPlatformSettings(2031, NOW)).holidays
    expect(listed.map((h) => h.date)).toEqual(federal.map((h) => h.date))
    expect(listed.find((h) => h.name === 'Company day')).toBeDefined()
    expect(listed.filter((h) => h.name === 'Labor Day')).toEqual([])

    const audited = (await auditRows('platform_holiday.added')).filter((row) => row.subjectId!.startsWith('2031-'))
    expect(audited).toHaveLength(11) // the company day and the ten federal holidays
    expect(audited.filter((row) => JSON.parse(row.detail!).source === 'us_federal').map((row) => row.subjectId)).toEqual(
      federal.filter((h) => h.name !== 'Labor Day').map((h) => h.date),
    )

    const rowsBefore = await getDb().selectFrom('platformHolidays').selectAll().orderBy('date').execute()
    expect(await addUsFederalHolidays(admin, 2031, NOW)).toEqual({ year: 2031, added: 0, total: 11 })
    expect(await getDb().selectFrom('platformHolidays').selectAll().orderBy('date').execute()).toEqual(rowsBefore)
    expect((await auditRows('platform_holiday.added')).filter((row) => row.subjectId!.startsWith('2031-'))).toHaveLength(11)
  })

  it('through the page: the action adds them and the page then says how many, once', async () => {
    const cookie = await cookieFor(t.users.platform)
    const first = await statusOf(settingsRoute.action, postRequest('/admin/settings', { intent: 'add-federal', year: '2032' }, { cookie }))
    expect(first).toMatchObject({ status: 302, location: '/admin/settings?year=2032#holidays' })
    expect(await getDb().selectFrom('platformHolidays').select('date').where('date', 'like', '2032-%').execute()).toHaveLength(11)
    const again = await statusOf(settingsRoute.action, postRequest('/admin/settings', { intent: 'add-federal', year: '2032' }, { cookie }))
    expect(again.status).toBe(302)
    expect(await getDb().selectFrom('platformHolidays').select('date').where('date', 'like', '2032-%').execute()).toHaveLength(11)
    const page = await statusOf(settingsRoute.loader, getRequest('/admin/settings?year=2032', cookie))
    expect(page.status).toBe(200)
    const body = page.body as { settings: { year: number; holidays: unknown[] } }
    expect(body.settings.year).toBe(2032)
    expect(body.settings.holidays).toHaveLength(11)
  })
})
