import { DEFAULT_SORT, SORT_KEYS, type SortKey } from '~/domain/search/ranking'

// Imports no schema library (zod): the search page's browser bundle takes RADIUS_CHOICES from
// here, and anything this module imports is in that bundle (issue 24, the 150 KB budget).

/** Radius choices on the find-care page, in miles; the last means "anywhere". */
export const RADIUS_CHOICES = [25, 50, 100, 250, 500, 3000] as const
export const DEFAULT_RADIUS = 3000

/**
 * The find-care query string: `procedure`, `zip`, `radius`, `sort`, `stars`. Anything missing or
 * malformed falls back to the default (the page shows what was used), so a shared link never fails.
 */
export function parseFindCareQuery(params: URLSearchParams) {
  const zip = params.get('zip')?.trim() ?? ''
  const radius = Number(params.get('radius'))
  const stars = Number(params.get('stars'))
  const sort = params.get('sort') as SortKey
  return {
    procedure: params.get('procedure')?.trim() || null,
    zip: /^\d{5}$/.test(zip) ? zip : null,
    zipError: zip !== '' && !/^\d{5}$/.test(zip) ? 'Enter a 5-digit ZIP code' : null,
    radiusMiles: (RADIUS_CHOICES as readonly number[]).includes(radius) ? radius : DEFAULT_RADIUS,
    sort: SORT_KEYS.includes(sort) ? sort : DEFAULT_SORT,
    minStars: Number.isInteger(stars) && stars >= 1 && stars <= 5 ? stars : null,
    /** `more` present: every result as a card; otherwise the first ones and a "Show more" link (issue 24). */
    more: params.has('more'),
  }
}
