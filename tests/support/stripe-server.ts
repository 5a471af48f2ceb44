import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import express, { type Request, type Response } from 'express'
import Stripe from 'stripe'

// stripe-stateful-mock (CommonJS) ships no type declarations; it exports createExpressApp().
const { createExpressApp } = createRequire(import.meta.url)('stripe-stateful-mock') as { createExpressApp: () => express.Express }

/**
 * A local Stripe-compatible server for tests (no internet here, STACK.md): stripe-stateful-mock
 * answers customers (and the rest of its API); the endpoints it lacks and the project uses are
 * added in front of it, in Stripe's request and response shapes: invoice items (pending, or on a
 * draft invoice), invoices (create with or without pending items, finalize, retrieve), credit
 * notes on a finalized invoice (create, retrieve), customer balance transactions (create, list),
 * Checkout Sessions in setup mode, setup intents and payment methods. The real Stripe SDK talks to
 * it through STRIPE_API_BASE.
 */
export interface LocalStripe {
  url: string
  close(): Promise<void>
  /** What the project created, for assertions. */
  state: {
    invoiceItems: Map<string, Record<string, unknown>>
    invoices: Map<string, Record<string, unknown>>
    creditNotes: Map<string, Record<string, unknown>>
    sessions: Map<string, Record<string, unknown>>
    balanceTransactions: Map<string, Record<string, unknown>>
  }
  /** Completes a setup-mode Checkout Session as a person would on Stripe's page (a Visa ending 4242). */
  completeSetup(sessionId: string): Record<string, unknown>
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`
const now = () => Math.floor(Date.now() / 1000)

function stripeError(res: Response, status: number, message: string, param?: string) {
  res.status(status).json({ error: { type: 'invalid_request_error', message, ...(param ? { param } : {}) } })
}

export async function startLocalStripe(options: { webhookSecret?: string } = {}): Promise<LocalStripe> {
  const invoiceItems = new Map<string, Record<string, unknown>>()
  const invoices = new Map<string, Record<string, unknown>>()
  const creditNotes = new Map<string, Record<string, unknown>>()
  const sessions = new Map<string, Record<string, unknown>>()
  const setupIntents = new Map<string, Record<string, unknown>>()
  const paymentMethods = new Map<string, Record<string, unknown>>()
  const balanceTransactions = new Map<string, Record<string, unknown>>()
  const idempotent = new Map<string, unknown>()
  const app = express()
  app.use(express.urlencoded({ extended: true }))

  // Stripe's idempotency: the same key returns the first response.
  const once_ = (req: Request, res: Response, make: () => Record<string, unknown>) => {
    const key = req.header('Idempotency-Key')
    if (key && idempotent.has(key)) return res.json(idempotent.get(key))
    const body = make()
    if (key) idempotent.set(key, body)
    return res.json(body)
  }
  const amount = (value: unknown) => Number.parseInt(String(value), 10)

  /** An invoice's line for an invoice item, as Stripe lists it. */
  const lineOf = (item: Record<string, unknown>) => ({ id: `il_${(item.id as string).slice(3)}`, object: 'line_item', amount: item.amount, currency: item.currency, description: item.description, invoice_item: item.id })

  app.post('/v1/invoiceitems', (req, res) => {
    const { customer, currency, description, metadata, invoice: invoiceId } = req.body as Record<string, string>
    if (!customer) return stripeError(res, 400, 'Missing required param: customer.', 'customer')
    if (!Number.isInteger(amount(req.body.amount))) return stripeError(res, 400, 'Invalid integer: amount', 'amount')
    // With `invoice`, the item goes on that draft invoice (of the same customer) instead of waiting as pending.
    // A repeated idempotency key answers first, as on Stripe, even once the invoice is finalized.
    const key = req.header('Idempotency-Key')
    if (key && idempotent.has(key)) return res.json(idempotent.get(key))
    const invoice = invoiceId ? invoices.get(invoiceId) : undefined
    if (invoiceId && !invoice) return stripeError(res, 404, `No such invoice: '${invoiceId}'`, 'invoice')
    if (invoice && (invoice.status !== 'draft' || invoice.customer !== customer)) return stripeError(res, 400, 'You can only add invoice items to draft invoices of the same customer.', 'invoice')
    return once_(req, res, () => {
      const item = { id: id('ii'), object: 'invoiceitem', amount: amount(req.body.amount), currency: currency ?? 'usd', customer, description: description ?? null, metadata: metadata ?? {}, invoice: invoiceId ?? null, date: now(), livemode: false }
      invoiceItems.set(item.id, item)
      if (invoice) {
        const total = (invoice.total as number) + item.amount
        Object.assign(invoice, { amount_due: total, amount_remaining: total, subtotal: total, total })
        ;(invoice.lines as { data: unknown[] }).data.push(lineOf(item))
      }
      return item
    })
  })

  app.post('/v1/customers/:id/balance_transactions', (req, res) => {
    const { currency, description, metadata } = req.body as Record<string, string>
    if (!Number.isInteger(amount(req.body.amount))) return stripeError(res, 400, 'Invalid integer: amount', 'amount')
    if (!currency) return stripeError(res, 400, 'Missing required param: currency.', 'currency')
    return once_(req, res, () => {
      const customer = req.params.id!
      const previous = [...balanceTransactions.values()].filter((t) => t.customer === customer).reduce((sum, t) => sum + (t.amount as number), 0)
      const transaction = {
        id: id('cbtxn'), object: 'customer_balance_transaction', amount: amount(req.body.amount), currency, customer, description: description ?? null, metadata: metadata ?? {},
        type: 'adjustment', ending_balance: previous + amount(req.body.amount), credit_note: null, invoice: null, created: now(), livemode: false,
      }
      balanceTransactions.set(transaction.id, transaction)
      return transaction
    })
  })

  app.get('/v1/customers/:id/balance_transactions', (req, res) => {
    const data = [...balanceTransactions.values()].filter((t) => t.customer === req.params.id).reverse()
    return res.json({ object: 'list', data, has_more: false, url: `/v1/customers/${req.params.id}/balance_transactions` })
  })

  app.post('/v1/invoices', (req, res) => {
    const { customer, currency, collection_method, days_until_due, pending_invoice_items_behavior, description, metadata } = req.body as Record<string, string>
    if (!customer) return stripeError(res, 400, 'Missing required param: customer.', 'customer')
    return once_(req, res, () => {
      const invoiceId = id('in')
      const pending = pending_invoice_items_behavior === 'include' ? [...invoiceItems.values()].filter((i) => i.customer === customer && i.invoice === null) : []
      for (const item of pending) item.invoice = invoiceId
      const total = pending.reduce((sum, i) => sum + (i.amount as number), 0)
      const invoice = {
        id: invoiceId, object: 'invoice', customer, currency: currency ?? 'usd', status: 'draft', collection_method: collection_method ?? 'charge_automatically',
        days_until_due: days_until_due ? Number(days_until_due) : null, description: description ?? null, metadata: metadata ?? {}, number: null,
        amount_due: total, amount_paid: 0, amount_remaining: total, subtotal: total, total, pre_payment_credit_notes_amount: 0, post_payment_credit_notes_amount: 0, hosted_invoice_url: null, invoice_pdf: null, created: now(), livemode: false,
        lines: { object: 'list', data: pending.map(lineOf), has_more: false, url: `/v1/invoices/${invoiceId}/lines` },
      }
      invoices.set(invoiceId, invoice)
      return invoice
    })
  })

  app.post('/v1/invoices/:id/finalize', (req, res) => {
    const invoice = invoices.get(req.params.id!)
    if (!invoice) return stripeError(res, 404, `No such invoice: '${req.params.id}'`, 'id')
    return once_(req, res, () => {
      if (invoice.status === 'draft') {
        invoice.status = 'open'
        invoice.number = `TEST-${String(invoices.size).padStart(4, '0')}`
        invoice.hosted_invoice_url = `https://invoice.stripe.com/i/${invoice.id}`
        invoice.status_transitions = { finalized_at: now() }
      }
      return invoice
    })
  })

  app.get('/v1/invoices/:id', (req, res) => {
    const invoice = invoices.get(req.params.id!)
    return invoice ? res.json(invoice) : stripeError(res, 404, `No such invoice: '${req.params.id}'`, 'id')
  })

  // Credit notes (Stripe's rules, reduced): only on a finalized invoice (open or paid); the amount is
  // `amount` or the sum of `lines`, at most what the invoice can still be credited (its total less
  // earlier credit notes). On an open invoice it first reduces the amount due (pre-payment); the rest
  // (post-payment) must be split exactly into refund_amount + credit_amount + out_of_band_amount.
  app.post('/v1/credit_notes', (req, res) => {
    const body = req.body as Record<string, unknown>
    const invoiceId = typeof body.invoice === 'string' ? body.invoice : ''
    if (!invoiceId) return stripeError(res, 400, 'Missing required param: invoice.', 'invoice')
    const invoice = invoices.get(invoiceId)
    if (!invoice) return stripeError(res, 404, `No such invoice: '${invoiceId}'`, 'invoice')
    const key = req.header('Idempotency-Key')
    if (key && idempotent.has(key)) return res.json(idempotent.get(key))
    if (invoice.status !== 'open' && invoice.status !== 'paid') {
      return stripeError(res, 400, `You can only create a credit note on a finalized invoice; this one is ${String(invoice.status)}.`, 'invoice')
    }
    const requestLines = Array.isArray(body.lines) ? (body.lines as Array<Record<string, string>>) : []
    if (body.amount === undefined && requestLines.length === 0) return stripeError(res, 400, 'One of `amount`, `lines`, or `shipping_cost` must be provided.')
    const lineAmount = (line: Record<string, string>) => (line.amount !== undefined ? amount(line.amount) : amount(line.unit_amount) * (line.quantity === undefined ? 1 : amount(line.quantity)))
    const total = body.amount !== undefined ? amount(body.amount) : requestLines.reduce((sum, line) => sum + lineAmount(line), 0)
    if (!Number.isInteger(total) || total <= 0) return stripeError(res, 400, 'The credit note amount must be a positive integer.', 'amount')
    const creditable = (invoice.total as number) - (invoice.pre_payment_credit_notes_amount as number) - (invoice.post_payment_credit_notes_amount as number)
    if (total > creditable) {
      return stripeError(res, 400, `The credit note amount (${total}) is greater than the amount of the invoice that can still be credited (${creditable}).`, 'amount')
    }
    const prePayment = invoice.status === 'open' ? Math.min(total, invoice.amount_remaining as number) : 0
    const postPayment = total - prePayment
    const [refund, credit, outOfBand] = ['refund_amount', 'credit_amount', 'out_of_band_amount'].map((name) => (body[name] === undefined ? 0 : amount(body[name])))
    if (refund! + credit! + outOfBand! !== postPayment) {
      return stripeError(res, 400, `The sum of refund_amount, credit_amount and out_of_band_amount (${refund! + credit! + outOfBand!}) must equal the post-payment amount of the credit note (${postPayment}).`)
    }
    const noteId = id('cn')
    const note = {
      id: noteId, object: 'credit_note', amount: total, amount_shipping: 0, created: now(), currency: invoice.currency, customer: invoice.customer,
      customer_balance_transaction: credit! > 0 ? id('cbtxn') : null, discount_amount: 0, discount_amounts: [], effective_at: null, invoice: invoiceId,
      lines: {
        object: 'list', has_more: false, url: `/v1/credit_notes/${noteId}/lines`,
        data: (requestLines.length > 0 ? requestLines : [{ type: 'custom_line_item', unit_amount: String(total), quantity: '1' }]).map((line) => ({
          id: id('cnli'), object: 'credit_note_line_item', amount: lineAmount(line), description: line.description ?? null, quantity: line.quantity === undefined ? 1 : amount(line.quantity),
          type: line.type ?? 'custom_line_item', unit_amount: line.unit_amount === undefined ? null : amount(line.unit_amount), invoice_line_item: line.invoice_line_item ?? null,
        })),
      },
      livemode: false, memo: (body.memo as string | undefined) ?? null, metadata: (body.metadata as Record<string, string> | undefined) ?? {},
      number: `${String(invoice.number)}-CN-${String([...creditNotes.values()].filter((n) => n.invoice === invoiceId).length + 1).padStart(2, '0')}`,
      out_of_band_amount: outOfBand! > 0 ? outOfBand : null, pdf: `https://pay.stripe.com/credit_notes/${noteId}/pdf`, pre_payment_amount: prePayment, post_payment_amount: postPayment,
      reason: (body.reason as string | undefined) ?? null, refunds: [], status: 'issued', subtotal: total, total, total_taxes: [],
      type: prePayment > 0 && postPayment > 0 ? 'mixed' : prePayment > 0 ? 'pre_payment' : 'post_payment', voided_at: null,
    }
    creditNotes.set(noteId, note)
    // The invoice as Stripe shows it afterwards: less due; an open invoice credited down to $0 is paid.
    invoice.pre_payment_credit_notes_amount = (invoice.pre_payment_credit_notes_amount as number) + prePayment
    invoice.post_payment_credit_notes_amount = (invoice.post_payment_credit_notes_amount as number) + postPayment
    invoice.amount_due = (invoice.amount_due as number) - prePayment
    invoice.amount_remaining = (invoice.amount_remaining as number) - prePayment
    if (invoice.status === 'open' && invoice.amount_remaining === 0) invoice.status = 'paid'
    if (key) idempotent.set(key, note)
    return res.json(note)
  })

  app.get('/v1/credit_notes/:id', (req, res) => {
    const note = creditNotes.get(req.params.id!)
    return note ? res.json(note) : stripeError(res, 404, `No such credit note: '${req.params.id}'`, 'id')
  })

  app.post('/v1/checkout/sessions', (req, res) => {
    const { mode, customer, success_url, cancel_url, currency, metadata } = req.body as Record<string, string>
    if (mode !== 'setup' && mode !== 'payment' && mode !== 'subscription') return stripeError(res, 400, 'Missing required param: mode.', 'mode')
    if (!success_url) return stripeError(res, 400, 'Missing required param: success_url.', 'success_url')
    const sessionId = id('cs')
    const intentId = id('seti')
    setupIntents.set(intentId, { id: intentId, object: 'setup_intent', customer, status: 'requires_payment_method', payment_method: null, usage: 'off_session' })
    const session = {
      id: sessionId, object: 'checkout.session', mode, customer, currency: currency ?? null, status: 'open', success_url, cancel_url, metadata: metadata ?? {},
      setup_intent: intentId, url: `${base}/checkout/${sessionId}`, created: now(), livemode: false,
    }
    sessions.set(sessionId, session)
    return res.json(session)
  })

  app.get('/v1/setup_intents/:id', (req, res) => {
    const intent = setupIntents.get(req.params.id!)
    return intent ? res.json(intent) : stripeError(res, 404, `No such setupintent: '${req.params.id}'`, 'intent')
  })

  app.get('/v1/payment_methods/:id', (req, res) => {
    const method = paymentMethods.get(req.params.id!)
    return method ? res.json(method) : stripeError(res, 404, `No such PaymentMethod: '${req.params.id}'`, 'payment_method')
  })

  // Stripe's hosted Checkout page, reduced to what a test clicks: save a test card, go back.
  app.get('/checkout/:id', (req, res) => {
    const session = sessions.get(req.params.id!)
    if (!session) return res.status(404).send('No such session')
    res.type('html').send(
      `<!doctype html><html lang="en"><title>Stripe test checkout</title><main><h1>Save a card (test)</h1><form method="post"><button>Save Visa ending 4242</button></form><a href="${String(session.cancel_url)}">Cancel</a></main></html>`,
    )
  })
  app.post('/checkout/:id', async (req, res) => {
    const session = sessions.get(req.params.id!)
    if (!session) return res.status(404).send('No such session')
    completeSetup(session.id as string)
    // As Stripe does: tell the app through its webhook, signed, before the person is back.
    if (options.webhookSecret) {
      const payload = JSON.stringify({ id: id('evt'), object: 'event', type: 'checkout.session.completed', created: now(), data: { object: session } })
      await fetch(new URL('/webhooks/stripe', String(session.success_url)), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Stripe-Signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: options.webhookSecret }) },
        body: payload,
      })
    }
    res.redirect(303, String(session.success_url))
  })

  function completeSetup(sessionId: string) {
    const session = sessions.get(sessionId)!
    const methodId = id('pm')
    paymentMethods.set(methodId, { id: methodId, object: 'payment_method', type: 'card', customer: session.customer, card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030 } })
    Object.assign(setupIntents.get(session.setup_intent as string)!, { status: 'succeeded', payment_method: methodId })
    Object.assign(session, { status: 'complete' })
    return session
  }

  app.use(createExpressApp())
  const server: Server = app.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: base,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    state: { invoiceItems, invoices, creditNotes, sessions, balanceTransactions },
    completeSetup,
  }
}
