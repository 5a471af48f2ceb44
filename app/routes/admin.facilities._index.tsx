import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { parseFacilitySearch } from '~/forms/facility-search'
import { browseFacilities } from '~/services/facility-catalog.server'
import { formatCount } from '~/ui/format'
import { SearchTextField } from '~/ui/primitives/search-text-field'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { OfferLabels } from '~/ui/offer-labels'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Facilities · Platform admin · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'catalog:write')
  return browseFacilities(parseFacilitySearch(new URL(request.url)))
}

export default function FacilityListRoute() {
  const { rows, total, filters, query, pageSize } = useLoaderData<typeof loader>()
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const pageLink = (page: number) => {
    const params = new URLSearchParams()
    if (query.q) params.set('q', query.q)
    if (query.state) params.set('state', query.state)
    if (query.type) params.set('type', query.type)
    if (query.stars) params.set('stars', String(query.stars))
    if (query.listed !== 'listed') params.set('listed', query.listed)
    params.set('page', String(page))
    return `?${params}`
  }
  return (
    <>
      <h1>Facilities</h1>
      <Form method="get" className="filter-bar" role="search" aria-label="Search facilities">
        <SearchTextField label="Name or city" value={query.q} error={query.qError} />
        <div className="field">
          <label htmlFor="state">State</label>
          <select id="state" name="state" defaultValue={query.state ?? ''}>
            <option value="">All</option>
            {filters.states.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="type">Type</label>
          <select id="type" name="type" defaultValue={query.type ?? ''}>
            <option value="">All</option>
            {filters.types.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="stars">CMS stars at least</label>
          <select id="stars" name="stars" defaultValue={query.stars ? String(query.stars) : ''}>
            <option value="">Any</option>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="listed">In CMS&apos;s latest release</label>
          <select id="listed" name="listed" defaultValue={query.listed}>
            <option value="listed">Listed</option>
            <option value="unlisted">No longer listed</option>
            <option value="all">Either</option>
          </select>
        </div>
        <button type="submit" className="button button--primary">
          Search
        </button>
      </Form>
      <p aria-live="polite">
        {formatCount(total)} facilit{total === 1 ? 'y' : 'ies'}
        {pages > 1 ? ` · page ${query.page} of ${pages}` : ''}
      </p>
      <TableWrap label="Facilities found">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Facility</th>
              <th scope="col">City</th>
              <th scope="col">Type</th>
              <th scope="col" className="num">Stars</th>
              <th scope="col" className="num">Hip/knee complications</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  <Link to={`/facilities/${row.id}`}>{row.name}</Link>
                  {row.ccn ? <p className="muted small">CCN {row.ccn}</p> : null}
                  <OfferLabels isDemo={false} inactiveSince={row.inactiveSince} />
                </th>
                <td>
                  {row.city}, {row.state}
                </td>
                <td>{row.facilityType}</td>
                <td className="num">{row.starRating ?? '—'}</td>
                <td className="num">{row.complicationRate === null ? '—' : `${row.complicationRate.toFixed(1)}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {pages > 1 ? (
        <nav className="pager" aria-label="Pages">
          {query.page > 1 ? <Link to={pageLink(query.page - 1)}>← Previous</Link> : <span />}
          {query.page < pages ? <Link to={pageLink(query.page + 1)}>Next →</Link> : null}
        </nav>
      ) : null}
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
