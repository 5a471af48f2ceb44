import type { LoaderFunctionArgs } from '@remix-run/node'
import { beforeAll, describe, expect, it } from 'vitest'
import { newId } from '~/db/ids'
import * as facilityList from '~/routes/admin.facilities._index'
import * as procedurePage from '~/routes/admin.procedures.$procedureId'
import * as platformReports from '~/routes/admin.reports'
import * as clientPage from '~/routes/broker.clients.$employerId'
import * as comparePage from '~/routes/broker.clients.$employerId_.compare'
import * as brokerProposalPdf from '~/routes/broker.clients.$employerId_.proposals.$proposalId[.pdf]'
import * as scenarioPage from '~/routes/broker.clients.$employerId_.scenarios.$scenarioId'
import * as offerPage from '~/routes/center.offers.$offerId'
import * as careQueue from '~/routes/coordinator._index'
import * as coordinatorCase from '~/routes/coordinator.cases.$caseId'
import * as centerFhirExtract from '~/routes/center.contracts.$contractId_.extracts.$window[.fhir.json]'
import * as centerPeriodCsv from '~/routes/center.contracts.$contractId_.periods.$periodId[.csv]'
import * as employerFhirExtract from '~/routes/employer.contracts.$contractId_.extracts.$window[.fhir.json]'
import * as employerJsonExtract from '~/routes/employer.contracts.$contractId_.extracts.$window[.json]'
import * as employerPeriod from '~/routes/employer.contracts.$contractId_.periods.$periodId'
import * as employerPeriodPdf from '~/routes/employer.contracts.$contractId_.periods.$periodId[.pdf]'
import * as dashboard from '~/routes/employer.dashboard'
import * as exportsCsv from '~/routes/employer.exports.$kind[.csv]'
import * as exportMethod from '~/routes/employer.exports.$kind[.method.txt]'
import * as planPage from '~/routes/employer.plans.$planId'
import * as programPage from '~/routes/employer.programs.$programId'
import * as networkPage from '~/routes/employer.programs.$programId_.network'
import * as planNetBundle from '~/routes/employer.programs.$programId_.plan-net[.json]'
import * as previewPage from '~/routes/employer.programs.$programId_.preview'
import * as proposalPage from '~/routes/employer.proposals.$proposalId'
import * as proposalPdf from '~/routes/employer.proposals.$proposalId[.pdf]'
import * as facilityPage from '~/routes/facilities.$facilityId'
import * as careOption from '~/routes/member.care.$offerId'
import * as findCare from '~/routes/member.care._index'
import * as memberCase from '~/routes/member.cases.$caseId'
import { contractParties, pastYears, signedContract } from './contract-fixtures'
import { expectNoChange, hostileFixtures, LONG, postForm, SQL_DROP, SQL_OR } from './hostile'
import { getRequest, postRequest, statusOf } from './support'
import type { TwoTenants } from './tenants'

/*
 * Hostile URLs (issue 10): ids that are not ids, ids of another kind or tenant, path traversal,
 * prototype keys, unknown filter values, impossible numbers and dates, SQL-looking search text
 * and very long query strings. An id that names nothing is a 404; a bad filter falls back to
 * its default and the page data says which value was used (or why); nothing changes.
 */

let t: TwoTenants
const cookies: Record<string, string> = {}
const ids: Record<'offer' | 'facility' | 'procedure' | 'case' | 'scenario', string> = { offer: '', facility: '', procedure: '', case: '', scenario: '' }
/** Two signed contracts of employer A with the health system, and a period of each (contract periods, issue 21). */
const contracts = { id: '', periodId: '', otherPeriodId: '' }
const thisYear = () => new Date().toISOString().slice(0, 4)
const today = () => new Date().toISOString().slice(0, 10)

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>
type Role = keyof TwoTenants['users']

