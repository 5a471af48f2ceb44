import type { Transaction } from 'kysely'
import type Stripe from 'stripe'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import {
  findBillingProfile,
  findBillingProfileByCustomer,
  findInvoiceByStripeId,
  insertInvoice,
  insertInvoiceLines,
  insertPayment,
  listEmployerInvoices,
  listInvoiceLines,
  markStripeEventProcessed,
  recordStripeEvent,
  saveBillingProfile,
  unscopedFindInvoice,
  unscopedListInvoices,
  updateInvoice,
  updateInvoiceLineStripeId,
} from '~/db/repositories/billing.server'
import { findOrganization } from '~/db/repositories/organizations.server'
import { findPriceFactor } from '~/db/repositories/price-factors.server'
import { findVersionRules } from '~/db/repositories/programs.server'
import type { Database } from '~/db/schema'
import { caseInvoiceLines, invoiceNumber, statusAfterEvent } from '~/domain/billing/case-invoice'
import type { Actor, EmployerScope } from '~/domain/tenancy'
import { getEnv } from '~/env.server'
import { logError } from '~/http/logger.server'
import { notFound } from '~/http/responses.server'
import { getStripe, verifyWebhook } from '~/integrations/stripe.server'

export const PLATFORM_FEE_KEY = 'platform_fee_cents'
const LINE_ORDER = ['bundle', 'travel', 'incentive', 'platform_fee']

/**
 * The ledger invoice for a completed case (DESIGN §3, §9), written in the caller's transaction:
 * bundle, travel actuals, the program version's completion incentive, the platform fee.
 */
export async function createCaseInvoice(
  trx: Transaction<Database>,
  completed: { id: string; employerId: string; programVersionId: string; bundlePriceCents: number; travelActualCents: number | null; procedureName: string; facilityName: string },
  at: string,
): Promise<string> {
  const [rules, fee] = await Promise.all([findVersionRules(trx, completed.programVersionId), findPriceFactor(trx, PLATFORM_FEE_KEY)])
  const { lines, totalCents } = caseInvoiceLines({
    procedureName: completed.procedureName,
    facilityName: completed.facilityName,
    bundleCents: completed.bundlePriceCents,
    travelActualCents: completed.travelActualCents,
    incentiveCents: rules?.completionIncentiveCents ?? 0,
    platformFeeCents: Math.round(fee?.value ?? 0),
  })
  const id = newId()
  await insertInvoice(trx, {
    id, employerId: completed.employerId, caseId: completed.id, number: invoiceNumber(at, id), status: 'open',
    totalCents, currency: 'usd', stripeInvoiceId: null, hostedInvoiceUrl: null, createdAt: at, finalizedAt: at, paidAt: null, updatedAt: at,
  })
  await insertInvoiceLines(trx, lines.map((line) => ({ id: newId(), invoiceId: id, ...line, stripeInvoiceItemId: null })))
  return id
}

/** The employer's Stripe customer, created (and remembered) the first time (also a contract purchaser's, for settlements). */
export async function ensureCustomer(stripe: Stripe, employerId: string): Promise<string> {
  const db = getDb()
  const profile = await findBillingProfile(db, { employerId })
  if (profile?.stripeCustomerId) return profile.stripeCustomerId
  const employer = await findOrganization(db, employerId)
  const customer = await stripe.customers.create({ name: employer?.name ?? employerId, metadata: { employerId } }, { idempotencyKey: `customer-${employerId}` })
  await saveBillingProfile(db, {
    employerId, stripeCustomerId: customer.id, paymentMethodBrand: profile?.paymentMethodBrand ?? null, paymentMethodLast4: profile?.paymentMethodLast4 ?? null,
    updatedAt: new Date().toISOString(),
  })
  return customer.id
}

/**
 * Mirrors a ledger invoice to Stripe (customer, one invoice item per line, the invoice, finalized),
 * with idempotency keys so a retry after a failure never doubles anything. No-op without Stripe
 * or when already mirrored. Network calls happen outside any transaction.
 */
