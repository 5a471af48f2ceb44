import { redirect } from '@remix-run/node'
import { getDb } from '~/db/client.server'
import { isOrganizationAdmin } from '~/db/repositories/invitations.server'
import { listGrantedEmployerIds } from '~/db/repositories/organizations.server'
import type { Actor, ContractParty, EmployerScope, ScorecardViewer } from '~/domain/tenancy'
import { clientIp } from '~/http/client-ip.server'
import { refuseOversizedForm } from '~/http/form-body.server'
import { logWarning } from '~/http/logger.server'
import { CROSS_ORIGIN_HEADER, CROSS_ORIGIN_REFUSAL } from '~/http/refusals'
import { forbidden, notFound } from '~/http/responses.server'
import { can, HOME_PATH, roleHasPermission, type Permission } from './permissions'
import { readSession } from './session.server'

/**
 * The one authorization choke point (STYLE §5, ADR 0005). Every loader and action starts with
 * one of these guards. It is the only code that reads the session.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * State-changing requests must come from our own pages (CSRF defence beside SameSite cookies).
 * Refused with the portal's 403 page (issue 18), logged; server.mjs marks a document POST from
 * another origin (CROSS_ORIGIN_HEADER) before Remix's own check would answer an empty 500. A form
 * declared over 64 KB is refused here too (413), whether or not the action would read it.
 */
export function requireSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return
  const expected = new URL(request.url).origin
  const marked = request.headers.get(CROSS_ORIGIN_HEADER)
  const origin = request.headers.get('Origin')
  const referer = request.headers.get('Referer')
  const sameOrigin = marked === null && (origin ? origin === expected : referer !== null && originOf(referer) === expected)
  if (sameOrigin) return refuseOversizedForm(request)
  logWarning('form from another origin refused', request, { origin: marked ?? origin ?? (referer === null ? null : originOf(referer)) })
  throw new Response(CROSS_ORIGIN_REFUSAL, { status: 403, statusText: 'Forbidden' })
}

