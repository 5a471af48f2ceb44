import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDatabase, getDb } from '~/db/client.server'
import * as auditPage from '~/routes/admin.audit'
import * as outbox from '~/routes/admin.outbox'
import * as queue from '~/routes/coordinator._index'
import * as exportsRoute from '~/routes/employer.exports.$kind[.csv]'
import { cookieFor, getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

let t: TwoTenants
const cookies: Record<string, string> = {}
const IP = { 'x-portal-client-ip': '192.0.2.44' }
const entriesOf = (actorUserId: string, action: string) =>
  getDb().selectFrom('auditLog').selectAll().where('actorUserId', '=', actorUserId).where('action', '=', action).execute()

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  for (const key of ['coordinator', 'platform', 'adminA'] as const) cookies[key] = await cookieFor(t.users[key])
})

describe('reads of member-level data are audited with who, when, what and from where', () => {
  it.each([
    ['the care queue (members’ names)', 'coordinator', () => statusOf(queue.loader, getRequest('/coordinator', cookies.coordinator, IP)), 'case_queue.viewed'],
    ['the e-mail outbox (members’ addresses)', 'platform', () => statusOf(outbox.loader, getRequest('/admin/outbox', cookies.platform, IP)), 'outbox.viewed'],
    [
      'the cases export (employee ids), when it is downloaded',
      'adminA',
      async () => {
        // A job makes the file first (ADR 0029); the download is the read that is audited.
        await statusOf(exportsRoute.action, postRequest('/employer/exports/cases.csv', {}, { cookie: cookies.adminA }), { kind: 'cases' })
        return statusOf(exportsRoute.loader, getRequest('/employer/exports/cases.csv', cookies.adminA, IP), { kind: 'cases' })
      },
      'report.exported',
    ],
  ] as const)('%s', async (_label, who, read, action) => {
    const before = await entriesOf(t.users[who], action)
    const started = new Date().toISOString()
    expect((await read()).status).toBe(200)
    const after = await entriesOf(t.users[who], action)
    expect(after).toHaveLength(before.length + 1)
    const entry = after.find((e) => !before.some((b) => b.id === e.id))!
    expect(entry).toMatchObject({ actorUserId: t.users[who], action, ip: '192.0.2.44' })
    expect(entry.occurredAt >= started).toBe(true)
  })
})

describe('the audit log', () => {
  it('cannot be changed or deleted, even by SQL sent to the database directly', async () => {
    const [entry] = await getDb().selectFrom('auditLog').selectAll().limit(1).execute()
    expect(entry).toBeDefined()
    await expect(getDb().updateTable('auditLog').set({ action: 'tampered' }).where('id', '=', entry!.id).execute()).rejects.toThrow(/append-only/)
    await expect(getDb().deleteFrom('auditLog').where('id', '=', entry!.id).execute()).rejects.toThrow(/append-only/)
    if (getDatabase().dialect === 'postgres') await expect(sql`truncate audit_log`.execute(getDb())).rejects.toThrow(/append-only/)
    expect(await getDb().selectFrom('auditLog').selectAll().where('id', '=', entry!.id).executeTakeFirst()).toEqual(entry)
  })

  it('is searched by the platform admin by person, action prefix, employer and date; other roles get 403', async () => {
    await statusOf(queue.loader, getRequest('/coordinator', cookies.coordinator, IP))
    const coordinatorEmail = (await getDb().selectFrom('users').select('email').where('id', '=', t.users.coordinator).executeTakeFirstOrThrow()).email
    const today = new Date().toISOString().slice(0, 10)
    const search = async (query: string) =>
      (await statusOf(auditPage.loader, getRequest(`/admin/audit?${query}`, cookies.platform))).body as { entries: Array<{ action: string; actorEmail: string | null; ip: string | null }>; errors: string[] }
    const byPerson = await search(`actor=${encodeURIComponent(coordinatorEmail.slice(0, 20).toUpperCase())}&action=case_queue.&from=${today}&to=${today}`)
    expect(byPerson.entries.length).toBeGreaterThan(0)
    expect(byPerson.entries.every((e) => e.action === 'case_queue.viewed' && e.actorEmail === coordinatorEmail && e.ip === '192.0.2.44')).toBe(true)
    // A LIKE wildcard typed by the admin is matched literally.
    expect((await search('actor=%25')).entries).toEqual([])
    const byEmployer = await search(`employer=${t.b.employerId}`)
    expect(byEmployer.entries.every((e) => e.action !== 'case_queue.viewed')).toBe(true)
    expect((await search('from=2026-13-01')).errors).toEqual(['"2026-13-01" is not a from date in YYYY-MM-DD form: it was ignored'])
    expect((await statusOf(auditPage.loader, getRequest('/admin/audit', cookies.coordinator))).status).toBe(403)
  })
})
