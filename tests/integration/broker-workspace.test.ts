import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import type { ProposalSnapshot } from '~/domain/proposals/proposal'
import { readProposalSnapshot } from '~/domain/proposals/proposal'
import { rosterKeys } from '~/domain/roster/names'
import * as clientPage from '~/routes/broker.clients.$employerId'
import * as comparePage from '~/routes/broker.clients.$employerId_.compare'
import * as brokerProposal from '~/routes/broker.clients.$employerId_.proposals.$proposalId'
import * as brokerProposalPdf from '~/routes/broker.clients.$employerId_.proposals.$proposalId[.pdf]'
import * as scenarioPage from '~/routes/broker.clients.$employerId_.scenarios.$scenarioId'
import * as careCase from '~/routes/coordinator.cases.$caseId'
import * as brokersPage from '~/routes/employer.brokers'
import * as clientProposal from '~/routes/employer.proposals.$proposalId'
import * as rosterPage from '~/routes/employer.roster'
import { pdfPages } from '../support/pdf-pages'
import { cookieFor, getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

let t: TwoTenants
let broker: string
let adminA: string
let adminB: string
const scenarioIds: string[] = []
let proposalId: string

const newScenario = (employerId: string, form: Record<string, string>, cookie = broker) =>
  statusOf(clientPage.action, postRequest(`/broker/clients/${employerId}`, form, { cookie }), { employerId })
const MEMBER_FACTS = ['Ada', 'A0001', '1980-05-01', 'Hal2', 'A0003', 'Hopewell', '1975-02-02']
const serialized = (body: unknown) => JSON.stringify(body)

/**
 * Employer A also offers an HSA-qualified HDHP, taken by three families living in the center's ZIP,
 * with the IRS minimums and a national typical price for the procedure (so program cases are projected).
 */
async function addHsaFamilies() {
  const db = getDb()
  const now = new Date().toISOString()
  const procedureId = (await db.selectFrom('offers').select('procedureId').executeTakeFirstOrThrow()).procedureId
  const hdhpId = newId()
  await db
    .insertInto('healthPlans')
    .values({
      id: hdhpId, employerId: t.a.employerId, name: 'A Saver HDHP', planType: 'HDHP', isHsaQualified: 1, deductibleIndividualCents: 300_000, deductibleFamilyCents: 600_000,
      coinsuranceRate: 0.1, oopMaxIndividualCents: 650_000, oopMaxFamilyCents: 1_300_000, createdAt: now, updatedAt: now,
    })
    .execute()
  for (const n of [2, 3, 4]) {
    await db
      .insertInto('rosterMembers')
      .values({
        id: newId(), employerId: t.a.employerId, employeeId: `A000${n}`, firstName: `Hal${n}`, lastName: 'Hopewell', ...rosterKeys({ employeeId: `A000${n}`, firstName: `Hal${n}`, lastName: 'Hopewell' }), dateOfBirth: '1975-02-02', zip: '43215',
        healthPlanId: hdhpId, coverageTier: 'family', coverageStart: '2026-01-01', coverageEnd: null, dependentsCount: 2, deductibleMetCents: 0, oopPaidCents: 0, createdAt: now, updatedAt: now,
      })
      .execute()
  }
  const year = new Date().getUTCFullYear()
  for (const [kind, cents] of [['self', 170_000], ['family', 340_000]] as const) {
    await db.insertInto('priceFactors').values({ id: newId(), key: `irs_hdhp_min_deductible_${kind}_${year}`, value: cents, unit: 'cents', source: 'test', updatedAt: now, updatedByUserId: null }).execute()
  }
  await db
    .insertInto('marketPrices')
    .values({ id: newId(), procedureId, scope: 'national', scopeKey: 'US', facilityId: null, state: null, priceCents: 4_500_000, medicareBaseCents: 2_000_000, costIndex: null, commercialMultiplier: 2.25, source: 'test', computedAt: now })
    .execute()
}

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  await addHsaFamilies()
  broker = await cookieFor(t.users.broker)
  adminA = await cookieFor(t.users.adminA)
  adminB = await cookieFor(t.users.adminB)
})

