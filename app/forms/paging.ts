/**
 * The `?page=` of a paged list (issue 24: no list page shows more than one page of rows). Absent or
 * empty is page 1; anything but a whole number from 1 to MAX_PAGE is refused with a sentence saying
 * so, so a mistyped link gets a clear answer rather than some other page.
 */
export const MAX_PAGE = 100_000

export type PageParam = { ok: true; page: number } | { ok: false; error: string }

export function parsePageParam(params: URLSearchParams, name = 'page'): PageParam {
  const values = params.getAll(name)
  if (values.length > 1)
    return {
      ok: false,
      error: `Give one ${name} number, not ${values.length}.`,
    }
  const text = (values[0] ?? '').trim()
  if (text === '') return { ok: true, page: 1 }
  if (!/^\d{1,6}$/.test(text) || Number(text) < 1 || Number(text) > MAX_PAGE) {
    return {
      ok: false,
      error: `The page must be a whole number from 1 to ${MAX_PAGE.toLocaleString('en-US')} (the address had "${text.slice(0, 20)}").`,
    }
  }
  return { ok: true, page: Number(text) }
}

/** How many pages `total` rows make (at least one, so an empty list is page 1 of 1). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize))
}
