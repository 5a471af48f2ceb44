import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { readForm } from '~/http/form-body.server'
import { requirePermission } from '~/auth/guard.server'
import { OFFER_COLUMNS } from '~/domain/offers/offer-row'
import { listCmsImportHistory, listImportFolders, runCmsImport, runOffersUpload, type CmsImportHistoryEntry, type ImportFolder } from '~/services/admin-imports.server'
import { countOf, formatCount, formatDate, formatDateTime } from '~/ui/format'
import { RejectedRows } from '~/ui/rejected-rows'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Data imports · Platform admin · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'catalog:write')
  const { root, folders, cmsFileCount } = listImportFolders()
  return { offerColumns: OFFER_COLUMNS, importsRoot: root, folders, cmsFileCount, history: await listCmsImportHistory() }
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'catalog:write')
  const isUpload = (request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')
  const result = isUpload ? await runOffersUpload(actor, request) : await runCmsImport(actor, String((await readForm(request)).get('folder') ?? ''))
  return data(result, { status: result.ok ? 200 : 422 })
}

export default function ImportsRoute() {
  const { offerColumns, importsRoot, folders, cmsFileCount, history } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  return (
    <>
      <h1>Data imports</h1>
      {busy ? (
        <p role="status" className="card">
          Importing… <progress aria-label="Import in progress" />
        </p>
      ) : null}
      {result ? <ImportResult result={result} /> : null}
      <div className="grid-2">
        <section className="card" aria-labelledby="cms-heading">
          <h2 id="cms-heading">CMS Care Compare files</h2>
          <p className="muted">
            Hospital General Information, Complications and Deaths, Unplanned Hospital Visits, HRRP, Medicare spending per beneficiary and the national
            payment file, from one of the release folders in the imports folder on the server (the same as{' '}
            <code>npm run import:cms -- &lt;folder&gt;</code>). A file with a problem changes nothing; running it again on the same files changes nothing.
          </p>
          {folders.length === 0 ? (
            <p role="note">
              No release folders yet. On the server, place each CMS release in its own folder (or a symlink to it) inside the imports folder{' '}
              <code>{importsRoot}</code> (the <code>IMPORTS_DIR</code> setting), then reload this page.
            </p>
          ) : (
            <Form method="post" className="stack">
              <fieldset className="checkbox-group">
                <legend>
                  Release folder in <code>{importsRoot}</code>
                </legend>
                {folders.map((folder) => (
                  <label key={folder.name}>
                    <input type="radio" name="folder" value={folder.name} required defaultChecked={folders.length === 1} /> {folder.name}{' '}
                    <span className="small muted">{describeFolder(folder, cmsFileCount)}</span>
                  </label>
                ))}
              </fieldset>
              <button type="submit" className="button button--primary" disabled={busy}>
                Import CMS files
              </button>
            </Form>
          )}
        </section>
        <section className="card" aria-labelledby="offers-heading">
          <h2 id="offers-heading">Bundled offers (CSV)</h2>
          <p className="muted">
            Columns: {offerColumns.map((c) => <code key={c}>{c} </code>)}. Required: ccn, procedure_code, price (dollars), valid_from (YYYY-MM-DD); yes/no
            flags default to yes, warranty to 90 days; tin (like 12-3456789) and npi (10 digits) are optional, and left empty they keep the stored value. <a href="/admin/imports/offers-template.csv">Download a template</a>. Up to 5 MB.
          </p>
          <Form method="post" encType="multipart/form-data" className="stack">
            <div className="field">
              <label htmlFor="file">Offers file</label>
              <input id="file" name="file" type="file" accept=".csv,text/csv" required />
            </div>
            <button type="submit" className="button button--primary" disabled={busy}>
              Upload offers
            </button>
          </Form>
        </section>
      </div>
      <CmsImportHistory history={history} />
    </>
  )
}

/** A file's data period, "Apr 1, 2021 – Mar 31, 2024", or a dash. */
function period(start: string | null, end: string | null): string {
  if (!start && !end) return '—'
  return `${formatDate(start)} – ${formatDate(end)}`
}