beforeAll(async () => {
  const fixtures = await hostileFixtures()
  t = fixtures.t
  Object.assign(cookies, fixtures.cookies)
  const offer = fixtures.offer
  ids.offer = offer.id
  ids.facility = offer.facilityId
  ids.procedure = offer.procedureId
  const request = await statusOf(careOption.action, postForm(`/member/care/${ids.offer}`, { contactPreference: 'email', contactEmail: 'member@example.com' }, cookies.employeeA!), { offerId: ids.offer })
  expect(request.status).toBe(302)
  ids.case = request.location!.split('/').pop()!.split('?')[0]!
  const scenario = await statusOf(clientPage.action, postForm(`/broker/clients/${t.a.employerId}`, { name: 'Lean network', source: 'blank' }, cookies.broker!), { employerId: t.a.employerId })
  expect(scenario.status).toBe(302)
  ids.scenario = scenario.location!.split('/').pop()!
  const parties = await contractParties(t)
  const contract = await signedContract(parties, pastYears(2024, 1), 'Hostile ids')
  Object.assign(contracts, { id: contract.contractId, periodId: contract.periods[0]!.id, otherPeriodId: (await signedContract(parties, pastYears(2023, 1), 'Other')).periods[0]!.id })
})

const load = (loader: Loader, path: string, role: Role, params: Record<string, string> = {}) => statusOf(loader, getRequest(path, cookies[role]), params)

interface MissingPage {
  name: string
  loader: Loader
  role: Role
  /** The route's parameters, as Remix decodes them from the path. */
  params: () => Record<string, string>
}

