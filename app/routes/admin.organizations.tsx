import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { NewOrganizationSchema } from '~/forms/onboarding'
import { ORGANIZATION_KINDS, parseOrganizationSearch } from '~/forms/organization-search'
import { readForm } from '~/http/form-body.server'
import { createOrganizationWithAdmin } from '~/services/onboarding.server'
import { getOrganizations } from '~/services/platform-overview.server'
import { formatCount } from '~/ui/format'
import { NewOrganizationForm } from '~/ui/new-organization-form'
import { Pager } from '~/ui/pager'
import { SearchTextField } from '~/ui/primitives/search-text-field'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Organizations · Platform admin · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'organization:manage')
  return getOrganizations(parseOrganizationSearch(new URL(request.url)))
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'organization:manage')
  const submission = parseWithZod(await readForm(request), { schema: NewOrganizationSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await createOrganizationWithAdmin(actor, submission.value, new URL(request.url).origin)
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: result.status })
  // The list then shows the organization just made.
  return redirect(`/admin/organizations?${new URLSearchParams({ q: submission.value.code })}`)
}

const KIND_LABEL: Record<string, string> = { employer: 'Employer', broker: 'Broker firm', health_system: 'Health system', coalition: 'Coalition', platform: 'Platform' }

export default function OrganizationsRoute() {
  const { rows, total, search, pageSize } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const pageLink = (page: number) => {
    const params = new URLSearchParams()
    if (search.q) params.set('q', search.q)
    if (search.kind) params.set('kind', search.kind)
    params.set('page', String(page))
    return `?${params}`
  }
  return (
    <>
      <h1>Organizations</h1>
      <Form method="get" className="filter-bar" role="search" aria-label="Search organizations">
        <SearchTextField label="Name or code" value={search.q} error={search.qError} />
        <div className="field">
          <label htmlFor="kind">Kind</label>
          <select id="kind" name="kind" defaultValue={search.kind ?? ''}>
            <option value="">All kinds</option>
            {ORGANIZATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABEL[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            Show organizations
          </button>
        </div>
      </Form>
      <p role="status">
        {total === 0 ? 'No organization matches.' : `${formatCount(total)} organization${total === 1 ? '' : 's'}${pages > 1 ? `, page ${search.page} of ${formatCount(pages)}` : ''}`}
      </p>
      {rows.length > 0 ? (
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
              {rows.map((org) => (
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
      ) : null}
      <Pager previous={search.page > 1 ? pageLink(search.page - 1) : null} next={search.page < pages ? pageLink(search.page + 1) : null} label="Organization pages" />
      <NewOrganizationForm lastResult={lastResult} />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
