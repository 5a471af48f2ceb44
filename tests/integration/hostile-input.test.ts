import fs from 'node:fs'
import path from 'node:path'
import type { ActionFunctionArgs } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import type { Database } from '~/db/schema'
import { rosterKeys } from '~/domain/roster/names'
import { toIsoDate } from '~/domain/dates'
import { getEnv } from '~/env.server'
import * as signIn from '~/routes/_auth.login'
import * as signUp from '~/routes/_auth.signup'
import * as cmsImport from '~/routes/admin.imports'
import * as ledger from '~/routes/admin.ledger'
import * as priceFactors from '~/routes/admin.price-factors'
import * as newProcedure from '~/routes/admin.procedures.new'
import * as clientPage from '~/routes/broker.clients.$employerId'
import * as comparePage from '~/routes/broker.clients.$employerId_.compare'
import * as scenarioPage from '~/routes/broker.clients.$employerId_.scenarios.$scenarioId'
import * as newOffer from '~/routes/center.offers.new'
import * as contractPage from '~/routes/employer.contracts.$contractId'
import * as newContract from '~/routes/employer.contracts.new'
import * as casePage from '~/routes/coordinator.cases.$caseId'
import * as brokers from '~/routes/employer.brokers'
import * as planPage from '~/routes/employer.plans.$planId'
import * as newPlan from '~/routes/employer.plans.new'
import * as programPage from '~/routes/employer.programs.$programId'
import * as newProgram from '~/routes/employer.programs.new'
import * as careOption from '~/routes/member.care.$offerId'
import { expectNoChange, fieldErrors, hostileFixtures, LONG, postForm, SQL_DROP, SQL_OR } from './hostile'
import { statusOf } from './support'
import type { TwoTenants } from './tenants'

/*
 * Hostile input in forms (issue 10): every bad value is answered with a specific message next to
 * its field (400 from the schema, 422 from a rule that needs the database, 404 for an id that
 * is not there) and changes nothing: every table is the same before and after.
 */

let t: TwoTenants
const cookies: Record<string, string> = {}
const ids: Record<'draftProgram' | 'scenario' | 'otherScenario' | 'offer' | 'facility' | 'procedure' | 'case' | 'invoice' | 'employerCode', string> = {
  draftProgram: '', scenario: '', otherScenario: '', offer: '', facility: '', procedure: '', case: '', invoice: '', employerCode: '',
}
/** A draft contract of A (issue 21) and its terms form as the page shows it. */
const contract = { id: '', healthSystemId: '', values: {} as Record<string, string[]> }
const today = () => toIsoDate(new Date())
const daysFromNow = (days: number) => toIsoDate(new Date(Date.now() + days * 86_400_000))

type Form = Record<string, string | readonly string[]>
type Handler = (args: ActionFunctionArgs) => Promise<unknown>
interface Target {
  action: Handler
  path: () => string
  params: () => Record<string, string>
  cookie: () => string
  base: () => Form
}

