import { Scripts } from '@remix-run/react'
import { Children, cloneElement, Fragment, isValidElement, type ReactElement, type ReactNode } from 'react'

type ScriptsProps = Parameters<typeof Scripts>[0]
type ElementProps = { rel?: string; href?: string; type?: string; children?: ReactNode; dangerouslySetInnerHTML?: { __html: string } }

/**
 * Remix's <Scripts>, with the page's JavaScript fetched after the first paint (issue 24).
 *
 * The page is rendered on the server and nothing on its first paint needs a script. Remix writes a
 * `modulepreload` link per chunk (about 30 on the search page, 135 KB gzipped) and a module script
 * that imports the route modules; the browser starts all of them while it parses the HTML, so on a
 * phone they share the network and the main thread with the document's first paint (Lighthouse
 * counts every script that finished before the paint as blocking it). Here the same elements are
 * rendered without the preload links, and the module script first waits for the next frame (the
 * first paint) and then adds the preload links itself, so all chunks still load in parallel, then
 * imports the route modules and the entry as Remix's script did. The data script
 * (`window.__remixContext`) is left as it is: the streamed loader data needs it at once.
 *
 * Calling `Scripts` as a function keeps its hooks in this component (the same hooks on every render).
 * The elements are the same on the server and in the browser, so hydration keeps the document (a
 * mismatch would make React render it anew in the browser, without the inlined stylesheet).
 */
export function HydrationScripts(props: ScriptsProps) {
  // The dev server's script also imports its HMR runtime: development keeps Remix's own elements.
  if (process.env.NODE_ENV === 'development') return <Scripts {...props} />
  return <DeferredScripts {...props} />
}

function DeferredScripts(props: ScriptsProps) {
  const rendered = Scripts(props)
  if (!rendered) return null
  const preloads: string[] = []
  const keep: ReactElement<ElementProps>[] = []
  const visit = (node: ReactNode) => {
    if (!isValidElement(node)) return
    const element = node as ReactElement<ElementProps>
    if (element.type === Fragment) return Children.forEach(element.props.children, visit)
    if (element.type === 'link' && element.props.rel === 'modulepreload' && element.props.href) preloads.push(element.props.href)
    else keep.push(element)
  }
  visit(rendered)
  // The same elements on the server and in the browser (whose module script is blank: it keeps the server's).
  // Should Remix's script ever have a shape afterFirstPaint does not know, it stays as it is: its static
  // imports still load every chunk, only later and without the preload links.
  return (
    <>
      {keep.map((element, index) => {
        const html = element.props.dangerouslySetInnerHTML?.__html
        const deferred = element.type === 'script' && element.props.type === 'module' && html?.trim() ? afterFirstPaint(html, preloads) : null
        return cloneElement(element, deferred === null ? { key: index } : { key: index, dangerouslySetInnerHTML: { __html: deferred } })
      })}
    </>
  )
}

const ROUTE_IMPORT = /^import \* as (route\d+) from ("[^"\n]+");$/gm

/** Remix's module script with its static imports made dynamic after the first paint; null if it has other imports. */
export function afterFirstPaint(script: string, preloads: readonly string[]): string | null {
  const routes: Array<{ name: string; url: string }> = []
  const rest = script.replace(ROUTE_IMPORT, (_, name: string, url: string) => {
    routes.push({ name, url })
    return ''
  })
  // Any other static import (the manifest without lazy route discovery, the dev server's HMR runtime): leave it.
  if (routes.length === 0 || /^\s*import\s+(?!\()/m.test(rest)) return null
  return [
    // The next frame, then a task: the first paint has happened. A hidden tab runs no frames: a timer covers it.
    'await new Promise((go) => { requestAnimationFrame(() => setTimeout(go, 0)); setTimeout(go, 1000) });',
    `for (const href of ${JSON.stringify(preloads)}) { const link = document.createElement("link"); link.rel = "modulepreload"; link.href = href; document.head.append(link) }`,
    `const [${routes.map((r) => r.name).join(', ')}] = await Promise.all([${routes.map((r) => `import(${r.url})`).join(', ')}]);`,
    rest.trim(),
  ].join('\n')
}
