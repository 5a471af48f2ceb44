import { z } from 'zod'
import { hasControlCharacter } from '~/domain/text'

const searchText = (max: number) => z.string().trim().max(max).refine((text) => !hasControlCharacter(text))

/** The facility list's query string; anything malformed falls back to "no filter". */
export const FacilitySearchSchema = z.object({
  q: searchText(100).optional().catch(undefined),
  state: z.string().regex(/^[A-Z]{2}$/).optional().catch(undefined),
  type: searchText(80).optional().catch(undefined),
  stars: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
})

export function parseFacilitySearch(url: URL) {
  const raw = Object.fromEntries([...url.searchParams].filter(([, value]) => value !== ''))
  return FacilitySearchSchema.parse(raw)
}
