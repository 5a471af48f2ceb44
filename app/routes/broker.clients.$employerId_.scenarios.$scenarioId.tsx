import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { readForm } from '~/http/form-body.server'
import { requireEmployerAccess } from '~/auth/guard.server'
import { requireParam } from '~/http/params'
import { applyScenarioChange, getScenarioDetail } from '~/services/scenarios.server'
import { countOf } from '~/ui/format'
import { ErrorList } from '~/ui/primitives/error-list'
import { BenefitRulesForm, ProgramProceduresForm, TravelRulesForm } from '~/ui/program-forms'
import { ProgramNetworkTable } from '~/ui/program-network-table'
import { ProgramProjection } from '~/ui/program-projection'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.scenario.name ?? 'Scenario'} · ${data?.employer.name ?? 'Client'} · COE Marketplace` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'client:read', requireParam(params, 'employerId'))
  return getScenarioDetail(actor, scope, requireParam(params, 'scenarioId'))
}

export async function action({ request, params }: ActionFunctionArgs) {
  const employerId = requireParam(params, 'employerId')
  const { actor, scope } = await requireEmployerAccess(request, 'scenario:write', employerId)
  const scenarioId = requireParam(params, 'scenarioId')
  const outcome = await applyScenarioChange(actor, scope, scenarioId, await readForm(request))
  if (outcome.ok) return redirect(`/broker/clients/${employerId}/scenarios/${scenarioId}${outcome.anchor ? `#${outcome.anchor}` : ''}`)
  return data({ intent: outcome.intent, result: outcome.result }, { status: outcome.status })
}

export default function ScenarioRoute() {
  const { employer, scenario, assumptions, catalog, procedures, network, rules, projection } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined)
  const base = `/broker/clients/${employer.id}`
  const key = JSON.stringify(rules)
  return (
    <>
      <p className="breadcrumb">
        <Link to="/broker">Clients</Link> › <Link to={base}>{employer.name}</Link>
      </p>
      <h1>{scenario.name}</h1>
      <p className="lead">A draft design for {employer.name}: nothing here changes the client's programs until their admin adopts a proposal.</p>
      <section className="card" aria-labelledby="name-heading">
        <h2 id="name-heading">Name</h2>
        <Form method="post" className="form-grid" key={scenario.name}>
          <input type="hidden" name="intent" value="name" />
          <div className="field">
            <label htmlFor="scenario-name">Scenario name</label>
            <input id="scenario-name" name="name" defaultValue={scenario.name} aria-describedby="scenario-name-error" />
            <ErrorList id="scenario-name-error" errors={actionData?.intent === 'name' ? (actionData.result.error?.name ?? undefined) : undefined} />
          </div>
          <div className="form-actions">
            <button type="submit" className="button">
              Rename
            </button>
          </div>
        </Form>
      </section>
      <section className="card" aria-labelledby="procedures-heading" id="procedures">
        <h2 id="procedures-heading">Procedures</h2>
        <ProgramProceduresForm key={procedures.map((p) => p.id).join()} catalog={catalog} chosenIds={procedures.map((p) => p.id)} lastResult={resultFor('procedures')} />
      </section>
      <section className="card" aria-labelledby="network-heading" id="network">
        <div className="page-head">
          <h2 id="network-heading">Network ({countOf(network.length, 'offer')})</h2>
          <Link to={`${base}/scenarios/${scenario.id}/network`} className="button">
            Choose centers
          </Link>
        </div>
        <ProgramNetworkTable network={network} />
      </section>
      <section className="card" aria-labelledby="benefit-heading" id="benefit">
        <h2 id="benefit-heading">Benefit rules</h2>
        <BenefitRulesForm key={`b${key}`} rules={rules} lastResult={resultFor('benefit')} />
      </section>
      <section className="card" aria-labelledby="travel-heading" id="travel">
        <h2 id="travel-heading">Travel rules</h2>
        <TravelRulesForm key={`t${key}`} rules={rules} lastResult={resultFor('travel')} />
      </section>
      <ProgramProjection
        key={assumptions.adoptionRate}
        projection={projection}
        errors={actionData?.intent === 'assumptions' ? { adoption: actionData.result.error?.adoption?.[0] ?? '' } : {}}
        query={{}}
        version={null}
        saveIntent="assumptions"
      />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This scenario doesn't exist or belongs to another firm." />
}
