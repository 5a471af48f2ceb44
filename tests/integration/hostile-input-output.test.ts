import type { ActionFunctionArgs } from '@remix-run/node'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import * as adminLayout from '~/routes/admin'
import * as outboxPage from '~/routes/admin.outbox'
import * as proceduresList from '~/routes/admin.procedures._index'
import * as newProcedure from '~/routes/admin.procedures.new'
import * as brokerLayout from '~/routes/broker'
import * as clientPage from '~/routes/broker.clients.$employerId'
import * as comparePage from '~/routes/broker.clients.$employerId_.compare'
import * as brokerProposal from '~/routes/broker.clients.$employerId_.proposals.$proposalId'
import * as brokerProposalPdf from '~/routes/broker.clients.$employerId_.proposals.$proposalId[.pdf]'
import * as scenarioPage from '~/routes/broker.clients.$employerId_.scenarios.$scenarioId'
import * as centerLayout from '~/routes/center'
import * as offerPage from '~/routes/center.offers.$offerId'
import * as newOffer from '~/routes/center.offers.new'
import * as coordinatorLayout from '~/routes/coordinator'
import * as coordinatorCase from '~/routes/coordinator.cases.$caseId'
import * as employerLayout from '~/routes/employer'
import * as plansList from '~/routes/employer.plans._index'
import * as newPlan from '~/routes/employer.plans.new'
import * as programPage from '~/routes/employer.programs.$programId'
import * as programsList from '~/routes/employer.programs._index'
import * as newProgram from '~/routes/employer.programs.new'
import * as employerProposal from '~/routes/employer.proposals.$proposalId'
import * as facilitiesLayout from '~/routes/facilities'
import * as facilityPage from '~/routes/facilities.$facilityId'
import * as memberLayout from '~/routes/member'
import * as careOption from '~/routes/member.care.$offerId'
import * as memberCase from '~/routes/member.cases.$caseId'
import { documentHandler } from './document'
import { postForm, SCRIPT, SQL_DROP } from './hostile'
import { cookieFor, getRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/*
 * Hostile text that is allowed in a name (issue 10) is stored exactly as typed and shown as text
 * everywhere it comes out: in loader data, in the server-rendered HTML (escaped by React, and
 * escaped again where Remix streams the data into the page), in the e-mail outbox (plain text),
 * in PDF proposals and their file names. No <script> or event handler of ours reaches a page.
 */

const IMG = '<img src=x onerror=alert(1)>'
const CLOSE_SCRIPT = '</script><script>alert(2)</script>'
const PAYLOADS = [SCRIPT, IMG, CLOSE_SCRIPT]

let t: TwoTenants
const cookies: Record<string, string> = {}
const ids: Record<'program' | 'scenario' | 'otherScenario' | 'proposal' | 'offer' | 'facility' | 'procedure' | 'case', string> = {
  program: '', scenario: '', otherScenario: '', proposal: '', offer: '', facility: '', procedure: '', case: '',
}
let handler: ReturnType<typeof documentHandler>

/** What React writes for text: the five characters that matter in HTML, escaped. */
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;')

async function post(action: (args: ActionFunctionArgs) => Promise<unknown>, path: string, form: Record<string, string | readonly string[]>, role: keyof TwoTenants['users'], params: Record<string, string> = {}) {
  const result = await statusOf(action, postForm(path, form, cookies[role]!), params)
  expect(result.status, JSON.stringify(result.body)).toBe(302)
  return result.location!
}

async function html(path: string, role: keyof TwoTenants['users']) {
  const response = await handler(getRequest(path, cookies[role]))
  expect(response.status).toBe(200)
  expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
  return response.text()
}

/** The page shows `text` (escaped) and never as markup; the streamed data escapes it too. */
function expectShownAsText(page: string, text: string) {
  expect(page).toContain(escapeHtml(text))
  expect(page).not.toContain(text)
  expect(page).not.toMatch(/<script>alert|<img src=x/i)
}

beforeAll(async () => {
  const db = getDb()
  t = await createTwoTenants(db)
  for (const [name, userId] of Object.entries(t.users)) cookies[name] = await cookieFor(userId)
  const offer = await db.selectFrom('offers').select(['id', 'facilityId', 'procedureId']).executeTakeFirstOrThrow()
  ids.facility = offer.facilityId
  ids.procedure = offer.procedureId
  handler = documentHandler([
    { id: 'routes/employer', path: 'employer', module: employerLayout },
    { id: 'routes/employer.plans._index', parentId: 'routes/employer', path: 'plans', index: true, module: plansList },
    { id: 'routes/employer.programs._index', parentId: 'routes/employer', path: 'programs', index: true, module: programsList },
    { id: 'routes/employer.programs.$programId', parentId: 'routes/employer', path: 'programs/:programId', module: programPage },
    { id: 'routes/employer.proposals.$proposalId', parentId: 'routes/employer', path: 'proposals/:proposalId', module: employerProposal },
    { id: 'routes/broker', path: 'broker', module: brokerLayout },
    { id: 'routes/broker.clients.$employerId', parentId: 'routes/broker', path: 'clients/:employerId', module: clientPage },
    { id: 'routes/broker.clients.$employerId_.scenarios.$scenarioId', parentId: 'routes/broker', path: 'clients/:employerId/scenarios/:scenarioId', module: scenarioPage },
    { id: 'routes/broker.clients.$employerId_.proposals.$proposalId', parentId: 'routes/broker', path: 'clients/:employerId/proposals/:proposalId', module: brokerProposal },
    { id: 'routes/center', path: 'center', module: centerLayout },
    { id: 'routes/center.offers.$offerId', parentId: 'routes/center', path: 'offers/:offerId', module: offerPage },
    { id: 'routes/admin', path: 'admin', module: adminLayout },
    { id: 'routes/admin.procedures._index', parentId: 'routes/admin', path: 'procedures', index: true, module: proceduresList },
    { id: 'routes/admin.outbox', parentId: 'routes/admin', path: 'outbox', module: outboxPage },
    { id: 'routes/coordinator', path: 'coordinator', module: coordinatorLayout },
    { id: 'routes/coordinator.cases.$caseId', parentId: 'routes/coordinator', path: 'cases/:caseId', module: coordinatorCase },
    { id: 'routes/member', path: 'member', module: memberLayout },
    { id: 'routes/member.cases.$caseId', parentId: 'routes/member', path: 'cases/:caseId', module: memberCase },
    { id: 'routes/member.care.$offerId', parentId: 'routes/member', path: 'care/:offerId', module: careOption },
    { id: 'routes/facilities', path: 'facilities', module: facilitiesLayout },
    { id: 'routes/facilities.$facilityId', parentId: 'routes/facilities', path: ':facilityId', module: facilityPage },
  ])

  // Every kind of name, typed with markup in it, through the real forms.
  await post(newPlan.action, '/employer/plans/new', {
    name: SCRIPT, planType: 'PPO', deductibleIndividualCents: '1500', deductibleFamilyCents: '3000', coinsuranceRate: '20', oopMaxIndividualCents: '5000', oopMaxFamilyCents: '10000',
  }, 'adminA')
  const programAt = await post(newProgram.action, '/employer/programs/new', { name: IMG, effectiveFrom: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10) }, 'adminA')
  ids.program = programAt.split('/').pop()!
  for (const [key, name] of [['scenario', CLOSE_SCRIPT], ['otherScenario', SCRIPT]] as const) {
    ids[key] = (await post(clientPage.action, `/broker/clients/${t.a.employerId}`, { name, source: 'program' }, 'broker', { employerId: t.a.employerId })).split('/').pop()!
  }
  ids.proposal = (
    await post(comparePage.action, `/broker/clients/${t.a.employerId}/compare`, { title: `${SCRIPT} "quoted"\r\nX-Injected: 1`, scenarioIds: [ids.scenario, ids.otherScenario], recommendedId: ids.scenario }, 'broker', {
      employerId: t.a.employerId,
    })
  ).split('/').pop()!
  await post(brokerProposal.action, `/broker/clients/${t.a.employerId}/proposals/${ids.proposal}`, {}, 'broker', { employerId: t.a.employerId, proposalId: ids.proposal })
  await post(newOffer.action, '/center/offers/new', {
    facilityId: ids.facility, procedureId: ids.procedure, priceCents: '27000', includesFacility: 'on', includesSurgeon: 'on', includesAnesthesia: 'on', includesImplant: 'on',
    includesFollowUp: 'on', warrantyDays: '90', followUpVisits: '2', accreditation: IMG, validFrom: '2026-02-01', status: 'active',
  }, 'center')
  ids.offer = (await db.selectFrom('offers').select('id').where('accreditation', '=', IMG).executeTakeFirstOrThrow()).id
  await post(newProcedure.action, '/admin/procedures/new', {
    code: 'XSS_TEST', name: SCRIPT, description: `${IMG} in a description`, drgCodes: '470', typicalNights: '1', nightsSource: SQL_DROP, nightsAway: '5', nightsAwaySource: 'test data', incidencePerThousand: '1', incidenceSource: 'test data',
  }, 'platform')
  const caseAt = await post(careOption.action, `/member/care/${offer.id}`, { contactPreference: 'email', contactEmail: 'member@example.com', memberNote: SCRIPT }, 'employeeA', { offerId: offer.id })
  ids.case = caseAt.split('/').pop()!.split('?')[0]!
  await post(coordinatorCase.action, `/coordinator/cases/${ids.case}`, { to: 'denied', reason: CLOSE_SCRIPT, note: IMG }, 'coordinator', { caseId: ids.case })
})

