import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { readForm } from '~/http/form-body.server'
import { requireEmployerAccess } from '~/auth/guard.server'
import { NewProposalSchema } from '~/forms/scenario'
import { hasControlCharacter } from '~/domain/text'
import { requireParam } from '~/http/params'
import { notFound } from '~/http/responses.server'
import { compareScenarios, createProposal } from '~/services/scenarios.server'
import { formatCount } from '~/ui/format'
import { ErrorList } from '~/ui/primitives/error-list'
import { MemberCostExplained, ScenarioComparison, ScenarioMaps } from '~/ui/proposal-view'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Compare scenarios · COE Marketplace' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'client:read', requireParam(params, 'employerId'))
  const ids = [...new Set(new URL(request.url).searchParams.getAll('s'))]
  if (ids.length < 2 || ids.length > 4) return { problem: 'Choose two to four scenarios to compare.' as const, employerId: scope.employerId }
  // A scenario id with control characters (NUL) names nothing: 404 before any query.
  if (ids.some(hasControlCharacter)) throw notFound('Scenario')
  return { problem: null, ...(await compareScenarios(actor, scope, ids)) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const employerId = requireParam(params, 'employerId')
  const { actor, scope } = await requireEmployerAccess(request, 'scenario:write', employerId)
  const submission = parseWithZod(await readForm(request), { schema: NewProposalSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const proposalId = await createProposal(actor, scope, submission.value)
  return redirect(`/broker/clients/${employerId}/proposals/${proposalId}`)
}

export default function CompareRoute() {
  const loaded = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  if (loaded.problem !== null) {
    return (
      <>
        <p className="breadcrumb">
          <Link to={`/broker/clients/${loaded.employerId}`}>Back to the client</Link>
        </p>
        <h1>Compare scenarios</h1>
        <p className="card problems" role="alert">
          {loaded.problem}
        </p>
      </>
    )
  }
  const { employer, coveredMembers, scenarios, map, statesPath, assumptions, sources } = loaded
  const errors = lastResult?.error ?? {}
  return (
    <>
      <p className="breadcrumb">
        <Link to="/broker">Clients</Link> › <Link to={`/broker/clients/${employer.id}`}>{employer.name}</Link>
      </p>
      <h1>Compare scenarios</h1>
      <p className="lead">
        On {employer.name}'s census of {formatCount(coveredMembers)} covered members (counted by ZIP; no member records). The best value of each projected figure
        is marked “best”; each rule on which the scenarios differ is marked “differs”.
      </p>
      <ScenarioComparison scenarios={scenarios} memberCostHref="#member-cost" />
      <MemberCostExplained scenarios={scenarios} />
      <ScenarioMaps scenarios={scenarios} map={map} statesPath={statesPath} />
      <section className="card" aria-labelledby="assumptions-heading">
        <h2 id="assumptions-heading">Assumptions</h2>
        <ul>
          {assumptions.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <h2>Sources</h2>
        <ul>
          {sources.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="proposal-heading">
        <h2 id="proposal-heading">Make a proposal</h2>
        <Form method="post" className="form-grid">
          {scenarios.map((s) => (
            <input key={s.id} type="hidden" name="scenarioIds" value={s.id} />
          ))}
          <div className="field span-all">
            <label htmlFor="title">Title</label>
            <input id="title" name="title" defaultValue={`Centers of excellence for ${employer.name}`} aria-describedby="title-error" />
            <ErrorList id="title-error" errors={errors.title ?? undefined} />
          </div>
          <fieldset className="checkbox-group span-all">
            <legend>Recommended scenario (the one the client can adopt)</legend>
            {scenarios.map((s, i) => (
              <label key={s.id}>
                <input type="radio" name="recommendedId" value={s.id} defaultChecked={i === 0} /> {s.name}
              </label>
            ))}
            <ErrorList errors={errors.recommendedId ?? undefined} />
          </fieldset>
          <div className="form-actions span-all">
            <button type="submit" className="button button--primary">
              Make the proposal
            </button>
          </div>
        </Form>
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="One of these scenarios doesn't exist or belongs to another firm." />
}
