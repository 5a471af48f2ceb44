import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator, useSearchParams } from '@remix-run/react'
import { useEffect } from 'react'
import { readForm } from '~/http/form-body.server'
import { requireEmployerAccess } from '~/auth/guard.server'
import type { RosterChangeKind } from '~/db/schema'
import { requireParam } from '~/http/params'
import { discardImport, importDetail, recheckImport, requestApply, requireImport, resumeImport } from '~/services/eligibility-files.server'
import { IMPORT_STATUS_LABEL } from '~/ui/import-status'
import { countOf, formatCount, formatDateTime } from '~/ui/format'
import { Pager } from '~/ui/pager'
import { RejectedRows } from '~/ui/rejected-rows'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

const KINDS: Record<RosterChangeKind, string> = { added: 'Added', changed: 'Changed', ended: 'Coverage ended', reinstated: 'Reinstated' }
const RUNNING = new Set(['queued', 'checking', 'applying'])
/** Problems shown on the page; the rest are in the report download. */
const PROBLEMS_SHOWN = 50

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `${loaded?.import.fileName ?? 'Import'} · Eligibility roster · COE Marketplace` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'roster:write')
  const url = new URL(request.url)
  const kindParam = url.searchParams.get('kind')
  const kind = kindParam && Object.hasOwn(KINDS, kindParam) ? (kindParam as RosterChangeKind) : undefined
  const openCaseOnly = url.searchParams.get('open') === '1'
  const afterSeq = Math.max(0, Math.min(Number.MAX_SAFE_INTEGER, Number(url.searchParams.get('after')) || 0))
  return { ...(await importDetail(actor, scope, requireParam(params, 'importId'), { kind, openCaseOnly, afterSeq })), filter: { kind: kind ?? null, openCaseOnly, afterSeq } }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'roster:write')
  const importId = requireParam(params, 'importId')
  await requireImport(scope, importId)
  const form = await readForm(request)
  const intent = form.get('intent')
  const result =
    intent === 'apply'
      ? await requestApply(actor, scope, importId, form.get('confirmTerminations') === 'on')
      : intent === 'recheck'
        ? await recheckImport(actor, scope, importId)
        : intent === 'discard'
          ? await discardImport(actor, scope, importId)
          : intent === 'resume'
            ? await resumeImport(actor, scope, importId)
            : { ok: false as const, error: 'Choose what to do with this file.' }
  if (!result.ok) return data({ error: result.error }, { status: 422 })
  throw redirect(`/employer/roster/imports/${importId}`)
}

function Progress({ status, done, estimate, startedAt }: { status: string; done: number; estimate: number | null; startedAt: string | null }) {
  const elapsed = startedAt ? (Date.now() - Date.parse(startedAt)) / 1000 : 0
  const left = estimate && done > 0 && estimate > done ? Math.round((elapsed * (estimate - done)) / done) : null
  const unit = status === 'applying' ? 'changes written' : 'rows checked'
  return (
    <div role="status" className="card stack">
      <p>
        {status === 'queued' ? 'Waiting for its turn…' : `${formatCount(done)}${estimate ? ` of about ${formatCount(estimate)}` : ''} ${unit}`}
        {left !== null ? ` · about ${left < 90 ? `${left} s` : `${Math.round(left / 60)} min`} left` : ''}
      </p>
      <progress aria-label={status === 'applying' ? 'Applying' : 'Checking'} value={estimate ? done : undefined} max={estimate ?? undefined} />
      <p className="small muted">You can leave this page: the file goes on being processed, and the history keeps its result.</p>
    </div>
  )
}

function describe(values: Record<string, unknown> | null, fields: string[]) {
  if (!values) return '—'
  return fields.map((f) => `${f}: ${values[f] === null || values[f] === undefined ? '(none)' : String(values[f])}`).join('; ')
}

