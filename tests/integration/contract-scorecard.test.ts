import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { reconcilePeriod } from '~/domain/contracts/reconciliation'
import { ContractTermsSchema } from '~/domain/contracts/terms'
import { facilitySearchKeys } from '~/domain/search/facility-text'
import * as employerLayout from '~/routes/employer'
import * as employerContract from '~/routes/employer.contracts.$contractId'
import * as programPage from '~/routes/employer.programs.$programId'
import * as scorecardsLayout from '~/routes/scorecards'
import * as scorecardPage from '~/routes/scorecards.$healthSystemId'
import * as scorecardPdf from '~/routes/scorecards.$healthSystemId[.pdf]'
import * as scorecardList from '~/routes/scorecards._index'
import { createContractDraft, getContractView } from '~/services/contracts.server'
import type { ScorecardView } from '~/services/scorecards.server'
import { pdfPages } from '../support/pdf-pages'
import { signContract } from './contract-fixtures'
import { documentHandler } from './document'
import { expectNoChange } from './hostile'
import { actorOf, cookieFor, getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/*
 * Value scorecards (issue 21) through the routes and a real database: employers, brokers and the
 * health system itself see the same page, each compared with the typical price it should see by
 * default; reconciled results show only after the health system allows it; another health system
 * gets 404. The program page says which offers a contract backs, and the contract page warns when
 * a copied rate's offer changed.
 */

let t: TwoTenants
let healthSystemId: string
let otherHealthSystemId: string
let knee: { offerId: string; facilityId: string; procedureId: string; code: string }
let contractId: string
const cookies = {} as Record<'adminA' | 'adminB' | 'center' | 'otherCenter' | 'broker' | 'employeeA', string>

type Page = ScorecardView & { problem: string | null }
async function scorecard(cookie: string, query = '', id = healthSystemId): Promise<{ status: number; view: Page }> {
  const result = await statusOf(scorecardPage.loader, getRequest(`/scorecards/${id}${query}`, cookie), { healthSystemId: id })
  return { status: result.status, view: result.body as Page }
}
const toggle = (intent: string, cookie: string, options: { origin?: string | null; id?: string } = {}) =>
  statusOf(scorecardPage.action, postRequest(`/scorecards/${options.id ?? healthSystemId}`, { intent }, { cookie, origin: options.origin }), { healthSystemId: options.id ?? healthSystemId })
const rowOf = (view: Page, code: string) => view.scorecard.procedures.find((p) => p.code === code)!

const handler = documentHandler([
  { id: 'routes/scorecards', path: 'scorecards', module: scorecardsLayout },
  { id: 'routes/scorecards._index', parentId: 'routes/scorecards', index: true, module: scorecardList },
  { id: 'routes/scorecards.$healthSystemId', parentId: 'routes/scorecards', path: ':healthSystemId', module: scorecardPage },
  { id: 'routes/employer', path: 'employer', module: employerLayout },
  { id: 'routes/employer.programs.$programId', parentId: 'routes/employer', path: 'programs/:programId', module: programPage },
  { id: 'routes/employer.contracts.$contractId', parentId: 'routes/employer', path: 'contracts/:contractId', module: employerContract },
])
async function html(path: string, cookie: string) {
  const response = await handler(getRequest(path, cookie))
  expect(response.status, path).toBe(200)
  return (await response.text()).replace(/<!-- -->/g, '')
}
beforeAll(async () => {
  const db = getDb()
  t = await createTwoTenants(db)
  for (const key of ['adminA', 'adminB', 'center', 'broker', 'employeeA'] as const) cookies[key] = await cookieFor(t.users[key])
  knee = await db
    .selectFrom('programNetwork')
    .innerJoin('offers', 'offers.id', 'programNetwork.offerId')
    .innerJoin('procedures', 'procedures.id', 'offers.procedureId')
    .select(['offers.id as offerId', 'offers.facilityId', 'offers.procedureId', 'procedures.code'])
    .where('programVersionId', '=', t.a.versionId)
    .executeTakeFirstOrThrow()
  healthSystemId = (await db.selectFrom('facilities').select('healthSystemId').where('id', '=', knee.facilityId).executeTakeFirstOrThrow()).healthSystemId!
  const now = new Date().toISOString()

  // A second facility of Test Health, Lakeside (5 stars), offers hip replacement, which CMS's hip/knee measures describe.
  const hipId = newId()
  await db
    .insertInto('procedures')
    .values({
      id: hipId, code: 'THA', name: 'Total hip replacement', description: 'Hip', drgCodes: '["470"]', typicalNights: 1, nightsSource: 'test', nightsAway: 5,
      nightsAwaySource: 'test', incidencePerThousand: 1.2, incidenceSource: 'test', medicareBaseCents: 2_253_000, medicareBaseSource: 'test', defaultInclusions: '[]',
      isActive: 1, createdAt: now, updatedAt: now,
    })
    .execute()
  const lakesideId = newId()
  await db
    .insertInto('facilities')
    .values({
      id: lakesideId, ccn: null, name: 'Lakeside Hospital', address: '9 Lake Rd', city: 'Cleveland', state: 'OH', zip: '44114', county: null,
      ...facilitySearchKeys({ name: 'Lakeside Hospital', city: 'Cleveland' }), phone: null, latitude: 41.5, longitude: -81.69, coordinateSource: 'zip_centroid',
      facilityType: 'Acute Care Hospitals', ownership: null, hasEmergencyServices: 1, starRating: 5, healthSystemId, createdAt: now, updatedAt: now,
    })
    .execute()
  await db
    .insertInto('offers')
    .values({
      id: newId(), facilityId: lakesideId, procedureId: hipId, priceCents: 3_000_000, includesFacility: 1, includesSurgeon: 1, includesAnesthesia: 1, includesImplant: 1,
      includesFollowUp: 1, warrantyDays: 120, followUpVisits: 2, annualVolume: 250, accreditation: null, appointmentWithinDays: 10, validFrom: '2026-01-01', validTo: null,
      status: 'active', createdAt: now, updatedAt: now,
    })
    .execute()
  for (const [measureCode, value, comparison] of [['COMP_HIP_KNEE', 1.9, 'better'], ['READM_30_HIP_KNEE', 4.1, 'no_different'], ['READM_30_HIP_KNEE_HRRP', 0.9, 'no_different']] as const) {
    await db
      .insertInto('qualityMeasures')
      .values({ id: newId(), facilityId: lakesideId, measureCode, value, comparison, denominator: 300, periodStart: '2021-04-01', periodEnd: '2024-03-31', source: 'CMS test', footnote: null, updatedAt: now })
      .execute()
  }
  // Typical prices: Ohio (where A's member lives), California, and the nation.
  const price = (procedureId: string, scope: 'state' | 'national', scopeKey: string, priceCents: number) =>
    db
      .insertInto('marketPrices')
      .values({ id: newId(), procedureId, scope, scopeKey, facilityId: null, state: scope === 'state' ? scopeKey : null, priceCents, medicareBaseCents: 2_253_000, costIndex: null, commercialMultiplier: 2.54, source: 'test', computedAt: now })
      .execute()
  await price(knee.procedureId, 'state', 'OH', 4_567_800)
  await price(knee.procedureId, 'state', 'CA', 5_000_000)
  await price(knee.procedureId, 'national', 'US', 4_000_000)
  await price(hipId, 'state', 'OH', 5_000_000)
  await price(hipId, 'national', 'US', 4_200_000)

  // Another health system with an admin.
  otherHealthSystemId = newId()
  await db.insertInto('organizations').values({ id: otherHealthSystemId, kind: 'health_system', name: 'Other Health', code: `OTHER-${otherHealthSystemId.slice(-6)}`, createdAt: now }).execute()
  const otherCenterUserId = newId()
  await db.insertInto('users').values({ id: otherCenterUserId, email: `other-center-${otherCenterUserId}@example.com`, passwordHash: 'unused', displayName: 'Other center', createdAt: now, lastLoginAt: null }).execute()
  await db.insertInto('memberships').values({ id: newId(), userId: otherCenterUserId, organizationId: otherHealthSystemId, role: 'center_admin', rosterMemberId: null, createdAt: now }).execute()
  cookies.otherCenter = await cookieFor(otherCenterUserId)

  // Employer A's contract with Test Health, signed by both (its knee rate copied from the offer).
  const made = await createContractDraft(await actorOf(t.users.adminA), { employerId: t.a.employerId }, { programId: t.a.programId, healthSystemId, title: 'Knee bundle 2027' })
  if (!made.ok) throw new Error('could not draft')
  contractId = made.contractId
  await signContract(db, contractId, { purchaser: t.users.adminA, center: t.users.center }, (terms) => ({ ...terms, riskSharing: { ...terms.riskSharing, minimumEpisodes: 2 } }))
})

describe('the bundle prices are compared with the typical price each viewer should see', () => {
  it("an employer: where its members live (A's one member lives in Ohio): $45,678 − $28,000 = $17,678 below (38.7%)", async () => {
    const { status, view } = await scorecard(cookies.adminA)
    expect(status).toBe(200)
    expect(view.comparison.value).toBe(`employer:${t.a.employerId}`)
    expect(view.basis.label).toBe("typical local price where Employer A's members live")
    expect(view.basis.text).toContain("Employer A's 1 covered member lives")
    expect(rowOf(view, knee.code)).toMatchObject({ typicalPriceCents: 4_567_800, differenceCents: 1_767_800, medianBundleCents: 2_800_000, facilityCount: 1 })
    expect(rowOf(view, 'THA')).toMatchObject({ typicalPriceCents: 5_000_000, differenceCents: 2_000_000 })
    expect([view.scorecard.proceduresBelowTypical, view.scorecard.proceduresCompared]).toEqual([2, 2])
  })

  it('quality against the nation: the hip row counts Lakeside better on complications; the knee code is not a hip/knee measure procedure', async () => {
    const { view } = await scorecard(cookies.adminA)
    expect(rowOf(view, 'THA')).toMatchObject({ complication: { better: 1, no_different: 0, worse: 0, not_available: 0 }, averageStars: 5, annualVolume: 250, fastestAccessDays: 10 })
    expect(rowOf(view, 'THA').tiers.top).toBe(1)
    expect(rowOf(view, knee.code).complication).toBeNull()
    expect(view.scorecard.facilities.map((f) => f.name)).toEqual(['Lakeside Hospital', 'Test Medical Center'])
  })

  it("an employer sees its own contract's warranty terms", async () => {
    const { view } = await scorecard(cookies.adminA)
    expect(view.contracts).toEqual([{ id: contractId, title: 'Knee bundle 2027', version: 1, warrantyDays: 90, warrantyCovers: ['complications', 'readmissions'], accessGuaranteeDays: 14 }])
    expect((await scorecard(cookies.adminB)).view.contracts).toEqual([])
  })

  it("a broker: the national typical price by default ($40,000 − $28,000 = $12,000), or where a granted client's members live", async () => {
    const national = (await scorecard(cookies.broker)).view
    expect(national.comparison.value).toBe('national')
    expect(national.basis.label).toBe('national typical price')
    expect(rowOf(national, knee.code)).toMatchObject({ typicalPriceCents: 4_000_000, differenceCents: 1_200_000 })
    expect(national.comparison.choices.map((c) => c.label)).toContain("Where Employer A's members live")
    expect(national.comparison.choices.map((c) => c.label)).not.toContain("Where Employer B's members live")
    expect(national.contracts).toEqual([]) // contracts are not the broker's

    const client = (await scorecard(cookies.broker, `?employer=${t.a.employerId}`)).view
    expect(rowOf(client, knee.code).typicalPriceCents).toBe(4_567_800)
    expect(client.comparison.note).toBeNull()
  })

  it('a broker asking for an employer that did not grant it access gets the national price and a note', async () => {
    const { view } = await scorecard(cookies.broker, `?compare=employer:${t.b.employerId}`)
    expect(rowOf(view, knee.code).typicalPriceCents).toBe(4_000_000)
    expect(view.comparison.note).toBe('Only a client that gave your firm access can be compared with: showing the national typical price.')
  })

  it("a state: California's typical price for the knee, the national one for the hip California has none for", async () => {
    const { view } = await scorecard(cookies.adminA, '?compare=state:CA')
    expect(view.basis.label).toBe('typical price in California')
    expect(rowOf(view, knee.code).typicalPriceCents).toBe(5_000_000)
    expect(rowOf(view, 'THA').typicalPriceCents).toBe(4_200_000)
  })

  it("the health system itself: the national figure by default, and no employer's members", async () => {
    const own = await scorecard(cookies.center)
    expect(own.status).toBe(200)
    expect(own.view.viewerKind).toBe('health_system')
    expect(rowOf(own.view, knee.code).typicalPriceCents).toBe(4_000_000)
    const asked = (await scorecard(cookies.center, `?employer=${t.a.employerId}`)).view
    expect(rowOf(asked, knee.code).typicalPriceCents).toBe(4_000_000)
    expect(asked.comparison.note).toBe("Where an employer's members live is shown only to that employer and its brokers: showing the national typical price.")
  })

  it('a value that names no choice falls back to the default and says so', async () => {
    const { view } = await scorecard(cookies.adminA, `?compare=${encodeURIComponent('state:ZZ')}`)
    expect(view.problem).toBe('Choose what to compare with from the list: showing the default comparison')
    expect(view.comparison.value).toBe(`employer:${t.a.employerId}`)
  })
})

describe('who sees a scorecard', () => {
  it('another health system gets 404 on the page and the PDF; its own is there', async () => {
    expect((await scorecard(cookies.otherCenter)).status).toBe(404)
    expect((await statusOf(scorecardPdf.loader, getRequest(`/scorecards/${healthSystemId}.pdf`, cookies.otherCenter), { healthSystemId })).status).toBe(404)
    expect((await scorecard(cookies.otherCenter, '', otherHealthSystemId)).status).toBe(200)
  })

  it('a member has no scorecards (403); an id that is no health system is a 404', async () => {
    expect((await scorecard(cookies.employeeA)).status).toBe(403)
    expect((await scorecard(cookies.adminA, '', t.a.employerId)).status).toBe(404)
    expect((await scorecard(cookies.adminA, '', newId())).status).toBe(404)
  })

  it('the list shows the health systems with offers to employers and brokers, and sends a health system to its own', async () => {
    const list = await statusOf(scorecardList.loader, getRequest('/scorecards', cookies.broker))
    expect((list.body as { healthSystems: unknown[] }).healthSystems).toEqual([{ id: healthSystemId, name: 'Test Health', facilities: 2, procedures: 2 }])
    const own = await statusOf(scorecardList.loader, getRequest('/scorecards', cookies.center))
    expect(own).toMatchObject({ status: 302, location: `/scorecards/${healthSystemId}` })
  })
})

describe('reconciled results', () => {
  let shown: ReturnType<typeof reconcilePeriod>

  beforeAll(async () => {
    // A reconciled period of the contract, its statement stored as reconciliation writes it, and an older statement it superseded.
    const db = getDb()
    const version = await db.selectFrom('contractVersions').select(['id', 'terms']).where('contractId', '=', contractId).executeTakeFirstOrThrow()
    const terms = ContractTermsSchema.parse(JSON.parse(version.terms))
    const episode = (n: number) => ({
      caseId: `case-${n}`, procedureCode: knee.code, benchmarkCents: 4_567_800, bundleCents: 2_800_000, travelPaidCents: 40_000, incentiveCents: 50_000, otherClaimsCents: 0,
      warrantyCreditCents: 0, outcomes: { hadComplication90d: false, wasReadmitted30d: false, satisfaction: 9, hasPatientReportedOutcomes: true, daysToFirstConsult: 5 },
    })
    shown = reconcilePeriod(terms, [episode(1), episode(2), episode(3)])
    const now = new Date().toISOString()
    // The period signing made, reconciled as a close leaves it.
    const { id: periodId } = await db.selectFrom('contractPeriods').select('id').where('contractId', '=', contractId).orderBy('sequence').executeTakeFirstOrThrow()
    await db.updateTable('contractPeriods').set({ status: 'reconciled', closedAt: now }).where('id', '=', periodId).execute()
    const statement = (id: string, output: typeof shown, supersededBy: string | null) =>
      db
        .insertInto('contractStatements')
        .values({
          id, periodId, contractId, versionId: version.id, statement: JSON.stringify({ reconciliation: output }), inputsSha256: '0'.repeat(64), episodeCount: output.episodeCount,
          totalBenchmarkCents: output.totalBenchmarkCents, grossSavingsCents: output.grossSavingsCents, settlementCents: output.settlementCents, outcome: output.outcome,
          supersededByStatementId: supersededBy, settledVia: null, settlementReference: null, settledAt: null, createdAt: now, createdByUserId: null,
        })
        .execute()
    const currentId = newId()
    await statement(currentId, shown, null)
    await statement(newId(), { ...shown, episodeCount: 99, settlementCents: 1 }, currentId)
  })

  it('the worked statement: 3 knee episodes, S = 3 × ($45,678 − $28,900) = $50,334, settled at the 10% stop-gain: $13,703.40', () => {
    expect(shown).toMatchObject({ episodeCount: 3, totalBenchmarkCents: 13_703_400, grossSavingsCents: 5_033_400, settlementCents: 1_370_340, outcome: 'shared_savings_at_stop_gain' })
  })

  it("stay hidden until the health system shows them, then every viewer sees the sums (the superseded statement left out); withdrawing hides them again; each change is audited", async () => {
    expect((await scorecard(cookies.adminA)).view.scorecard.reconciled).toBe('hidden')
    expect(await html(`/scorecards/${healthSystemId}`, cookies.broker)).not.toContain('Reconciled periods')

    expect(await toggle('show-results', cookies.center)).toMatchObject({ status: 302, location: `/scorecards/${healthSystemId}#results-heading` })
    const expected = { statements: 1, episodes: 3, totalBenchmarkCents: 13_703_400, grossSavingsCents: 5_033_400, settlementCents: 1_370_340, goalsMet: 2, goalsTotal: 2 }
    for (const cookie of [cookies.adminA, cookies.broker, cookies.center]) expect((await scorecard(cookie)).view.scorecard.reconciled).toMatchObject(expected)
    const page = await html(`/scorecards/${healthSystemId}`, cookies.adminB)
    expect(page).toContain('<dt>Gross savings</dt><dd>$50,334.00 (36.7% of the benchmark)</dd>')
    expect(page).toContain('<dt>Settlements</dt><dd>$13,703.40 paid by purchasers to the health system</dd>')
    expect(page).not.toContain('Employer A') // no purchaser is named (B's view: A's contract is among the sums)

    expect((await toggle('hide-results', cookies.center)).status).toBe(302)
    expect((await scorecard(cookies.broker)).view.scorecard.reconciled).toBe('hidden')
    const audit = await getDb().selectFrom('auditLog').select(['action', 'actorUserId', 'subjectId']).where('action', 'like', 'scorecard.%').orderBy('id').execute()
    expect(audit).toEqual([
      { action: 'scorecard.results_shown', actorUserId: t.users.center, subjectId: healthSystemId },
      { action: 'scorecard.results_withdrawn', actorUserId: t.users.center, subjectId: healthSystemId },
    ])
  })

  it('only its own admin may switch them, from our own pages; anything else changes nothing', async () => {
    expect((await expectNoChange(() => toggle('show-results', cookies.adminA))).status).toBe(403)
    expect((await expectNoChange(() => toggle('show-results', cookies.broker))).status).toBe(403)
    expect((await expectNoChange(() => toggle('show-results', cookies.otherCenter))).status).toBe(404)
    expect((await expectNoChange(() => toggle('show-results', cookies.center, { origin: 'https://evil.example' }))).status).toBe(403)
    expect((await expectNoChange(() => toggle('publish-everything', cookies.center))).status).toBe(400)
    expect((await scorecard(cookies.adminA)).view.isPublished).toBe(false)
  })
})

describe('the page and the PDF', () => {
  it("render the employer's comparison and the figures in words", async () => {
    const page = await html(`/scorecards/${healthSystemId}`, cookies.adminA)
    expect(page).toContain('Test Health: value scorecard')
    expect(page).toMatch(/<option value="employer:[^"]+" selected="">Where your members live<\/option>/)
    expect(page).toContain('$17,678 below (38.7%)')
    expect(page).toContain('Test Health has not chosen to show its reconciled contract results.')
    expect(page).toContain(`href="/scorecards/${healthSystemId}.pdf"`)
    expect(page).not.toContain('Show my reconciled results') // only the health system's admin has the switch
    expect(await html(`/scorecards/${healthSystemId}`, cookies.center)).toContain('Show my reconciled results')
  })

  it("are the same scorecard as a PDF, with the broker's comparison", async () => {
    const request = getRequest(`/scorecards/${healthSystemId}.pdf`, cookies.broker)
    const response = (await scorecardPdf.loader({ request, params: { healthSystemId }, context: {} })) as Response
    expect(response.headers.get('Content-Type')).toBe('application/pdf')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="Test-Health-value-scorecard.pdf"')
    const text = (await pdfPages(new Uint8Array(await response.arrayBuffer()))).map((page) => page.text).join(' ')
    expect(text).toContain('Test Health: value scorecard')
    expect(text).toContain('bundle prices against the national typical price')
    expect(text).toContain('$12,000 below (30.0%)')
    expect(text).toContain('Lakeside Hospital, Cleveland, OH')
    expect(text).toContain('COE Marketplace · Test Health: value scorecard · page 1 of')
  })
})

describe('the program page says which offers a contract backs', () => {
  it('marks the knee offer "Under contract" with the contract and its version, the rate the same as the program\'s price', async () => {
    const result = await statusOf(programPage.loader, getRequest(`/employer/programs/${t.a.programId}`, cookies.adminA), { programId: t.a.programId })
    expect((result.body as { contractBacking: unknown }).contractBacking).toEqual({
      [knee.offerId]: [{ contractId, title: 'Knee bundle 2027', version: 1, rateCents: 2_800_000, differsFromProgram: false }],
    })
    const page = await html(`/employer/programs/${t.a.programId}`, cookies.adminA)
    expect(page).toContain(`Under contract: <a data-discover="true" href="/employer/contracts/${contractId}">Knee bundle 2027 (v1)</a>`)
    expect(page).not.toContain('The contract rate is')
    // Employer B has no contract: no offer of its program is marked.
    const other = await statusOf(programPage.loader, getRequest(`/employer/programs/${t.b.programId}`, cookies.adminB), { programId: t.b.programId })
    expect((other.body as { contractBacking: unknown }).contractBacking).toEqual({})
  })

  it("says when the program's bundled price differs from a contract's rate", async () => {
    const made = await createContractDraft(await actorOf(t.users.adminA), { employerId: t.a.employerId }, { programId: t.a.programId, healthSystemId, title: 'Knee at $27,000' })
    if (!made.ok) throw new Error('could not draft')
    await signContract(getDb(), made.contractId, { purchaser: t.users.adminA, center: t.users.center }, (terms) => ({
      ...terms,
      bundleRates: terms.bundleRates.map((rate) => ({ ...rate, bundleCents: 2_700_000 })),
    }))
    const page = await html(`/employer/programs/${t.a.programId}`, cookies.adminA)
    expect(page).toContain(`Under contract: <a data-discover="true" href="/employer/contracts/${made.contractId}">Knee at $27,000 (v1)</a>`)
    expect(page).toContain('The contract rate is $27,000.00; this program&#x27;s bundled price is $28,000.00.')
  })
})

describe('the contract page warns when a copied rate no longer matches its offer', () => {
  const party = () => ({ side: 'purchaser' as const, organizationId: t.a.employerId })

  it('not while the offer still has the signed rate; after the offer price changes, it names the procedure, both prices, and keeps the signed rate', async () => {
    expect((await getContractView(party(), contractId)).rateWarnings).toEqual([])
    await getDb().updateTable('offers').set({ priceCents: 2_950_000 }).where('id', '=', knee.offerId).execute()
    expect((await getContractView(party(), contractId)).rateWarnings).toEqual([
      { procedureCode: knee.code, rateCents: 2_800_000, offerPriceCents: 2_950_000, facilityName: 'Test Medical Center', reason: 'price_changed' },
    ])
    const page = await html(`/employer/contracts/${contractId}`, cookies.adminA)
    expect(page).toContain(`${knee.code}: the contract rate is $28,000.00; the offer it was copied from at Test Medical Center is now $29,500.00.`)
    expect(page).toContain('The signed rate stays in force')
    // The signed terms did not change.
    const terms = ContractTermsSchema.parse(JSON.parse((await getDb().selectFrom('contractVersions').select('terms').where('contractId', '=', contractId).executeTakeFirstOrThrow()).terms))
    expect(terms.bundleRates[0]!.bundleCents).toBe(2_800_000)
  })

  it('and when the offer is withdrawn', async () => {
    await getDb().updateTable('offers').set({ status: 'withdrawn' }).where('id', '=', knee.offerId).execute()
    expect((await getContractView(party(), contractId)).rateWarnings).toMatchObject([{ procedureCode: knee.code, reason: 'withdrawn' }])
    expect((await getContractView({ side: 'center', organizationId: healthSystemId }, contractId)).rateWarnings).toHaveLength(1)
  })
})
