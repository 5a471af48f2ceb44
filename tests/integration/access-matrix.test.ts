import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import {
  ACCESS_MATRIX,
  GLOBAL_PARAMS,
  ROLE_NAMES,
  ROLES,
  SCOPED_PARAMS,
  SIDE_NAMES,
  type HandlerRow,
  type MatrixRole,
  type Outcome,
  type RouteRow,
  type Side,
  isSided,
  outcomeFor,
  USER_OF,
} from './access-matrix'
import { loadRouteModules, paramsOf, urlOf } from './route-files'
import { cookieFor, getRequest, ORIGIN, statusOf } from './support'
import { createAccessFixtures, createTwoTenants, type AccessFixtures, type SideIds, type TwoTenants } from './tenants'

/**
 * The access matrix (STYLE §5, ADR 0005): every loader and action of every file in app/routes,
 * as every role, on its own and another organization's data, through the real guards, services
 * and database. The expected outcomes are the table in ./access-matrix.ts.
 */

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => Promise<unknown>
type Method = 'GET' | 'POST'
interface RouteModule {
  loader?: Handler
  action?: Handler
}

const modules = await loadRouteModules<RouteModule>()

const isScoped = (routeId: string, row: HandlerRow) => paramsOf(routeId).some((p) => (SCOPED_PARAMS as readonly string[]).includes(p)) || row.query !== undefined
function sidesOf(routeId: string, row: HandlerRow): Array<Side | null> {
  if (!isScoped(routeId, row)) return [null]
  const crossed = Object.values(row.roles).some((e) => isSided(e) && e.crossed !== undefined)
  return crossed ? ['own', 'foreign', 'crossed'] : ['own', 'foreign']
}

function describeOutcome(outcome: Outcome): string {
  if (outcome === 'login') return 'sign-in'
  if (typeof outcome !== 'object') return String(outcome)
  const location = 'redirect' in outcome ? outcome.redirect : outcome.redirectStartsWith
  return `redirect to ${typeof location === 'string' ? location : 'its page'}${'redirect' in outcome ? '' : '…'}`
}
const isDenial = (outcome: Outcome) => typeof outcome !== 'object' && outcome !== 200

interface MatrixCase {
  role: MatrixRole
  side: Side | null
  outcome: Outcome
  name: string
}
interface HandlerGroup {
  title: string
  routeId: string
  method: Method
  handler: Handler
  row: HandlerRow
  route: RouteRow
  cases: MatrixCase[]
}

const groups: HandlerGroup[] = []
for (const [routeId, module] of modules) {
  const route = ACCESS_MATRIX[routeId]
  if (!route) continue // reported by the coverage test below
  for (const [method, handler, row] of [
    ['GET', module.loader, route.loader],
    ['POST', module.action, route.action],
  ] as const) {
    if (!handler || !row) continue
    const cases = ROLES.flatMap((role) =>
      sidesOf(routeId, row).map((side) => {
        const outcome = outcomeFor(row.roles[role], side)
        return { role, side, outcome, name: `${ROLE_NAMES[role]}${side ? `, ${SIDE_NAMES[side]}` : ''} → ${describeOutcome(outcome)}` }
      }),
    )
    groups.push({ title: `${method} ${routeId}${route.public ? ` (public: ${route.public})` : ''}`, routeId, method, handler, row, route, cases })
  }
}