const TRAVERSAL = '../../etc/passwd'
const NOT_FOUND: MissingPage[] = [
  { name: 'a plan id that is not a UUID', loader: planPage.loader, role: 'adminA', params: () => ({ planId: 'not-a-uuid' }) },
  { name: 'a program id as a plan id', loader: planPage.loader, role: 'adminA', params: () => ({ planId: t.a.programId }) },
  { name: 'path traversal as a plan id', loader: planPage.loader, role: 'adminA', params: () => ({ planId: TRAVERSAL }) },
  { name: 'SQL as a plan id', loader: planPage.loader, role: 'adminA', params: () => ({ planId: `${t.a.planId}' OR 1=1 --` }) },
  { name: 'a program id that is not a UUID', loader: programPage.loader, role: 'adminA', params: () => ({ programId: '12345' }) },
  { name: 'a plan id as a program id', loader: programPage.loader, role: 'adminA', params: () => ({ programId: t.a.planId }) },
  { name: "another employer's program", loader: networkPage.loader, role: 'adminA', params: () => ({ programId: t.b.programId }) },
  { name: 'an offer id as a program id (preview)', loader: previewPage.loader, role: 'adminA', params: () => ({ programId: ids.offer }) },
  { name: 'path traversal as a program id (Plan-Net bundle)', loader: planNetBundle.loader, role: 'adminA', params: () => ({ programId: TRAVERSAL }) },
  { name: "another employer's program (Plan-Net bundle)", loader: planNetBundle.loader, role: 'adminA', params: () => ({ programId: t.b.programId }) },
  { name: 'a plan id as a program id (Plan-Net bundle)', loader: planNetBundle.loader, role: 'adminA', params: () => ({ programId: t.a.planId }) },
  { name: 'a 10,000-character proposal id', loader: proposalPage.loader, role: 'adminA', params: () => ({ proposalId: LONG }) },
  { name: 'path traversal as a proposal PDF', loader: proposalPdf.loader, role: 'adminA', params: () => ({ proposalId: TRAVERSAL }) },
  { name: 'a client id that is not a UUID', loader: clientPage.loader, role: 'broker', params: () => ({ employerId: 'abc' }) },
  { name: 'a client that did not grant access', loader: clientPage.loader, role: 'broker', params: () => ({ employerId: t.b.employerId }) },
  { name: 'the all-zero UUID as a client', loader: clientPage.loader, role: 'broker', params: () => ({ employerId: '00000000-0000-0000-0000-000000000000' }) },
  { name: 'a scenario id that is not a UUID', loader: scenarioPage.loader, role: 'broker', params: () => ({ employerId: t.a.employerId, scenarioId: SQL_OR }) },
  { name: 'a program id as a scenario id', loader: scenarioPage.loader, role: 'broker', params: () => ({ employerId: t.a.employerId, scenarioId: t.a.programId }) },
  { name: 'a scenario id as a proposal PDF', loader: brokerProposalPdf.loader, role: 'broker', params: () => ({ employerId: t.a.employerId, proposalId: ids.scenario }) },
  { name: 'a case id that is not a UUID (care team)', loader: coordinatorCase.loader, role: 'coordinator', params: () => ({ caseId: 'abc' }) },
  { name: 'an offer id as a case id (care team)', loader: coordinatorCase.loader, role: 'coordinator', params: () => ({ caseId: ids.offer }) },
  { name: 'a case id that is not a UUID (member)', loader: memberCase.loader, role: 'employeeA', params: () => ({ caseId: SQL_DROP }) },
  { name: 'a roster member id as a case id (member)', loader: memberCase.loader, role: 'employeeA', params: () => ({ caseId: t.a.rosterMemberId }) },
  { name: 'an offer id that is not a UUID (member)', loader: careOption.loader, role: 'employeeA', params: () => ({ offerId: 'abc' }) },
  { name: 'a facility id as an offer id (member)', loader: careOption.loader, role: 'employeeA', params: () => ({ offerId: ids.facility }) },
  { name: 'an offer id that is not a UUID (center)', loader: offerPage.loader, role: 'center', params: () => ({ offerId: TRAVERSAL }) },
  { name: 'a facility id as an offer id (center)', loader: offerPage.loader, role: 'center', params: () => ({ offerId: ids.facility }) },
  { name: 'a procedure id that is SQL', loader: procedurePage.loader, role: 'platform', params: () => ({ procedureId: SQL_DROP }) },
  { name: 'an offer id as a procedure id', loader: procedurePage.loader, role: 'platform', params: () => ({ procedureId: ids.offer }) },
  { name: 'a facility id that is not a UUID', loader: facilityPage.loader, role: 'adminA', params: () => ({ facilityId: 'abc' }) },
  { name: 'an offer id as a facility id', loader: facilityPage.loader, role: 'adminA', params: () => ({ facilityId: ids.offer }) },
  { name: 'path traversal as a facility id', loader: facilityPage.loader, role: 'adminA', params: () => ({ facilityId: TRAVERSAL }) },
  { name: 'an empty id', loader: facilityPage.loader, role: 'adminA', params: () => ({ facilityId: '' }) },
  { name: 'export "hacked"', loader: exportsCsv.loader, role: 'adminA', params: () => ({ kind: 'hacked' }) },
  { name: 'export "../../etc/passwd"', loader: exportsCsv.loader, role: 'adminA', params: () => ({ kind: TRAVERSAL }) },
  { name: 'export "constructor"', loader: exportsCsv.loader, role: 'adminA', params: () => ({ kind: 'constructor' }) },
  { name: 'export "__proto__"', loader: exportsCsv.loader, role: 'adminA', params: () => ({ kind: '__proto__' }) },
  { name: 'NUL in a plan id', loader: planPage.loader, role: 'adminA', params: () => ({ planId: `${t.a.planId}\u0000` }) },
  { name: 'NUL in a case id (care team)', loader: coordinatorCase.loader, role: 'coordinator', params: () => ({ caseId: '\u0000' }) },
  { name: 'NUL in an export name', loader: exportsCsv.loader, role: 'adminA', params: () => ({ kind: 'cases\u0000' }) },
  { name: 'a 201-character id', loader: facilityPage.loader, role: 'adminA', params: () => ({ facilityId: 'f'.repeat(201) }) },
  { name: 'export "toString"', loader: exportsCsv.loader, role: 'adminA', params: () => ({ kind: 'toString' }) },
  { name: 'export method "constructor"', loader: exportMethod.loader, role: 'adminA', params: () => ({ kind: 'constructor' }) },
  { name: 'export method "../../etc/passwd"', loader: exportMethod.loader, role: 'adminA', params: () => ({ kind: TRAVERSAL }) },
  { name: "another contract's period id", loader: employerPeriod.loader, role: 'adminA', params: () => ({ contractId: contracts.id, periodId: contracts.otherPeriodId }) },
  { name: "another contract's period id (statement PDF)", loader: employerPeriodPdf.loader, role: 'adminA', params: () => ({ contractId: contracts.id, periodId: contracts.otherPeriodId }) },
  { name: 'a period id of "../"', loader: employerPeriod.loader, role: 'adminA', params: () => ({ contractId: contracts.id, periodId: '../' }) },
  { name: 'a 5 KB period id (statement CSV, health system)', loader: centerPeriodCsv.loader, role: 'center', params: () => ({ contractId: contracts.id, periodId: 'p'.repeat(5_000) }) },
  { name: 'a period id as a contract id', loader: employerPeriod.loader, role: 'adminA', params: () => ({ contractId: contracts.periodId, periodId: contracts.periodId }) },
  { name: 'a period id as a contract id (FHIR extract)', loader: employerFhirExtract.loader, role: 'adminA', params: () => ({ contractId: contracts.periodId, window: '2024-Q1' }) },
  { name: 'path traversal as a FHIR extract window (health system)', loader: centerFhirExtract.loader, role: 'center', params: () => ({ contractId: contracts.id, window: TRAVERSAL }) },
  { name: 'a FHIR file name on the JSON extract (window "2024-Q1.fhir")', loader: employerJsonExtract.loader, role: 'adminA', params: () => ({ contractId: contracts.id, window: '2024-Q1.fhir' }) },
  { name: 'a 5 KB FHIR extract window', loader: employerFhirExtract.loader, role: 'adminA', params: () => ({ contractId: contracts.id, window: 'w'.repeat(5_000) }) },
]

