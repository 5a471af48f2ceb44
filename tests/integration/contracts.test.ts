import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import type { ContractParty } from '~/domain/tenancy'
import { facilitySearchKeys } from '~/domain/search/facility-text'
import * as centerContract from '~/routes/center.contracts.$contractId'
import * as centerContracts from '~/routes/center.contracts._index'
import * as employerContract from '~/routes/employer.contracts.$contractId'
import * as employerContracts from '~/routes/employer.contracts._index'
import * as newContract from '~/routes/employer.contracts.new'
import { createContractDraft, getContractView, SIGNED_VERSION_MESSAGE } from '~/services/contracts.server'
import * as centerLayout from '~/routes/center'
import * as employerLayout from '~/routes/employer'
import { documentHandler } from './document'
import { actorOf, cookieFor, getRequest, ORIGIN, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/*
 * The contract lifecycle (issue 21, ADR 0016) through the routes, the services and the database:
 * an employer drafts from its program's network, the health system changes a term and sends it
 * back, both sign; a signed version refuses edits; a change is a new version both sign; other
 * tenants get 404; every step is audited.
 */

let t: TwoTenants
let healthSystemId: string
let procedureCode: string
const cookies = {} as Record<'adminA' | 'adminB' | 'center' | 'otherCenter' | 'broker', string>
let otherCenterUserId: string

function post(path: string, pairs: Array<readonly [string, string]>, cookie: string): Request {
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, Cookie: cookie },
    body: new URLSearchParams(pairs.map(([k, v]) => [k, v])).toString(),
  })
}

/** The page's current form values with some replaced, as the browser would post them. */
function formOf(values: Record<string, string[]>, changes: Record<string, string[]> = {}): Array<readonly [string, string]> {
  const merged = { ...values, ...changes }
  return [['intent', 'save'], ...Object.entries(merged).flatMap(([name, list]) => list.map((value) => [name, value] as const))]
}

type View = Awaited<ReturnType<typeof getContractView>>
const purchaserOf = (): ContractParty => ({ side: 'purchaser', organizationId: t.a.employerId })
const centerOf = (): ContractParty => ({ side: 'center', organizationId: healthSystemId })

async function page(side: 'employer' | 'center', contractId: string): Promise<{ status: number; view: View }> {
  const route = side === 'employer' ? employerContract : centerContract
  const result = await statusOf(route.loader, getRequest(`/${side}/contracts/${contractId}`, side === 'employer' ? cookies.adminA : cookies.center), { contractId })
  return { status: result.status, view: result.body as View }
}

async function act(side: 'employer' | 'center', contractId: string, pairs: Array<readonly [string, string]>, cookie?: string) {
  const route = side === 'employer' ? employerContract : centerContract
  return statusOf(route.action, post(`/${side}/contracts/${contractId}`, pairs, cookie ?? (side === 'employer' ? cookies.adminA : cookies.center)), { contractId })
}

const auditActions = async (contractId: string) =>
  (await getDb().selectFrom('auditLog').select(['action', 'actorUserId', 'employerId', 'detail']).where('subjectType', '=', 'contract').where('subjectId', '=', contractId).orderBy('occurredAt').orderBy('id').execute())

async function draft(): Promise<string> {
  const result = await statusOf(
    newContract.action,
    post('/employer/contracts/new', [['programId', t.a.programId], ['healthSystemId', healthSystemId], ['title', 'Joint replacement 2027']], cookies.adminA),
  )
  expect(result.status).toBe(302)
  return result.location!.split('/').pop()!
}

