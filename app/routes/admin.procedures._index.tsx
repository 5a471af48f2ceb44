import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { formatCents } from '~/domain/money'
import { getProcedureCatalog } from '~/services/platform-overview.server'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Procedure catalog · Platform admin · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'catalog:write')
  return { procedures: await getProcedureCatalog() }
}

export default function ProcedureCatalogRoute() {
  const { procedures } = useLoaderData<typeof loader>()
  return (
    <>
      <div className="page-head">
        <h1>Procedure catalog</h1>
        <Link className="button button--primary" to="/admin/procedures/new">
          Add a procedure
        </Link>
      </div>
      <p className="lead">The bundles employers can cover. Every default shows where it comes from.</p>
      <TableWrap label="Procedures">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Procedure</th>
              <th scope="col">MS-DRG</th>
              <th scope="col" className="num">Nights in hospital</th>
              <th scope="col" className="num">Nights away</th>
              <th scope="col" className="num">Cases per 1,000 members</th>
              <th scope="col" className="num">Medicare episode base</th>
            </tr>
          </thead>
          <tbody>
            {procedures.map((p) => (
              <tr key={p.id}>
                <td>
                  <code>{p.code}</code>
                </td>
                <th scope="row">
                  <Link to={`/admin/procedures/${p.id}`}>{p.name}</Link>
                  <p className="muted small">{p.description}</p>
                </th>
                <td>{p.drgCodes.length ? p.drgCodes.join(', ') : '—'}</td>
                <td className="num">{p.typicalNights}</td>
                <td className="num">{p.nightsAway}</td>
                <td className="num">
                  {p.incidencePerThousand}
                  <p className="muted small">{p.incidenceSource}</p>
                </td>
                <td className="num">
                  {p.medicareBaseCents === null ? '—' : formatCents(p.medicareBaseCents, { wholeDollars: true })}
                  {p.medicareBaseSource ? <p className="muted small">{p.medicareBaseSource}</p> : null}
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
