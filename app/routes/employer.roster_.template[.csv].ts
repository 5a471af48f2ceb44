import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireEmployerAccess } from '~/auth/guard.server'
import { ROSTER_COLUMNS } from '~/domain/roster/roster-row'

/** The roster CSV template: the header and one example row. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireEmployerAccess(request, 'roster:write')
  const example = ['E000123', 'Maria', 'Lopez', '1984-03-15', '43215', 'Choice PPO', 'family', '2026-01-01', '', '3']
  return new Response(`${ROSTER_COLUMNS.join(',')}\n${example.join(',')}\n`, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="roster-template.csv"' },
  })
}
