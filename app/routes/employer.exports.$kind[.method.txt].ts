import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireEmployerAccess } from '~/auth/guard.server'
import { toIsoDate } from '~/domain/dates'
import { parseReportQuery } from '~/forms/report'
import { requireParam } from '~/http/params'
import { notFound } from '~/http/responses.server'
import { EXPORT_KINDS, exportMethodText, type ExportKind } from '~/services/report-exports.server'

/**
 * How to read a CSV export (issue 20): its period and program, format, columns and method, as a
 * plain-text file to keep beside the CSV. Shown in the browser; saved under a name that goes with the CSV's.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'employer:read')
  const kind = requireParam(params, 'kind')
  if (!(EXPORT_KINDS as readonly string[]).includes(kind)) throw notFound('Export')
  const { query } = parseReportQuery(new URL(request.url).searchParams, toIsoDate(new Date()))
  const body = await exportMethodText(scope, kind as ExportKind, query)
  return new Response(body, {
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Disposition': `inline; filename="${kind}-${query.from}-to-${query.to}-method.txt"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
