import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireEmployerAccess } from '~/auth/guard.server'
import { listEmployerPrograms } from '~/services/programs.server'
import { formatDate, statusLabel } from '~/ui/format'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Programs · Employer · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'program:read')
  return { programs: await listEmployerPrograms(scope) }
}

export default function ProgramsRoute() {
  const { programs } = useLoaderData<typeof loader>()
  return (
    <>
      <div className="page-head">
        <h1>Programs</h1>
        <Link to="/employer/programs/new" className="button button--primary">
          New program
        </Link>
      </div>
      <p className="lead">Your centers-of-excellence programs. Members see the published version in force.</p>
      <p>
        <Link to="/employer/transparency">Transparency in Coverage file</Link>: the bundled rates of your published programs, as the CMS in-network rates file.
      </p>
      {programs.length === 0 ? (
        <p className="empty">No programs yet.</p>
      ) : (
        <TableWrap label="Your programs">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Program</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">Version</th>
                <th scope="col">Effective</th>
              </tr>
            </thead>
            <tbody>
              {programs.map((program) => (
                <tr key={program.id}>
                  <th scope="row">
                    <Link to={`/employer/programs/${program.id}`}>{program.name}</Link>
                  </th>
                  <td>
                    <span className={`badge badge--${program.status}`}>{statusLabel(program.status)}</span>
                  </td>
                  <td className="num">{program.version}</td>
                  <td>
                    {formatDate(program.effectiveFrom)}
                    {program.effectiveTo ? ` to ${formatDate(program.effectiveTo)}` : ' onward'}
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
