import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import * as coordinatorCase from '~/routes/coordinator.cases.$caseId'
import * as billingPage from '~/routes/employer.billing'
import * as webhook from '~/routes/webhooks.stripe'
import { startLocalStripe, type LocalStripe } from '../support/stripe-server'
import { cookieFor, getRequest, ORIGIN, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

// The real Stripe SDK against a local Stripe-compatible server; events signed with Stripe's algorithm.
const stripeServer: LocalStripe = await startLocalStripe()
const WEBHOOK_SECRET = 'whsec_local_test_secret'
process.env.STRIPE_SECRET_KEY = 'sk_test_local'
process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
process.env.STRIPE_API_BASE = stripeServer.url

let t: TwoTenants
let coordinator: string
let adminA: string
const sdk = new Stripe('sk_test_local', { host: '127.0.0.1', port: Number(new URL(stripeServer.url).port), protocol: 'http' })

/** A case of employer A ready to complete (procedure done, no travel), priced $28,000. */
async function caseReadyToComplete() {
  const offer = await getDb().selectFrom('programNetwork').innerJoin('offers', 'offers.id', 'programNetwork.offerId').select(['offers.id', 'offers.facilityId', 'offers.procedureId']).where('programVersionId', '=', t.a.versionId).executeTakeFirstOrThrow()
  const id = newId()
  const at = new Date().toISOString()
  await getDb()
    .insertInto('cases')
    .values({
      id, employerId: t.a.employerId, rosterMemberId: t.a.rosterMemberId, programVersionId: t.a.versionId, procedureId: offer.procedureId, offerId: offer.id, facilityId: offer.facilityId,
      status: 'procedure_done', statusReason: null, preferredStart: null, preferredEnd: null, scheduledDate: at.slice(0, 10), procedureDate: at.slice(0, 10), hasCompanion: 0,
      contactPreference: 'phone', memberNote: null, bundlePriceCents: 2_800_000, memberCostCents: 0, travelEstimateCents: 0, travelActualCents: null, hadComplication: null,
      wasReadmitted: null, satisfaction: null, requestedAt: at, completedAt: null, updatedAt: at,
    })
    .execute()
  return id
}

async function complete(caseId: string) {
  const result = await statusOf(coordinatorCase.action, postRequest(`/coordinator/cases/${caseId}`, { to: 'completed' }, { cookie: coordinator }), { caseId })
  expect(result.status).toBe(302)
  return getDb().selectFrom('invoices').selectAll().where('caseId', '=', caseId).executeTakeFirstOrThrow()
}

function deliver(event: Record<string, unknown>, secret = WEBHOOK_SECRET) {
  const payload = JSON.stringify(event)
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret })
  return webhook.action({
    request: new Request(`${ORIGIN}/webhooks/stripe`, { method: 'POST', headers: { 'Stripe-Signature': signature, 'Content-Type': 'application/json' }, body: payload }),
    params: {},
    context: {},
  })
}

const invoiceEvent = (id: string, type: string, stripeInvoiceId: string, amountPaid: number, created: number) => ({
  id, object: 'event', type, created, api_version: '2025-01-01', data: { object: { id: stripeInvoiceId, object: 'invoice', amount_paid: amountPaid, status: type === 'invoice.paid' ? 'paid' : 'open' } },
})
const ledgerState = async (invoiceId: string) => ({
  invoice: await getDb().selectFrom('invoices').select(['status', 'paidAt']).where('id', '=', invoiceId).executeTakeFirstOrThrow(),
  payments: await getDb().selectFrom('payments').select(['amountCents', 'method', 'stripeEventId']).where('invoiceId', '=', invoiceId).execute(),
})

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  coordinator = await cookieFor(t.users.coordinator)
  adminA = await cookieFor(t.users.adminA)
  await getDb().insertInto('priceFactors').values({ id: newId(), key: 'platform_fee_cents', value: 50_000, unit: 'cents', source: 'test', updatedAt: new Date().toISOString(), updatedByUserId: null }).execute()
})

afterAll(() => stripeServer.close())

