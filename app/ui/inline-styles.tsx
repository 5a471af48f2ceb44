import { createContext, useContext } from 'react'

/**
 * The app's stylesheet, inlined into the document's head (issue 24: on a phone the separate
 * stylesheet was the one request between the HTML and the first paint). entry.server reads the
 * built file and provides its text; the browser keeps what the server sent (hydration does not
 * rewrite a <style>'s inner HTML, and the element's props never change afterwards).
 */
const InlineStylesContext = createContext<string | undefined>(undefined)
export const InlineStylesProvider = InlineStylesContext.Provider

/** The head's <style>: the CSS text on the server, an @import of the built file if it could not be read. */
export function AppStyles({ href }: { href: string }) {
  const text = useContext(InlineStylesContext)
  // On the client `text` is undefined and the server's content stays (suppressHydrationWarning: it differs on purpose).
  return <style suppressHydrationWarning dangerouslySetInnerHTML={{ __html: text ?? (typeof document === 'undefined' ? `@import url(${JSON.stringify(href)});` : '') }} />
}
