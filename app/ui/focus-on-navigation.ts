import { useLocation } from '@remix-run/react'
import { useEffect } from 'react'

/**
 * After a client-side move to another page, focus goes to the main region (WCAG 2.4.3), as a
 * full page load would put a screen reader at the top of the new page. A new search on the same
 * page (only the query changes) keeps focus where it is: its results are announced instead.
 */
export function useFocusMainOnNewPage() {
  const { pathname } = useLocation()
  useEffect(() => {
    // The first page of a visit was loaded by the browser, which already starts at the top.
    if (!pageLoadedInBrowser) {
      pageLoadedInBrowser = true
      return
    }
    document.getElementById('main')?.focus()
  }, [pathname])
}
let pageLoadedInBrowser = false