function CmsImportHistory({ history }: { history: CmsImportHistoryEntry[] }) {
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading">CMS import history</h2>
      {history.length === 0 ? (
        <p>No CMS import yet.</p>
      ) : (
        <TableWrap label="CMS import history">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">By</th>
                <th scope="col">Folder</th>
                <th scope="col">Outcome</th>
                <th scope="col">Hospitals</th>
                <th scope="col">Quality facts</th>
                <th scope="col">Files and data periods</th>
              </tr>
            </thead>
            <tbody>
              {history.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDateTime(entry.importedAt)}</td>
                  <td>{entry.by}</td>
                  <td>
                    <code>{entry.folder}</code>
                  </td>
                  <td>{entry.outcome === 'refused' ? <span className="error-text">Refused: {entry.message}</span> : entry.outcome === 'unchanged' ? 'No changes' : 'Imported'}</td>
                  <td>
                    {entry.outcome === 'refused'
                      ? '—'
                      : `${entry.facilitiesAdded} added, ${entry.facilitiesChanged} changed, ${entry.facilitiesInactivated} inactivated, ${entry.facilitiesReactivated} active again`}
                  </td>
                  <td>{entry.outcome === 'refused' ? '—' : `${entry.measuresAdded} added, ${entry.measuresChanged} changed, ${entry.measuresCleared} cleared`}</td>
                  <td>
                    <ul className="small">
                      {entry.files
                        .filter((f) => f.status === 'loaded')
                        .map((f) => (
                          <li key={f.file}>
                            {f.file}: {countOf(f.rowsRead, 'row')}, {period(f.periodStart, f.periodEnd)}
                          </li>
                        ))}
                      {entry.missing.map((m) => (
                        <li key={m} className="muted">
                          {m}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  )
}

function describeFolder(folder: ImportFolder, cmsFileCount: number): string {
  if (!folder.hasGeneralInformation) return `(no Hospital_General_Information.csv: not a CMS release; ${folder.cmsFiles} of ${cmsFileCount} CMS files)`
  return `(${folder.cmsFiles} of ${cmsFileCount} CMS files, newest ${formatDate(folder.newestFileAt)})`
}

function ImportResult({ result }: { result: NonNullable<ReturnType<typeof useActionData<typeof action>>> }) {
  if (!result.ok) {
    return (
      <section className="card" role="alert" aria-labelledby="result-heading">
        <h2 id="result-heading">Import refused: nothing was changed</h2>
        <p className="error-text">{result.error}</p>
        <RejectedRows rows={result.report?.rejected ?? []} caption="Rejected rows" />
      </section>
    )
  }
  if (result.kind === 'offers' && 'fileName' in result) {
    const r = result.report
    return (
      <section className="card" role="status">
        <h2>Offers imported from {result.fileName}</h2>
        <p>
          {countOf(r.rowsRead, 'row')}: {r.inserted} new, {r.updated} updated, {r.unchanged} unchanged.
        </p>
      </section>
    )
  }
  if (result.kind === 'cms' && 'report' in result && result.report && 'files' in result.report) {
    const r = result.report
    return (
      <section className="card" role="status">
        <h2>{r.changed ? 'CMS files imported' : 'No changes: the catalog already matches these files'}</h2>
        <p>
          {countOf(r.facilitiesTotal, 'hospital')}, {formatCount(r.facilitiesWithCoordinates)} with coordinates; {r.facilitiesInactivated} no longer listed (marked
          inactive), {r.facilitiesReactivated} listed again. Quality facts: {r.measuresInserted} new, {r.measuresUpdated} changed, {r.measuresCleared} cleared (now
          Not Available; the old values are kept in the history). Market prices changed: {r.marketPricesChanged}.
        </p>
        {r.missing.length > 0 ? (
          <div role="note">
            <p>
              <strong>Files not in the folder:</strong>
            </p>
            <ul>
              {r.missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <TableWrap label="Imported files">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col" className="num">Rows</th>
                <th scope="col" className="num">New</th>
                <th scope="col" className="num">Updated</th>
                <th scope="col" className="num">Unchanged</th>
                <th scope="col" className="num">Facts</th>
                <th scope="col" className="num">Skipped</th>
                <th scope="col">Data period</th>
              </tr>
            </thead>
            <tbody>
              {r.files.map((f) => (
                <tr key={f.file}>
                  <th scope="row">{f.file}</th>
                  {f.status === 'not found' ? (
                    <td colSpan={7}>not in the folder</td>
                  ) : (
                    <>
                      <td className="num">{formatCount(f.rowsRead)}</td>
                      <td className="num">{f.facilitiesInserted}</td>
                      <td className="num">{f.facilitiesUpdated}</td>
                      <td className="num">{f.facilitiesUnchanged}</td>
                      <td className="num">{f.measuresLoaded}</td>
                      <td className="num">{f.rowsSkipped}</td>
                      <td>{period(f.periodStart, f.periodEnd)}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
    )
  }
  return null
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
