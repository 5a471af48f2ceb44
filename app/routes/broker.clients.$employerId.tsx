import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { readForm } from '~/http/form-body.server'
import { requireEmployerAccess } from '~/auth/guard.server'
import { NewScenarioSchema } from '~/forms/scenario'
import { requireParam } from '~/http/params'
import { createScenario, getClientWorkspace } from '~/services/scenarios.server'
import { countOf, formatCount, formatDate, statusLabel } from '~/ui/format'
import { ErrorList } from '~/ui/primitives/error-list'
import { Field } from '~/ui/primitives/field'
import { Stat, StatGrid } from '~/ui/primitives/stat'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.employer.name ?? 'Client'} · Clients · COE Marketplace` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'client:read', requireParam(params, 'employerId'))
  return getClientWorkspace(actor, scope)
}

export async function action({ request, params }: ActionFunctionArgs) {
  const employerId = requireParam(params, 'employerId')
  const { actor, scope } = await requireEmployerAccess(request, 'scenario:write', employerId)
  const submission = parseWithZod(await readForm(request), { schema: NewScenarioSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await createScenario(actor, scope, submission.value)
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 422 })
  return redirect(`/broker/clients/${employerId}/scenarios/${result.scenarioId}`)
}

export default function BrokerClientRoute() {
  const { employer, coveredMembers, programs, scenarios, proposals } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'new-scenario',
    lastResult,
    constraint: getZodConstraint(NewScenarioSchema),
    shouldValidate: 'onBlur',
    defaultValue: { source: programs.some((p) => p.status === 'published') ? 'program' : 'blank' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewScenarioSchema }),
  })
  const base = `/broker/clients/${employer.id}`
  return (
    <>
      <p className="breadcrumb">
        <Link to="/broker">Clients</Link>
      </p>
      <h1>{employer.name}</h1>
      <StatGrid label="Client figures">
        <Stat label="Covered members" value={formatCount(coveredMembers)} />
        <Stat label="Programs" value={programs.length} />
        <Stat label="Your scenarios" value={scenarios.length} />
      </StatGrid>
      <section className="card" aria-labelledby="client-programs">
        <h2 id="client-programs">Current programs</h2>
        {programs.length === 0 ? (
          <p className="empty">This client has no program yet.</p>
        ) : (
          <ul className="link-list">
            {programs.map((program) => (
              <li key={program.id}>
                {program.name} <span className={`badge badge--${program.status}`}>{statusLabel(program.status)}</span>{' '}
                <span className="muted">
                  version {program.version}, from {formatDate(program.effectiveFrom)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="scenarios-heading">
        <h2 id="scenarios-heading">Scenarios</h2>
        {scenarios.length === 0 ? (
          <p className="empty">No scenarios yet: start one below.</p>
        ) : (
          <Form method="get" action={`${base}/compare`}>
            <ul className="link-list">
              {scenarios.map((s) => (
                <li key={s.id}>
                  <input type="checkbox" name="s" value={s.id} id={`compare-${s.id}`} aria-label={`Compare ${s.name}`} />{' '}
                  <Link to={`${base}/scenarios/${s.id}`}>{s.name}</Link>{' '}
                  <span className="muted small">
                    {countOf(s.procedureCount, 'procedure')}, {countOf(s.offerCount, 'offer')} · changed {formatDate(s.updatedAt)}
                  </span>
                </li>
              ))}
            </ul>
            <button type="submit" className="button">
              Compare the chosen scenarios
            </button>
          </Form>
        )}
        <h3>New scenario</h3>
        <Form method="post" {...getFormProps(form)} className="form-grid">
          <div id={form.errorId} role="alert" className="span-all">
            <ErrorList errors={form.errors} />
          </div>
          <Field label="Scenario name" inputProps={getInputProps(fields.name, { type: 'text' })} errors={fields.name.errors} />
          <div className="field">
            <label htmlFor={fields.source.id}>Start from</label>
            <select {...getSelectProps(fields.source)}>
              <option value="program">The client's current program</option>
              <option value="blank">Nothing (default rules)</option>
              <option value="copy">A copy of a scenario</option>
            </select>
            <ErrorList id={`${fields.source.id}-error`} errors={fields.source.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.copyOf.id}>Scenario to copy</label>
            <select {...getSelectProps(fields.copyOf)}>
              <option value="">—</option>
              {scenarios.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <ErrorList id={`${fields.copyOf.id}-error`} errors={fields.copyOf.errors} />
          </div>
          <div className="form-actions span-all">
            <button type="submit" className="button button--primary">
              Create scenario
            </button>
          </div>
        </Form>
      </section>
      <section className="card" aria-labelledby="proposals-heading">
        <h2 id="proposals-heading">Proposals</h2>
        {proposals.length === 0 ? (
          <p className="empty">Compare scenarios to make a proposal.</p>
        ) : (
          <ul className="link-list">
            {proposals.map((p) => (
              <li key={p.id}>
                <Link to={`${base}/proposals/${p.id}`}>{p.title}</Link>{' '}
                <span className="muted small">
                  made {formatDate(p.createdAt)}
                  {p.sharedAt ? ` · shared ${formatDate(p.sharedAt)}` : ' · not shared yet'}
                  {p.adoptedAt ? ` · adopted ${formatDate(p.adoptedAt)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This client doesn't exist or hasn't granted your firm access." />
}