export default function ImportRoute() {
  const { import: found, counts, report, changes, nextAfterSeq, matching, filter } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const revalidator = useRevalidator()
  const [searchParams] = useSearchParams()
  const running = RUNNING.has(found.status)
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') revalidator.revalidate()
    }, 1_500)
    return () => clearInterval(timer)
  }, [running, revalidator])
  const termination = report.termination
  const filterLink = (kind: string | null, open = false) => {
    const params = new URLSearchParams()
    if (kind) params.set('kind', kind)
    if (open) params.set('open', '1')
    const text = params.toString()
    return text ? `?${text}` : '?'
  }
  const nextLink = nextAfterSeq !== null ? (() => {
    const params = new URLSearchParams(searchParams)
    params.set('after', String(nextAfterSeq))
    return `?${params.toString()}`
  })() : null
  const firstLink = filter.afterSeq > 0 ? (() => {
    const params = new URLSearchParams(searchParams)
    params.delete('after')
    return `?${params.toString()}`
  })() : null
  const base = `/employer/roster/imports/${found.id}`
  return (
    <>
      <p className="small">
        <Link to="/employer/roster">← Eligibility roster</Link>
      </p>
      <h1>{found.fileName}</h1>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>{IMPORT_STATUS_LABEL[found.status]}</dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>{found.kind === 'x12_834' ? 'X12 834 enrollment' : found.fullFile ? 'Roster CSV, full roster' : 'Roster CSV'}</dd>
        </div>
        <div>
          <dt>Sent</dt>
          <dd>
            {formatDateTime(found.createdAt)} by {found.createdByLabel}
          </dd>
        </div>
        <div>
          <dt>SHA-256</dt>
          <dd>
            <code className="small break">{found.fileSha256}</code>
          </dd>
        </div>
      </dl>
      {found.message ? (
        <p role={found.status === 'applied' ? 'status' : 'alert'} className={`card${found.status === 'applied' ? '' : ' error-text'}`}>
          {found.message}
        </p>
      ) : null}
      {running ? <Progress status={found.status} done={found.rowsDone} estimate={found.rowsEstimate} startedAt={found.startedAt} /> : null}
      {/*
        Without JavaScript the page refreshes itself while the file is read. Only then: a refresh
        <meta> (in the head, or rendered on a client-side visit) is never cancelled, so 3 s later the
        browser went back to this import even after the person had moved on, e.g. to the next
        upload's page. With JavaScript the revalidation above follows the job; React leaves a
        <noscript>'s children out of the DOM, and the parser reads them as text.
      */}
      {running ? (
        <noscript>
          <meta httpEquiv="refresh" content="3" />
        </noscript>
      ) : null}

      {!running && found.status !== 'queued' ? (
        <section aria-labelledby="summary-heading" className="card">
          <h2 id="summary-heading">{found.status === 'applied' ? 'What this file changed' : found.status === 'review' ? 'What this file would change' : 'What was found'}</h2>
          <p>
            {formatCount(counts.rowsRead)} {found.kind === 'x12_834' ? 'members' : 'rows'}: {formatCount(counts.added)} added, {formatCount(counts.changed)} changed,{' '}
            {formatCount(counts.ended)} coverage ended, {formatCount(counts.reinstated)} reinstated, {formatCount(counts.unchanged)} unchanged, {formatCount(counts.problems)}{' '}
            problem{counts.problems === 1 ? '' : 's'}.
          </p>
          {counts.withOpenCase > 0 ? (
            <p className="warning-text">
              {formatCount(counts.withOpenCase)} of these members have an open case. <Link to={filterLink(null, true)}>See them</Link>.
            </p>
          ) : null}
          {termination && termination.ending > 0 ? (
            <p>
              Coverage would end for {formatCount(termination.ending)} of {formatCount(termination.covered)} covered members; your limit without confirmation is{' '}
              {termination.limitPercent} %.
            </p>
          ) : null}
        </section>
      ) : null}

      {found.status === 'review' ? (
        <Form method="post" className="card stack" aria-label="Apply this file">
          {termination?.needsConfirmation ? (
            <div className="field field--checkbox">
              <input id="confirmTerminations" name="confirmTerminations" type="checkbox" />
              <label htmlFor="confirmTerminations">
                Yes, end coverage for {countOf(termination.ending, 'member')} ({termination.covered ? Math.round((termination.ending * 1000) / termination.covered) / 10 : 100} % of those
                covered)
              </label>
            </div>
          ) : null}
          {/* The refusal may also be the import's stored message, shown above: say it once. */}
          {result?.error && result.error !== found.message ? (
            <p role="alert" className="error-text">
              {result.error}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" name="intent" value="apply" className="button button--primary" disabled={navigation.state === 'submitting'}>
              Apply to the roster
            </button>
            <button type="submit" name="intent" value="recheck" className="button">
              Check again
            </button>
            <button type="submit" name="intent" value="discard" className="button">
              Set aside without applying
            </button>
          </div>
        </Form>
      ) : null}
      {found.status === 'failed' && found.appliedByUserId ? (
        <Form method="post" className="card">
          {result?.error ? (
            <p role="alert" className="error-text">
              {result.error}
            </p>
          ) : null}
          <button type="submit" name="intent" value="resume" className="button button--primary">
            Resume applying
          </button>
        </Form>
      ) : null}

      {!running ? (
        <p className="downloads">
          {counts.added + counts.changed + counts.ended + counts.reinstated > 0 && found.status !== 'refused' ? <a href={`${base}/difference.csv`}>Download the difference (CSV)</a> : null}{' '}
          {report.rejected.length > 0 ? <a href={`${base}/report.csv`}>Download the report (CSV)</a> : null}{' '}
          {found.hasAcknowledgment ? <a href={`${base}/999.x12`}>Download the 999 acknowledgment</a> : null}
        </p>
      ) : null}

      {!running && counts.added + counts.changed + counts.ended + counts.reinstated > 0 && found.status !== 'refused' ? (
        <section aria-labelledby="difference-heading">
          <h2 id="difference-heading">Difference</h2>
          <nav aria-label="Show" className="filters">
            <Link to={filterLink(null)} aria-current={!filter.kind && !filter.openCaseOnly ? 'page' : undefined}>
              All
            </Link>
            {(Object.keys(KINDS) as RosterChangeKind[]).map((kind) => (
              <Link key={kind} to={filterLink(kind)} aria-current={filter.kind === kind ? 'page' : undefined}>
                {KINDS[kind]}
              </Link>
            ))}
            <Link to={filterLink(null, true)} aria-current={filter.openCaseOnly ? 'page' : undefined}>
              With an open case
            </Link>
          </nav>
          <p className="small muted">{countOf(matching, 'member')}</p>
          <TableWrap label="Difference">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Employee ID</th>
                  <th scope="col">Change</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                  <th scope="col">Open case</th>
                  <th scope="col" className="num">{found.kind === 'x12_834' ? 'Segment' : 'Line'}</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((c) => (
                  <tr key={c.seq}>
                    <td>{c.employeeId}</td>
                    <td>{KINDS[c.kind]}</td>
                    <td>{c.kind === 'added' ? '—' : describe(c.previous, c.fields)}</td>
                    <td>{c.kind === 'added' ? `${String(c.next.firstName)} ${String(c.next.lastName)}, ${String(c.next.zip)}` : describe(c.next, c.fields)}</td>
                    <td>{c.hasOpenCase ? <strong>Open case</strong> : ''}</td>
                    <td className="num">{c.sourceLine ?? 'not in file'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Pager previous={firstLink} next={nextLink} label="Difference pages" />
        </section>
      ) : null}

      {report.rejected.length > 0 ? (
        <section aria-labelledby="problems-heading">
          <h2 id="problems-heading">Problems</h2>
          {report.rejected.length > PROBLEMS_SHOWN || counts.problems > report.rejected.length ? (
            <p className="small">
              The first {formatCount(Math.min(PROBLEMS_SHOWN, report.rejected.length))} of {countOf(counts.problems, 'problem')}; the report download lists{' '}
              {counts.problems > report.rejected.length ? `the first ${formatCount(report.rejected.length)}` : 'all of them'}.
            </p>
          ) : null}
          <RejectedRows rows={report.rejected.slice(0, PROBLEMS_SHOWN)} caption="Rows with problems" />
        </section>
      ) : null}
      {report.notes.length > 0 ? (
        <section aria-labelledby="notes-heading">
          <h2 id="notes-heading">Notes</h2>
          <ul>
            {report.notes.slice(0, 20).map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
