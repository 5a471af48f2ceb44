import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { readForm } from '~/http/form-body.server'
import { requirePermission } from '~/auth/guard.server'
import { formatCents } from '~/domain/money'
import { hasControlCharacter } from '~/domain/text'
import { notFound } from '~/http/responses.server'
import { getLedger, recordManualPayment } from '~/services/billing.server'
import { formatDate } from '~/ui/format'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Ledger · Platform · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'ledger:manage')
  return getLedger()
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'ledger:manage')
  const form = await readForm(request)
  const invoiceId = String(form.get('invoiceId') ?? '')
  const reference = String(form.get('reference') ?? '').trim()
  if (reference.length < 3) return data({ invoiceId, error: 'Enter the payment reference (e.g. the bank transfer id)' }, { status: 400 })
  if (reference.length > 200) return data({ invoiceId, error: 'Keep the payment reference under 200 characters' }, { status: 400 })
  if (hasControlCharacter(reference)) return data({ invoiceId, error: 'Remove the control characters (such as NUL) from the payment reference' }, { status: 400 })
  if (hasControlCharacter(invoiceId)) throw notFound('Invoice')
  const result = await recordManualPayment(actor, invoiceId, reference)
  if (!result.ok) return data({ invoiceId, error: result.message }, { status: 422 })
  return redirect('/admin/ledger')
}

export default function LedgerRoute() {
  const { stripeConfigured, invoices } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <>
      <h1>Ledger</h1>
      <p className="lead">
        {stripeConfigured
          ? 'Stripe collects invoices and its webhooks mark them paid; invoices kept outside Stripe can be marked paid here.'
          : 'Stripe is not configured: record each payment received (bank transfer, check) here.'}
      </p>
      {invoices.length === 0 ? (
        <p className="empty">No invoices yet.</p>
      ) : (
        <TableWrap label="Invoices">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Invoice</th>
                <th scope="col">Employer</th>
                <th scope="col" className="num">Total</th>
                <th scope="col">Status</th>
                <th scope="col">Record a payment</th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((invoice) => (
                <tr key={invoice.id}>
                  <th scope="row">
                    {invoice.number}
                    <div className="small muted">{formatDate(invoice.createdAt)}</div>
                  </th>
                  <td>{invoice.employerName}</td>
                  <td className="num">{formatCents(invoice.totalCents)}</td>
                  <td>{invoice.status === 'paid' ? `Paid ${formatDate(invoice.paidAt)}` : 'Due'}</td>
                  <td>
                    {invoice.status !== 'paid' && !invoice.stripeInvoiceId ? (
                      <Form method="post" className="form-actions">
                        <input type="hidden" name="invoiceId" value={invoice.id} />
                        <label className="visually-hidden" htmlFor={`ref-${invoice.id}`}>
                          Payment reference for {invoice.number}
                        </label>
                        <input id={`ref-${invoice.id}`} name="reference" placeholder="Reference" />
                        <button type="submit" className="button">
                          Mark {invoice.number} paid
                        </button>
                        {actionData?.invoiceId === invoice.id ? (
                          <p role="alert" className="error-text">
                            {actionData.error}
                          </p>
                        ) : null}
                      </Form>
                    ) : invoice.stripeInvoiceId && invoice.status !== 'paid' ? (
                      <span className="muted small">Collected through Stripe</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