describe('markup in names is stored exactly as typed', () => {
  it.each([
    ['plan name', () => getDb().selectFrom('healthPlans').select('name as value').where('employerId', '=', t.a.employerId).where('name', '=', SCRIPT).execute(), SCRIPT],
    ['program name', () => getDb().selectFrom('programs').select('name as value').where('id', '=', ids.program).execute(), IMG],
    ['scenario name', () => getDb().selectFrom('scenarios').select('name as value').where('id', '=', ids.scenario).execute(), CLOSE_SCRIPT],
    ['proposal title', () => getDb().selectFrom('proposals').select('title as value').where('id', '=', ids.proposal).execute(), `${SCRIPT} "quoted"\r\nX-Injected: 1`],
    ['offer accreditation', () => getDb().selectFrom('offers').select('accreditation as value').where('id', '=', ids.offer).execute(), IMG],
    ['procedure name', () => getDb().selectFrom('procedures').select('name as value').where('code', '=', 'XSS_TEST').execute(), SCRIPT],
    ["procedure's source (SQL)", () => getDb().selectFrom('procedures').select('nightsSource as value').where('code', '=', 'XSS_TEST').execute(), SQL_DROP],
    ["member's note", () => getDb().selectFrom('cases').select('memberNote as value').where('id', '=', ids.case).execute(), SCRIPT],
    ['reason for a denial', () => getDb().selectFrom('cases').select('statusReason as value').where('id', '=', ids.case).execute(), CLOSE_SCRIPT],
  ] as const)('%s', async (_name, read, typed) => {
    expect(await read()).toEqual([{ value: typed }])
  })

  it('SQL in a name is only text: every table is still there', async () => {
    for (const table of ['users', 'procedures', 'offers', 'cases'] as const) expect((await getDb().selectFrom(table).select('id').execute()).length).toBeGreaterThan(0)
  })
})

