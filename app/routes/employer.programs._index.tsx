import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { can } from '~/auth/permissions'
import { requireEmployerAccess } from '~/auth/guard.server'
import { AdoptCoalitionNetworkSchema } from '~/forms/contract'
import { readForm } from '~/http/form-body.server'
import { redirectWithFlash } from '~/http/flash.server'
import { adoptCoalitionNetwork, listAdoptableCoalitionContracts } from '~/services/coalition-contracts.server'
import { listEmployerPrograms } from '~/services/programs.server'
import { formatDate, statusLabel } from '~/ui/format'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Programs · Employer · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'program:read')
  const canWrite = can(actor, 'program:write', scope)
  const [programs, coalitionContracts] = await Promise.all([listEmployerPrograms(scope), canWrite ? listAdoptableCoalitionContracts(scope) : Promise.resolve([])])
  return { programs, coalitionContracts }
}

/** "Adopt the coalition network" (issue 23): one POST makes a draft program from a coalition contract in force. */
export async function action({ request }: ActionFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'program:write')
  const parsed = AdoptCoalitionNetworkSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data({ error: parsed.error.issues[0]!.message }, { status: 400 })
  const result = await adoptCoalitionNetwork(actor, scope, parsed.data.contractId)
  if (!result.ok) return data({ error: result.formError }, { status: 422 })
  return redirectWithFlash(`/employer/programs/${result.programId}`, 'adopted')
}

export default function ProgramsRoute() {
  const { programs, coalitionContracts } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
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
      {actionData?.error ? (
        <p role="alert" className="error-text">
          {actionData.error}
        </p>
      ) : null}
      {coalitionContracts.length > 0 ? (
        <section aria-labelledby="coalition-network-heading" className="callout">
          <h2 id="coalition-network-heading">Your coalition&apos;s network</h2>
          {coalitionContracts.map((contract) => (
            <Form method="post" key={contract.id}>
              <p>
                {contract.coalitionName} has a signed contract with {contract.healthSystemName} ({contract.title}): {contract.procedures.join(', ')} at{' '}
                {contract.facilities} {contract.facilities === 1 ? 'facility' : 'facilities'}, until {formatDate(contract.periodEnd)}. Adopting it makes a draft program with
                that network at the contract&apos;s bundle rates; your benefit and travel rules stay your own (copied from your latest program).
              </p>
              <input type="hidden" name="contractId" value={contract.id} />
              <button type="submit" name="intent" value="adopt-coalition-network" className="button">
                Adopt the coalition network{coalitionContracts.length > 1 ? ` (${contract.healthSystemName})` : ''}
              </button>
            </Form>
          ))}
        </section>
      ) : null}
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
