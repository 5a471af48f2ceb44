import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { readForm } from '~/http/form-body.server'
import { requireEmployerAccess } from '~/auth/guard.server'
import { ROSTER_COLUMNS } from '~/domain/roster/roster-row'
import { PlanCodeSchema, TerminationLimitSchema } from '~/forms/roster'
import { addPlanGroupCode, importHistory, removePlanGroupCode, rosterSettings, setTerminationLimit, uploadEligibilityFile } from '~/services/eligibility-files.server'
import { IMPORT_STATUS_LABEL } from '~/ui/import-status'
import { formatCount, formatDateTime } from '~/ui/format'
import { Pager } from '~/ui/pager'
import { ErrorList } from '~/ui/primitives/error-list'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Eligibility roster · Employer · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'roster:write')
  const page = Math.min(10_000, Math.max(1, Number(new URL(request.url).searchParams.get('page')) || 1))
  const [settings, history] = await Promise.all([rosterSettings(scope), importHistory(scope, page)])
  return { columns: ROSTER_COLUMNS, settings, history, page }
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'roster:write')
  if ((request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    const result = await uploadEligibilityFile(actor, scope, request)
    if (!result.ok) return data({ intent: 'upload' as const, error: result.error, reply: null, saved: null }, { status: 422 })
    throw redirect(`/employer/roster/imports/${result.importId}`)
  }
  const form = await readForm(request)
  const intent = form.get('intent')
  if (intent === 'limit') {
    const submission = parseWithZod(form, { schema: TerminationLimitSchema })
    if (submission.status !== 'success') return data({ intent, error: null, reply: submission.reply(), saved: null }, { status: 400 })
    await setTerminationLimit(actor, scope, submission.value.percent)
    return { intent, error: null, reply: null, saved: `Files that end coverage for more than ${submission.value.percent} % of your covered members now need a confirmation.` }
  }
  if (intent === 'add-code') {
    const submission = parseWithZod(form, { schema: PlanCodeSchema })
    if (submission.status !== 'success') return data({ intent, error: null, reply: submission.reply(), saved: null }, { status: 400 })
    const result = await addPlanGroupCode(actor, scope, submission.value)
    if (!result.ok) return data({ intent, error: null, reply: submission.reply({ fieldErrors: result.fieldErrors }), saved: null }, { status: 422 })
    return { intent, error: null, reply: null, saved: `834 files' REF*1L ${submission.value.code} now means this plan.` }
  }
  if (intent === 'remove-code') {
    const removed = await removePlanGroupCode(actor, scope, String(form.get('id') ?? ''))
    if (!removed) return data({ intent, error: 'That code is not one of yours.', reply: null, saved: null }, { status: 404 })
    return { intent, error: null, reply: null, saved: 'Code removed.' }
  }
  return data({ intent: 'upload' as const, error: 'Choose a roster (CSV) or 834 file to upload.', reply: null, saved: null }, { status: 422 })
}