describe('an id that names nothing this person may see is a 404, and changes nothing', () => {
  it.each(NOT_FOUND)('$name', async ({ loader, role, params }) => {
    const values = params()
    const result = await expectNoChange(() => load(loader, `/x/${Object.values(values).map(encodeURIComponent).join('/')}`, role, values))
    expect(result.status).toBe(404)
  })
})

interface BadQuery {
  name: string
  loader: Loader
  role: Role
  path: () => string
  params?: () => Record<string, string>
  /** What the page data says about the value it used instead (or the error it shows). */
  expect: (body: Record<string, unknown>) => void
}

const FIND_CARE = '/member/care'
const BAD_QUERIES: BadQuery[] = [
  { name: 'ZIP "abcde"', loader: findCare.loader, role: 'employeeA', path: () => `${FIND_CARE}?zip=abcde`, expect: (b) => expect(b.query).toMatchObject({ zip: null, zipError: 'Enter a 5-digit ZIP code' }) },
  { name: 'ZIP "00000"', loader: findCare.loader, role: 'employeeA', path: () => `${FIND_CARE}?zip=00000`, expect: (b) => expect(b.found).toMatchObject({ status: 'unknown-zip', zip: '00000' }) },
  { name: 'ZIP of 10,000 digits', loader: findCare.loader, role: 'employeeA', path: () => `${FIND_CARE}?zip=${'9'.repeat(10_000)}`, expect: (b) => expect(b.query).toMatchObject({ zip: null, zipError: 'Enter a 5-digit ZIP code' }) },
  { name: 'radius -50', loader: findCare.loader, role: 'employeeA', path: () => `${FIND_CARE}?radius=-50`, expect: (b) => expect(b.query).toMatchObject({ radiusMiles: 3000 }) },
  { name: 'radius 1e308', loader: findCare.loader, role: 'employeeA', path: () => `${FIND_CARE}?radius=1e308`, expect: (b) => expect(b.query).toMatchObject({ radiusMiles: 3000 }) },
  { name: 'radius NaN', loader: findCare.loader, role: 'employeeA', path: () => `${FIND_CARE}?radius=NaN`, expect: (b) => expect(b.query).toMatchObject({ radiusMiles: 3000 }) },
  { name: 'sort "hacked"', loader: findCare.loader, role: 'employeeA', path: () => `${FIND_CARE}?sort=hacked`, expect: (b) => expect(b.query).toMatchObject({ sort: 'best' }) },
  { name: 'sort "constructor"', loader: findCare.loader, role: 'employeeA', path: () => `${FIND_CARE}?sort=constructor`, expect: (b) => expect(b.query).toMatchObject({ sort: 'best' }) },
  { name: 'stars 99', loader: findCare.loader, role: 'employeeA', path: () => `${FIND_CARE}?stars=99`, expect: (b) => expect(b.query).toMatchObject({ minStars: null }) },
  {
    name: 'procedure "1 OR 1=1"', loader: findCare.loader, role: 'employeeA', path: () => `${FIND_CARE}?procedure=${encodeURIComponent(SQL_OR)}`,
    expect: (b) => expect((b.found as { procedureCode: string }).procedureCode).toMatch(/^TKA-/),
  },
  {
    name: 'a 100,000-character query string', loader: findCare.loader, role: 'employeeA', path: () => `${FIND_CARE}?procedure=${'x'.repeat(50_000)}&note=${'y'.repeat(50_000)}`,
    expect: (b) => expect(b.found).toMatchObject({ status: 'ok' }),
  },
  {
    name: 'ZIP "abcde" on a center page', loader: careOption.loader, role: 'employeeA', path: () => `/member/care/${ids.offer}?zip=abcde`, params: () => ({ offerId: ids.offer }),
    expect: (b) => expect(b).toMatchObject({ zip: '43215', isHomeZip: true }),
  },
  { name: 'queue status "hacked"', loader: careQueue.loader, role: 'coordinator', path: () => '/coordinator?status=hacked', expect: (b) => expect(b.filter).toMatchObject({ status: 'open' }) },
  {
    name: 'queue employer "\' OR 1=1 --"', loader: careQueue.loader, role: 'coordinator', path: () => `/coordinator?status=all&employer=${encodeURIComponent("' OR 1=1 --")}`,
    expect: (b) => expect(b.cases).toEqual([]),
  },
  { name: 'queue procedure "../../etc/passwd"', loader: careQueue.loader, role: 'coordinator', path: () => `/coordinator?status=all&procedure=${TRAVERSAL}`, expect: (b) => expect(b.cases).toEqual([]) },
  { name: 'facility page -1', loader: facilityList.loader, role: 'platform', path: () => '/admin/facilities?page=-1', expect: (b) => expect(b.query).toMatchObject({ page: 1 }) },
  {
    name: 'facility page 99999999999999999999', loader: facilityList.loader, role: 'platform', path: () => '/admin/facilities?page=99999999999999999999',
    expect: (b) => expect(b.query).toMatchObject({ page: 1 }),
  },
  { name: 'facility stars "hacked"', loader: facilityList.loader, role: 'platform', path: () => '/admin/facilities?stars=hacked', expect: (b) => expect((b.query as { stars?: number }).stars).toBeUndefined() },
  { name: 'facility state "hacked"', loader: facilityList.loader, role: 'platform', path: () => '/admin/facilities?state=hacked', expect: (b) => expect((b.query as { state?: string }).state).toBeUndefined() },
  {
    name: "facility search \"' OR 1=1;--\"", loader: facilityList.loader, role: 'platform', path: () => `/admin/facilities?q=${encodeURIComponent("' OR 1=1;--")}`,
    expect: (b) => expect(b).toMatchObject({ total: 0, rows: [] }),
  },
  {
    name: 'facility search with NUL', loader: facilityList.loader, role: 'platform', path: () => '/admin/facilities?q=a%00b',
    expect: (b) => expect(b).toMatchObject({ total: 0, rows: [], query: { q: 'a\uFFFDb', qError: 'Search text contains characters that cannot be searched: type it again without them.' } }),
  },
  {
    name: 'facility search with an escape character (control characters)', loader: facilityList.loader, role: 'platform', path: () => '/admin/facilities?q=Mary%1B%5B2J&state=NY',
    expect: (b) => expect(b).toMatchObject({ total: 0, rows: [], query: { state: 'NY', qError: 'Search text contains characters that cannot be searched: type it again without them.' } }),
  },
  { name: 'facility type with NUL', loader: facilityList.loader, role: 'platform', path: () => '/admin/facilities?type=%00', expect: (b) => expect((b.query as { type?: string }).type).toBeUndefined() },
  { name: 'queue employer with NUL', loader: careQueue.loader, role: 'coordinator', path: () => '/coordinator?employer=%00', expect: (b) => expect(b.filter).toMatchObject({ employerId: null }) },
  {
    name: 'dashboard program with NUL', loader: dashboard.loader, role: 'adminA', path: () => '/employer/dashboard?program=%00',
    expect: (b) => expect(b).toMatchObject({ errors: [], query: { programId: null } }),
  },
  { name: 'facility search "%" (a LIKE wildcard)', loader: facilityList.loader, role: 'platform', path: () => '/admin/facilities?q=%25', expect: (b) => expect(b).toMatchObject({ total: 0, rows: [] }) },
  { name: 'facility search "_" (a LIKE wildcard)', loader: facilityList.loader, role: 'platform', path: () => '/admin/facilities?q=_', expect: (b) => expect(b).toMatchObject({ total: 0, rows: [] }) },
  {
    name: 'facility search of 10,000 characters', loader: facilityList.loader, role: 'platform', path: () => `/admin/facilities?q=${LONG}`,
    expect: (b) => expect(b).toMatchObject({ total: 0, rows: [], query: { qError: 'Search text is too long: use at most 100 characters.' } }),
  },
  {
    name: 'facility search of 101 characters (too long)', loader: facilityList.loader, role: 'platform', path: () => `/admin/facilities?q=${'m'.repeat(101)}&stars=3`,
    expect: (b) => expect(b).toMatchObject({ total: 0, rows: [], query: { q: 'm'.repeat(101), stars: 3, page: 1, qError: 'Search text is too long: use at most 100 characters.' } }),
  },
  {
    name: 'facility search of 100 characters (the limit)', loader: facilityList.loader, role: 'platform', path: () => `/admin/facilities?q=${'m'.repeat(100)}`,
    expect: (b) => expect(b).toMatchObject({ total: 0, rows: [], query: { q: 'm'.repeat(100), qError: null } }),
  },
  {
    name: 'period from 2026-02-30', loader: dashboard.loader, role: 'adminA', path: () => '/employer/dashboard?from=2026-02-30',
    expect: (b) => expect(b.errors).toEqual([`"2026-02-30" is not a date: showing from ${thisYear()}-01-01`]),
  },
  {
    name: 'period from 0000-00-00', loader: dashboard.loader, role: 'adminA', path: () => '/employer/dashboard?from=0000-00-00',
    expect: (b) => expect(b.errors).toEqual([`"0000-00-00" is not a date: showing from ${thisYear()}-01-01`]),
  },
  {
    name: 'period from of 10,000 characters', loader: dashboard.loader, role: 'adminA', path: () => `/employer/dashboard?from=${LONG}`,
    expect: (b) => expect(b.errors).toEqual([`"${'x'.repeat(40)}" is not a date: showing from ${thisYear()}-01-01`]),
  },
  {
    name: 'period to 9999-12-31', loader: dashboard.loader, role: 'adminA', path: () => '/employer/dashboard?to=9999-12-31',
    expect: (b) => expect(b.errors).toEqual([`"9999-12-31" is not a date from 2000 to 2100: showing to ${today()}`]),
  },
  {
    name: 'period from 0001-01-01 (platform)', loader: platformReports.loader, role: 'platform', path: () => '/admin/reports?from=0001-01-01',
    expect: (b) => expect(b).toMatchObject({ query: { from: `${thisYear()}-01-01` } }),
  },
  {
    name: 'period ending before it starts', loader: dashboard.loader, role: 'adminA', path: () => '/employer/dashboard?from=2026-12-31&to=2026-01-01',
    expect: (b) => expect(b.errors).toEqual(['The end of the period is before its start: showing the year so far']),
  },
  {
    name: "dashboard program \"' OR 1=1 --\"", loader: dashboard.loader, role: 'adminA', path: () => `/employer/dashboard?program=${encodeURIComponent("' OR 1=1 --")}`,
    expect: (b) => expect(b.errors).toEqual([]),
  },
  { name: 'program version "hacked"', loader: programPage.loader, role: 'adminA', path: () => '?version=hacked', expect: (b) => expect(b).toMatchObject({ current: { version: 1 }, isNewest: true }) },
  {
    name: 'program version 99999999999999999999', loader: programPage.loader, role: 'adminA', path: () => '?version=99999999999999999999',
    expect: (b) => expect(b).toMatchObject({ current: { version: 1 }, isNewest: true }),
  },
  {
    name: 'adoption 1e308', loader: programPage.loader, role: 'adminA', path: () => '?adoption=1e308',
    expect: (b) => expect(b.projectionErrors).toEqual({ adoption: 'Enter the adoption rate as a percentage from 0 to 100' }),
  },
  {
    name: 'adoption -5', loader: programPage.loader, role: 'adminA', path: () => '?adoption=-5',
    expect: (b) => expect(b.projectionErrors).toEqual({ adoption: 'Enter the adoption rate as a percentage from 0 to 100' }),
  },
  {
    name: 'incidence Infinity', loader: programPage.loader, role: 'adminA', path: () => '?incidence_TKA=Infinity',
    expect: (b) => expect(b.projectionErrors).toEqual({ incidence_TKA: 'Enter cases per 1,000 members a year, from 0 to 100' }),
  },
  { name: 'preview ZIP "abcde"', loader: previewPage.loader, role: 'adminA', path: () => '/preview?zip=abcde', expect: (b) => expect(b.fieldErrors).toEqual({ zip: ['Enter a 5-digit ZIP code'] }) },
  {
    name: 'preview tier "hacked"', loader: previewPage.loader, role: 'adminA', path: () => '/preview?zip=43215&tier=hacked',
    expect: (b) => expect(b.fieldErrors).toEqual({ tier: ['Choose individual or family coverage'] }),
  },
  {
    name: 'preview plan "1 OR 1=1"', loader: previewPage.loader, role: 'adminA', path: () => `/preview?zip=43215&planId=${encodeURIComponent(SQL_OR)}`,
    expect: (b) => expect(b.fieldErrors).toEqual({ planId: ['Choose one of your health plans'] }),
  },
  {
    name: 'comparing one scenario', loader: comparePage.loader, role: 'broker', path: () => `/compare?s=${ids.scenario}`, params: () => ({ employerId: t.a.employerId }),
    expect: (b) => expect(b.problem).toBe('Choose two to four scenarios to compare.'),
  },
  {
    name: 'comparing five scenarios', loader: comparePage.loader, role: 'broker', path: () => `/compare?${['1', '2', '3', '4', '5'].map((s) => `s=${s}`).join('&')}`,
    params: () => ({ employerId: t.a.employerId }), expect: (b) => expect(b.problem).toBe('Choose two to four scenarios to compare.'),
  },
]

