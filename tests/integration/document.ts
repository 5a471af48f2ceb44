import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import * as entryServer from '~/entry.server'
import * as root from '~/root'

type RouteModule = Record<string, unknown>

/** One route of the test build: its id (as Remix names it), parent, URL path and source module. */
export interface DocumentRoute {
  id: string
  parentId?: string
  path?: string
  index?: boolean
  module: RouteModule
}

/**
 * A Remix request handler over the app's own entry.server, root and the given route modules
 * (imported from source, not from a stale build): a GET answers with the full server-rendered
 * HTML document, loader data streamed into it as Remix does in production.
 */
export function documentHandler(routes: readonly DocumentRoute[]) {
  const all = [{ id: 'root', path: '', module: root as RouteModule }, ...routes]
  const shape = (route: DocumentRoute) => ({
    id: route.id, parentId: route.id === 'root' ? undefined : (route.parentId ?? 'root'), path: route.path, index: route.index, caseSensitive: undefined,
  })
  const build = {
    mode: 'production',
    entry: { module: entryServer },
    routes: Object.fromEntries(all.map((route) => [route.id, { ...shape(route), module: route.module }])),
    assets: {
      entry: { module: '/build/entry.client.js', imports: [] },
      routes: Object.fromEntries(
        all.map((route) => [
          route.id,
          {
            ...shape(route), module: `/build/${route.id}.js`, imports: [], hasAction: 'action' in route.module, hasLoader: 'loader' in route.module,
            hasClientAction: false, hasClientLoader: false, hasErrorBoundary: 'ErrorBoundary' in route.module,
          },
        ]),
      ),
      url: '/build/manifest-test.js',
      version: 'test',
    },
    publicPath: '/build/',
    assetsBuildDirectory: 'public/build',
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true },
    isSpaMode: false,
  } as unknown as ServerBuild
  return createRequestHandler(build, 'production')
}
