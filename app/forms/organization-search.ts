import { z } from 'zod'
import type { OrganizationKind } from '~/domain/tenancy'
import { parseSearchText } from './facility-search'

export const ORGANIZATION_KINDS = ['employer', 'broker', 'health_system', 'coalition', 'platform'] as const satisfies readonly OrganizationKind[]
export const ORGANIZATIONS_PAGE_SIZE = 50

const FiltersSchema = z.object({
  kind: z.enum(ORGANIZATION_KINDS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
})

export type OrganizationSearch = z.infer<typeof FiltersSchema> & ReturnType<typeof parseSearchText>

/** The organizations list's query string: name or code, kind, page; a malformed filter falls back to none. */
export function parseOrganizationSearch(url: URL): OrganizationSearch {
  const raw = Object.fromEntries([...url.searchParams].filter(([, value]) => value !== ''))
  const { q, ...filters } = raw
  return { ...FiltersSchema.parse(filters), ...parseSearchText(q) }
}