beforeAll(async () => {
  const db = getDb()
  t = await createTwoTenants(db)
  const offer = await db
    .selectFrom('programNetwork')
    .innerJoin('offers', 'offers.id', 'programNetwork.offerId')
    .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
    .innerJoin('procedures', 'procedures.id', 'offers.procedureId')
    .select(['facilities.healthSystemId', 'procedures.id as procedureId', 'procedures.code'])
    .where('programVersionId', '=', t.a.versionId)
    .executeTakeFirstOrThrow()
  healthSystemId = offer.healthSystemId!
  procedureCode = offer.code
  const now = new Date().toISOString()
  // The typical local price in Ohio, where A's member lives: the draft's benchmark.
  await db
    .insertInto('marketPrices')
    .values({
      id: newId(), procedureId: offer.procedureId, scope: 'state', scopeKey: 'OH', facilityId: null, state: 'OH', priceCents: 4_567_800, medicareBaseCents: 2_253_000,
      costIndex: null, commercialMultiplier: 2.54, source: 'test', computedAt: now,
    })
    .execute()
  // Another health system with a facility and an admin.
  const otherSystem = newId()
  await db.insertInto('organizations').values({ id: otherSystem, kind: 'health_system', name: 'Other Health', code: `OTHER-${otherSystem.slice(-6)}`, createdAt: now }).execute()
  await db
    .insertInto('facilities')
    .values({
      ...facilitySearchKeys({ name: 'Other Hospital', city: 'Akron' }),
      id: newId(), ccn: null, name: 'Other Hospital', address: '2 St', city: 'Akron', state: 'OH', zip: '44308', county: null, phone: null, latitude: 41.08, longitude: -81.5,
      coordinateSource: 'zip_centroid', facilityType: 'Acute Care Hospitals', ownership: null, hasEmergencyServices: 1, starRating: 3, healthSystemId: otherSystem, createdAt: now, updatedAt: now,
    })
    .execute()
  otherCenterUserId = newId()
  await db.insertInto('users').values({ id: otherCenterUserId, email: `other-center-${otherCenterUserId}@example.com`, passwordHash: 'unused', displayName: 'Other center', createdAt: now, lastLoginAt: null }).execute()
  await db.insertInto('memberships').values({ id: newId(), userId: otherCenterUserId, organizationId: otherSystem, role: 'center_admin', rosterMemberId: null, createdAt: now }).execute()
  cookies.adminA = await cookieFor(t.users.adminA)
  cookies.adminB = await cookieFor(t.users.adminB)
  cookies.center = await cookieFor(t.users.center)
  cookies.otherCenter = await cookieFor(otherCenterUserId)
  cookies.broker = await cookieFor(t.users.broker)
})

describe('a contract drafted from a program network', () => {
  it("copies the health system's rates, the members' typical local price and the network's facilities", async () => {
    const contractId = await draft()
    const { status, view } = await page('employer', contractId)
    expect(status).toBe(200)
    expect(view.version).toMatchObject({ number: 1, status: 'draft' })
    expect(view.values[`bundleRates[0].procedureCode`]).toEqual([procedureCode])
    expect(view.values[`bundleRates[0].bundleDollars`]).toEqual(['28000'])
    expect(view.values[`benchmarks[0].benchmarkDollars`]).toEqual(['45678'])
    expect(view.values[`benchmarks[0].source`]).toEqual(['typical_local_price'])
    expect(view.values.networkFacilityIds).toHaveLength(1)
    expect(view.can).toEqual({ edit: true, send: true, sign: false, startNewVersion: false })
    // Not sent yet: the health system does not see it.
    expect((await page('center', contractId)).status).toBe(404)
    const list = await statusOf(centerContracts.loader, getRequest('/center/contracts', cookies.center))
    expect((list.body as { contracts: Array<{ id: string }> }).contracts.map((c) => c.id)).not.toContain(contractId)
    const own = await statusOf(employerContracts.loader, getRequest('/employer/contracts', cookies.adminA))
    expect((own.body as { contracts: Array<{ id: string }> }).contracts.map((c) => c.id)).toContain(contractId)
  })

  it('refuses a health system that has no offer in the network', async () => {
    const result = await statusOf(newContract.action, post('/employer/contracts/new', [['programId', t.a.programId], ['healthSystemId', newId()], ['title', 'X']], cookies.adminA))
    expect(result.status).toBe(422)
    expect(JSON.stringify(result.body)).toContain("Choose a health system with offers in this program's network")
  })
})