const TARGETS = {
  'plan-new': {
    action: newPlan.action, path: () => '/employer/plans/new', params: () => ({}), cookie: () => cookies.adminA!,
    base: () => ({ name: 'Gold PPO', planType: 'PPO', deductibleIndividualCents: '1500', deductibleFamilyCents: '3000', coinsuranceRate: '20', oopMaxIndividualCents: '5000', oopMaxFamilyCents: '10000' }),
  },
  'plan-edit': {
    action: planPage.action, path: () => `/employer/plans/${t.a.planId}`, params: () => ({ planId: t.a.planId }), cookie: () => cookies.adminA!,
    base: () => ({ name: 'A PPO', planType: 'PPO', deductibleIndividualCents: '1500', deductibleFamilyCents: '3000', coinsuranceRate: '20', oopMaxIndividualCents: '5000', oopMaxFamilyCents: '10000' }),
  },
  'program-new': {
    action: newProgram.action, path: () => '/employer/programs/new', params: () => ({}), cookie: () => cookies.adminA!,
    base: () => ({ name: 'Spine program', effectiveFrom: daysFromNow(30) }),
  },
  'program-details': {
    action: programPage.action, path: () => `/employer/programs/${ids.draftProgram}`, params: () => ({ programId: ids.draftProgram }), cookie: () => cookies.adminA!,
    base: () => ({ intent: 'details', name: 'Knee program', effectiveFrom: daysFromNow(30) }),
  },
  'program-benefit': {
    action: programPage.action, path: () => `/employer/programs/${ids.draftProgram}`, params: () => ({ programId: ids.draftProgram }), cookie: () => cookies.adminA!,
    base: () => ({ intent: 'benefit', deductibleWaived: 'on', coinsuranceWaived: 'on', coeCopayCents: '0', completionIncentiveCents: '250', outsideRule: 'plan_terms' }),
  },
  'program-travel': {
    action: programPage.action, path: () => `/employer/programs/${ids.draftProgram}`, params: () => ({ programId: ids.draftProgram }), cookie: () => cookies.adminA!,
    base: () => ({
      intent: 'travel', minDistanceMiles: '50', companionCovered: 'on', flyThresholdMiles: '300', mileageRateCents: '0.70', airfareAllowanceCents: '600', lodgingNights: '2',
      lodgingNightlyCapCents: '175', mealsPerDiemCents: '60', travelCapCents: '5000',
    }),
  },
  'program-procedures': {
    action: programPage.action, path: () => `/employer/programs/${ids.draftProgram}`, params: () => ({ programId: ids.draftProgram }), cookie: () => cookies.adminA!,
    base: () => ({ intent: 'procedures', procedureIds: ids.procedure }),
  },
  'scenario-new': {
    action: clientPage.action, path: () => `/broker/clients/${t.a.employerId}`, params: () => ({ employerId: t.a.employerId }), cookie: () => cookies.broker!,
    base: () => ({ name: 'Lean network', source: 'blank' }),
  },
  'scenario-name': {
    action: scenarioPage.action, path: () => `/broker/clients/${t.a.employerId}/scenarios/${ids.scenario}`, params: () => ({ employerId: t.a.employerId, scenarioId: ids.scenario }),
    cookie: () => cookies.broker!, base: () => ({ intent: 'name', name: 'Renamed scenario' }),
  },
  'scenario-assumptions': {
    action: scenarioPage.action, path: () => `/broker/clients/${t.a.employerId}/scenarios/${ids.scenario}`, params: () => ({ employerId: t.a.employerId, scenarioId: ids.scenario }),
    cookie: () => cookies.broker!, base: () => ({ intent: 'assumptions', adoption: '40' }),
  },
  proposal: {
    action: comparePage.action, path: () => `/broker/clients/${t.a.employerId}/compare`, params: () => ({ employerId: t.a.employerId }), cookie: () => cookies.broker!,
    base: () => ({ title: 'Joint care proposal', scenarioIds: [ids.scenario, ids.otherScenario], recommendedId: ids.scenario }),
  },
  'offer-new': {
    action: newOffer.action, path: () => '/center/offers/new', params: () => ({}), cookie: () => cookies.center!,
    base: () => ({
      facilityId: ids.facility, procedureId: ids.procedure, priceCents: '28500', includesFacility: 'on', includesSurgeon: 'on', includesAnesthesia: 'on', includesImplant: 'on',
      includesFollowUp: 'on', warrantyDays: '90', followUpVisits: '2', validFrom: '2027-01-01', status: 'active',
    }),
  },
  'procedure-new': {
    action: newProcedure.action, path: () => '/admin/procedures/new', params: () => ({}), cookie: () => cookies.platform!,
    base: () => ({
      code: 'HOSTILE_TEST', name: 'Hostile test procedure', description: 'A procedure that only tests use', drgCodes: '470', typicalNights: '1', nightsSource: 'test data', nightsAway: '5', nightsAwaySource: 'test data',
      incidencePerThousand: '1.2', incidenceSource: 'test data',
    }),
  },
  'price-factor': {
    action: priceFactors.action, path: () => '/admin/price-factors', params: () => ({}), cookie: () => cookies.platform!,
    base: () => ({ key: 'commercial_multiplier', value: '2.54', source: 'RAND round 5.1' }),
  },
  'price-factor-dollars': {
    action: priceFactors.action, path: () => '/admin/price-factors', params: () => ({}), cookie: () => cookies.platform!,
    base: () => ({ key: 'platform_fee_cents', dollars: '$500.00', source: 'Platform default fee' }),
  },
  'care-request': {
    action: careOption.action, path: () => `/member/care/${ids.offer}`, params: () => ({ offerId: ids.offer }), cookie: () => cookies.employeeA!,
    base: () => ({ contactPreference: 'email', contactEmail: 'member@example.com' }),
  },
  'case-transition': {
    action: casePage.action, path: () => `/coordinator/cases/${ids.case}`, params: () => ({ caseId: ids.case }), cookie: () => cookies.coordinator!,
    base: () => ({ to: 'eligibility_verified' }),
  },
  'sign-up': {
    action: signUp.action, path: () => '/signup', params: () => ({}), cookie: () => '',
    base: () => ({ employerCode: ids.employerCode, matchBy: 'employee_id', employeeId: 'A0002', email: 'new.member@example.com', password: 'a long enough passphrase' }),
  },
  'sign-in': {
    action: signIn.action, path: () => '/login', params: () => ({}), cookie: () => '',
    base: () => ({ email: 'someone@example.com', password: 'a long enough passphrase' }),
  },
  ledger: {
    action: ledger.action, path: () => '/admin/ledger', params: () => ({}), cookie: () => cookies.platform!,
    base: () => ({ invoiceId: ids.invoice, reference: 'Wire 2026-0042' }),
  },
  brokers: {
    action: brokers.action, path: () => '/employer/brokers', params: () => ({}), cookie: () => cookies.adminA!,
    base: () => ({ intent: 'grant', brokerId: newId() }),
  },
  'contract-new': {
    action: newContract.action, path: () => '/employer/contracts/new', params: () => ({}), cookie: () => cookies.adminA!,
    base: () => ({ programId: t.a.programId, healthSystemId: contract.healthSystemId, title: 'Joint replacement contract' }),
  },
  'contract-terms': {
    action: contractPage.action, path: () => `/employer/contracts/${contract.id}`, params: () => ({ contractId: contract.id }), cookie: () => cookies.adminA!,
    base: () => ({ intent: 'save', ...contract.values }),
  },
  'cms-import': {
    action: cmsImport.action, path: () => '/admin/imports', params: () => ({}), cookie: () => cookies.platform!,
    base: () => ({ folder: '/nowhere' }),
  },
} satisfies Record<string, Target>
type TargetName = keyof typeof TARGETS

async function submit(name: TargetName, change: Form) {
  const target: Target = TARGETS[name]
  return statusOf(target.action, postForm(target.path(), { ...target.base(), ...change }, target.cookie()), target.params())
}

/** What the person sees: the field's messages from the reply (or the form's, under ''). */
function messagesOf(body: unknown, field: string): string[] {
  if (body && typeof body === 'object' && 'error' in body && typeof (body as { error: unknown }).error === 'string') return [(body as { error: string }).error]
  return fieldErrors(body)[field] ?? []
}

