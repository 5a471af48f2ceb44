import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import * as brokerClient from '~/routes/broker.clients.$employerId'
import * as employerHome from '~/routes/employer._index'
import * as planPage from '~/routes/employer.plans.$planId'
import * as newPlan from '~/routes/employer.plans.new'
import * as plansList from '~/routes/employer.plans._index'
import * as programPage from '~/routes/employer.programs.$programId'
import * as memberHome from '~/routes/member._index'
import * as coordinatorHome from '~/routes/coordinator._index'
import * as centerHome from '~/routes/center._index'
import * as adminHome from '~/routes/admin._index'
import * as adminProcedures from '~/routes/admin.procedures._index'
import { cookieFor, getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

let t: TwoTenants
const cookies: Record<string, string> = {}

const VALID_PLAN = {
  name: 'Renamed PPO',
  planType: 'PPO',
  deductibleIndividualCents: '2000',
  deductibleFamilyCents: '4000',
  coinsuranceRate: '30',
  oopMaxIndividualCents: '6000',
  oopMaxFamilyCents: '12000',
}

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  for (const [key, userId] of Object.entries(t.users)) cookies[key] = await cookieFor(userId)
})

describe("employer A's admin on employer B's data", () => {
  it("gets 404 for B's plan page and B's program page", async () => {
    expect((await statusOf(planPage.loader, getRequest(`/employer/plans/${t.b.planId}`, cookies.adminA), { planId: t.b.planId })).status).toBe(404)
    expect((await statusOf(programPage.loader, getRequest(`/employer/programs/${t.b.programId}`, cookies.adminA), { programId: t.b.programId })).status).toBe(404)
  })

  it("gets 404 for a save of B's plan, and B's plan is unchanged", async () => {
    const before = await getDb().selectFrom('healthPlans').selectAll().where('id', '=', t.b.planId).executeTakeFirstOrThrow()
    const result = await statusOf(planPage.action, postRequest(`/employer/plans/${t.b.planId}`, VALID_PLAN, { cookie: cookies.adminA }), { planId: t.b.planId })
    expect(result.status).toBe(404)
    const after = await getDb().selectFrom('healthPlans').selectAll().where('id', '=', t.b.planId).executeTakeFirstOrThrow()
    expect(after).toEqual(before)
  })

  it('sees its own plan and program (the same pages work in scope)', async () => {
    const plan = await statusOf(planPage.loader, getRequest(`/employer/plans/${t.a.planId}`, cookies.adminA), { planId: t.a.planId })
    expect(plan.status).toBe(200)
    expect(plan.body).toMatchObject({ plan: { id: t.a.planId, name: 'A PPO' } })
    const program = await statusOf(programPage.loader, getRequest(`/employer/programs/${t.a.programId}`, cookies.adminA), { programId: t.a.programId })
    expect(program.status).toBe(200)
  })

  it("lists only its own employer's plans", async () => {
    const result = await statusOf(plansList.loader, getRequest('/employer/plans', cookies.adminA))
    const names = (result.body as { plans: Array<{ name: string }> }).plans.map((p) => p.name)
    expect(names).toEqual(['A PPO'])
  })

  it('saves its own plan and writes an audit entry', async () => {
    const result = await statusOf(planPage.action, postRequest(`/employer/plans/${t.a.planId}`, VALID_PLAN, { cookie: cookies.adminA }), { planId: t.a.planId })
    expect(result).toMatchObject({ status: 302, location: '/employer/plans' })
    const saved = await getDb().selectFrom('healthPlans').selectAll().where('id', '=', t.a.planId).executeTakeFirstOrThrow()
    expect(saved).toMatchObject({ name: 'Renamed PPO', deductibleIndividualCents: 200_000, coinsuranceRate: 0.3, employerId: t.a.employerId })
    const audit = await getDb().selectFrom('auditLog').selectAll().where('subjectId', '=', t.a.planId).execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'health_plan.updated', actorUserId: t.users.adminA, employerId: t.a.employerId })
  })
})

