import { beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '~/auth/password.server'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { listCoalitionIdsOfEmployerOn, listMemberEmployerIdsOn } from '~/db/repositories/coalitions.server'
import * as coalitionHome from '~/routes/coalition._index'
import { cookieFor, getRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

let t: TwoTenants
const cookies: Record<string, string> = {}
/** A second coalition with its own admin and employer B as its member. */
let other: { coalitionId: string; adminId: string }

type Home = { coalition: { id: string; name: string }; memberships: Array<{ employerOrganizationId: string; status: string; joinedOn: string | null; leftOn: string | null }>; total: number }

beforeAll(async () => {
  const db = getDb()
  t = await createTwoTenants(db)
  const now = new Date().toISOString()
  const coalitionId = newId()
  await db.insertInto('organizations').values({ id: coalitionId, kind: 'coalition', name: 'Other Coalition', code: `OTHERC-${coalitionId.slice(-6).toUpperCase()}`, createdAt: now }).execute()
  const adminId = newId()
  await db.insertInto('users').values({ id: adminId, email: `other-coalition-${adminId}@example.com`, passwordHash: await hashPassword('x-password-1234'), displayName: 'Other coalition admin', createdAt: now, lastLoginAt: null }).execute()
  await db.insertInto('memberships').values({ id: newId(), userId: adminId, organizationId: coalitionId, role: 'coalition_admin', rosterMemberId: null, createdAt: now, isOrganizationAdmin: 1 }).execute()
  await db
    .insertInto('coalitionMemberships')
    .values({ id: newId(), coalitionOrganizationId: coalitionId, employerOrganizationId: t.b.employerId, status: 'ended', invitedAt: now, joinedOn: '2026-02-01', leftOn: '2026-04-30', createdAt: now })
    .execute()
  other = { coalitionId, adminId }
  for (const [name, id] of Object.entries({ ...t.users, otherCoalition: adminId })) cookies[name] = await cookieFor(id)
})

describe('the coalition home', () => {
  it("lists its own member employers with their dates and status, and nothing of another coalition's", async () => {
    const result = await statusOf(coalitionHome.loader, getRequest('/coalition', cookies.coalition))
    expect(result.status).toBe(200)
    const home = result.body as Home
    expect(home.coalition).toMatchObject({ id: t.coalitionId, name: 'Test Coalition' })
    expect(home.total).toBe(1)
    expect(home.memberships).toEqual([expect.objectContaining({ employerOrganizationId: t.a.employerId, status: 'active', joinedOn: '2026-01-01', leftOn: null })])

    const otherHome = (await statusOf(coalitionHome.loader, getRequest('/coalition', cookies.otherCoalition))).body as Home
    expect(otherHome.coalition.id).toBe(other.coalitionId)
    expect(otherHome.memberships.map((m) => [m.employerOrganizationId, m.status, m.joinedOn, m.leftOn])).toEqual([[t.b.employerId, 'ended', '2026-02-01', '2026-04-30']])
  })

  it.each(['adminA', 'broker', 'center', 'platform', 'employeeA'] as const)('is refused (403) to %s', async (who) => {
    expect((await statusOf(coalitionHome.loader, getRequest('/coalition', cookies[who]))).status).toBe(403)
  })
})

describe('membership on a date (the rule the pooled reports and allocations use)', () => {
  it.each([
    ['2025-12-31', [], []],
    ['2026-01-01', ['A'], []],
    ['2026-03-01', ['A'], ['B']],
    ['2026-04-30', ['A'], ['B']],
    ['2026-05-01', ['A'], []],
  ] as const)('on %s: coalition members %j, other coalition members %j', async (date, mine, others) => {
    const ids = (labels: readonly string[]) => labels.map((l) => (l === 'A' ? t.a.employerId : t.b.employerId))
    expect(await listMemberEmployerIdsOn(getDb(), t.coalitionId, date)).toEqual(ids(mine))
    expect(await listMemberEmployerIdsOn(getDb(), other.coalitionId, date)).toEqual(ids(others))
    expect(await listCoalitionIdsOfEmployerOn(getDb(), t.b.employerId, date)).toEqual(others.length ? [other.coalitionId] : [])
  })
})