export async function mirrorInvoiceToStripe(invoiceId: string): Promise<'mirrored' | 'skipped'> {
  const stripe = getStripe()
  if (!stripe) return 'skipped'
  const db = getDb()
  const invoice = await unscopedFindInvoice(db, invoiceId)
  if (!invoice || invoice.stripeInvoiceId) return 'skipped'
  const customer = await ensureCustomer(stripe, invoice.employerId)
  for (const line of await listInvoiceLines(db, [invoiceId])) {
    if (line.stripeInvoiceItemId) continue
    const item = await stripe.invoiceItems.create(
      { customer, amount: line.amountCents, currency: invoice.currency, description: line.description, metadata: { invoiceLineId: line.id, invoiceId } },
      { idempotencyKey: `invoice-line-${line.id}` },
    )
    await updateInvoiceLineStripeId(db, line.id, item.id)
  }
  const profile = await findBillingProfile(db, { employerId: invoice.employerId })
  const automatic = Boolean(profile?.paymentMethodLast4)
  const created = await stripe.invoices.create(
    {
      customer,
      currency: invoice.currency,
      collection_method: automatic ? 'charge_automatically' : 'send_invoice',
      ...(automatic ? {} : { days_until_due: 30 }),
      pending_invoice_items_behavior: 'include',
      description: `Invoice ${invoice.number}`,
      metadata: { invoiceId, caseId: invoice.caseId ?? '' },
    },
    { idempotencyKey: `invoice-${invoiceId}` },
  )
  const finalized = await stripe.invoices.finalizeInvoice(created.id!, {}, { idempotencyKey: `invoice-finalize-${invoiceId}` })
  const at = new Date().toISOString()
  await updateInvoice(db, invoiceId, { stripeInvoiceId: finalized.id!, hostedInvoiceUrl: finalized.hosted_invoice_url ?? null, updatedAt: at })
  return 'mirrored'
}

/** Mirrors after a commit; a Stripe outage leaves the invoice in the ledger, to be sent again from the billing page. */
export async function mirrorInvoiceQuietly(invoiceId: string) {
  try {
    await mirrorInvoiceToStripe(invoiceId)
  } catch (error) {
    logError(error)
  }
}

export async function getBillingPage(scope: EmployerScope) {
  const db = getDb()
  const [profile, invoices] = await Promise.all([findBillingProfile(db, scope), listEmployerInvoices(db, scope)])
  const lines = await listInvoiceLines(db, invoices.map((i) => i.id))
  return {
    stripeConfigured: getStripe() !== null,
    paymentMethod: profile?.paymentMethodLast4 ? { brand: profile.paymentMethodBrand ?? 'card', last4: profile.paymentMethodLast4 } : null,
    invoices: invoices.map((invoice) => ({
      ...invoice,
      lines: lines.filter((l) => l.invoiceId === invoice.id).sort((a, b) => LINE_ORDER.indexOf(a.kind) - LINE_ORDER.indexOf(b.kind)),
    })),
  }
}

/** Starts Stripe Checkout in setup mode to save the employer's payment method; returns its URL. */
export async function startBillingSetup(actor: Actor, scope: EmployerScope, origin: string): Promise<string> {
  const stripe = getStripe()
  if (!stripe) throw notFound('Stripe billing')
  const customer = await ensureCustomer(stripe, scope.employerId)
  const session = await stripe.checkout.sessions.create({
    mode: 'setup',
    customer,
    currency: 'usd',
    success_url: `${origin}/employer/billing?setup=done`,
    cancel_url: `${origin}/employer/billing?setup=cancelled`,
    metadata: { employerId: scope.employerId },
  })
  await insertAuditEntry(getDb(), actor, { action: 'billing.setup_started', subjectType: 'organization', subjectId: scope.employerId, employerId: scope.employerId, at: new Date().toISOString() })
  if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL')
  return session.url
}

/** Sends the employer's invoices that are not yet in Stripe (after an outage). */
export async function resendInvoicesToStripe(scope: EmployerScope) {
  const invoices = await listEmployerInvoices(getDb(), scope)
  for (const invoice of invoices) if (!invoice.stripeInvoiceId) await mirrorInvoiceToStripe(invoice.id)
}

export type WebhookOutcome = { status: 200; result: 'processed' | 'duplicate' | 'ignored' } | { status: 400; result: 'bad-signature' }

const INVOICE_EVENTS = ['invoice.paid', 'invoice.payment_failed', 'invoice.finalized', 'invoice.voided'] as const
type InvoiceEventType = (typeof INVOICE_EVENTS)[number]

/**
 * The Stripe webhook (ADR 0007): the signature is checked on the raw body; each event id is
 * recorded once, so a repeated delivery changes nothing; invoice events move the ledger through
 * `statusAfterEvent`, so their order does not matter; a paid invoice gets one payment row.
 * `checkout.session.completed` (setup mode) saves the card's brand and last four digits.
 */
