import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useNavigation } from '@remix-run/react'
import { requireEmployerAccess } from '~/auth/guard.server'
import { ROSTER_COLUMNS } from '~/domain/roster/roster-row'
import { importUploadedRoster } from '~/services/roster-import.server'
import { formatCount } from '~/ui/format'
import { RejectedRows } from '~/ui/rejected-rows'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Eligibility roster · Employer · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireEmployerAccess(request, 'roster:write')
  return { columns: ROSTER_COLUMNS }
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'roster:write')
  const result = await importUploadedRoster(actor, scope, request)
  return data(result, { status: result.ok && result.report.imported ? 200 : 422 })
}

export default function RosterRoute() {
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  return (
    <>
      <h1>Eligibility roster</h1>
      <p className="lead">
        Upload who is covered. Rows match by employee ID: new people are added, changed rows updated. Columns:{' '}
        {ROSTER_COLUMNS.map((c) => (
          <code key={c}>{c} </code>
        ))}
        ; dates as YYYY-MM-DD; <code>plan</code> is one of your health plan names; <code>coverage_tier</code> is employee, employee_spouse,
        employee_children or family. <a href="/employer/roster/template.csv">Download a template</a>.
      </p>
      <Form method="post" encType="multipart/form-data" className="card stack">
        <div className="field">
          <label htmlFor="file">Roster file (CSV, up to 200 MB)</label>
          <input id="file" name="file" type="file" accept=".csv,text/csv" required />
        </div>
        <div className="field field--checkbox">
          <input id="fullFile" name="fullFile" type="checkbox" />
          <label htmlFor="fullFile">This is the full roster: end the coverage of anyone not in the file (nobody is deleted)</label>
        </div>
        <div className="field field--checkbox">
          <input id="allOrNothing" name="allOrNothing" type="checkbox" />
          <label htmlFor="allOrNothing">Import nothing if any row has a problem</label>
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          Upload roster
        </button>
        {busy ? (
          <p role="status">
            Uploading and checking… <progress aria-label="Upload in progress" />
          </p>
        ) : null}
      </Form>
      {result ? (
        result.ok ? (
          <section className="card" role={result.report.imported ? 'status' : 'alert'}>
            <h2>{result.report.imported ? `Imported ${result.fileName}` : `Nothing imported from ${result.fileName}`}</h2>
            <p>
              {formatCount(result.report.rowsRead)} rows: {formatCount(result.report.inserted)} new, {formatCount(result.report.updated)} updated,{' '}
              {formatCount(result.report.unchanged)} unchanged, {formatCount(result.report.coverageEnded)} coverage ended,{' '}
              {formatCount(result.report.problems)} problem{result.report.problems === 1 ? '' : 's'}
              {result.report.problems > result.report.rejected.length ? ` (the first ${formatCount(result.report.rejected.length)} are listed)` : ''}.
            </p>
            <RejectedRows rows={result.report.rejected} caption="Rows with problems" />
          </section>
        ) : (
          <p role="alert" className="card error-text">
            {result.error}
          </p>
        )
      ) : null}
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
