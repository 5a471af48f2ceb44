import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireCoalitionAdmin } from '~/auth/guard.server'
import { toIsoDate } from '~/domain/dates'
import { parseCoalitionPeriod } from '~/forms/coalition-report'
import { coalitionReportFileName, exportCoalitionReportCsv } from '~/services/coalition-reports.server'

/**
 * The pooled report as CSV (header row first). A bad period is refused with its reason, not
 * replaced: a file cannot say beside itself that it holds another period than the one asked for.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, coalitionId } = await requireCoalitionAdmin(request)
  const today = toIsoDate(new Date())
  const { period, errors } = parseCoalitionPeriod(new URL(request.url).searchParams, today)
  if (errors.length) return new Response(`${errors.join('\n')}\n`, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store' } })
  const body = await exportCoalitionReportCsv(actor, coalitionId, period, today)
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${coalitionReportFileName(period)}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
