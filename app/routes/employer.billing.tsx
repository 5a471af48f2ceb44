import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { readForm } from '~/http/form-body.server'
import { requireEmployerAccess } from '~/auth/guard.server'
import { formatCents } from '~/domain/money'
import { badRequest } from '~/http/responses.server'
import { getBillingPage, resendInvoicesToStripe, startBillingSetup } from '~/services/billing.server'
import { formatDate, statusLabel } from '~/ui/format'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Billing · Employer · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'billing:read')
  return getBillingPage(scope)
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'billing:write')
  const intent = (await readForm(request)).get('intent')
  if (intent === 'setup') return redirect(await startBillingSetup(actor, scope, new URL(request.url).origin))
  if (intent === 'resend') {
    await resendInvoicesToStripe(scope)
    return redirect('/employer/billing')
  }
  throw badRequest('Unknown billing action')
}

const INVOICE_STATUS: Record<string, string> = { open: 'Due', paid: 'Paid', void: 'Void', draft: 'Draft', uncollectible: 'Uncollectible' }

export default function BillingRoute() {
  const { stripeConfigured, paymentMethod, invoices } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const unsent = invoices.filter((i) => !i.stripeInvoiceId).length
  return (
    <>
      <h1>Billing</h1>
      <p className="lead">You are invoiced once per completed case: the bundled price, the travel actually paid, the completion incentive and the platform fee.</p>
      {params.get('setup') === 'done' ? (
        <p role="status" className="card notice">
          Thank you: Stripe is saving your payment method. It appears here as soon as Stripe confirms it.
        </p>
      ) : params.get('setup') === 'cancelled' ? (
        <p role="status" className="card">
          Setup was cancelled; nothing was saved.
        </p>
      ) : null}
      <section className="card" aria-labelledby="method-heading">
        <h2 id="method-heading">Payment method</h2>
        {stripeConfigured ? (
          <>
            <p>{paymentMethod ? `${paymentMethod.brand.toUpperCase()} ending in ${paymentMethod.last4}: invoices are charged to it automatically.` : 'No payment method on file: invoices are sent for payment within 30 days.'}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="setup" />
              <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
                {paymentMethod ? 'Replace the payment method' : 'Set up billing with Stripe'}
              </button>
            </Form>
          </>
        ) : (
          <p>
            Stripe is not configured on this portal, so the platform keeps the ledger: pay each invoice by bank transfer quoting its number, and the platform
            marks it paid.
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="invoices-heading">
        <h2 id="invoices-heading">Invoices</h2>
        {stripeConfigured && unsent > 0 ? (
          <Form method="post" className="form-actions">
            <input type="hidden" name="intent" value="resend" />
            <span>{unsent} invoice(s) not yet sent to Stripe.</span>
            <button type="submit" className="button">
              Send to Stripe
            </button>
          </Form>
        ) : null}
        {invoices.length === 0 ? (
          <p className="empty">No invoices yet: the first one comes when a member's case is completed.</p>
        ) : (
          <TableWrap label="Your invoices">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Invoice</th>
                  <th scope="col">Date</th>
                  <th scope="col">Lines</th>
                  <th scope="col" className="num">Total</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {invoices.map((invoice) => (
                  <tr key={invoice.id}>
                    <th scope="row">
                      {invoice.number}
                      {invoice.hostedInvoiceUrl ? (
                        <div className="small">
                          <a href={invoice.hostedInvoiceUrl} target="_blank" rel="noreferrer">
                            View and pay on Stripe
                          </a>
                        </div>
                      ) : null}
                    </th>
                    <td>{formatDate(invoice.createdAt)}</td>
                    <td className="small">
                      {invoice.lines.map((line) => (
                        <div key={line.id}>
                          {line.description}: {formatCents(line.amountCents)}
                        </div>
                      ))}
                    </td>
                    <td className="num">{formatCents(invoice.totalCents)}</td>
                    <td>
                      <span className={`badge badge--${invoice.status === 'paid' ? 'published' : 'draft'}`}>{INVOICE_STATUS[invoice.status] ?? statusLabel(invoice.status)}</span>
                      {invoice.paidAt ? <div className="small muted">paid {formatDate(invoice.paidAt)}</div> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
