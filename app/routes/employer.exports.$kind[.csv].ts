import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireEmployerAccess } from '~/auth/guard.server'
import { toIsoDate } from '~/domain/dates'
import { parseReportQuery } from '~/forms/report'
import { requireParam } from '~/http/params'
import { notFound } from '~/http/responses.server'
import { exportCasesCsv, exportFileName, exportInvoicesCsv, exportSavingsCsv, recordExport } from '~/services/report-exports.server'

const EXPORTS = { cases: exportCasesCsv, invoices: exportInvoicesCsv, savings: exportSavingsCsv } as const

/** CSV exports of the dashboard's period: cases, invoices, realized savings. The header row comes first; how to read each is its method file ($kind.method.txt). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'employer:read')
  const kind = requireParam(params, 'kind')
  // Own keys only: "constructor" or "__proto__" are `in` every object.
  if (!Object.hasOwn(EXPORTS, kind)) throw notFound('Export')
  const { query } = parseReportQuery(new URL(request.url).searchParams, toIsoDate(new Date()))
  const body = await EXPORTS[kind as keyof typeof EXPORTS](scope, query)
  await recordExport(actor, scope, kind, query)
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(kind as keyof typeof EXPORTS, query)}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
