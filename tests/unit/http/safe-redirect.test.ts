import { describe, expect, it } from 'vitest'
import { safeRedirect } from '~/http/responses.server'

// Issue 18, finding 1: after sign-in only a path of this site is followed.
describe('safeRedirect', () => {
  it.each([
    ['a page', '/employer/roster', '/employer/roster'],
    ['a page with a query and fragment', '/member/care?procedure=TKA&radius=100#results', '/member/care?procedure=TKA&radius=100#results'],
    ['dot segments that stay on the site', '/employer/../member', '/member'],
    ['a space, encoded as the browser would send it', '/facilities?q=Saint Mary', '/facilities?q=Saint%20Mary'],
  ])('keeps %s', (_name, to, expected) => {
    expect(safeRedirect(to, '/home')).toBe(expected)
  })

  it.each([
    ['a tab between slashes (Chromium strips it: //127.0.0.1:9/phish)', '/\t/127.0.0.1:9/phish'],
    ['a newline between slashes (was a 500: invalid header)', '/\n/127.0.0.1:9/phish'],
    ['a carriage return between slashes (was a 500)', '/\r/127.0.0.1:9/phish'],
    ['a NUL', '/member\u0000'],
    ['a C1 control character', '/member\u0085'],
    ['a DEL', '/member\u007F'],
    ['a protocol-relative URL', '//evil.example/x'],
    ['a backslash that browsers read as a slash', '/\\evil.example/x'],
    ['an absolute URL', 'https://evil.example/x'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['dot segments that climb to two slashes', '/..//evil.example/x'],
    ['a relative path', 'member/care'],
    ['an empty value', ''],
    ['a path longer than any page of the site', `/${'a'.repeat(2_100)}`],
  ])('refuses %s', (_name, to) => {
    expect(safeRedirect(to, '/home')).toBe('/home')
  })

  it('refuses what is not text (a file field)', () => {
    expect(safeRedirect(new File(['x'], 'x.txt'), '/home')).toBe('/home')
    expect(safeRedirect(null, '/home')).toBe('/home')
  })
})