beforeAll(async () => {
  const db = getDb()
  const fixtures = await hostileFixtures()
  t = fixtures.t
  Object.assign(cookies, fixtures.cookies)
  const offer = fixtures.offer
  ids.offer = offer.id
  ids.facility = offer.facilityId
  ids.procedure = offer.procedureId
  ids.employerCode = (await db.selectFrom('organizations').select('code').where('id', '=', t.a.employerId).executeTakeFirstOrThrow()).code
  const now = new Date().toISOString()
  await db.insertInto('priceFactors').values({ id: newId(), key: 'commercial_multiplier', value: 2.54, unit: 'ratio', source: 'RAND round 5.1', updatedAt: now, updatedByUserId: null }).execute()
  await db.insertInto('priceFactors').values({ id: newId(), key: 'platform_fee_cents', value: 50_000, unit: 'cents', source: 'Platform default fee', updatedAt: now, updatedByUserId: null }).execute()
  await db
    .insertInto('rosterMembers')
    .values({
      id: newId(), employerId: t.a.employerId, employeeId: 'A0002', firstName: 'Grace', lastName: 'Hopper', ...rosterKeys({ employeeId: 'A0002', firstName: 'Grace', lastName: 'Hopper' }), dateOfBirth: '1986-12-09', zip: '43215', healthPlanId: t.a.planId,
      coverageTier: 'employee', coverageStart: '2026-01-01', coverageEnd: null, dependentsCount: 0, deductibleMetCents: 0, oopPaidCents: 0, createdAt: now, updatedAt: now,
    })
    .execute()

  // The good requests the bad ones are variations of: a draft program, two scenarios, a case, an invoice.
  const program = await submit('program-new', {})
  expect(program.status).toBe(302)
  ids.draftProgram = program.location!.split('/').pop()!
  for (const key of ['scenario', 'otherScenario'] as const) {
    const scenario = await submit('scenario-new', { name: `Scenario ${key}` })
    expect(scenario.status).toBe(302)
    ids[key] = scenario.location!.split('/').pop()!
  }
  const request = await submit('care-request', {})
  expect(request.status).toBe(302)
  ids.case = request.location!.split('/').pop()!.split('?')[0]!
  contract.healthSystemId = (await db.selectFrom('memberships').select('organizationId').where('userId', '=', t.users.center).executeTakeFirstOrThrow()).organizationId
  const drafted = await submit('contract-new', {})
  expect(drafted.status).toBe(302)
  contract.id = drafted.location!.split('/').pop()!
  contract.values = ((await statusOf(contractPage.loader, new Request(`http://localhost:3000/employer/contracts/${contract.id}`, { headers: { Cookie: cookies.adminA! } }), { contractId: contract.id })).body as { values: Record<string, string[]> }).values
  ids.invoice = newId()
  await db
    .insertInto('invoices')
    .values({
      id: ids.invoice, employerId: t.a.employerId, caseId: null, number: 'INV-HOSTILE-1', status: 'open', totalCents: 100_000, currency: 'usd', stripeInvoiceId: null,
      hostedInvoiceUrl: null, createdAt: now, finalizedAt: now, paidAt: null, updatedAt: now,
    })
    .execute()
})

interface BadInput {
  name: string
  target: TargetName
  change: Form | (() => Form)
  field: string
  message: string
  status?: number
  /** Tables the refusal writes on purpose (a refused CMS import leaves its cms_imports row and audit entry); every other table stays the same. */
  records?: ReadonlyArray<keyof Database>
}

const OVERLONG: BadInput[] = [
  { name: 'a contract name of 10,000 characters', target: 'contract-new', change: { title: LONG }, field: 'title', message: 'Keep the contract name under 120 characters' },
  { name: 'plan name', target: 'plan-new', change: { name: LONG }, field: 'name', message: 'Keep the plan name under 80 characters' },
  { name: 'plan name (edit)', target: 'plan-edit', change: { name: LONG }, field: 'name', message: 'Keep the plan name under 80 characters' },
  { name: 'program name', target: 'program-new', change: { name: LONG }, field: 'name', message: 'Keep the program name under 100 characters' },
  { name: 'program name (draft details)', target: 'program-details', change: { name: LONG }, field: 'name', message: 'Keep the program name under 100 characters' },
  { name: 'scenario name', target: 'scenario-new', change: { name: LONG }, field: 'name', message: 'Keep the name under 100 characters' },
  { name: 'scenario name (rename)', target: 'scenario-name', change: { name: LONG }, field: 'name', message: 'Keep the name under 100 characters' },
  { name: 'proposal title', target: 'proposal', change: { title: LONG }, field: 'title', message: 'Keep the title under 120 characters' },
  { name: 'offer accreditation', target: 'offer-new', change: { accreditation: LONG }, field: 'accreditation', message: 'Keep the accreditation under 300 characters' },
  { name: 'procedure name', target: 'procedure-new', change: { name: LONG }, field: 'name', message: 'Keep the name under 120 characters' },
  { name: 'procedure description', target: 'procedure-new', change: { description: LONG }, field: 'description', message: 'Keep it under 600 characters' },
  { name: 'procedure code', target: 'procedure-new', change: { code: LONG }, field: 'code', message: 'Use capital letters, digits and _ (2–40), starting with a letter' },
  { name: 'source of the nights', target: 'procedure-new', change: { nightsSource: LONG }, field: 'nightsSource', message: 'Keep the source under 300 characters' },
  { name: 'source of the nights away', target: 'procedure-new', change: { nightsAwaySource: LONG }, field: 'nightsAwaySource', message: 'Keep the source under 300 characters' },
  { name: 'source of the incidence', target: 'procedure-new', change: { incidenceSource: LONG }, field: 'incidenceSource', message: 'Keep the source under 300 characters' },
  {
    name: 'source of the Medicare price', target: 'procedure-new', change: { medicareBaseCents: '22530', medicareBaseSource: LONG }, field: 'medicareBaseSource',
    message: 'Keep the source under 300 characters',
  },
  { name: 'price factor source', target: 'price-factor', change: { source: LONG }, field: 'source', message: 'Keep the source under 300 characters' },
  { name: "member's note", target: 'care-request', change: { memberNote: LONG }, field: 'memberNote', message: 'Keep the note under 1,000 characters' },
  { name: "coordinator's note", target: 'case-transition', change: { note: LONG }, field: 'note', message: 'Keep the note under 1,000 characters' },
  { name: 'reason for a denial', target: 'case-transition', change: { to: 'denied', reason: LONG }, field: 'reason', message: 'Keep the reason under 500 characters' },
  { name: 'last name at sign-up', target: 'sign-up', change: { matchBy: 'personal', lastName: LONG, dateOfBirth: '1986-12-09', zip: '43215' }, field: 'lastName', message: 'That name is too long' },
  { name: 'employee id at sign-up', target: 'sign-up', change: { employeeId: LONG }, field: 'employeeId', message: 'That employee ID is too long' },
  { name: 'employer code at sign-up', target: 'sign-up', change: { employerCode: LONG }, field: 'employerCode', message: 'That code is too long' },
  { name: 'e-mail at sign-up', target: 'sign-up', change: { email: `${LONG}@example.com` }, field: 'email', message: 'That e-mail address is too long' },
  { name: 'password at sign-up', target: 'sign-up', change: { password: LONG }, field: 'password', message: 'Use at most 200 characters' },
  { name: 'e-mail at sign-in', target: 'sign-in', change: { email: `${LONG}@example.com` }, field: 'email', message: 'That e-mail address is too long' },
  { name: 'password at sign-in', target: 'sign-in', change: { password: LONG }, field: 'password', message: 'That password is too long' },
  { name: 'payment reference', target: 'ledger', change: { reference: LONG }, field: '', message: 'Keep the payment reference under 200 characters', status: 400 },
  { name: 'CMS folder path', target: 'cms-import', change: { folder: `/${LONG}` }, field: '', message: 'Choose one of the folders in the imports folder.', status: 422 },
  { name: 'facility id of an offer', target: 'offer-new', change: { facilityId: LONG }, field: 'facilityId', message: 'Choose one of your facilities', status: 422 },
  { name: 'scenario to copy', target: 'scenario-new', change: { source: 'copy', copyOf: LONG }, field: 'copyOf', message: 'Choose one of your scenarios for this client', status: 422 },
]

