/**
 * Bounded list pages (issue 24): the outbox is paged with `?page=` (its bad page numbers are
 * hostile-input cases, in hostile-input-bounded-lists.test.ts); the care queue's and audit log's
 * employer filters offer only the employers with rows (and the one chosen), not every employer; the
 * platform report's supply is one row per state. Runs on SQLite and PostgreSQL.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { parsePageParam } from '~/forms/paging'
import * as auditPage from '~/routes/admin.audit'
import * as outbox from '~/routes/admin.outbox'
import * as reports from '~/routes/admin.reports'
import * as queue from '~/routes/coordinator._index'
import { OUTBOX_PAGE_SIZE } from '~/services/email-outbox.server'
import { cookieFor, loadOrRefusal as load } from './support'
import { addTenantACase, createTwoTenants, type TwoTenants } from './tenants'

let t: TwoTenants
const cookies: Record<string, string> = {}
/** Employers with no case and no audit entry (one for each filter: choosing one in the queue records a read about it). */
let quietEmployerId: string
let quietEmployer2Id: string

beforeAll(async () => {
  const db = getDb()
  t = await createTwoTenants(db)
  for (const key of ['coordinator', 'platform'] as const) cookies[key] = await cookieFor(t.users[key])
  await addTenantACase(db, t, { status: 'requested', since: '2026-11-02T10:00:00.000Z', employeeId: `BL-${newId().slice(-6)}` })
  quietEmployerId = newId()
  quietEmployer2Id = newId()
  for (const id of [quietEmployerId, quietEmployer2Id]) {
    await db.insertInto('organizations').values({ id, kind: 'employer', name: 'Quiet Employer', code: `QUIET-${id.slice(-6)}`, createdAt: new Date().toISOString() }).execute()
  }
  // 120 messages, a second apart, so there are at least three pages whatever other tests queued.
  const base = Date.parse('2026-10-01T00:00:00.000Z')
  await db
    .insertInto('emailOutbox')
    .values(
      Array.from({ length: 120 }, (_, i) => ({
        id: newId(), caseId: null, toAddress: `paging-${i}@example.com`, subject: `Paging ${i}`, body: 'b', createdAt: new Date(base + i * 1000).toISOString(), sentAt: null, attempts: 0, lastError: null,
      })),
    )
    .execute()
})

describe('the e-mail outbox is paged', () => {
  const allIds = async () => (await getDb().selectFrom('emailOutbox').select('id').orderBy('createdAt', 'desc').orderBy('id', 'desc').execute()).map((m) => m.id)

  it('shows the right slice of the newest-first list on each page, with the counts', async () => {
    const ids = await allIds()
    const pages = Math.ceil(ids.length / OUTBOX_PAGE_SIZE)
    expect(pages).toBeGreaterThanOrEqual(3)
    for (const page of [1, 2, pages]) {
      const result = await load(outbox.loader, `/admin/outbox?page=${page}`, cookies.platform!)
      expect(result.status).toBe(200)
      const data = result.data as { messages: Array<{ id: string }>; page: number; pages: number; total: number }
      expect(data).toMatchObject({ page, pages, total: ids.length })
      expect(data.messages.map((m) => m.id)).toEqual(ids.slice((page - 1) * OUTBOX_PAGE_SIZE, page * OUTBOX_PAGE_SIZE))
    }
    // No page parameter is page 1.
    const first = (await load(outbox.loader, '/admin/outbox', cookies.platform!)).data as { messages: Array<{ id: string }>; page: number }
    expect(first.page).toBe(1)
    expect(first.messages.map((m) => m.id)).toEqual(ids.slice(0, OUTBOX_PAGE_SIZE))
  })

  it('reads an empty page parameter as page 1', () => {
    expect(parsePageParam(new URLSearchParams('page='))).toEqual({ ok: true, page: 1 })
  })
})

describe('employer filters offer the employers with rows, not every employer', () => {
  it('the care queue offers employers with cases, and the chosen one', async () => {
    const plain = (await load(queue.loader, '/coordinator', cookies.coordinator!)).data as { employers: Array<{ id: string }> }
    const offered = plain.employers.map((e) => e.id)
    expect(offered).toContain(t.a.employerId)
    expect(offered).not.toContain(t.b.employerId) // B has no case
    expect(offered).not.toContain(quietEmployerId)
    const cases = await getDb().selectFrom('cases').select('employerId').distinct().execute()
    expect(new Set(offered)).toEqual(new Set(cases.map((c) => c.employerId)))
    const chosen = (await load(queue.loader, `/coordinator?employer=${quietEmployerId}`, cookies.coordinator!)).data as { employers: Array<{ id: string }>; cases: unknown[] }
    expect(chosen.employers.map((e) => e.id)).toContain(quietEmployerId)
    expect(chosen.cases).toEqual([])
  })

  it('the audit log offers employers with entries, and the chosen one', async () => {
    const plain = (await load(auditPage.loader, '/admin/audit', cookies.platform!)).data as { employers: Array<{ id: string }> }
    const withEntries = await getDb().selectFrom('auditLog').select('employerId').distinct().where('employerId', 'is not', null).execute()
    expect(new Set(plain.employers.map((e) => e.id))).toEqual(new Set(withEntries.map((e) => e.employerId)))
    expect(plain.employers.map((e) => e.id)).not.toContain(quietEmployer2Id)
    const chosen = (await load(auditPage.loader, `/admin/audit?employer=${quietEmployer2Id}`, cookies.platform!)).data as { employers: Array<{ id: string }> }
    expect(chosen.employers.map((e) => e.id)).toContain(quietEmployer2Id)
  })
})

describe('the platform report', () => {
  it('shows supply as one row per state whose columns add up to the active offers', async () => {
    const report = (await load(reports.loader, '/admin/reports', cookies.platform!)).data as { supplyCodes: string[]; supply: Array<{ state: string; offers: Record<string, number>; total: number }> }
    const states = report.supply.map((s) => s.state)
    expect(new Set(states).size).toBe(states.length)
    expect(states).toEqual([...states].sort((a, b) => a.localeCompare(b)))
    const active = await getDb().selectFrom('offers').innerJoin('facilities', 'facilities.id', 'offers.facilityId').select(['facilities.state']).where('offers.status', '=', 'active').execute()
    expect(report.supply.reduce((sum, s) => sum + s.total, 0)).toBe(active.length)
    for (const s of report.supply) expect(s.total).toBe(Object.values(s.offers).reduce((sum, n) => sum + n, 0))
  })
})