describe('negotiating and signing', () => {
  let contractId: string
  beforeAll(async () => {
    contractId = await draft()
  })

  it('the employer changes the warranty and sends; the health system sees it and changes it back, with a redline', async () => {
    const { view } = await page('employer', contractId)
    expect((await act('employer', contractId, formOf(view.values, { 'warranty.windowDays': ['60'] }))).status).toBe(302)
    expect((await act('employer', contractId, [['intent', 'send']])).status).toBe(302)

    const atCenter = await page('center', contractId)
    expect(atCenter.status).toBe(200)
    expect(atCenter.view.version).toMatchObject({ status: 'sent' })
    expect(atCenter.view.redlines.flatMap((r) => r.changes.map((c) => c.text))).toContain('Warranty window: 90 days → 60 days')
    expect(atCenter.view.can.sign).toBe(true)

    expect((await act('center', contractId, formOf(atCenter.view.values, { 'warranty.windowDays': ['120'] }))).status).toBe(302)
    expect((await act('center', contractId, [['intent', 'send']])).status).toBe(302)

    const back = await page('employer', contractId)
    const sent = back.view.redlines.find((r) => r.title.startsWith('Changes Test Health sent'))
    expect(sent?.changes.map((c) => c.text)).toEqual(['Warranty window: 60 days → 120 days'])
    expect(back.view.version).toMatchObject({ status: 'sent', sentBy: 'Test Health' })
  })

  it('needs both signatures on the same terms: one signature leaves the version sent', async () => {
    expect((await act('employer', contractId, [['intent', 'sign']])).status).toBe(302)
    let { view } = await page('employer', contractId)
    expect(view.version.status).toBe('sent')
    expect(view.contract.status).toBe('draft')
    expect(view.can.sign).toBe(false)
    const rows = async () => ({
      versions: await getDb().selectFrom('contractVersions').selectAll().where('contractId', '=', contractId).execute(),
      signatures: await getDb().selectFrom('contractSignatures').selectAll().execute(),
      audit: await auditActions(contractId),
    })
    const before = await rows()
    const again = await act('employer', contractId, [['intent', 'sign']])
    expect(again.status).toBe(422)
    expect(await rows()).toEqual(before)
    expect(again.body).toMatchObject({ error: { '': ['You have already signed these terms; the other side signs next.'] } })

    expect((await act('center', contractId, [['intent', 'sign']])).status).toBe(302)
    ;({ view } = await page('employer', contractId))
    expect(view.version.status).toBe('signed')
    expect(view.contract).toMatchObject({ status: 'active', inForceVersion: 1 })
    expect(view.signatures.map((s) => s.organizationName).sort()).toEqual(['Employer A', 'Test Health'])
    const network = await getDb().selectFrom('contractVersionFacilities').innerJoin('contractVersions', 'contractVersions.id', 'contractVersionFacilities.versionId').select('facilityId').where('contractVersions.contractId', '=', contractId).execute()
    expect(network).toHaveLength(1)
  })

  it('a signed version refuses edits, and the database does not change', async () => {
    const before = await getDb().selectFrom('contractVersions').selectAll().where('contractId', '=', contractId).execute()
    const { view } = await page('center', contractId)
    expect(view.can).toEqual({ edit: false, send: false, sign: false, startNewVersion: true })
    const result = await act('center', contractId, formOf(view.values, { 'warranty.windowDays': ['30'] }))
    expect(result.status).toBe(422)
    expect(result.body).toMatchObject({ error: { '': [SIGNED_VERSION_MESSAGE] } })
    expect((await act('employer', contractId, [['intent', 'send']])).status).toBe(422)
    expect((await act('employer', contractId, [['intent', 'sign']])).status).toBe(422)
    expect(await getDb().selectFrom('contractVersions').selectAll().where('contractId', '=', contractId).execute()).toEqual(before)
  })

  it('a change is a new version both sign; an edit after one signature voids it', async () => {
    expect((await act('center', contractId, [['intent', 'new-version']])).status).toBe(302)
    let { view } = await page('center', contractId)
    expect(view.version).toMatchObject({ number: 2, status: 'draft' })
    expect(view.contract.inForceVersion).toBe(1)
    expect((await act('center', contractId, formOf(view.values, { 'riskSharing.sharingRate': ['40'] }))).status).toBe(302)
    expect((await act('center', contractId, [['intent', 'sign']])).status).toBe(422) // not sent yet
    expect((await act('center', contractId, [['intent', 'send']])).status).toBe(302)
    expect((await act('center', contractId, [['intent', 'sign']])).status).toBe(302)

    // The employer changes a term after the center signed: the center's signature no longer counts.
    ;({ view } = await page('employer', contractId))
    expect(view.redlines.find((r) => r.title === 'Changes since signed version 1')?.changes.map((c) => c.text)).toEqual(['Sharing rate: 50% → 40%'])
    expect((await act('employer', contractId, formOf(view.values, { 'riskSharing.sharingRate': ['45'] }))).status).toBe(302)
    ;({ view } = await page('employer', contractId))
    expect(view.version.status).toBe('draft')
    expect(view.signatures).toEqual([expect.objectContaining({ organizationName: 'Test Health', isOnCurrentTerms: false })])
    expect((await act('employer', contractId, [['intent', 'send']])).status).toBe(302)
    expect((await act('employer', contractId, [['intent', 'sign']])).status).toBe(302)
    ;({ view } = await page('employer', contractId))
    expect(view.version.status).toBe('sent') // the center's old signature was on other terms
    expect((await act('center', contractId, [['intent', 'sign']])).status).toBe(302)
    ;({ view } = await page('center', contractId))
    expect(view.version).toMatchObject({ number: 2, status: 'signed' })
    expect(view.contract.inForceVersion).toBe(2)
    expect(view.versions.map((v) => [v.number, v.status])).toEqual([[2, 'signed'], [1, 'signed']])
  })

  it('audits every step', async () => {
    const entries = await auditActions(contractId)
    expect(entries.map((e) => e.action)).toEqual([
      'contract.created',
      'contract.terms_saved', 'contract.sent',
      'contract.terms_saved', 'contract.sent',
      'contract.signed', 'contract.signed', 'contract.version_signed',
      'contract.version_started', 'contract.terms_saved', 'contract.sent', 'contract.signed',
      'contract.terms_saved', 'contract.sent', 'contract.signed', 'contract.signed', 'contract.version_signed',
    ])
    expect(entries.every((e) => e.employerId === t.a.employerId)).toBe(true)
    const firstSave = entries.find((e) => e.action === 'contract.terms_saved')!
    expect(firstSave.actorUserId).toBe(t.users.adminA)
    expect(JSON.parse(firstSave.detail!)).toMatchObject({ version: 1, changes: ['Warranty window: 90 days → 60 days'] })
  })
})

