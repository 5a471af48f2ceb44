import path from 'node:path'
import { flatRoutes } from '@remix-run/dev/dist/config/flat-routes.js'
import { matchRoutes, type AgnosticRouteObject } from '@remix-run/router'
import { describe, expect, it } from 'vitest'

/*
 * The FHIR extract's URL ends in `.fhir.json`, which the JSON extract's pattern `:window.json`
 * also matches (with window "2026-Q1.fhir"). Remix ranks the two equally and keeps its manifest
 * order (longer route ids first), so the FHIR route wins; this builds the route tree the way the
 * Remix compiler does from app/routes and checks each extract URL reaches its own route with the
 * bare window key. It fails if a rename ever lets the JSON route take the FHIR URLs.
 */

interface ManifestRoute {
  id: string
  parentId?: string
  path?: string
  index?: boolean
}

function routeTree(): AgnosticRouteObject[] {
  const manifest = flatRoutes(path.resolve(import.meta.dirname, '../../../app'), ['**/.*']) as Record<string, ManifestRoute>
  const children = (parentId: string | undefined): AgnosticRouteObject[] =>
    Object.values(manifest)
      .filter((route) => route.parentId === parentId)
      .map((route) => (route.index ? { id: route.id, path: route.path, index: true } : { id: route.id, path: route.path, children: children(route.id) }))
  return [{ id: 'root', path: '', children: children('root') }]
}

const tree = routeTree()
const leafOf = (url: string) => {
  const leaf = matchRoutes(tree, url)?.at(-1)
  return leaf ? { id: leaf.route.id, params: leaf.params } : null
}

describe('extract URLs reach their own route', () => {
  it.each([
    ['employer', 'quarterly', '2026-Q1'],
    ['employer', 'monthly', '2026-03'],
    ['center', 'quarterly', '2026-Q4'],
    ['center', 'monthly', '2027-12'],
  ])('%s, %s window %s: .csv, .json and .fhir.json', (side, _cadence, window) => {
    const base = `/${side}/contracts/c-1/extracts/${window}`
    for (const [suffix, route] of [['.csv', '[.csv]'], ['.json', '[.json]'], ['.fhir.json', '[.fhir.json]']] as const) {
      expect(leafOf(`${base}${suffix}`), suffix).toEqual({ id: `routes/${side}.contracts.$contractId_.extracts.$window${route}`, params: { contractId: 'c-1', window } })
    }
  })
})
