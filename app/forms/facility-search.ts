import { z } from 'zod'
import { hasControlCharacter } from '~/domain/text'

/** The longest facility search text: names and cities are far shorter (the search input has this maxLength). */
export const FACILITY_SEARCH_TEXT_MAX = 100
export const SEARCH_TEXT_TOO_LONG = `Search text is too long: use at most ${FACILITY_SEARCH_TEXT_MAX} characters.`
export const SEARCH_TEXT_UNSEARCHABLE = 'Search text contains characters that cannot be searched: type it again without them.'

/** The search text: checked, not dropped (issue 18: a silently ignored search listed every facility). */
export const FacilitySearchTextSchema = z
  .string()
  .trim()
  .max(FACILITY_SEARCH_TEXT_MAX, SEARCH_TEXT_TOO_LONG)
  .refine((text) => !hasControlCharacter(text), SEARCH_TEXT_UNSEARCHABLE)

const filterText = (max: number) => z.string().trim().max(max).refine((text) => !hasControlCharacter(text))

/** The facility list's filters; a malformed one falls back to "no filter" (the page shows what it used). */
export const FacilityFiltersSchema = z.object({
  state: z.string().regex(/^[A-Z]{2}$/).optional().catch(undefined),
  type: filterText(80).optional().catch(undefined),
  stars: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  /** Hospitals CMS still lists (default), those its latest release no longer lists, or both (issue 19). */
  listed: z.enum(['listed', 'unlisted', 'all']).default('listed').catch('listed'),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
})

export type FacilitySearchQuery = z.infer<typeof FacilityFiltersSchema> & {
  /** The search text as the search field shows it again (control characters shown as �). */
  q: string | undefined
  /** Why the search text cannot be searched; the list is then empty. */
  qError: string | null
}

/**
 * The facility list's query string. Filters fall back to their default; search text that is too
 * long or holds control characters is an error (`qError`), never "no search".
 */
export function parseFacilitySearch(url: URL): FacilitySearchQuery {
  const raw = Object.fromEntries([...url.searchParams].filter(([, value]) => value !== ''))
  const { q, ...filters } = raw
  return { ...FacilityFiltersSchema.parse(filters), ...parseSearchText(q) }
}

/**
 * A list page's search text (`q`): checked, never dropped. Too long or with control characters, it
 * is an error (`qError`) shown at the field, with the text shown again, and the list is empty.
 */
export function parseSearchText(q: string | undefined): { q: string | undefined; qError: string | null } {
  if (q === undefined) return { q: undefined, qError: null }
  const text = FacilitySearchTextSchema.safeParse(q)
  if (text.success) return { q: text.data === '' ? undefined : text.data, qError: null }
  return { q: shownAgain(q), qError: text.error.issues[0]?.message ?? SEARCH_TEXT_UNSEARCHABLE }
}

/** Refused text as the field shows it again: trimmed, control characters as U+FFFD (as an HTML parser shows NUL). */
function shownAgain(text: string): string {
  return [...text.trim()].map((c) => (hasControlCharacter(c) ? '\uFFFD' : c)).join('')
}
