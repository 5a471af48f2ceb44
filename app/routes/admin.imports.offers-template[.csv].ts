import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import { OFFER_COLUMNS } from '~/domain/offers/offer-row'

/** The offers CSV template: the header and one example row. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'catalog:write')
  const example = ['360180', 'TKA', '28500', 'yes', 'yes', 'yes', 'yes', 'yes', '90', '2', '640', 'The Joint Commission Advanced Certification', '14', '2026-01-01', '2027-12-31', '12-3456789', '1234567893']
  return new Response(`${OFFER_COLUMNS.join(',')}\n${example.map((v) => (v.includes(',') ? `"${v}"` : v)).join(',')}\n`, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="offers-template.csv"' },
  })
}
