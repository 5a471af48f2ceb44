import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { readForm } from '~/http/form-body.server'
import { requireEmployerAccess } from '~/auth/guard.server'
import { badRequest } from '~/http/responses.server'
import { listBrokerFirms, setBrokerAccess } from '~/services/proposals.server'
import { formatDate } from '~/ui/format'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Broker access · Employer · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'broker:grant')
  return { firms: await listBrokerFirms(scope) }
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'broker:grant')
  const form = await readForm(request)
  const firmId = form.get('brokerId')
  const intent = form.get('intent')
  if (typeof firmId !== 'string' || (intent !== 'grant' && intent !== 'revoke')) throw badRequest('Choose a broker firm and grant or revoke')
  await setBrokerAccess(actor, scope, firmId, intent === 'grant')
  return redirect('/employer/brokers')
}

export default function BrokersRoute() {
  const { firms } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Broker access</h1>
      <p className="lead">
        A broker firm you grant access sees your member counts, where members live by ZIP, your programs and projections, and can prepare proposals for you. It
        never sees a member's name or record. You can revoke access at any time.
      </p>
      <TableWrap label="Broker firms and their access">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Broker firm</th>
              <th scope="col">Access</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {firms.map((firm) => (
              <tr key={firm.id}>
                <th scope="row">{firm.name}</th>
                <td>{firm.grantId ? `Granted ${formatDate(firm.grantedAt)}` : 'No access'}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="brokerId" value={firm.id} />
                    <button type="submit" name="intent" value={firm.grantId ? 'revoke' : 'grant'} className={firm.grantId ? 'button' : 'button button--primary'}>
                      {firm.grantId ? `Revoke ${firm.name}` : `Grant ${firm.name} access`}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
