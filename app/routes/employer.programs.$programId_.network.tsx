import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { readForm } from '~/http/form-body.server'
import { redirectWithFlash } from '~/http/flash.server'
import { requireEmployerAccess } from '~/auth/guard.server'
import { allErrors } from '~/forms/fields'
import { parseNetworkFilter } from '~/forms/program'
import { requireParam } from '~/http/params'
import { getNetworkChoices } from '~/services/program-insights.server'
import { applyProgramChange } from '~/services/program-actions.server'
import { countOf } from '~/ui/format'
import { NetworkPicker } from '~/ui/network-picker'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Network · ${data?.detail.program.name ?? 'Program'} · COE Marketplace` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'program:read')
  const query = parseNetworkFilter(new URL(request.url).searchParams)
  const choices = await getNetworkChoices(scope, requireParam(params, 'programId'), query.filter)
  const errors = [...query.errors, ...choices.errors]
  // A bad filter still shows the page (without that filter), with the message: 400 says so to tools.
  return data({ ...choices, errors }, { status: errors.length > 0 ? 400 : 200 })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'program:write')
  const programId = requireParam(params, 'programId')
  const outcome = await applyProgramChange(actor, scope, programId, await readForm(request))
  if (outcome.ok) return redirectWithFlash(`/employer/programs/${programId}#network`, 'network')
  return data({ errors: allErrors(outcome.result) }, { status: outcome.status })
}

export default function ProgramNetworkRoute() {
  const loaded = useLoaderData<typeof loader>()
  const { detail, members } = loaded
  const actionData = useActionData<typeof action>()
  const base = `/employer/programs/${detail.program.id}`
  return (
    <>
      <p className="breadcrumb">
        <Link to="/employer/programs">Programs</Link> › <Link to={base}>{detail.program.name}</Link>
      </p>
      <h1>Choose the network</h1>
      <p className="lead">
        Offers from the marketplace for the procedures of version {detail.current.version}, nearest to your {countOf(members, 'covered member')} first (the
        share of them living within 100 miles of the center). The price you agree is the offer's price today.
      </p>
      {detail.procedures.length === 0 ? (
        <p className="empty">
          Choose the procedures first, on <Link to={`${base}#procedures`}>the program page</Link>.
        </p>
      ) : (
        <NetworkPicker data={loaded} actionErrors={actionData?.errors} cancelHref={base} />
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="There is no draft to choose a network for: start a new version of the program first." />
}
