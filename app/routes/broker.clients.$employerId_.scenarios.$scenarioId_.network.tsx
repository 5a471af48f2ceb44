import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { readForm } from '~/http/form-body.server'
import { requireEmployerAccess } from '~/auth/guard.server'
import { allErrors } from '~/forms/fields'
import { parseNetworkFilter } from '~/forms/program'
import { requireParam } from '~/http/params'
import { applyScenarioChange, getScenarioNetworkChoices } from '~/services/scenarios.server'
import { countOf } from '~/ui/format'
import { NetworkPicker } from '~/ui/network-picker'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Network · ${data?.scenario.name ?? 'Scenario'} · COE Marketplace` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'client:read', requireParam(params, 'employerId'))
  const query = parseNetworkFilter(new URL(request.url).searchParams)
  const choices = await getScenarioNetworkChoices(actor, scope, requireParam(params, 'scenarioId'), query.filter)
  const errors = [...query.errors, ...choices.errors]
  return data({ ...choices, errors }, { status: errors.length > 0 ? 400 : 200 })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const employerId = requireParam(params, 'employerId')
  const { actor, scope } = await requireEmployerAccess(request, 'scenario:write', employerId)
  const scenarioId = requireParam(params, 'scenarioId')
  const outcome = await applyScenarioChange(actor, scope, scenarioId, await readForm(request))
  if (outcome.ok) return redirect(`/broker/clients/${employerId}/scenarios/${scenarioId}#network`)
  return data({ errors: allErrors(outcome.result) }, { status: outcome.status })
}

export default function ScenarioNetworkRoute() {
  const loaded = useLoaderData<typeof loader>()
  const { employer, scenario, procedures, members } = loaded
  const actionData = useActionData<typeof action>()
  const back = `/broker/clients/${employer.id}/scenarios/${scenario.id}`
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/broker/clients/${employer.id}`}>{employer.name}</Link> › <Link to={back}>{scenario.name}</Link>
      </p>
      <h1>Choose the network</h1>
      <p className="lead">
        Offers for the scenario's procedures, nearest to {employer.name}'s {countOf(members, 'covered member')} first (the share of them living within 100 miles of
        the center, counted by ZIP).
      </p>
      {procedures.length === 0 ? (
        <p className="empty">
          Choose the procedures first, on <Link to={`${back}#procedures`}>the scenario page</Link>.
        </p>
      ) : (
        <NetworkPicker data={loaded} actionErrors={actionData?.errors} cancelHref={back} />
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This scenario doesn't exist or belongs to another firm." />
}
