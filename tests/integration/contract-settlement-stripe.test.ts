import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import * as employerPeriod from '~/routes/employer.contracts.$contractId_.periods.$periodId'
import * as centerPeriod from '~/routes/center.contracts.$contractId_.periods.$periodId'
import { closeContractPeriod, settleContractStatement } from '~/services/contract-periods.server'
import { startLocalStripe, type LocalStripe } from '../support/stripe-server'
import { completedCase, contractParties, pastYears, signedContract, warrantyEvent, type ContractParties } from './contract-fixtures'
import { cookieFor, ORIGIN, statusOf } from './support'
import { createTwoTenants } from './tenants'

/*
 * Settlement through Stripe (issue 21, ADR 0016 §8): with Stripe configured, a positive
 * settlement (the purchaser pays the center) is an invoice to the purchaser's Stripe customer, a
 * negative one (the center pays) a credit on the purchaser's balance. The real Stripe SDK against
 * the local Stripe-compatible server; idempotency keys per statement, so a retry makes nothing twice.
 */

const stripeServer: LocalStripe = await startLocalStripe()
process.env.STRIPE_SECRET_KEY = 'sk_test_local'
process.env.STRIPE_WEBHOOK_SECRET = 'whsec_local_test_secret'
process.env.STRIPE_API_BASE = stripeServer.url
const sdk = new Stripe('sk_test_local', { host: '127.0.0.1', port: Number(new URL(stripeServer.url).port), protocol: 'http' })

let p: ContractParties
const cookies = {} as Record<'adminA' | 'center', string>

beforeAll(async () => {
  p = await contractParties(await createTwoTenants(getDb()))
  cookies.adminA = await cookieFor(p.t.users.adminA)
  cookies.center = await cookieFor(p.t.users.center)
})

afterAll(() => stripeServer.close())