describe('field errors', () => {
  it('puts each error next to its input and changes nothing', async () => {
    const contractId = await draft()
    const { view } = await page('employer', contractId)
    const before = await getDb().selectFrom('contractVersions').selectAll().where('contractId', '=', contractId).execute()
    const result = await act('employer', contractId, formOf(view.values, {
      'warranty.windowDays': ['400'],
      'bundleRates[0].bundleDollars': ['free'],
      'goals.pro_share.weight': ['0.5'],
      'goals.pro_share.target': ['150'],
      'riskSharing.downsideRate': ['10'],
    }))
    expect(result.status).toBe(422)
    expect((result.body as { error: Record<string, string[]> }).error).toEqual({
      'warranty.windowDays': ['Enter a warranty window of 0 to 365 whole days'],
      'bundleRates[0].bundleDollars': ['Enter a bundle rate from $0.01 to $10,000,000'],
      'goals.pro_share.target': ['Enter a target share with patient-reported outcomes from 0% to 100%'],
      qualityGoals: ['The goal weights must add up to 1 (now 1.5)'],
      'riskSharing.downsideRate': ['A one-sided contract has no downside rate: leave it empty, or make the contract two-sided'],
    })
    expect(await getDb().selectFrom('contractVersions').selectAll().where('contractId', '=', contractId).execute()).toEqual(before)
  })
})

