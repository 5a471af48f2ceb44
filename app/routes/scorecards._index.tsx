import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireScorecardViewer } from '~/auth/guard.server'
import { parseScorecardListPage } from '~/forms/scorecard'
import { listScorecards } from '~/services/scorecards.server'
import { formatCount } from '~/ui/format'
import { Pager } from '~/ui/pager'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Value scorecards · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireScorecardViewer(request)
  // A health system has one scorecard to see: its own.
  if (viewer.kind === 'health_system') throw redirect(`/scorecards/${viewer.healthSystemId}`)
  return listScorecards(viewer, parseScorecardListPage(new URL(request.url).searchParams))
}

export default function ScorecardsRoute() {
  const { healthSystems, page, hasNext } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Value scorecards</h1>
      <p className="lead">
        Each health system with offers in force: its bundle prices against the typical local price, its CMS quality against the nation, volume, access and
        warranty, and its reconciled contract results when it shows them.
      </p>
      {healthSystems.length === 0 ? (
        <p className="empty">No health system has an offer in force.</p>
      ) : (
        <TableWrap label="Health systems">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Health system</th>
                <th scope="col" className="num">
                  Facilities with offers
                </th>
                <th scope="col" className="num">
                  Procedures
                </th>
              </tr>
            </thead>
            <tbody>
              {healthSystems.map((system) => (
                <tr key={system.id}>
                  <th scope="row">
                    <Link to={`/scorecards/${system.id}`}>{system.name}</Link>
                  </th>
                  <td className="num">{formatCount(system.facilities)}</td>
                  <td className="num">{formatCount(system.procedures)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pager previous={page > 1 ? `?page=${page - 1}` : null} next={hasNext ? `?page=${page + 1}` : null} label="Health system pages" />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This page doesn't exist." />
}
