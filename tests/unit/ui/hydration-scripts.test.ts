import { describe, expect, it } from 'vitest'
import { afterFirstPaint } from '~/ui/hydration-scripts'

// Issue 24: Remix's module script, made to fetch the page's chunks after the first paint.
// The script below has the shape Remix 2.17 writes with lazy route discovery (v3_lazyRouteDiscovery).
const remixScript = `;
import * as route0 from "/build/root-ABC.js";
import * as route1 from "/build/routes/member-DEF.js";
import * as route2 from "/build/routes/member.care._index-GHI.js";
window.__remixManifest = {"entry":{"module":"/build/entry.client-JKL.js","imports":[]},"routes":{}};
window.__remixRouteModules = {"root":route0,"routes/member":route1,"routes/member.care._index":route2};

import("/build/entry.client-JKL.js");`
const preloads = ['/build/entry.client-JKL.js', '/build/_shared/chunk-A.js', '/build/root-ABC.js']
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...body: string[]) => (...args: unknown[]) => Promise<unknown>

describe('afterFirstPaint', () => {
  it('waits for a frame, then preloads every chunk and imports the route modules before the entry', () => {
    const script = afterFirstPaint(remixScript, preloads)!
    expect(script).not.toBeNull()
    expect(script).not.toMatch(/^\s*import\s+\*/m)
    const order = ['requestAnimationFrame', 'modulepreload', 'import("/build/root-ABC.js")', 'import("/build/routes/member.care._index-GHI.js")', 'window.__remixRouteModules', 'import("/build/entry.client-JKL.js")']
    const positions = order.map((needle) => script.indexOf(needle))
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(script).toContain(JSON.stringify(preloads))
    expect(script).toContain('const [route0, route1, route2] = await Promise.all(')
  })

  it('runs: after the frame it adds one preload link per chunk, binds the route modules and imports the entry', async () => {
    const script = afterFirstPaint(remixScript, preloads)!
    const links: Array<{ rel: string; href: string }> = []
    const imported: string[] = []
    const window: Record<string, unknown> = {}
    let frame: (() => void) | undefined
    const body = script.replace(/\bimport\(/g, 'load(')
    const run = new AsyncFunction('requestAnimationFrame', 'setTimeout', 'document', 'window', 'load', body)(
      (callback: () => void) => (frame = callback),
      (callback: () => void, ms: number) => (ms === 0 ? callback() : undefined),
      { createElement: () => ({}), head: { append: (link: { rel: string; href: string }) => links.push(link) } },
      window,
      async (url: string) => (imported.push(url), { url }),
    )
    await Promise.resolve()
    expect(links).toEqual([]) // nothing before the frame
    frame!()
    await run
    expect(links.map((l) => [l.rel, l.href])).toEqual(preloads.map((href) => ['modulepreload', href]))
    expect(window.__remixRouteModules).toEqual({ root: { url: '/build/root-ABC.js' }, 'routes/member': { url: '/build/routes/member-DEF.js' }, 'routes/member.care._index': { url: '/build/routes/member.care._index-GHI.js' } })
    expect(imported.at(-1)).toBe('/build/entry.client-JKL.js')
  })

  it('leaves a script with any other static import (the manifest, the HMR runtime) as it is', () => {
    expect(afterFirstPaint(`import "/build/manifest-1.js";\n${remixScript}`, preloads)).toBeNull()
    expect(afterFirstPaint(`import "/@remix/hmr.js";\n${remixScript}`, preloads)).toBeNull()
    expect(afterFirstPaint('window.__remixRouteModules = {};\nimport("/build/entry.client-JKL.js");', preloads)).toBeNull()
  })
})