const NUMBERS: BadInput[] = [
  { name: 'a warranty of 10,000 days', target: 'contract-terms', change: { 'warranty.windowDays': '10000' }, field: 'warranty.windowDays', message: 'Enter a warranty window of 0 to 365 whole days', status: 422 },
  { name: 'a negative bundle rate', target: 'contract-terms', change: { 'bundleRates[0].bundleDollars': '-28000' }, field: 'bundleRates[0].bundleDollars', message: 'Enter a bundle rate from $0.01 to $10,000,000', status: 422 },
  { name: 'a sharing rate of 1e308 %', target: 'contract-terms', change: { 'riskSharing.sharingRate': '1e308' }, field: 'riskSharing.sharingRate', message: 'Enter a sharing rate from 0% to 100%', status: 422 },
  { name: 'deductible 1e308', target: 'plan-new', change: { deductibleIndividualCents: '1e308' }, field: 'deductibleIndividualCents', message: 'Enter the individual deductible in dollars, like 1500 or 1,500.00' },
  {
    name: 'deductible 99999999999999999999', target: 'plan-new', change: { deductibleIndividualCents: '99999999999999999999' }, field: 'deductibleIndividualCents',
    message: 'The individual deductible must be from $0 to $50,000',
  },
  { name: 'deductible Infinity', target: 'plan-new', change: { deductibleIndividualCents: 'Infinity' }, field: 'deductibleIndividualCents', message: 'Enter the individual deductible in dollars, like 1500 or 1,500.00' },
  { name: 'deductible NaN', target: 'plan-new', change: { deductibleFamilyCents: 'NaN' }, field: 'deductibleFamilyCents', message: 'Enter the family deductible in dollars, like 1500 or 1,500.00' },
  { name: 'negative deductible', target: 'plan-new', change: { deductibleIndividualCents: '-1500' }, field: 'deductibleIndividualCents', message: 'The individual deductible must be from $0 to $50,000' },
  { name: 'negative out-of-pocket maximum', target: 'plan-edit', change: { oopMaxFamilyCents: '-$1.00' }, field: 'oopMaxFamilyCents', message: 'The family out-of-pocket maximum must be from $0 to $100,000' },
  { name: 'coinsurance 1e3', target: 'plan-new', change: { coinsuranceRate: '1e3' }, field: 'coinsuranceRate', message: 'Enter the coinsurance as a percentage from 0 to 100' },
  { name: 'negative coinsurance', target: 'plan-new', change: { coinsuranceRate: '-20' }, field: 'coinsuranceRate', message: 'Enter the coinsurance as a percentage from 0 to 100' },
  { name: 'negative bundled price', target: 'offer-new', change: { priceCents: '-28500' }, field: 'priceCents', message: 'The bundled price must be from $0 to $2,000,000' },
  { name: 'bundled price 1e308', target: 'offer-new', change: { priceCents: '1e308' }, field: 'priceCents', message: 'Enter the bundled price in dollars, like 1500 or 1,500.00' },
  { name: 'bundled price 99999999999999999999', target: 'offer-new', change: { priceCents: '99999999999999999999' }, field: 'priceCents', message: 'The bundled price must be from $0 to $2,000,000' },
  { name: 'bundled price Infinity', target: 'offer-new', change: { priceCents: 'Infinity' }, field: 'priceCents', message: 'Enter the bundled price in dollars, like 1500 or 1,500.00' },
  { name: 'bundled price 0', target: 'offer-new', change: { priceCents: '0' }, field: 'priceCents', message: 'The bundled price must be above $0' },
  { name: 'warranty 1e3 days', target: 'offer-new', change: { warrantyDays: '1e3' }, field: 'warrantyDays', message: 'Enter the warranty as a whole number' },
  { name: 'negative warranty', target: 'offer-new', change: { warrantyDays: '-90' }, field: 'warrantyDays', message: 'The warranty cannot be negative' },
  { name: 'yearly volume 99999999999999999999', target: 'offer-new', change: { annualVolume: '99999999999999999999' }, field: 'annualVolume', message: 'The yearly volume must be at most 100,000' },
  { name: 'negative COE copay', target: 'program-benefit', change: { coeCopayCents: '-100' }, field: 'coeCopayCents', message: 'The COE copay must be from $0 to $5,000' },
  { name: 'incentive 1e308', target: 'program-benefit', change: { completionIncentiveCents: '1e308' }, field: 'completionIncentiveCents', message: 'Enter the completion incentive in dollars, like 1500 or 1,500.00' },
  { name: 'travel cap 99999999999999999999', target: 'program-travel', change: { travelCapCents: '99999999999999999999' }, field: 'travelCapCents', message: 'The travel cap per case must be from $0 to $50,000' },
  { name: 'negative travel cap', target: 'program-travel', change: { travelCapCents: '-5000' }, field: 'travelCapCents', message: 'The travel cap per case must be from $0 to $50,000' },
  { name: 'mileage rate Infinity', target: 'program-travel', change: { mileageRateCents: 'Infinity' }, field: 'mileageRateCents', message: 'Enter the mileage rate in dollars, like 1500 or 1,500.00' },
  { name: 'negative travel distance', target: 'program-travel', change: { minDistanceMiles: '-50' }, field: 'minDistanceMiles', message: 'The distance from which travel is covered cannot be negative' },
  { name: 'flying distance 1e308', target: 'program-travel', change: { flyThresholdMiles: '1e308' }, field: 'flyThresholdMiles', message: 'Enter the flying distance as a whole number' },
  { name: 'lodging nights NaN', target: 'program-travel', change: { lodgingNights: 'NaN' }, field: 'lodgingNights', message: 'Enter the number of lodging nights as a whole number' },
  { name: 'lodging nights 0x1F', target: 'program-travel', change: { lodgingNights: '0x1F' }, field: 'lodgingNights', message: 'Enter the number of lodging nights as a whole number' },
  { name: 'lodging nights of blanks', target: 'program-travel', change: { lodgingNights: '   ' }, field: 'lodgingNights', message: 'Enter the number of lodging nights as a whole number' },
  { name: 'adoption Infinity', target: 'scenario-assumptions', change: { adoption: 'Infinity' }, field: 'adoption', message: 'Enter the adoption rate as a percentage from 0 to 100' },
  { name: 'adoption NaN', target: 'scenario-assumptions', change: { adoption: 'NaN' }, field: 'adoption', message: 'Enter the adoption rate as a percentage from 0 to 100' },
  { name: 'negative adoption', target: 'scenario-assumptions', change: { adoption: '-5' }, field: 'adoption', message: 'Enter the adoption rate as a percentage from 0 to 100' },
  { name: 'incidence Infinity', target: 'procedure-new', change: { incidencePerThousand: 'Infinity' }, field: 'incidencePerThousand', message: 'At most 1,000 per 1,000' },
  { name: 'incidence NaN', target: 'procedure-new', change: { incidencePerThousand: 'NaN' }, field: 'incidencePerThousand', message: 'Enter cases per 1,000 members, like 1.6' },
  { name: 'negative incidence', target: 'procedure-new', change: { incidencePerThousand: '-1' }, field: 'incidencePerThousand', message: 'Incidence cannot be negative' },
  { name: 'nights 1e308', target: 'procedure-new', change: { typicalNights: '1e308' }, field: 'typicalNights', message: 'At most 60 nights' },
  { name: 'nights away 1e308', target: 'procedure-new', change: { nightsAway: '1e308' }, field: 'nightsAway', message: 'At most 60 nights away' },
  { name: 'nights away NaN', target: 'procedure-new', change: { nightsAway: 'NaN' }, field: 'nightsAway', message: 'Enter the nights away as a whole number' },
  { name: 'negative nights away', target: 'procedure-new', change: { nightsAway: '-5' }, field: 'nightsAway', message: 'Nights away cannot be negative' },
  { name: 'nights away 2.5', target: 'procedure-new', change: { nightsAway: '2.5' }, field: 'nightsAway', message: 'Enter the nights away as a whole number' },
  {
    name: 'negative Medicare price', target: 'procedure-new', change: { medicareBaseCents: '-22530', medicareBaseSource: 'CMS' }, field: 'medicareBaseCents',
    message: 'Enter the Medicare episode price in dollars, up to $1,000,000',
  },
  { name: 'price factor 1e308', target: 'price-factor', change: { value: '1e308' }, field: 'value', message: 'That value is too large' },
  { name: 'price factor Infinity', target: 'price-factor', change: { value: 'Infinity' }, field: 'value', message: 'That value is too large' },
  { name: 'price factor NaN', target: 'price-factor', change: { value: 'NaN' }, field: 'value', message: 'Enter a number' },
  { name: 'negative price factor', target: 'price-factor', change: { value: '-1' }, field: 'value', message: 'The value cannot be negative' },
  { name: 'price factor in dollars: -5', target: 'price-factor-dollars', change: { dollars: '-5' }, field: 'dollars', message: 'The amount must be from $0 to $1,000,000' },
  { name: 'price factor in dollars: 1e9', target: 'price-factor-dollars', change: { dollars: '1e9' }, field: 'dollars', message: 'Enter the amount in dollars, like 1500 or 1,500.00' },
  { name: 'price factor in dollars: $abc', target: 'price-factor-dollars', change: { dollars: '$abc' }, field: 'dollars', message: 'Enter the amount in dollars, like 1500 or 1,500.00' },
  { name: 'price factor in dollars: over a million', target: 'price-factor-dollars', change: { dollars: '1,000,000.01' }, field: 'dollars', message: 'The amount must be from $0 to $1,000,000' },
  { name: 'negative travel actually paid', target: 'case-transition', change: { travelActualCents: '-100' }, field: 'travelActualCents', message: 'The travel actually paid must be from $0 to $50,000' },
  // Satisfaction is asked at the 30-day check-in now (issue 21): its hostile values are in tests/integration/warranty.test.ts.
]