export default function RosterRoute() {
  const { columns, settings, history, page } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formEncType === 'multipart/form-data'
  const errors = result?.reply?.error
  return (
    <>
      <h1>Eligibility roster</h1>
      <p className="lead">
        Upload who is covered: a roster CSV or an ANSI X12 834 enrollment file. Rows match by employee ID (capital and small letters alike). A column your file does not have
        leaves what is stored alone; columns we do not read are named in the report. <Link to="/employer/roster/members">Look up a member</Link>.
      </p>
      <details className="card">
        <summary>Roster CSV columns</summary>
        <p>
          {columns.map((c) => (
            <code key={c}>{c} </code>
          ))}
        </p>
        <p className="small">
          Common spellings such as “Employee ID”, “EMPLOYEE_ID” or “DOB” are recognised, and commas, semicolons or tabs between values. Dates as YYYY-MM-DD; <code>plan</code> is
          one of your health plan names; <code>coverage_tier</code> is employee, employee_spouse, employee_children or family; <code>coverage_end</code> and{' '}
          <code>dependents</code> are optional. <a href="/employer/roster/template.csv">Download a template</a>.
        </p>
      </details>
      {settings.running ? (
        <p role="status" className="card">
          {settings.running.fileName} is being processed. <Link to={`/employer/roster/imports/${settings.running.id}`}>Follow its progress</Link>.
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="card stack" aria-label="Upload a roster or 834 file">
        <div className="field">
          <label htmlFor="file">Roster CSV or 834 file (up to 200 MB)</label>
          <input id="file" name="file" type="file" accept=".csv,.txt,.tsv,.834,.edi,.x12,.dat,text/csv" required />
        </div>
        <div className="field field--checkbox">
          <input id="fullFile" name="fullFile" type="checkbox" />
          <label htmlFor="fullFile">This CSV is the full roster: end the coverage of anyone not in it (nobody is deleted; you see the difference first)</label>
        </div>
        <div className="field field--checkbox">
          <input id="reviewFirst" name="reviewFirst" type="checkbox" />
          <label htmlFor="reviewFirst">Show me the difference before applying (always done for full rosters and 834 files)</label>
        </div>
        <div className="field field--checkbox">
          <input id="allOrNothing" name="allOrNothing" type="checkbox" />
          <label htmlFor="allOrNothing">Import nothing if any row has a problem</label>
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          Upload and check
        </button>
        {busy ? (
          <p role="status">
            Uploading… <progress aria-label="Upload in progress" />
          </p>
        ) : null}
        {result?.intent === 'upload' && result.error ? (
          <p role="alert" className="error-text">
            {result.error}
          </p>
        ) : null}
      </Form>

      <section aria-labelledby="history-heading" className="stack">
        <h2 id="history-heading">Import history</h2>
        {history.rows.length === 0 ? (
          <p className="muted">No roster or 834 file has been loaded yet.</p>
        ) : (
          <TableWrap label="Import history">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Sent</th>
                  <th scope="col">File</th>
                  <th scope="col">By</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">Added</th>
                  <th scope="col" className="num">Changed</th>
                  <th scope="col" className="num">Ended</th>
                  <th scope="col" className="num">Reinstated</th>
                  <th scope="col" className="num">Problems</th>
                </tr>
              </thead>
              <tbody>
                {history.rows.map((row) => (
                  <tr key={row.id}>
                    <td>{formatDateTime(row.createdAt)}</td>
                    <td>
                      <Link to={`/employer/roster/imports/${row.id}`}>{row.fileName}</Link>
                      <span className="muted small"> · {row.kind === 'x12_834' ? '834' : row.fullFile ? 'full CSV' : 'CSV'}</span>
                    </td>
                    <td>{row.createdByLabel}</td>
                    <td>{IMPORT_STATUS_LABEL[row.status]}</td>
                    <td className="num">{formatCount(row.counts.added)}</td>
                    <td className="num">{formatCount(row.counts.changed)}</td>
                    <td className="num">{formatCount(row.counts.ended)}</td>
                    <td className="num">{formatCount(row.counts.reinstated)}</td>
                    <td className="num">{formatCount(row.counts.problems)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <Pager previous={page > 1 ? `?page=${page - 1}` : null} next={page < history.pages ? `?page=${page + 1}` : null} label="Import history pages" />
      </section>

      <section aria-labelledby="settings-heading" className="stack">
        <h2 id="settings-heading">Safeguards and 834 plan codes</h2>
        {result?.saved ? (
          <p role="status" className="card">
            {result.saved}
          </p>
        ) : null}
        <Form method="post" className="card form-grid" aria-label="Termination limit">
          <input type="hidden" name="intent" value="limit" />
          <div className="field">
            <label htmlFor="percent">Ask me to confirm when one file ends coverage for more than this share of covered members (%)</label>
            <input id="percent" name="percent" inputMode="numeric" defaultValue={settings.terminationLimitPercent} aria-invalid={result?.intent === 'limit' && errors?.percent ? true : undefined} />
            <ErrorList errors={result?.intent === 'limit' ? (errors?.percent ?? undefined) : undefined} />
          </div>
          <div className="form-actions">
            <button type="submit" className="button">
              Save limit
            </button>
          </div>
        </Form>
        <div className="card stack">
          <h3>834 plan codes</h3>
          <p className="small">An 834 file names each member's plan by its group or policy number (REF*1L). Say which of your plans each number stands for.</p>
          {settings.codes.length > 0 ? (
            <TableWrap label="834 plan codes">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">REF*1L</th>
                    <th scope="col">Plan</th>
                    <th scope="col">
                      <span className="visually-hidden">Remove</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {settings.codes.map((code) => (
                    <tr key={code.id}>
                      <td>
                        <code>{code.code}</code>
                      </td>
                      <td>{code.planName}</td>
                      <td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="remove-code" />
                          <input type="hidden" name="id" value={code.id} />
                          <button type="submit" className="button button--small" aria-label={`Remove ${code.code}`}>
                            Remove
                          </button>
                        </Form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
          <Form method="post" className="form-grid" aria-label="Add an 834 plan code">
            <input type="hidden" name="intent" value="add-code" />
            <div className="field">
              <label htmlFor="code">Group or policy number</label>
              <input id="code" name="code" aria-invalid={result?.intent === 'add-code' && errors?.code ? true : undefined} />
              <ErrorList errors={result?.intent === 'add-code' ? (errors?.code ?? undefined) : undefined} />
            </div>
            <div className="field">
              <label htmlFor="healthPlanId">Plan</label>
              <select id="healthPlanId" name="healthPlanId" aria-invalid={result?.intent === 'add-code' && errors?.healthPlanId ? true : undefined}>
                {settings.plans.map((plan) => (
                  <option key={plan.id} value={plan.id}>
                    {plan.name}
                  </option>
                ))}
              </select>
              <ErrorList errors={result?.intent === 'add-code' ? (errors?.healthPlanId ?? undefined) : undefined} />
            </div>
            <div className="form-actions">
              <button type="submit" className="button">
                Add code
              </button>
            </div>
          </Form>
        </div>
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