describe('a completed case is invoiced and mirrored to Stripe', () => {
  it('creates the ledger invoice with its lines, the Stripe customer, invoice items and a finalized invoice', async () => {
    const invoice = await complete(await caseReadyToComplete())
    // $28,000 bundle + $500 completion incentive (program rules) + $500 platform fee = $29,000; no travel.
    expect(invoice).toMatchObject({ status: 'open', totalCents: 2_900_000, currency: 'usd' })
    const lines = await getDb().selectFrom('invoiceLines').select(['kind', 'amountCents', 'stripeInvoiceItemId']).where('invoiceId', '=', invoice.id).execute()
    expect(lines.map((l) => [l.kind, l.amountCents]).sort()).toEqual([['bundle', 2_800_000], ['incentive', 50_000], ['platform_fee', 50_000]])
    expect(lines.every((l) => l.stripeInvoiceItemId?.startsWith('ii_'))).toBe(true)

    const onStripe = await sdk.invoices.retrieve(invoice.stripeInvoiceId!)
    expect(onStripe).toMatchObject({ status: 'open', total: 2_900_000, collection_method: 'send_invoice', hosted_invoice_url: invoice.hostedInvoiceUrl })
    expect(onStripe.lines.data).toHaveLength(3)
    const profile = await getDb().selectFrom('billingProfiles').selectAll().where('employerId', '=', t.a.employerId).executeTakeFirstOrThrow()
    const customer = await sdk.customers.retrieve(profile.stripeCustomerId!)
    expect(customer).toMatchObject({ id: onStripe.customer, metadata: { employerId: t.a.employerId } })
  })

  it('records one payment for invoice.paid delivered twice', async () => {
    const invoice = await complete(await caseReadyToComplete())
    const event = invoiceEvent('evt_paid_twice', 'invoice.paid', invoice.stripeInvoiceId!, 2_900_000, Math.floor(Date.now() / 1000))
    const first = await deliver(event)
    const second = await deliver(event)
    expect([first.status, second.status]).toEqual([200, 200])
    expect(await second.json()).toMatchObject({ result: 'duplicate' })
    const state = await ledgerState(invoice.id)
    expect(state.invoice.status).toBe('paid')
    expect(state.payments).toEqual([{ amountCents: 2_900_000, method: 'stripe', stripeEventId: 'evt_paid_twice' }])
  })

  it('refuses a bad signature with 400 and changes nothing', async () => {
    const invoice = await complete(await caseReadyToComplete())
    const before = await ledgerState(invoice.id)
    const forged = await deliver(invoiceEvent('evt_forged', 'invoice.paid', invoice.stripeInvoiceId!, 2_900_000, Math.floor(Date.now() / 1000)), 'whsec_someone_else')
    expect(forged.status).toBe(400)
    const unsigned = await webhook.action({ request: new Request(`${ORIGIN}/webhooks/stripe`, { method: 'POST', body: '{}' }), params: {}, context: {} })
    expect(unsigned.status).toBe(400)
    expect(await ledgerState(invoice.id)).toEqual(before)
    expect(await getDb().selectFrom('stripeEvents').select('id').where('id', '=', 'evt_forged').execute()).toEqual([])
  })

  it('ends paid when a payment failure, the payment and the finalization arrive out of order', async () => {
    const invoice = await complete(await caseReadyToComplete())
    const created = Math.floor(Date.now() / 1000)
    // Stripe sent: finalized (t), payment_failed (t+1), paid (t+2); they arrive paid, finalized, failed.
    await deliver(invoiceEvent('evt_ooo_paid', 'invoice.paid', invoice.stripeInvoiceId!, 2_900_000, created + 2))
    await deliver(invoiceEvent('evt_ooo_finalized', 'invoice.finalized', invoice.stripeInvoiceId!, 0, created))
    await deliver(invoiceEvent('evt_ooo_failed', 'invoice.payment_failed', invoice.stripeInvoiceId!, 0, created + 1))
    const state = await ledgerState(invoice.id)
    expect(state.invoice.status).toBe('paid')
    expect(state.payments).toHaveLength(1)
  })

  it('acknowledges and ignores an event type it does not handle', async () => {
    const response = await deliver({ id: 'evt_other', object: 'event', type: 'customer.updated', created: Math.floor(Date.now() / 1000), data: { object: { id: 'cus_x', object: 'customer' } } })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ result: 'ignored' })
  })
})

describe('billing setup through Stripe Checkout', () => {
  it('sends the admin to Checkout in setup mode, then shows the saved card after the webhook', async () => {
    const started = await statusOf(billingPage.action, postRequest('/employer/billing', { intent: 'setup' }, { cookie: adminA }))
    expect(started.status).toBe(302)
    const sessionId = started.location!.split('/').pop()!
    expect(started.location).toBe(`${stripeServer.url}/checkout/${sessionId}`)
    const session = stripeServer.completeSetup(sessionId)
    expect(session).toMatchObject({ mode: 'setup', success_url: `${ORIGIN}/employer/billing?setup=done` })
    const delivered = await deliver({ id: 'evt_setup', object: 'event', type: 'checkout.session.completed', created: Math.floor(Date.now() / 1000), data: { object: session } })
    expect(delivered.status).toBe(200)
    const page = await statusOf(billingPage.loader, getRequest('/employer/billing', adminA))
    expect(page.body).toMatchObject({ stripeConfigured: true, paymentMethod: { brand: 'visa', last4: '4242' } })
    expect((page.body as { invoices: unknown[] }).invoices.length).toBeGreaterThanOrEqual(4)
  })

  it('keeps billing to the employer’s own admins', async () => {
    expect((await statusOf(billingPage.loader, getRequest('/employer/billing', await cookieFor(t.users.broker)))).status).toBe(403)
    expect((await statusOf(billingPage.action, postRequest('/employer/billing', { intent: 'setup' }, { cookie: await cookieFor(t.users.employeeA) }))).status).toBe(403)
  })
})