const DATES: BadInput[] = [
  { name: 'a contract period that ends before it starts', target: 'contract-terms', change: { 'attribution.periodStart': '2027-06-01', 'attribution.periodEnd': '2027-01-01' }, field: 'attribution.periodEnd', message: 'The period must end after it starts', status: 422 },
  { name: 'a recalibration date of 9999-12-31', target: 'contract-terms', change: { recalibrationDate: '9999-12-31' }, field: 'recalibrationDate', message: 'Enter the recalibration date as a date from 2000 to 2100', status: 422 },
  { name: 'start 2026-02-30', target: 'program-new', change: { effectiveFrom: '2026-02-30' }, field: 'effectiveFrom', message: 'Enter the start date as a real date' },
  { name: 'start 0000-00-00', target: 'program-new', change: { effectiveFrom: '0000-00-00' }, field: 'effectiveFrom', message: 'Enter the start date as a real date' },
  { name: 'start 2026-13-01', target: 'program-new', change: { effectiveFrom: '2026-13-01' }, field: 'effectiveFrom', message: 'Enter the start date as a real date' },
  { name: 'start 9999-12-31', target: 'program-new', change: { effectiveFrom: '9999-12-31' }, field: 'effectiveFrom', message: 'Enter the start date as a date from 2000 to 2100' },
  { name: 'start yesterday', target: 'program-new', change: () => ({ effectiveFrom: daysFromNow(-1) }), field: 'effectiveFrom', message: `The start date is in the past: choose today (${today()}) or later`, status: 422 },
  { name: 'end 9999-12-31', target: 'program-details', change: { effectiveTo: '9999-12-31' }, field: 'effectiveTo', message: 'Enter the end date as a date from 2000 to 2100' },
  { name: 'end before start', target: 'program-details', change: () => ({ effectiveTo: daysFromNow(1) }), field: 'effectiveTo', message: 'The end date cannot be before the start date' },
  { name: 'offer start 2026-02-30', target: 'offer-new', change: { validFrom: '2026-02-30' }, field: 'validFrom', message: 'Enter the first day the offer is valid as a real date' },
  { name: 'offer start 0001-01-01', target: 'offer-new', change: { validFrom: '0001-01-01' }, field: 'validFrom', message: 'Enter the first day the offer is valid as a date from 2000 to 2100' },
  { name: 'offer end 9999-12-31', target: 'offer-new', change: { validTo: '9999-12-31' }, field: 'validTo', message: 'Enter the last day the offer is valid as a date from 2000 to 2100' },
  { name: 'offer end before its start', target: 'offer-new', change: { validTo: '2026-12-31' }, field: 'validTo', message: 'The offer cannot end before it starts' },
  { name: 'earliest date 2026-13-01', target: 'care-request', change: { preferredStart: '2026-13-01' }, field: 'preferredStart', message: 'Enter the earliest date as a real date' },
  { name: 'earliest date yesterday', target: 'care-request', change: () => ({ preferredStart: daysFromNow(-1) }), field: 'preferredStart', message: 'The earliest date cannot be in the past', status: 422 },
  { name: 'latest date 9999-12-31', target: 'care-request', change: { preferredEnd: '9999-12-31' }, field: 'preferredEnd', message: 'Enter the latest date as a date from 2000 to 2100' },
  { name: 'procedure date 0000-00-00', target: 'case-transition', change: { scheduledDate: '0000-00-00' }, field: 'scheduledDate', message: 'Enter the procedure date as a real date' },
  { name: 'date of birth 2026-02-30', target: 'sign-up', change: { matchBy: 'personal', lastName: 'Hopper', dateOfBirth: '2026-02-30', zip: '43215' }, field: 'dateOfBirth', message: 'Enter your date of birth' },
]