describe('state-changing requests', () => {
  it('are refused from another origin, and nothing changes', async () => {
    const before = await getDb().selectFrom('healthPlans').select('name').where('employerId', '=', t.a.employerId).execute()
    const result = await statusOf(
      newPlan.action,
      postRequest('/employer/plans/new', { ...VALID_PLAN, name: 'Evil plan' }, { cookie: cookies.adminA, origin: 'https://evil.example' }),
    )
    expect(result.status).toBe(403)
    const noOrigin = await statusOf(newPlan.action, postRequest('/employer/plans/new', { ...VALID_PLAN, name: 'Evil plan' }, { cookie: cookies.adminA, origin: null }))
    expect(noOrigin.status).toBe(403)
    const after = await getDb().selectFrom('healthPlans').select('name').where('employerId', '=', t.a.employerId).execute()
    expect(after).toEqual(before)
  })

  it('with a bad value get field errors and change nothing', async () => {
    const result = await statusOf(newPlan.action, postRequest('/employer/plans/new', { ...VALID_PLAN, name: 'X', coinsuranceRate: '250' }, { cookie: cookies.adminB }))
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({
      error: { name: ['Enter a plan name of at least 2 characters'], coinsuranceRate: ['Enter the coinsurance as a percentage from 0 to 100'] },
    })
    const count = await getDb().selectFrom('healthPlans').select((eb) => eb.fn.countAll<number>().as('n')).where('employerId', '=', t.b.employerId).executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(1)
  })

  it('reject a duplicate plan name with a field error', async () => {
    const result = await statusOf(newPlan.action, postRequest('/employer/plans/new', { ...VALID_PLAN, name: 'B PPO' }, { cookie: cookies.adminB }))
    expect(result.status).toBe(422)
    expect(result.body).toMatchObject({ error: { name: ['Another plan already has this name'] } })
  })
})

describe('brokers', () => {
  it('open a client that granted access', async () => {
    const result = await statusOf(brokerClient.loader, getRequest(`/broker/clients/${t.a.employerId}`, cookies.broker), { employerId: t.a.employerId })
    expect(result.status).toBe(200)
    expect(result.body).toMatchObject({ employer: { id: t.a.employerId }, coveredMembers: 1 })
    expect(JSON.stringify(result.body)).not.toContain('Ada')
  })
  it('get 404 for an employer that did not grant access, and for a revoked grant', async () => {
    expect((await statusOf(brokerClient.loader, getRequest(`/broker/clients/${t.b.employerId}`, cookies.broker), { employerId: t.b.employerId })).status).toBe(404)
    await getDb().updateTable('brokerClients').set({ revokedAt: new Date().toISOString() }).where('employerOrganizationId', '=', t.a.employerId).execute()
    try {
      expect((await statusOf(brokerClient.loader, getRequest(`/broker/clients/${t.a.employerId}`, cookies.broker), { employerId: t.a.employerId })).status).toBe(404)
    } finally {
      await getDb().updateTable('brokerClients').set({ revokedAt: null }).where('employerOrganizationId', '=', t.a.employerId).execute()
    }
  })
  it("get 403 on an employer admin's pages, even a client's", async () => {
    expect((await statusOf(plansList.loader, getRequest('/employer/plans', cookies.broker))).status).toBe(403)
  })
})

describe('role pages', () => {
  const routes = {
    employerHome: employerHome.loader,
    memberHome: memberHome.loader,
    coordinatorHome: coordinatorHome.loader,
    centerHome: centerHome.loader,
    adminHome: adminHome.loader,
    adminProcedures: adminProcedures.loader,
  }
  const allowed: Record<string, Array<keyof typeof routes>> = {
    adminA: ['employerHome'],
    employeeA: ['memberHome'],
    broker: [],
    coordinator: ['coordinatorHome'],
    center: ['centerHome'],
    platform: ['adminHome', 'adminProcedures'],
  }
  it.each(Object.keys(allowed))('%s reaches only its own pages (others answer 403)', async (who) => {
    for (const [name, loader] of Object.entries(routes)) {
      const { status } = await statusOf(loader, getRequest(`/${name}`, cookies[who]))
      expect({ name, status }).toEqual({ name, status: allowed[who]!.includes(name as keyof typeof routes) ? 200 : 403 })
    }
  })
  it.each(Object.keys(routes))('%s redirects a signed-out visitor to sign-in', async (name) => {
    const result = await statusOf(routes[name as keyof typeof routes], getRequest(`/some/page?x=1`))
    expect(result).toMatchObject({ status: 302, location: '/login?redirectTo=%2Fsome%2Fpage%3Fx%3D1' })
  })
})