export async function handleStripeWebhook(rawBody: string, signature: string | null, now = new Date()): Promise<WebhookOutcome> {
  let event: Stripe.Event
  try {
    event = verifyWebhook(rawBody, signature)
  } catch {
    return { status: 400, result: 'bad-signature' }
  }
  // Network reads first (never inside the transaction): the card behind a completed setup session.
  const card = event.type === 'checkout.session.completed' ? await setupCard(event.data.object as Stripe.Checkout.Session) : null
  const at = now.toISOString()
  const db = getDb()
  return db.transaction().execute(async (trx): Promise<WebhookOutcome> => {
    const isNew = await recordStripeEvent(trx, { id: event.id, type: event.type, stripeCreated: event.created, receivedAt: at })
    if (!isNew) return { status: 200, result: 'duplicate' }
    let handled = false
    if ((INVOICE_EVENTS as readonly string[]).includes(event.type)) {
      const object = event.data.object as Stripe.Invoice
      const invoice = object.id ? await findInvoiceByStripeId(trx, object.id) : undefined
      if (invoice) {
        const next = statusAfterEvent(invoice.status, event.type as InvoiceEventType)
        if (next !== invoice.status) {
          await updateInvoice(trx, invoice.id, { status: next, updatedAt: at, ...(next === 'paid' ? { paidAt: new Date(event.created * 1000).toISOString() } : {}) })
          if (next === 'paid') {
            await insertPayment(trx, {
              id: newId(), invoiceId: invoice.id, amountCents: object.amount_paid ?? invoice.totalCents, method: 'stripe', stripeEventId: event.id, reference: object.id ?? null,
              receivedAt: at, recordedByUserId: null,
            })
          }
          await insertAuditEntry(trx, null, { action: `invoice.${next}`, subjectType: 'invoice', subjectId: invoice.id, employerId: invoice.employerId, at, detail: event.type })
        }
        handled = true
      }
    } else if (card) {
      const profile = await findBillingProfileByCustomer(trx, card.customer)
      if (profile) {
        await saveBillingProfile(trx, { ...profile, paymentMethodBrand: card.brand, paymentMethodLast4: card.last4, updatedAt: at })
        await insertAuditEntry(trx, null, { action: 'billing.payment_method_saved', subjectType: 'organization', subjectId: profile.employerId, employerId: profile.employerId, at })
        handled = true
      }
    }
    await markStripeEventProcessed(trx, event.id, at)
    return { status: 200, result: handled ? 'processed' : 'ignored' }
  })
}

async function setupCard(session: Stripe.Checkout.Session): Promise<{ customer: string; brand: string; last4: string } | null> {
  const stripe = getStripe()
  if (!stripe || session.mode !== 'setup' || !session.setup_intent || !session.customer) return null
  const intentId = typeof session.setup_intent === 'string' ? session.setup_intent : session.setup_intent.id
  const intent = await stripe.setupIntents.retrieve(intentId)
  const methodId = typeof intent.payment_method === 'string' ? intent.payment_method : intent.payment_method?.id
  if (!methodId) return null
  const method = await stripe.paymentMethods.retrieve(methodId)
  if (!method.card) return null
  return { customer: typeof session.customer === 'string' ? session.customer : session.customer.id, brand: method.card.brand, last4: method.card.last4 }
}

/** The platform's ledger across employers. */
export async function getLedger() {
  return { stripeConfigured: getStripe() !== null, invoices: await unscopedListInvoices(getDb(), 200) }
}

/** Without Stripe the platform admin records a payment received another way (check, wire). */
export async function recordManualPayment(actor: Actor, invoiceId: string, reference: string, now = new Date()) {
  const db = getDb()
  const invoice = await unscopedFindInvoice(db, invoiceId)
  if (!invoice) throw notFound('Invoice')
  if (invoice.stripeInvoiceId) return { ok: false as const, message: 'This invoice is collected through Stripe: its payment arrives from Stripe.' }
  if (invoice.status === 'paid') return { ok: false as const, message: 'This invoice is already paid.' }
  const at = now.toISOString()
  await db.transaction().execute(async (trx) => {
    await updateInvoice(trx, invoiceId, { status: 'paid', paidAt: at, updatedAt: at })
    await insertPayment(trx, { id: newId(), invoiceId, amountCents: invoice.totalCents, method: 'manual', stripeEventId: null, reference, receivedAt: at, recordedByUserId: actor.userId })
    await insertAuditEntry(trx, actor, { action: 'invoice.paid_manually', subjectType: 'invoice', subjectId: invoiceId, employerId: invoice.employerId, at })
  })
  return { ok: true as const }
}

export function stripeWebhookConfigured() {
  return Boolean(getEnv().STRIPE_WEBHOOK_SECRET)
}