const CHOICES_AND_IDS: BadInput[] = [
  { name: 'a network facility of another health system', target: 'contract-terms', change: () => ({ networkFacilityIds: [newId()] }), field: 'networkFacilityIds', message: 'Choose facilities of Test Health', status: 422 },
  { name: 'a procedure outside the catalog', target: 'contract-terms', change: { 'bundleRates[0].procedureCode': 'NOSE_JOB', 'benchmarks[0].procedureCode': 'NOSE_JOB' }, field: 'bundleRates[0]', message: 'Choose a procedure of the catalog', status: 422 },
  { name: "another system's offer as a rate's source", target: 'contract-terms', change: () => ({ 'bundleRates[0].sourceOfferId': newId() }), field: 'bundleRates[0]', message: 'Choose an offer of Test Health for this procedure, or none', status: 422 },
  { name: 'an unknown risk model', target: 'contract-terms', change: { 'riskSharing.model': 'no_risk' }, field: 'riskSharing.model', message: 'Choose one-sided (shared savings only) or two-sided (shared savings and losses)', status: 422 },
  { name: 'an unknown contract button', target: 'contract-terms', change: { intent: 'delete' }, field: '', message: 'Choose save, send, sign or start a new version' },
  { name: 'a health system with no offer in the network', target: 'contract-new', change: () => ({ healthSystemId: newId() }), field: 'healthSystemId', message: "Choose a health system with offers in this program's network", status: 422 },
  { name: 'plan type "hacked"', target: 'plan-new', change: { planType: 'hacked' }, field: 'planType', message: 'Choose the plan type' },
  { name: 'outside rule "hacked"', target: 'program-benefit', change: { outsideRule: 'hacked' }, field: 'outsideRule', message: 'Choose what happens outside the program' },
  { name: 'program change "hacked"', target: 'program-details', change: { intent: 'hacked' }, field: '', message: 'Unknown change: reload the page and try again' },
  { name: 'program change "constructor"', target: 'program-details', change: { intent: 'constructor' }, field: '', message: 'Unknown change: reload the page and try again' },
  { name: 'scenario change "__proto__"', target: 'scenario-name', change: { intent: '__proto__' }, field: '', message: 'Unknown change: reload the page and try again' },
  { name: 'procedure id "1 OR 1=1"', target: 'program-procedures', change: { procedureIds: SQL_OR }, field: 'procedureIds', message: 'Choose procedures from the catalog list', status: 422 },
  {
    name: 'offer id "../../etc/passwd" in the network', target: 'program-procedures', change: { intent: 'network', offerIds: '../../etc/passwd' }, field: '',
    message: 'One of the chosen offers is withdrawn or not for a covered procedure: reload the page and choose again', status: 422,
  },
  { name: 'offer status "hacked"', target: 'offer-new', change: { status: 'hacked' }, field: 'status', message: 'Choose active or withdrawn' },
  { name: 'a procedure id as the facility', target: 'offer-new', change: () => ({ facilityId: ids.procedure }), field: 'facilityId', message: 'Choose one of your facilities', status: 422 },
  { name: 'scenario start "hacked"', target: 'scenario-new', change: { source: 'hacked' }, field: 'source', message: 'Choose how to start' },
  { name: 'recommended scenario not compared', target: 'proposal', change: () => ({ recommendedId: newId() }), field: 'recommendedId', message: 'Recommend one of the compared scenarios' },
  { name: 'five scenarios compared', target: 'proposal', change: () => ({ scenarioIds: [ids.scenario, '2', '3', '4', '5'] }), field: 'scenarioIds', message: 'Compare at most four scenarios' },
  { name: 'contact preference "hacked"', target: 'care-request', change: { contactPreference: 'hacked' }, field: 'contactPreference', message: 'Choose how we should contact you' },
  { name: 'case status "hacked"', target: 'case-transition', change: { to: 'hacked' }, field: 'to', message: 'Choose the next status' },
  { name: 'procedure code with SQL', target: 'procedure-new', change: { code: SQL_DROP }, field: 'code', message: 'Use capital letters, digits and _ (2–40), starting with a letter' },
  { name: 'MS-DRG list with SQL', target: 'procedure-new', change: { drgCodes: '470; DROP TABLE procedures' }, field: 'drgCodes', message: 'List MS-DRG codes as 3-digit numbers separated by commas, like 469, 470' },
  { name: 'sign-up match "hacked"', target: 'sign-up', change: { matchBy: 'hacked' }, field: 'matchBy', message: 'Choose how to find you' },
  { name: 'sign-up ZIP "abcde"', target: 'sign-up', change: { matchBy: 'personal', lastName: 'Hopper', dateOfBirth: '1986-12-09', zip: 'abcde' }, field: 'zip', message: 'Enter your 5-digit home ZIP code' },
  { name: 'sign-in e-mail with SQL', target: 'sign-in', change: { email: "admin@example.com' OR '1'='1" }, field: 'email', message: 'Enter an e-mail address like name@example.com' },
  { name: 'broker access "hacked"', target: 'brokers', change: { intent: 'hacked' }, field: '', message: '', status: 400 },
]