describe('server-rendered pages show markup in names as text', () => {
  it.each([
    ['plans list: plan name', (): string => '/employer/plans', 'adminA', SCRIPT],
    ['programs list: program name', (): string => '/employer/programs', 'adminA', IMG],
    ['program page: program name (and <title>)', (): string => `/employer/programs/${ids.program}`, 'adminA', IMG],
    ['client page: scenario names', (): string => `/broker/clients/${t.a.employerId}`, 'broker', CLOSE_SCRIPT],
    ['scenario page: scenario name', (): string => `/broker/clients/${t.a.employerId}/scenarios/${ids.scenario}`, 'broker', CLOSE_SCRIPT],
    ["broker's proposal page: title and scenario names", (): string => `/broker/clients/${t.a.employerId}/proposals/${ids.proposal}`, 'broker', SCRIPT],
    ["client's proposal page: title and scenario names", (): string => `/employer/proposals/${ids.proposal}`, 'adminA', CLOSE_SCRIPT],
    ['offer form: accreditation in an input value', (): string => `/center/offers/${ids.offer}`, 'center', IMG],
    ['facility page: accreditation', (): string => `/facilities/${ids.facility}`, 'adminA', IMG],
    ['procedure catalog: procedure name', (): string => '/admin/procedures', 'platform', SCRIPT],
    ["care team's case page: member's note", (): string => `/coordinator/cases/${ids.case}`, 'coordinator', SCRIPT],
    ["care team's case page: timeline note", (): string => `/coordinator/cases/${ids.case}`, 'coordinator', IMG],
    ["member's case page: reason for the denial", (): string => `/member/cases/${ids.case}`, 'employeeA', CLOSE_SCRIPT],
    ['e-mail outbox: the denial e-mail', (): string => '/admin/outbox', 'platform', CLOSE_SCRIPT],
  ] as const)('%s', async (_name, path, role, payload) => {
    const page = await html(path(), role)
    expectShownAsText(page, payload)
    for (const other of PAYLOADS) expect(page).not.toContain(other)
  })

  it('the streamed loader data escapes "<" so a name cannot close the data script', async () => {
    const page = await html(`/broker/clients/${t.a.employerId}/scenarios/${ids.scenario}`, 'broker')
    // The data goes into the page as a JavaScript string inside a <script>: its "<" must be \u003c there.
    expect(page).toMatch(/streamController\.enqueue\([\s\S]*\\u003c\/script\\u003e\\u003cscript\\u003ealert\(2\)/)
    expect(page.match(/<\/script>/g)!.length).toBe(page.match(/<script\b/g)!.length)
  })
})

describe('other ways out carry markup as plain text', () => {
  it('the e-mail to the member is plain text with the reason as typed', async () => {
    const messages = await getDb().selectFrom('emailOutbox').select(['subject', 'body']).where('caseId', '=', ids.case).execute()
    const denial = messages.find((m) => m.body.includes('Reason:'))!
    expect(denial.body).toContain(`Reason: ${CLOSE_SCRIPT}`)
    expect(denial.subject).not.toMatch(/[\r\n]/)
  })

  it('the proposal PDF is made, and its file name keeps only safe characters', async () => {
    const response = (await brokerProposalPdf.loader({
      request: getRequest(`/broker/clients/${t.a.employerId}/proposals/${ids.proposal}.pdf`, cookies.broker), params: { employerId: t.a.employerId, proposalId: ids.proposal }, context: {},
    })) as Response
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/pdf')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="scriptalertxssscript-quotedX-Injected-1.pdf"')
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-')
  })
})
