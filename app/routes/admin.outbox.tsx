import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { parsePageParam } from '~/forms/paging'
import { getOutbox } from '~/services/email-outbox.server'
import { countOf, formatCount, formatDateTime } from '~/ui/format'
import { Pager } from '~/ui/pager'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'E-mail outbox · Platform · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'audit:read')
  const page = parsePageParam(new URL(request.url).searchParams)
  if (!page.ok) throw new Response(page.error, { status: 400 })
  return getOutbox(actor, page.page)
}

const when = (iso: string) => formatDateTime(iso)

export default function OutboxRoute() {
  const { smtpConfigured, messages, page, pages, total, unsent } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>E-mail outbox</h1>
      <p className="lead">
        {smtpConfigured
          ? 'Messages to members are sent over SMTP (SMTP_URL) as soon as the change they tell of is saved; failures are retried up to five times.'
          : 'SMTP_URL is not set, so messages to members are not sent: they are listed here.'}
      </p>
      {messages.length === 0 ? (
        <p className="empty">No messages yet.</p>
      ) : (
        <>
          <p className="small muted" data-testid="outbox-summary">
            {countOf(total, 'message')}, {formatCount(unsent)} not sent; page {page} of {pages} (newest first).
          </p>
          <TableWrap label="Messages">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Queued (UTC)</th>
                  <th scope="col">To</th>
                  <th scope="col">Subject and message</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {messages.map((m) => (
                  <tr key={m.id}>
                    <td>{when(m.createdAt)}</td>
                    <td>{m.toAddress}</td>
                    <td>
                      <strong>{m.subject}</strong>
                      <p className="small muted" style={{ whiteSpace: 'pre-line' }}>
                        {m.body}
                      </p>
                    </td>
                    <td>{m.sentAt ? `Sent ${when(m.sentAt)}` : m.lastError ? `Not sent (${m.attempts} tries): ${m.lastError}` : 'Waiting'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Pager label="Outbox pages" previous={page > 1 ? `?page=${page - 1}` : null} next={page < pages ? `?page=${page + 1}` : null} />
        </>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