describe('a broker on a granted client', () => {
  it('creates scenarios from the client program and as a copy, and changes them', async () => {
    const first = await newScenario(t.a.employerId, { name: 'Current design', source: 'program' })
    expect(first.status).toBe(302)
    scenarioIds.push(first.location!.split('/').pop()!)
    const copy = await newScenario(t.a.employerId, { name: 'Higher incentive', source: 'copy', copyOf: scenarioIds[0]! })
    scenarioIds.push(copy.location!.split('/').pop()!)
    const params = { employerId: t.a.employerId, scenarioId: scenarioIds[1]! }
    const saved = await statusOf(
      scenarioPage.action,
      postRequest(`/broker/clients/${t.a.employerId}/scenarios/${scenarioIds[1]}`, { intent: 'benefit', deductibleWaived: 'on', coinsuranceWaived: 'on', coeCopayCents: '0', completionIncentiveCents: '1000', outsideRule: 'plan_terms' }, { cookie: broker }),
      params,
    )
    expect(saved.status).toBe(302)
    const detail = await statusOf(scenarioPage.loader, getRequest(`/broker/clients/${t.a.employerId}/scenarios/${scenarioIds[1]}`, broker), params)
    expect(detail.body).toMatchObject({ rules: { completionIncentiveCents: 100_000 }, network: [expect.objectContaining({ bundlePriceCents: 2_800_000 })] })
    const copyWithoutSource = await newScenario(t.a.employerId, { name: 'Nothing to copy', source: 'copy' })
    expect(copyWithoutSource.status).toBe(400)
  })

  it('compares scenarios and makes a proposal with the figures frozen', async () => {
    const compare = await statusOf(comparePage.loader, getRequest(`/broker/clients/${t.a.employerId}/compare?s=${scenarioIds[0]}&s=${scenarioIds[1]}`, broker), { employerId: t.a.employerId })
    const body = compare.body as { scenarios: Array<{ name: string; metrics: { access: Array<{ within50: number }>; quality: { centers: number } } }> }
    expect(body.scenarios.map((s) => s.name)).toEqual(['Current design', 'Higher incentive'])
    // The one member lives in the center's ZIP: everyone is within 50 miles.
    expect(body.scenarios[0]!.metrics.access[0]!.within50).toBe(1)
    expect(body.scenarios[0]!.metrics.quality.centers).toBe(1)
    const tooFew = await statusOf(comparePage.loader, getRequest(`/broker/clients/${t.a.employerId}/compare?s=${scenarioIds[0]}`, broker), { employerId: t.a.employerId })
    expect(tooFew.body).toMatchObject({ problem: 'Choose two to four scenarios to compare.' })
    const made = await statusOf(
      comparePage.action,
      postRequest(`/broker/clients/${t.a.employerId}/compare`, new URLSearchParams([['title', 'Options for A'], ['scenarioIds', scenarioIds[0]!], ['scenarioIds', scenarioIds[1]!], ['recommendedId', scenarioIds[1]!]]) as never, { cookie: broker }),
      { employerId: t.a.employerId },
    )
    expect(made.status).toBe(302)
    proposalId = made.location!.split('/').pop()!
    const pdf = await brokerProposalPdf.loader({ request: getRequest(`/broker/clients/${t.a.employerId}/proposals/${proposalId}.pdf`, broker), params: { employerId: t.a.employerId, proposalId }, context: {} })
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf')
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('shows how the scenarios differ and how the member cost is made up; the proposal freezes them with the broker and the map', async () => {
    const compare = await statusOf(comparePage.loader, getRequest(`/broker/clients/${t.a.employerId}/compare?s=${scenarioIds[0]}&s=${scenarioIds[1]}`, broker), { employerId: t.a.employerId })
    const body = compare.body as Pick<ProposalSnapshot, 'scenarios' | 'map'> & { statesPath: string }
    const [current, higher] = body.scenarios
    expect(current!.design!.benefit).toMatchObject({ deductibleWaived: true, coinsuranceWaived: true, completionIncentiveCents: 50_000, outsideRule: 'plan_terms' })
    expect(higher!.design!.benefit.completionIncentiveCents).toBe(100_000)
    expect(current!.design!.travel).toMatchObject({ minDistanceMiles: 50, companionCovered: true, flyThresholdMiles: 300, lodgingNights: null, travelCapCents: 500_000 })
    expect(current!.centers).toEqual([expect.objectContaining({ name: 'Test Medical Center', city: 'Columbus', state: 'OH', x: expect.any(Number), y: expect.any(Number) })])
    // One PPO member pays nothing (deductible and coinsurance waived); three HSA families pay up to the IRS minimum family deductible first.
    expect(current!.memberCost!.irsMinimum).toMatchObject({ selfCents: 170_000, familyCents: 340_000 })
    expect(current!.memberCost!.byPlan).toEqual([
      expect.objectContaining({ planName: 'A PPO', coverage: 'individual', isHsaQualified: false, memberPaysCents: 0 }),
      expect.objectContaining({ planName: 'A Saver HDHP', coverage: 'family', isHsaQualified: true, hsaMinimumCents: 340_000, deductibleCents: 0, memberPaysCents: 340_000 }),
    ])
    // The average the comparison shows is the plan rows weighted by their program cases: ¾ × $3,400.
    expect(current!.metrics.memberCostPerCaseCents).toBe(255_000)
    const rows = current!.memberCost!.byPlan
    const cases = rows.reduce((sum, r) => sum + r.programCases, 0)
    expect(Math.round(rows.reduce((sum, r) => sum + r.memberPaysCents * r.programCases, 0) / cases)).toBe(current!.metrics.memberCostPerCaseCents)
    // The members map: counted by ZIP area, one circle for the four members; the outlines are drawn once for every map.
    expect(body.map!.members).toEqual([expect.objectContaining({ members: 4 })])
    expect(body.statesPath.startsWith('M')).toBe(true)

    const stored = await getDb().selectFrom('proposals').select('snapshot').where('id', '=', proposalId).executeTakeFirstOrThrow()
    const snapshot = readProposalSnapshot(stored.snapshot)
    expect(snapshot.brokerName).toBe('Test Brokers')
    expect(snapshot.brokerContact).toEqual({ name: 'broker user', email: expect.stringMatching(/^broker-.+@example\.com$/) })
    expect(snapshot.map!.members).toHaveLength(1)
    expect(snapshot.scenarios.map((s) => [s.name, s.isRecommended, s.design?.benefit.completionIncentiveCents, s.memberCost?.byPlan.length])).toEqual([
      ['Current design', false, 50_000, 2],
      ['Higher incentive', true, 100_000, 2],
    ])
    const page = await statusOf(brokerProposal.loader, getRequest(`/broker/clients/${t.a.employerId}/proposals/${proposalId}`, broker), { employerId: t.a.employerId, proposalId })
    expect(page.body).toMatchObject({ snapshot: { brokerContact: snapshot.brokerContact }, statesPath: expect.stringMatching(/^M/) })

    // The PDF: the summary page names the broker and the recommendation; the differing rule is marked.
    const pdf = await brokerProposalPdf.loader({ request: getRequest(`/broker/clients/${t.a.employerId}/proposals/${proposalId}.pdf`, broker), params: { employerId: t.a.employerId, proposalId }, context: {} })
    const pages = (await pdfPages(new Uint8Array(await pdf.arrayBuffer()))).map((page) => page.text)
    expect(pages[0]).toContain('Executive summary')
    expect(pages[0]).toContain(`Your contact: broker user, Test Brokers · ${snapshot.brokerContact!.email}`)
    expect(pages[0]).toContain('Higher incentive')
    expect(pages.join(' ')).toMatch(/Completion incentive \(paid to the member\)\s+DIFFERS/)
    expect(pages.join(' ')).toContain('Test Medical Center, Columbus, OH')
  })

  it('never returns a member-level fact in what a broker loads', async () => {
    const pages = [
      await statusOf(clientPage.loader, getRequest(`/broker/clients/${t.a.employerId}`, broker), { employerId: t.a.employerId }),
      await statusOf(scenarioPage.loader, getRequest(`/broker/clients/${t.a.employerId}/scenarios/${scenarioIds[0]}`, broker), { employerId: t.a.employerId, scenarioId: scenarioIds[0]! }),
      await statusOf(comparePage.loader, getRequest(`/broker/clients/${t.a.employerId}/compare?s=${scenarioIds[0]}&s=${scenarioIds[1]}`, broker), { employerId: t.a.employerId }),
      await statusOf(brokerProposal.loader, getRequest(`/broker/clients/${t.a.employerId}/proposals/${proposalId}`, broker), { employerId: t.a.employerId, proposalId }),
    ]
    for (const page of pages) {
      expect(page.status).toBe(200)
      for (const fact of MEMBER_FACTS) expect(serialized(page.body)).not.toContain(fact)
    }
    // Member-level pages stay closed to brokers whatever the employer.
    expect((await statusOf(rosterPage.loader, getRequest('/employer/roster', broker))).status).toBe(403)
    expect((await statusOf(careCase.loader, getRequest('/coordinator/cases/x', broker), { caseId: 'x' })).status).toBe(403)
  })
})

describe('a client that has not granted access', () => {
  it('is 404 on every broker page and action, and nothing is created', async () => {
    const b = t.b.employerId
    expect((await statusOf(clientPage.loader, getRequest(`/broker/clients/${b}`, broker), { employerId: b })).status).toBe(404)
    expect((await newScenario(b, { name: 'Sneaky', source: 'blank' })).status).toBe(404)
    expect((await statusOf(comparePage.loader, getRequest(`/broker/clients/${b}/compare?s=${scenarioIds[0]}&s=${scenarioIds[1]}`, broker), { employerId: b })).status).toBe(404)
    expect((await statusOf(scenarioPage.loader, getRequest(`/broker/clients/${b}/scenarios/${scenarioIds[0]}`, broker), { employerId: b, scenarioId: scenarioIds[0]! })).status).toBe(404)
    expect((await statusOf(brokerProposal.loader, getRequest(`/broker/clients/${b}/proposals/${proposalId}`, broker), { employerId: b, proposalId })).status).toBe(404)
    expect(await getDb().selectFrom('scenarios').select('id').where('employerId', '=', b).execute()).toEqual([])
  })
})

describe("the client's admin", () => {
  it('cannot see a proposal until it is shared; then adopts it once as a draft program', async () => {
    const view = () => statusOf(clientProposal.loader, getRequest(`/employer/proposals/${proposalId}`, adminA), { proposalId })
    expect((await view()).status).toBe(404)
    expect((await statusOf(brokerProposal.action, postRequest(`/broker/clients/${t.a.employerId}/proposals/${proposalId}`, {}, { cookie: broker }), { employerId: t.a.employerId, proposalId })).status).toBe(302)
    expect((await view()).status).toBe(200)
    expect((await statusOf(clientProposal.loader, getRequest(`/employer/proposals/${proposalId}`, adminB), { proposalId })).status).toBe(404)
    const adopt = () => statusOf(clientProposal.action, postRequest(`/employer/proposals/${proposalId}`, {}, { cookie: adminA }), { proposalId })
    const first = await adopt()
    const programId = first.location!.split('/').pop()!
    const version = await getDb().selectFrom('programVersions').selectAll().where('programId', '=', programId).executeTakeFirstOrThrow()
    expect(version).toMatchObject({ version: 1, status: 'draft' })
    const rules = await getDb().selectFrom('programBenefitRules').selectAll().where('programVersionId', '=', version.id).executeTakeFirstOrThrow()
    expect(rules.completionIncentiveCents).toBe(100_000) // the recommended scenario's rules
    expect(await getDb().selectFrom('programNetwork').select('bundlePriceCents').where('programVersionId', '=', version.id).execute()).toEqual([{ bundlePriceCents: 2_800_000 }])
    const second = await adopt()
    expect(second.location).toBe(`/employer/programs/${programId}`)
    expect(await getDb().selectFrom('programs').select('id').where('employerId', '=', t.a.employerId).execute()).toHaveLength(2)
  })

  it('revokes the broker firm, which then gets 404 on the client', async () => {
    const brokerId = (await getDb().selectFrom('brokerClients').select('brokerOrganizationId').where('employerOrganizationId', '=', t.a.employerId).executeTakeFirstOrThrow()).brokerOrganizationId
    expect((await statusOf(brokersPage.action, postRequest('/employer/brokers', { brokerId, intent: 'revoke' }, { cookie: adminA }))).status).toBe(302)
    const fresh = await cookieFor(t.users.broker)
    expect((await statusOf(clientPage.loader, getRequest(`/broker/clients/${t.a.employerId}`, fresh), { employerId: t.a.employerId })).status).toBe(404)
    expect((await statusOf(brokersPage.action, postRequest('/employer/brokers', { brokerId, intent: 'grant' }, { cookie: adminA }))).status).toBe(302)
    expect((await statusOf(clientPage.loader, getRequest(`/broker/clients/${t.a.employerId}`, await cookieFor(t.users.broker)), { employerId: t.a.employerId })).status).toBe(200)
  })
})
