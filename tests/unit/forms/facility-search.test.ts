import { describe, expect, it } from 'vitest'
import { parseFacilitySearch, SEARCH_TEXT_TOO_LONG, SEARCH_TEXT_UNSEARCHABLE } from '~/forms/facility-search'

const parse = (query: string) => parseFacilitySearch(new URL(`http://portal.test/admin/facilities${query}`))

describe('the facility list query string', () => {
  it('takes search text of up to 100 characters, trimmed', () => {
    expect(parse(`?q=${'a'.repeat(100)}`)).toMatchObject({ q: 'a'.repeat(100), qError: null })
    expect(parse(`?q=${encodeURIComponent("  Mary's  ")}`)).toMatchObject({ q: "Mary's", qError: null })
    expect(parse(`?q=${encodeURIComponent(`  ${'a'.repeat(100)}  `)}`)).toMatchObject({ q: 'a'.repeat(100), qError: null })
  })

  it('refuses search text of 101 characters with a message instead of dropping it', () => {
    expect(parse(`?q=${'a'.repeat(101)}`)).toEqual({ q: 'a'.repeat(101), qError: SEARCH_TEXT_TOO_LONG, page: 1, listed: 'listed' })
    expect(SEARCH_TEXT_TOO_LONG).toBe('Search text is too long: use at most 100 characters.')
    expect(parse(`?q=${'x'.repeat(10_000)}`).qError).toBe(SEARCH_TEXT_TOO_LONG)
  })

  it('refuses search text with control characters, showing them as � in the field again', () => {
    expect(parse('?q=a%00b')).toMatchObject({ q: 'a\uFFFDb', qError: SEARCH_TEXT_UNSEARCHABLE })
    expect(parse('?q=%1B%5B31m')).toMatchObject({ q: '\uFFFD[31m', qError: SEARCH_TEXT_UNSEARCHABLE })
    expect(SEARCH_TEXT_UNSEARCHABLE).toBe('Search text contains characters that cannot be searched: type it again without them.')
  })

  it('treats empty or blank search text as no search', () => {
    expect(parse('?q=')).toMatchObject({ q: undefined, qError: null })
    expect(parse('?q=%20%20')).toMatchObject({ q: undefined, qError: null })
    expect(parse('')).toMatchObject({ q: undefined, qError: null })
  })

  it('keeps the other filters when the search text is refused', () => {
    expect(parse(`?q=${'a'.repeat(101)}&state=NY&stars=4&page=2&type=Acute%20Care%20Hospitals`)).toEqual({
      q: 'a'.repeat(101), qError: SEARCH_TEXT_TOO_LONG, state: 'NY', stars: 4, page: 2, type: 'Acute Care Hospitals', listed: 'listed',
    })
  })

  it('still lets malformed filters fall back to their default', () => {
    expect(parse('?state=New%20York&stars=9&page=-3&type=%00')).toEqual({ q: undefined, qError: null, page: 1, state: undefined, stars: undefined, type: undefined, listed: 'listed' })
    expect(parse('?stars=hacked&page=99999999999999999999')).toMatchObject({ stars: undefined, page: 1 })
    // Hospitals CMS still lists unless asked otherwise (issue 19).
    expect(parse('?listed=unlisted').listed).toBe('unlisted')
    expect(parse('?listed=everything').listed).toBe('listed')
  })
})
