import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { NewOrganizationSchema } from '~/forms/onboarding'
import { readForm } from '~/http/form-body.server'
import { createOrganizationWithAdmin } from '~/services/onboarding.server'
import { getOrganizations } from '~/services/platform-overview.server'
import { NewOrganizationForm } from '~/ui/new-organization-form'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Organizations · Platform admin · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'organization:manage')
  return { organizations: await getOrganizations() }
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'organization:manage')
  const submission = parseWithZod(await readForm(request), { schema: NewOrganizationSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await createOrganizationWithAdmin(actor, submission.value, new URL(request.url).origin)
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: result.status })
  return redirect('/admin/organizations')
}

const KIND_LABEL: Record<string, string> = { employer: 'Employer', broker: 'Broker firm', health_system: 'Health system', platform: 'Platform' }

export default function OrganizationsRoute() {
  const { organizations } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
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
      <NewOrganizationForm lastResult={lastResult} />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
