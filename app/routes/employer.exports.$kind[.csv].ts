import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { requireEmployerAccess } from '~/auth/guard.server'
import { toIsoDate } from '~/domain/dates'
import { parseReportQuery } from '~/forms/report'
import { redirectWithFlash } from '~/http/flash.server'
import { requireParam } from '~/http/params'
import { notFound } from '~/http/responses.server'
import { EXPORT_KINDS, preparedEmployerExport, recordExport, requestEmployerExport, type ExportKind } from '~/services/report-exports.server'

/*
 * CSV exports of the dashboard's period: cases, invoices, realized savings (how to read each is its
 * method file, $kind.method.txt). A job makes the file (issue 24, ADR 0029): POST asks for it, GET
 * downloads it once made, from any server; before that, GET leads back to the dashboard.
 */

function requireKind(params: LoaderFunctionArgs['params']): ExportKind {
  const kind = requireParam(params, 'kind')
  if (!(EXPORT_KINDS as readonly string[]).includes(kind)) throw notFound('Export')
  return kind as ExportKind
}

const dashboardOf = (url: URL) => `/employer/dashboard${url.search}#exports-heading`

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'employer:read')
  const kind = requireKind(params)
  const url = new URL(request.url)
  const { query } = parseReportQuery(url.searchParams, toIsoDate(new Date()))
  const file = await preparedEmployerExport(scope, kind, query)
  if (!file) return redirectWithFlash(dashboardOf(url), 'export-missing')
  await recordExport(actor, scope, kind, query)
  return new Response(new Uint8Array(file.content), {
    headers: { 'Content-Type': file.contentType, 'Content-Disposition': `attachment; filename="${file.fileName}"`, 'Cache-Control': 'private, no-store' },
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'employer:read')
  const kind = requireKind(params)
  const url = new URL(request.url)
  const { query } = parseReportQuery(url.searchParams, toIsoDate(new Date()))
  await requestEmployerExport(scope, kind, query)
  return redirectWithFlash(dashboardOf(url), 'export-requested')
}
