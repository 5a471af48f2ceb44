import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { getOrganizations } from '~/services/platform-overview.server'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Organizations · Platform admin · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'organization:manage')
  return { organizations: await getOrganizations() }
}

const KIND_LABEL: Record<string, string> = { employer: 'Employer', broker: 'Broker firm', health_system: 'Health system', platform: 'Platform' }

export default function OrganizationsRoute() {
  const { organizations } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Organizations</h1>
      <TableWrap label="Organizations and their kind">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Code</th>
            </tr>
          </thead>
          <tbody>
            {organizations.map((org) => (
              <tr key={org.id}>
                <th scope="row">{org.name}</th>
                <td>{KIND_LABEL[org.kind] ?? org.kind}</td>
                <td>
                  <code>{org.code}</code>
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