/** The origin of a Referer, or null when it is not a URL. */
function originOf(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

/** The signed-in actor, or a redirect to sign-in that comes back here afterwards. */
export async function requireActor(request: Request): Promise<Actor> {
  requireSameOrigin(request)
  const actor = await getOptionalActor(request)
  if (!actor) {
    const url = new URL(request.url)
    const back = `${url.pathname}${url.search}`
    throw redirect(`/login?${new URLSearchParams({ redirectTo: back })}`)
  }
  return actor
}

/** The signed-in actor or null, for public pages that change with sign-in (the login page). */
export async function getOptionalActor(request: Request): Promise<Actor | null> {
  const row = await readSession(request)
  if (!row) return null
  const clientEmployerIds =
    row.role === 'broker' ? await listGrantedEmployerIds(getDb(), row.organizationId) : ([] as string[])
  return {
    userId: row.userId,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    organizationId: row.organizationId,
    organizationKind: row.organizationKind,
    organizationName: row.organizationName,
    rosterMemberId: row.rosterMemberId,
    clientEmployerIds,
    ip: clientIp(request),
  }
}

/** For data that is not any employer's (catalog, care queue, a health system's offers). */
export async function requirePermission(request: Request, permission: Permission): Promise<Actor> {
  const actor = await requireActor(request)
  if (!roleHasPermission(actor.role, permission)) throw forbidden(permission)
  return actor
}

/**
 * For employer data. Without `employerId`: the actor's own employer. With it (a broker's
 * client in the URL): that employer, if the actor may see it; another tenant is a 404 so
 * that nothing reveals it exists.
 */
export async function requireEmployerAccess(
  request: Request,
  permission: Permission,
  employerId?: string,
): Promise<{ actor: Actor; scope: EmployerScope }> {
  const actor = await requirePermission(request, permission)
  // Pages of "your own employer" are for people of an employer; a broker uses client URLs.
  if (employerId === undefined && actor.organizationKind !== 'employer') throw forbidden(permission)
  const scope: EmployerScope = { employerId: employerId ?? actor.organizationId }
  if (!can(actor, permission, scope)) throw notFound('Employer')
  return { actor, scope }
}

/**
 * For a value-based contract's pages (ADR 0016): the actor acts for its own organization on one
 * side, the purchaser or the health system (a center admin). The purchaser is an employer (an
 * employer admin, on /employer/contracts) or a coalition (its coalition admin, on
 * /coalition/contracts, issue 23); both act as the purchaser side. Contracts of other
 * organizations are then filtered out by the services (404).
 */
export async function requireContractParty(request: Request, portal: 'purchaser' | 'coalition' | 'center'): Promise<{ actor: Actor; party: ContractParty }> {
  if (portal === 'purchaser') {
    const { actor, scope } = await requireEmployerAccess(request, 'contract:write')
    return { actor, party: { side: 'purchaser', organizationId: scope.employerId } }
  }
  const actor = await requirePermission(request, 'contract:write')
  if (actor.organizationKind !== (portal === 'coalition' ? 'coalition' : 'health_system')) throw forbidden('contract:write')
  return { actor, party: { side: portal === 'coalition' ? 'purchaser' : 'center', organizationId: actor.organizationId } }
}

/**
 * For value scorecards (issue 21): employer admins and brokers see every health system's, a health
 * system's admin only its own (another one's is a 404, as if it did not exist). With
 * `healthSystemId`, the scorecard in the URL; without it, the list.
 */
export async function requireScorecardViewer(request: Request, healthSystemId?: string): Promise<{ actor: Actor; viewer: ScorecardViewer }> {
  const actor = await requirePermission(request, 'scorecard:read')
  if (actor.role === 'broker') return { actor, viewer: { kind: 'broker', clientEmployerIds: actor.clientEmployerIds } }
  if (actor.role === 'employer_admin' && actor.organizationKind === 'employer') return { actor, viewer: { kind: 'employer', employerId: actor.organizationId } }
  if (actor.role === 'center_admin' && actor.organizationKind === 'health_system') {
    if (healthSystemId !== undefined && healthSystemId !== actor.organizationId) throw notFound('Scorecard')
    return { actor, viewer: { kind: 'health_system', healthSystemId: actor.organizationId } }
  }
  throw forbidden('scorecard:read')
}

/** For a health system's own settings (issue 21: showing its reconciled results): its admin only; another health system's is a 404. */
export async function requireOwnHealthSystem(request: Request, permission: Permission, healthSystemId: string): Promise<Actor> {
  const actor = await requirePermission(request, permission)
  if (actor.organizationKind !== 'health_system') throw forbidden(permission)
  if (actor.organizationId !== healthSystemId) throw notFound('Health system')
  return actor
}

/**
 * For the Team page (issue 22): any staff of an organization reads its team; changing it (`manage`)
 * also needs the actor's membership to be an organization admin (memberships.is_organization_admin).
 */
export async function requireTeamAccess(request: Request, access: 'read' | 'manage'): Promise<{ actor: Actor; isOrganizationAdmin: boolean }> {
  const actor = await requirePermission(request, 'team:read')
  const admin = await isOrganizationAdmin(getDb(), actor.userId, actor.organizationId)
  if (access === 'manage' && !admin) throw forbidden('team:read')
  return { actor, isOrganizationAdmin: admin }
}

/**
 * For a coalition's pages (issue 23, ADR 0020): its admin, acting for its own coalition. Everything the
 * services read is then filtered by `coalitionId` (another coalition's rows are a 404).
 */
export async function requireCoalitionAdmin(request: Request): Promise<{ actor: Actor; coalitionId: string }> {
  const actor = await requirePermission(request, 'coalition:manage')
  if (actor.organizationKind !== 'coalition') throw forbidden('coalition:manage')
  return { actor, coalitionId: actor.organizationId }
}

/** For the login page: a signed-in visitor goes to their home instead. */
export async function redirectIfSignedIn(request: Request): Promise<void> {
  const actor = await getOptionalActor(request)
  if (actor) throw redirect(HOME_PATH[actor.role])
}
