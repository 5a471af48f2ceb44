import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { SEARCH_TEXT_TOO_LONG } from '~/forms/facility-search'
import * as organizations from '~/routes/admin.organizations'
import { cookieFor, getRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/*
 * The platform's organizations list at national scale (1,000 employers on the benchmark database):
 * one page of 50 at a time, searched by name or code in any case, filtered by kind.
 */
let t: TwoTenants
let cookie: string
const tag = newId().slice(-6).toUpperCase()
type Page = { rows: Array<{ name: string; code: string; kind: string }>; total: number; search: { page: number; qError: string | null } }
const list = async (query: string) => {
  const result = await statusOf(organizations.loader, getRequest(`/admin/organizations${query}`, cookie))
  expect(result.status).toBe(200)
  return result.body as Page
}

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  cookie = await cookieFor(t.users.platform)
  const now = new Date().toISOString()
  // 120 employers of this run, one with % and _ in its name.
  const rows = Array.from({ length: 120 }, (_, i) => ({ id: newId(), kind: 'employer' as const, name: `Paging Co ${tag} ${String(i).padStart(3, '0')}`, code: `PG${tag}${i}`, createdAt: now }))
  rows[7]!.name = `100%_Owned ${tag} Holdings`
  await getDb().insertInto('organizations').values(rows).execute()
})

describe('the organizations list', () => {
  it('shows 50 a page with the total, and the next page goes on where the first stopped', async () => {
    const first = await list(`?q=${tag}`)
    expect(first.total).toBe(120)
    expect(first.rows).toHaveLength(50)
    const second = await list(`?q=${tag}&page=2`)
    const third = await list(`?q=${tag}&page=3`)
    expect(third.rows).toHaveLength(20)
    const names = [...first.rows, ...second.rows, ...third.rows].map((r) => r.name)
    expect(new Set(names).size).toBe(120)
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
  })

  it('finds by code or name in any case, and takes % and _ literally', async () => {
    expect((await list(`?q=pg${tag.toLowerCase()}119`)).rows.map((r) => r.code)).toEqual([`PG${tag}119`])
    expect((await list(`?q=${encodeURIComponent(`paging co ${tag.toLowerCase()} 00`)}`)).total).toBe(9) // 000–009 less the renamed 007
    expect((await list(`?q=${encodeURIComponent('100%_owned')}`)).rows.map((r) => r.name)).toEqual([`100%_Owned ${tag} Holdings`])
    expect((await list(`?q=${encodeURIComponent('%')}&kind=employer`)).rows.every((r) => r.name.includes('%'))).toBe(true)
  })

  it('filters by kind; an unknown kind or page falls back to none and page 1', async () => {
    const health = await list('?kind=health_system')
    expect(health.total).toBeGreaterThan(0)
    expect(health.rows.every((r) => r.kind === 'health_system')).toBe(true)
    const fallback = await list(`?q=${tag}&kind=nonsense&page=-4`)
    expect(fallback).toMatchObject({ total: 120, search: { page: 1 } })
  })

  it('refuses search text over 100 characters with a message, and lists nothing', async () => {
    const refused = await list(`?q=${'x'.repeat(101)}`)
    expect(refused).toMatchObject({ rows: [], total: 0, search: { qError: SEARCH_TEXT_TOO_LONG } })
  })
})