describe('tenancy', () => {
  let contractId: string
  beforeAll(async () => {
    contractId = await draft()
    expect((await act('employer', contractId, [['intent', 'send']])).status).toBe(302)
  })

  it('another employer gets 404 on the page and on every action, and changes nothing', async () => {
    expect((await statusOf(employerContract.loader, getRequest(`/employer/contracts/${contractId}`, cookies.adminB), { contractId })).status).toBe(404)
    const before = await auditActions(contractId)
    for (const intent of ['save', 'send', 'sign', 'new-version']) expect((await act('employer', contractId, [['intent', intent]], cookies.adminB)).status).toBe(404)
    expect(await auditActions(contractId)).toEqual(before)
  })

  it('another health system gets 404 on the page and on every action', async () => {
    expect((await statusOf(centerContract.loader, getRequest(`/center/contracts/${contractId}`, cookies.otherCenter), { contractId })).status).toBe(404)
    for (const intent of ['save', 'send', 'sign', 'new-version']) expect((await act('center', contractId, [['intent', intent]], cookies.otherCenter)).status).toBe(404)
    const list = await statusOf(centerContracts.loader, getRequest('/center/contracts', cookies.otherCenter))
    expect((list.body as { contracts: unknown[] }).contracts).toEqual([])
  })

  it("an employer cannot draft from another employer's program (404), and a broker has no contract pages (403)", async () => {
    const actorB = await actorOf(t.users.adminB)
    await expect(createContractDraft(actorB, { employerId: t.b.employerId }, { programId: t.a.programId, healthSystemId, title: 'x' })).rejects.toMatchObject({ status: 404 })
    expect((await statusOf(employerContract.loader, getRequest(`/employer/contracts/${contractId}`, cookies.broker), { contractId })).status).toBe(403)
    expect((await statusOf(centerContract.loader, getRequest(`/center/contracts/${contractId}`, cookies.adminA), { contractId })).status).toBe(403)
  })

  it('the services filter by the party too', async () => {
    await expect(getContractView({ side: 'purchaser', organizationId: t.b.employerId }, contractId)).rejects.toMatchObject({ status: 404 })
    expect((await getContractView(purchaserOf(), contractId)).contract.id).toBe(contractId)
    expect((await getContractView(centerOf(), contractId)).contract.id).toBe(contractId)
  })
})

describe('the pages render', () => {
  it('shows both sides the terms form, the redline and the buttons, with errors next to their inputs', async () => {
    const handler = documentHandler([
      { id: 'routes/employer', path: 'employer', module: employerLayout },
      { id: 'routes/employer.contracts._index', parentId: 'routes/employer', path: 'contracts', index: true, module: employerContracts },
      { id: 'routes/employer.contracts.new', parentId: 'routes/employer', path: 'contracts/new', module: newContract },
      { id: 'routes/employer.contracts.$contractId', parentId: 'routes/employer', path: 'contracts/:contractId', module: employerContract },
      { id: 'routes/center', path: 'center', module: centerLayout },
      { id: 'routes/center.contracts._index', parentId: 'routes/center', path: 'contracts', index: true, module: centerContracts },
      { id: 'routes/center.contracts.$contractId', parentId: 'routes/center', path: 'contracts/:contractId', module: centerContract },
    ])
    const contractId = await draft()
    const { view } = await page('employer', contractId)
    await act('employer', contractId, formOf(view.values, { 'warranty.windowDays': ['45'] }))
    await act('employer', contractId, [['intent', 'send']])

    const html = async (path: string, cookie: string) => {
      const response = await handler(getRequest(path, cookie))
      expect(response.status, path).toBe(200)
      return response.text()
    }
    const employerPage = await html(`/employer/contracts/${contractId}`, cookies.adminA)
    expect(employerPage).toContain('Joint replacement 2027')
    expect(employerPage).toContain('Warranty window (days after discharge)')
    expect(employerPage).toContain('Waiting for Test Health')
    const centerPage = await html(`/center/contracts/${contractId}`, cookies.center)
    expect(centerPage).toMatch(/Sign version (<!-- -->)?1</)
    expect(centerPage).toMatch(/<del>90 days<\/del>/)
    expect(centerPage).toMatch(/<ins>45 days<\/ins>/)
    expect(await html('/employer/contracts', cookies.adminA)).toContain(`/employer/contracts/${contractId}`)
    expect(await html('/center/contracts', cookies.center)).toContain(`/center/contracts/${contractId}`)
    expect(await html(`/employer/contracts/new?programId=${t.a.programId}`, cookies.adminA)).toContain('Test Health')
    expect(await html('/employer/contracts/new', cookies.adminA)).toContain('A Joint Program')

    // A refused save answers the page again, the message next to its input and the typed value kept.
    const request = post(`/center/contracts/${contractId}`, formOf(view.values, { 'warranty.windowDays': ['999'] }), cookies.center)
    request.headers.set('Host', new URL(ORIGIN).host)
    const refused = await handler(request)
    expect(refused.status).toBe(422)
    const refusedPage = await refused.text()
    expect(refusedPage).toMatch(/id="term-warranty-windowDays" name="warranty.windowDays" aria-invalid="true" aria-describedby="term-warranty-windowDays-error" value="999"/)
    expect(refusedPage).toContain('<ul id="term-warranty-windowDays-error" class="error-list"><li>Enter a warranty window of 0 to 365 whole days</li></ul>')
  })
})