/* PostgreSQL cannot store NUL in text: without a check, each of these was a 500 there. */
const NUL = 'Gold\u0000PPO'
const CONTROL = 'Remove the control characters (such as NUL) from this text'
/** The signed-out pages say it in plain words (issue 11). */
const CONTROL_SIGN_IN = 'Remove the special hidden characters from this text'
const CONTROL_CHARACTERS: BadInput[] = [
  { name: 'NUL in a plan name', target: 'plan-new', change: { name: NUL }, field: 'name', message: CONTROL },
  { name: 'an escape character in a program name', target: 'program-new', change: { name: 'Knee\u001b[31m program' }, field: 'name', message: CONTROL },
  { name: 'NUL in a scenario name', target: 'scenario-new', change: { name: NUL }, field: 'name', message: CONTROL },
  { name: 'NUL in an offer accreditation', target: 'offer-new', change: { accreditation: NUL }, field: 'accreditation', message: CONTROL },
  { name: 'NUL in a procedure description', target: 'procedure-new', change: { description: `A description with ${NUL}` }, field: 'description', message: CONTROL },
  { name: "NUL in a member's note", target: 'care-request', change: { memberNote: NUL }, field: 'memberNote', message: CONTROL },
  { name: "DEL in a coordinator's note", target: 'case-transition', change: { note: 'Called\u007f twice' }, field: 'note', message: CONTROL },
  { name: 'NUL in an employee id at sign-up', target: 'sign-up', change: { employeeId: 'A0002\u0000' }, field: 'employeeId', message: CONTROL_SIGN_IN },
  { name: 'NUL in an e-mail at sign-in', target: 'sign-in', change: { email: 'someone\u0000@example.com' }, field: 'email', message: CONTROL_SIGN_IN },
  { name: 'NUL in a compared scenario id', target: 'proposal', change: () => ({ scenarioIds: [ids.scenario, `${ids.otherScenario}\u0000`] }), field: 'scenarioIds', message: CONTROL },
  { name: 'NUL in a procedure id of a program', target: 'program-procedures', change: () => ({ procedureIds: `${ids.procedure}\u0000` }), field: 'procedureIds', message: CONTROL },
  { name: 'NUL in a payment reference', target: 'ledger', change: { reference: 'Wire\u00001' }, field: '', message: 'Remove the control characters (such as NUL) from the payment reference' },
  { name: 'NUL in an invoice id', target: 'ledger', change: () => ({ invoiceId: `${ids.invoice}\u0000` }), field: '', message: '', status: 404 },
]

const NO_MATCH = "We couldn't find you on your employer's list of covered people. Check your details against your benefits guide, or ask your HR team."
const LITERAL_SQL: BadInput[] = [
  { name: 'SQL for a bundle rate', target: 'contract-terms', change: { 'bundleRates[0].bundleDollars': SQL_OR }, field: 'bundleRates[0].bundleDollars', message: 'Enter a bundle rate from $0.01 to $10,000,000', status: 422 },
  { name: 'employee id "1 OR 1=1"', target: 'sign-up', change: { employeeId: SQL_OR }, field: '', message: NO_MATCH, status: 422 },
  { name: "last name \"'; DROP TABLE users;--\"", target: 'sign-up', change: { matchBy: 'personal', lastName: SQL_DROP, dateOfBirth: '1986-12-09', zip: '43215' }, field: '', message: NO_MATCH, status: 422 },
]

const NOT_FOUND: BadInput[] = [
  { name: 'unknown price factor', target: 'price-factor', change: { key: SQL_DROP }, field: '', message: '', status: 404 },
  { name: 'unknown invoice', target: 'ledger', change: { invoiceId: '../../etc/passwd' }, field: '', message: '', status: 404 },
  { name: 'unknown broker firm', target: 'brokers', change: { brokerId: LONG }, field: '', message: '', status: 404 },
  // Issue 18, finding 6: the folder field told which server folders exist; now one message for anything but a listed folder.
  { name: 'CMS folder /root/.ssh (it said "has no Hospital_General_Information.csv")', target: 'cms-import', change: { folder: '/root/.ssh' }, field: '', message: 'Choose one of the folders in the imports folder.', status: 422 },
  { name: 'CMS folder /nonexistent (it said "No such folder")', target: 'cms-import', change: { folder: '/nonexistent' }, field: '', message: 'Choose one of the folders in the imports folder.', status: 422 },
  { name: 'CMS folder ../ out of the imports root', target: 'cms-import', change: { folder: '../' }, field: '', message: 'Choose one of the folders in the imports folder.', status: 422 },
  { name: 'scenario to compare that is not there', target: 'proposal', change: () => ({ scenarioIds: [ids.scenario, SQL_OR] }), field: '', message: '', status: 404 },
]

/*
 * Issue 19: CMS releases whose columns or measure ids the importer does not know, placed in the
 * imports root as an operator would. Small copies of real rows (Southeast Health, 010001, from
 * ../shared/data/cms); tests/integration/cms-import-releases.test.ts alters the real files whole.
 */
const HGI_HEADER =
  '"Facility ID","Facility Name","Address","City/Town","State","ZIP Code","County/Parish","Telephone Number","Hospital Type","Hospital Ownership","Emergency Services","Hospital overall rating"'
const HGI_ROW = '010001,SOUTHEAST HEALTH MEDICAL CENTER,1108 ROSS CLARK CIRCLE,DOTHAN,AL,36301,HOUSTON,(334) 793-8701,Acute Care Hospitals,Government - Hospital District or Authority,Yes,4'
const HRRP_HEADER =
  '"Facility Name","Facility ID","State","Measure Name","Number of Discharges","Footnote","Excess Readmission Ratio","Predicted Readmission Rate","Expected Readmission Rate","Number of Readmissions","Start Date","End Date"'
