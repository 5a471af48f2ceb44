import fs from 'node:fs'
import path from 'node:path'

/** The route files of app/routes, their URL parameters and URLs (Remix flat-route conventions), for tests that go through every route. */

const ROUTES_DIR = path.resolve(import.meta.dirname, '../../app/routes')

/** Route files (flat files, or folders with a route module inside), by route id. */
export function routeFiles(): Map<string, string> {
  const found = new Map<string, string>()
  for (const entry of fs.readdirSync(ROUTES_DIR, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      const inside = ['route.tsx', 'route.ts', 'route.jsx', 'route.js'].find((name) => fs.existsSync(path.join(ROUTES_DIR, entry.name, name)))
      if (inside) found.set(entry.name, path.join(ROUTES_DIR, entry.name, inside))
    } else if (/\.(tsx?|jsx?)$/.test(entry.name)) {
      found.set(entry.name.replace(/\.(tsx?|jsx?)$/, ''), path.join(ROUTES_DIR, entry.name))
    }
  }
  return found
}

/** A route id split into URL segments, dots inside [] escaped: 'employer.exports.$kind[.csv]' → ['employer', 'exports', '$kind[.csv]']. */
function segmentsOf(routeId: string): string[] {
  return routeId.match(/(?:[^.[]|\[[^\]]*\])+/g) ?? []
}

/** The route's URL parameters. */
export function paramsOf(routeId: string): string[] {
  return segmentsOf(routeId).flatMap((segment) => (segment.startsWith('$') ? [/^\$([A-Za-z0-9]+)/.exec(segment)![1]!] : []))
}

/** The URL of a route id with these parameter values (Remix flat-route conventions). */
export function urlOf(routeId: string, values: Record<string, string>): string {
  const parts = segmentsOf(routeId).flatMap((raw) => {
    const segment = raw.endsWith('_') ? raw.slice(0, -1) : raw // `name_`: out of the parent layout, same URL segment
    if (segment === '_index' || segment.startsWith('_')) return [] // index route, pathless layout
    const unescaped = (text: string) => text.replace(/\[([^\]]*)\]/g, '$1')
    const param = /^\$([A-Za-z0-9]+)(.*)$/.exec(segment)
    if (param) return [`${values[param[1]!]}${unescaped(param[2]!)}`]
    return [unescaped(segment)]
  })
  return `/${parts.join('/')}`
}

/** Every route module, by route id. */
export async function loadRouteModules<M>(): Promise<Map<string, M>> {
  const modules = new Map<string, M>()
  for (const [routeId, file] of routeFiles()) modules.set(routeId, (await import(file)) as M)
  return modules
}