describe('a bad filter or query value falls back to its default and says so; nothing changes', () => {
  it.each(BAD_QUERIES)('$name', async ({ loader, role, path, params, expect: check }) => {
    const programParams = { programId: t.a.programId }
    const url = path().startsWith('?') || path().startsWith('/preview') ? `/employer/programs/${t.a.programId}${path()}` : path()
    // Reads of member-level data are audited and searches counted: those writes are the point of the page.
    const result = await expectNoChange(() => load(loader, url, role, params?.() ?? (url.startsWith('/employer/programs/') ? programParams : {})), ['auditLog', 'searchEvents'])
    expect(result.status).toBe(200)
    check((result.body ?? {}) as Record<string, unknown>)
  })

  it('export period from "hacked": the default period, in the file name and its method file', async () => {
    // Asked for with the bad period, the export is made for the default one (a job and its file are new rows; nothing else changes).
    await expectNoChange(
      () => exportsCsv.action({ request: postRequest('/employer/exports/cases.csv?from=hacked', {}, { cookie: cookies.adminA }), params: { kind: 'cases' }, context: {} }),
      ['jobs', 'generatedFiles'],
    )
    // An export is a read of member-level data: the audit log may record it.
    const response = await expectNoChange(
      () => exportsCsv.loader({ request: getRequest('/employer/exports/cases.csv?from=hacked', cookies.adminA), params: { kind: 'cases' }, context: {} }),
      ['auditLog'],
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="cases-${thisYear()}-01-01-to-${today()}.csv"`)
    const method = await expectNoChange(() => exportMethod.loader({ request: getRequest('/employer/exports/cases.method.txt?from=hacked', cookies.adminA), params: { kind: 'cases' }, context: {} }))
    expect(await method.text()).toContain(`Period: ${thisYear()}-01-01 to ${today()}`)
  })
})

describe('scenarios that are not this firm\'s to compare', () => {
  it.each([
    ['ids that are not UUIDs', () => ['abc', 'def']],
    ["another client's program ids", () => [t.b.programId, t.a.programId]],
    ['an id with NUL', () => [ids.scenario, '\u0000']],
  ])('%s → 404', async (_name, scenarioIds) => {
    const query = scenarioIds().map((id) => `s=${encodeURIComponent(id)}`).join('&')
    const result = await expectNoChange(() => load(comparePage.loader, `/broker/clients/${t.a.employerId}/compare?${query}`, 'broker', { employerId: t.a.employerId }))
    expect(result.status).toBe(404)
  })
})

describe('ids from another place in the URL are not trusted', () => {
  it("a member cannot open another member's case by id", async () => {
    const otherCase = newId()
    const result = await expectNoChange(() => load(memberCase.loader, `/member/cases/${otherCase}`, 'employeeA', { caseId: otherCase }))
    expect(result.status).toBe(404)
  })
})