const CMS_RELEASES_IN_ROOT: Record<string, Record<string, string>> = {
  'unknown-columns': { 'Hospital_General_Information.csv': [HGI_HEADER.replace('"Facility Name"', '"Hospital Legal Name"'), HGI_ROW].join('\n') },
  'renamed-measure': {
    'Hospital_General_Information.csv': [HGI_HEADER, HGI_ROW].join('\n'),
    'Hospital_Readmissions_Reduction_Program_Hospital.csv': [
      HRRP_HEADER,
      'SOUTHEAST HEALTH MEDICAL CENTER,010001,AL,READM-30-AMI-HRRP,296,,0.9483,13.0146,13.7235,36,07/01/2020,06/30/2023',
      'SOUTHEAST HEALTH MEDICAL CENTER,010001,AL,READM-30-THA-TKA-HRRP,N/A,,0.9654,4.2680,4.4211,Too Few to Report,07/01/2020,06/30/2023',
    ].join('\n'),
  },
}
beforeAll(() => {
  for (const [folder, files] of Object.entries(CMS_RELEASES_IN_ROOT)) {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.join(getEnv().IMPORTS_DIR, folder), { recursive: true })
      fs.writeFileSync(path.join(getEnv().IMPORTS_DIR, folder, name), text)
    }
  }
})
afterAll(() => {
  fs.rmSync(getEnv().IMPORTS_DIR, { recursive: true, force: true })
})
const CMS_RECORDS = ['cmsImports', 'auditLog'] as const
const CMS_RELEASES: BadInput[] = [
  {
    name: 'a release with a column in no known spelling', target: 'cms-import', change: { folder: 'unknown-columns' }, field: '', status: 422, records: CMS_RECORDS,
    message:
      'Hospital_General_Information.csv: no column "Facility Name" (or "Hospital Name"). This is not a release whose columns the importer knows, so nothing was imported. Columns found: "Facility ID", "Hospital Legal Name", "Address", "City/Town", "State", "ZIP Code", "County/Parish", "Telephone Number", "Hospital Type", "Hospital Ownership", "Emergency Services", "Hospital overall rating".',
  },
  {
    name: 'a release with the hip/knee HRRP measure renamed', target: 'cms-import', change: { folder: 'renamed-measure' }, field: '', status: 422, records: CMS_RECORDS,
    message:
      'Hospital_Readmissions_Reduction_Program_Hospital.csv has no READM-30-HIP-KNEE-HRRP rows (measure ids found: READM-30-AMI-HRRP, READM-30-THA-TKA-HRRP). A release that renamed the measure is not one the importer knows, so nothing was imported.',
  },
]

/* Issue 20, item 3: a call or a text needs a US phone number; anything else is refused with one message. */
const NOT_US_PHONE = 'Enter a US phone number with area code, like (614) 555-0123'
const PHONE_NUMBERS: BadInput[] = [
  { name: 'a call with no number', target: 'care-request', change: { contactPreference: 'phone' }, field: 'contactPhone', message: 'Enter the phone number we should call or text' },
  { name: 'a text with blanks for a number', target: 'care-request', change: { contactPreference: 'text', contactPhone: '   ' }, field: 'contactPhone', message: 'Enter the phone number we should call or text' },
  { name: 'a UK number', target: 'care-request', change: { contactPreference: 'phone', contactPhone: '+44 20 7946 0958' }, field: 'contactPhone', message: NOT_US_PHONE },
  { name: 'no area code', target: 'care-request', change: { contactPreference: 'text', contactPhone: '555-0123' }, field: 'contactPhone', message: NOT_US_PHONE },
  { name: 'an N11 area code (911)', target: 'care-request', change: { contactPreference: 'phone', contactPhone: '(911) 555-0123' }, field: 'contactPhone', message: NOT_US_PHONE },
  { name: 'an extension', target: 'care-request', change: { contactPreference: 'phone', contactPhone: '614-555-0123 ext. 5' }, field: 'contactPhone', message: NOT_US_PHONE },
  { name: 'a number 1e308', target: 'care-request', change: { contactPreference: 'phone', contactPhone: '1e308' }, field: 'contactPhone', message: NOT_US_PHONE },
  { name: 'SQL after a number', target: 'care-request', change: { contactPreference: 'text', contactPhone: `614-555-0123${SQL_DROP}` }, field: 'contactPhone', message: NOT_US_PHONE },
  { name: 'a script for a number', target: 'care-request', change: { contactPreference: 'text', contactPhone: '<script>alert(1)</script>' }, field: 'contactPhone', message: NOT_US_PHONE },
  { name: 'a number of 10,000 digits', target: 'care-request', change: { contactPreference: 'phone', contactPhone: '6'.repeat(10_000) }, field: 'contactPhone', message: NOT_US_PHONE },
  { name: 'overlong text for a number', target: 'care-request', change: { contactPreference: 'phone', contactPhone: LONG }, field: 'contactPhone', message: NOT_US_PHONE },
  { name: 'NUL inside a number', target: 'care-request', change: { contactPreference: 'phone', contactPhone: '614\u0000555-0123' }, field: 'contactPhone', message: CONTROL },
]

describe.each([
  ['overlong text (10,000 characters)', OVERLONG],
  ['huge, non-finite and negative numbers', NUMBERS],
  ['impossible and out-of-range dates', DATES],
  ['unknown choices and ids', CHOICES_AND_IDS],
  ['SQL-looking text', LITERAL_SQL],
  ['control characters (NUL)', CONTROL_CHARACTERS],
  ['ids that are not there', NOT_FOUND],
  ['CMS releases the importer does not know', CMS_RELEASES],
  ['phone numbers that are not US numbers', PHONE_NUMBERS],
])('forms refuse %s and change nothing', (_group, cases) => {
  it.each(cases.map((c) => ({ status: 400, ...c })))('$name → $status $message', async ({ target, change, field, message, status, records }) => {
    const result = await expectNoChange(() => submit(target, typeof change === 'function' ? change() : change), records)
    expect(result.status).toBe(status)
    if (message) expect(messagesOf(result.body, field)).toEqual([message])
  })
})