function settle(route: typeof employerPeriod | typeof centerPeriod, base: string, contractId: string, periodId: string, cookie: string) {
  const request = new Request(`${ORIGIN}${base}/${contractId}/periods/${periodId}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, Cookie: cookie },
    body: new URLSearchParams({ intent: 'settle' }).toString(),
  })
  return statusOf(route.action, request, { contractId, periodId })
}

const statementOf = (periodId: string) => getDb().selectFrom('contractStatements').selectAll().where('periodId', '=', periodId).executeTakeFirstOrThrow()
const customerOfA = async () => (await getDb().selectFrom('billingProfiles').select('stripeCustomerId').where('employerId', '=', p.t.a.employerId).executeTakeFirstOrThrow()).stripeCustomerId!

describe('a positive settlement is a Stripe invoice to the purchaser', () => {
  it('invoices the purchaser’s Stripe customer for the settlement, finalized, and records its id once', async () => {
    const contract = await signedContract(p, pastYears(2024, 1, { 'riskSharing.minimumEpisodes': ['1'] }), 'Stripe savings')
    await completedCase(p, { procedureDate: '2024-04-04' })
    const [period] = contract.periods
    expect((await closeContractPeriod(p.adminA, p.purchaser, contract.contractId, period!.id, new Date('2025-04-01T00:00:00Z'))).ok).toBe(true)
    // One episode saving $12,000 ($40,000 − $28,000), Q = 1: 50% × $12,000 = $6,000, capped at the stop-gain 10% × $40,000 = $4,000.
    expect(await statementOf(period!.id)).toMatchObject({ settlementCents: 400_000 })

    const invoicesBefore = stripeServer.state.invoices.size
    expect(await settle(centerPeriod, '/center/contracts', contract.contractId, period!.id, cookies.center)).toMatchObject({ status: 302 })
    const statement = await statementOf(period!.id)
    expect(statement).toMatchObject({ settledVia: 'stripe' })
    expect(statement.settlementReference).toMatch(/^in_/)
    const invoice = await sdk.invoices.retrieve(statement.settlementReference!)
    expect(invoice).toMatchObject({ customer: await customerOfA(), status: 'open', total: 400_000, currency: 'usd', collection_method: 'send_invoice', metadata: { statementId: statement.id } })
    expect(invoice.lines.data.map((line) => line.amount)).toEqual([400_000])
    expect(invoice.description).toBe('Stripe savings: settlement of period 1 (2024-01-01 to 2024-12-31) with Test Health')
    expect(stripeServer.state.invoices.size).toBe(invoicesBefore + 1)

    // Settled: a second submit (either side) changes nothing, here or on Stripe.
    expect(await settle(employerPeriod, '/employer/contracts', contract.contractId, period!.id, cookies.adminA)).toMatchObject({ status: 302 })
    expect(await statementOf(period!.id)).toEqual(statement)
    expect(stripeServer.state.invoices.size).toBe(invoicesBefore + 1)
    const audit = await getDb().selectFrom('auditLog').select(['action', 'detail']).where('subjectId', '=', statement.id).where('action', '=', 'contract_statement.settled').execute()
    expect(audit.map((entry) => JSON.parse(entry.detail!))).toEqual([expect.objectContaining({ settledVia: 'stripe', reference: statement.settlementReference, side: 'center', paidBy: 'purchaser' })])
  })

  it('makes nothing twice on Stripe when the settlement is retried after a failure', async () => {
    const contract = await signedContract(p, pastYears(2022, 1, { 'riskSharing.minimumEpisodes': ['1'] }), 'Retried')
    await completedCase(p, { procedureDate: '2022-04-04' })
    const [period] = contract.periods
    expect((await closeContractPeriod(p.adminA, p.purchaser, contract.contractId, period!.id, new Date('2023-04-01T00:00:00Z'))).ok).toBe(true)
    expect(await settleContractStatement(p.adminA, p.purchaser, contract.contractId, period!.id)).toEqual({ ok: true, note: 'statement-settled' })
    const first = await statementOf(period!.id)
    const counts = { invoices: stripeServer.state.invoices.size, items: stripeServer.state.invoiceItems.size }
    // As if the database write had failed after Stripe answered: the same keys give the same invoice back.
    await getDb().updateTable('contractStatements').set({ settledVia: null, settlementReference: null, settledAt: null }).where('id', '=', first.id).execute()
    expect(await settleContractStatement(p.adminA, p.purchaser, contract.contractId, period!.id)).toEqual({ ok: true, note: 'statement-settled' })
    expect((await statementOf(period!.id)).settlementReference).toBe(first.settlementReference)
    expect({ invoices: stripeServer.state.invoices.size, items: stripeServer.state.invoiceItems.size }).toEqual(counts)
  })
})

describe('a negative settlement is a credit on the purchaser’s Stripe balance', () => {
  it('credits the purchaser the center’s share of the loss, and records the transaction once', async () => {
    const contract = await signedContract(
      p,
      pastYears(2025, 1, { 'riskSharing.minimumEpisodes': ['1'], 'riskSharing.model': ['two_sided'], 'riskSharing.downsideRate': ['40'], 'riskSharing.stopLossShare': ['10'] }),
      'Stripe loss',
    )
    const caseId = await completedCase(p, { procedureDate: '2025-03-03' })
    await warrantyEvent(p, contract, caseId, { occurredOn: '2025-03-20', costCents: 2_000_000, creditedCents: 0 })
    const [period] = contract.periods
    expect((await closeContractPeriod(p.center, p.centerParty, contract.contractId, period!.id, new Date('2026-04-01T00:00:00Z'))).ok).toBe(true)
    // A = $28,000 + $20,000 = $48,000, counted at 1.1 × $40,000 = $44,000: S = −$4,000.
    // l × |S| = 40% × $4,000 = $1,600 < L × Σ Bench = 10% × $40,000 = $4,000: the center pays the purchaser $1,600.00.
    expect(await statementOf(period!.id)).toMatchObject({ settlementCents: -160_000, outcome: 'shared_loss' })

    expect(await settle(employerPeriod, '/employer/contracts', contract.contractId, period!.id, cookies.adminA)).toMatchObject({ status: 302 })
    const statement = await statementOf(period!.id)
    expect(statement).toMatchObject({ settledVia: 'stripe' })
    expect(statement.settlementReference).toMatch(/^cbtxn_/)
    const customer = await customerOfA()
    const transactions = await sdk.customers.listBalanceTransactions(customer)
    expect(transactions.data.map((transaction) => [transaction.id, transaction.amount, transaction.currency, transaction.metadata?.statementId])).toEqual([
      [statement.settlementReference, -160_000, 'usd', statement.id],
    ])

    expect(await settle(centerPeriod, '/center/contracts', contract.contractId, period!.id, cookies.center)).toMatchObject({ status: 302 })
    expect((await sdk.customers.listBalanceTransactions(customer)).data).toHaveLength(1)
    expect(await statementOf(period!.id)).toEqual(statement)
  })
})
