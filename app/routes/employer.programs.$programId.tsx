import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireEmployerAccess } from '~/auth/guard.server'
import { formatCents } from '~/domain/money'
import { requireParam } from '~/http/params'
import { getProgramDetail } from '~/services/programs.server'
import { formatDate, statusLabel } from '~/ui/format'
import { ProgramRules } from '~/ui/program-summary'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.program.name ?? 'Program'} · Programs · COE Marketplace` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'program:read')
  return getProgramDetail(scope, requireParam(params, 'programId'))
}

export default function ProgramRoute() {
  const { program, versions, current, procedures, network, rules } = useLoaderData<typeof loader>()
  return (
    <>
      <p className="breadcrumb">
        <Link to="/employer/programs">Programs</Link>
      </p>
      <div className="page-head">
        <h1>{program.name}</h1>
        <span className={`badge badge--${current.status}`}>
          {statusLabel(current.status)} · version {current.version}
        </span>
      </div>
      <p className="lead">
        In force from {formatDate(current.effectiveFrom)}
        {current.effectiveTo ? ` to ${formatDate(current.effectiveTo)}` : ''}. Covers {procedures.map((p) => p.name).join(', ')}.
      </p>
      {rules ? <ProgramRules rules={rules} /> : null}
      <section className="card" aria-labelledby="network-heading">
        <h2 id="network-heading">Network ({network.length} offers)</h2>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Center</th>
                <th scope="col">Procedure</th>
                <th scope="col">Location</th>
                <th scope="col" className="num">CMS stars</th>
                <th scope="col" className="num">Bundled price</th>
              </tr>
            </thead>
            <tbody>
              {network.map((row) => (
                <tr key={row.offerId}>
                  <th scope="row">
                    <Link to={`/facilities/${row.facilityId}`}>{row.facilityName}</Link>
                  </th>
                  <td>{row.procedureCode}</td>
                  <td>
                    {row.city}, {row.state}
                  </td>
                  <td className="num">{row.starRating ?? 'Not rated'}</td>
                  <td className="num">{formatCents(row.bundlePriceCents, { wholeDollars: true })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">Version history</h2>
        <ol className="timeline">
          {versions.map((version) => (
            <li key={version.id}>
              Version {version.version}: {statusLabel(version.status)}
              {version.publishedAt ? `, published ${formatDate(version.publishedAt)}` : `, created ${formatDate(version.createdAt)}`}
            </li>
          ))}
        </ol>
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This program doesn't exist or isn't part of your organization." />
}