describe('the access matrix covers the route list', () => {
  it('has a row for every route file with a loader or action', () => {
    const missing = [...modules].filter(([routeId, m]) => (m.loader || m.action) && !ACCESS_MATRIX[routeId]).map(([routeId]) => routeId)
    expect(missing, `routes with a loader or action but no row in tests/integration/access-matrix.ts: ${missing.join(', ')}`).toEqual([])
  })

  it('has no row for a route that no longer exists', () => {
    const stale = Object.keys(ACCESS_MATRIX).filter((routeId) => !modules.has(routeId))
    expect(stale, `rows in tests/integration/access-matrix.ts for routes that no longer exist in app/routes: ${stale.join(', ')}`).toEqual([])
  })

  it("has a loader row exactly where the route exports a loader, and an action row where it exports an action", () => {
    const problems: string[] = []
    for (const [routeId, route] of Object.entries(ACCESS_MATRIX)) {
      const module = modules.get(routeId)
      if (!module) continue
      for (const kind of ['loader', 'action'] as const) {
        if (module[kind] && !route[kind]) problems.push(`${routeId} exports a ${kind} but its row has none`)
        if (!module[kind] && route[kind]) problems.push(`${routeId} has a ${kind} row but exports no ${kind}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('marks as public exactly the routes a signed-out visitor gets anything but sign-in from', () => {
    const problems: string[] = []
    for (const [routeId, route] of Object.entries(ACCESS_MATRIX)) {
      const open = [route.loader, route.action].some((row) => row && outcomeFor(row.roles.signedOut, 'own') !== 'login')
      if (open && !route.public) problems.push(`${routeId} is reachable signed out: say why in its row's \`public\``)
      if (!open && route.public) problems.push(`${routeId} is marked public but sends signed-out visitors to sign-in`)
    }
    expect(problems).toEqual([])
  })

  it('knows every URL parameter, and gives per-side outcomes only where the URL names an organization', () => {
    const problems: string[] = []
    const known = [...SCOPED_PARAMS, 'facilityId', 'procedureId', 'kind', 'window', 'token']
    for (const [routeId, route] of Object.entries(ACCESS_MATRIX)) {
      for (const param of paramsOf(routeId)) if (!known.includes(param)) problems.push(`${routeId}: unknown parameter $${param} (add it to SCOPED_PARAMS or GLOBAL_PARAMS)`)
      for (const row of [route.loader, route.action]) {
        if (row && !isScoped(routeId, row) && Object.values(row.roles).some(isSided)) problems.push(`${routeId}: own/foreign outcomes on a route without an organization's id`)
      }
    }
    expect(problems).toEqual([])
  })
})

let t: TwoTenants
let fx: AccessFixtures
const cookies = {} as Record<Exclude<MatrixRole, 'signedOut'>, string>
let tables: Array<{ name: string; hasUpdatedAt: boolean }> = []

beforeAll(async () => {
  const db = getDb()
  t = await createTwoTenants(db)
  fx = await createAccessFixtures(db, t)
  for (const [role, user] of Object.entries(USER_OF)) cookies[role as keyof typeof cookies] = await cookieFor(t.users[user])
  const schema = process.env.DATABASE_SCHEMA
  tables = (await db.introspection.getTables())
    .filter((table) => !table.isView && (!schema || table.schema === schema))
    .filter((table) => !table.name.startsWith('kysely_') && table.name !== 'sessions') // sessions: touched by every signed-in request
    .map((table) => ({ name: table.name, hasUpdatedAt: table.columns.some((c) => c.name === 'updated_at') }))
  expect(tables.map((table) => table.name)).toContain('audit_log')
})

/** Row count and newest update of every table but sessions, in one query: a denied request must change neither. */
async function snapshot(): Promise<Record<string, string>> {
  const parts = tables.map(
    (table) => sql`select ${sql.lit(table.name)} as t, count(*) as n, ${table.hasUpdatedAt ? sql`max(${sql.ref('updated_at')})` : sql`cast(null as text)`} as u from ${sql.table(table.name)}`,
  )
  const { rows } = await sql<{ t: string; n: number | string; u: string | null }>`${sql.join(parts, sql` union all `)}`.execute(getDb())
  return Object.fromEntries(rows.map((row) => [row.t, `${Number(row.n)} rows, newest update ${row.u ?? '-'}`]))
}

function postRequest(url: string, form: ReadonlyArray<readonly [string, string]>, cookie?: string): Request {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN }
  if (cookie) headers.Cookie = cookie
  return new Request(`${ORIGIN}${url}`, { method: 'POST', headers, body: new URLSearchParams(form.map(([k, v]) => [k, v])).toString() })
}

describe.each(groups.map((group) => [group.title, group] as const))('%s', (_title, { routeId, method, handler, row, route, cases }) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, { role, side, outcome }) => {
    const ids: SideIds = fx[side ?? 'own']
    const values: Record<string, string> = { ...GLOBAL_PARAMS(fx), ...ids }
    const params = Object.fromEntries(paramsOf(routeId).map((p) => [p, values[p]!]))
    const url = `${urlOf(routeId, values)}${row.query ? `?${row.query(ids)}` : ''}`
    const cookie = role === 'signedOut' ? undefined : route.endsSession ? await cookieFor(t.users[USER_OF[role]]) : cookies[role]
    const request = method === 'GET' ? getRequest(url, cookie) : postRequest(url, row.form?.(ids, fx) ?? [], cookie)

    const before = isDenial(outcome) ? await snapshot() : null
    const result = await statusOf(handler, request, params)
    const got = { status: result.status, location: result.location }
    if (outcome === 'login') {
      expect(got).toEqual({ status: 302, location: `/login?${new URLSearchParams({ redirectTo: url })}` })
    } else if (typeof outcome === 'object' && 'redirect' in outcome) {
      expect(got).toEqual({ status: 302, location: typeof outcome.redirect === 'string' ? outcome.redirect : outcome.redirect(ids) })
    } else if (typeof outcome === 'object') {
      const prefix = typeof outcome.redirectStartsWith === 'string' ? outcome.redirectStartsWith : outcome.redirectStartsWith(ids)
      expect(got.status).toBe(302)
      expect(got.location?.startsWith(prefix), `redirect to ${got.location}, expected one starting with ${prefix}`).toBe(true)
    } else {
      expect(got, `${method} ${url}`).toMatchObject({ status: outcome })
    }
    if (before) expect(await snapshot(), 'a denied or invalid request changed the database').toEqual(before)
  })
})
