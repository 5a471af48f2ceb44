import type { Actor, EmployerScope, Role } from '~/domain/tenancy'

/**
 * The role table (ADR 0005). Pure: the guard uses it to allow or deny, the UI to hide what a
 * role cannot do. Employer-scoped permissions are further limited to the actor's own employer
 * (or, for brokers, to employers that granted access) by `can`.
 */
export const PERMISSIONS = [
  'employer:read', // employer dashboard figures (counts, not names)
  'plan:read',
  'plan:write',
  'program:read',
  'program:write',
  'roster:read',
  'roster:write',
  'member:self', // an employee's own eligibility, program and cases
  'case:manage', // the care team's queue
  'client:read', // a broker's view of a client (counts and projections, never members)
  'broker:grant', // an employer admin grants or revokes a broker firm's access
  'scenario:write',
  'offer:write', // a health system's own offers
  'facility:read',
  'catalog:write', // procedures, facilities, price factors, imports
  'organization:manage',
  'billing:read',
  'billing:write',
  'ledger:manage', // the platform records payments received outside Stripe
  'audit:read',
  'contract:write', // a value-based contract's terms, sending and signing, for the admin of either side (ADR 0016): employer or coalition (issue 23), and health system
  'scorecard:read', // health systems' value scorecards: employers and brokers see every one, a health system its own (issue 21)
  'scorecard:publish', // a health system lets its reconciled contract results show on its scorecard, or withdraws them
  'team:read', // the people of one's own organization (issue 22); changing them also needs memberships.is_organization_admin
  'coalition:manage', // a coalition's admin: its member employers (invite, withdraw, end), its contracts and pooled reports (issue 23, ADR 0020)
  'coalition:join', // an employer admin accepts or declines a coalition's invitation and leaves a coalition (issue 23)
] as const
export type Permission = (typeof PERMISSIONS)[number]

export const GRANTS: Record<Role, readonly Permission[]> = {
  employee: ['member:self', 'facility:read'],
  employer_admin: [
    'employer:read', 'plan:read', 'plan:write', 'program:read', 'program:write', 'roster:read', 'roster:write',
    'facility:read', 'billing:read', 'billing:write', 'broker:grant', 'contract:write', 'scorecard:read', 'team:read',
    'coalition:join',
  ],
  broker: ['client:read', 'scenario:write', 'program:read', 'plan:read', 'facility:read', 'scorecard:read', 'team:read'],
  care_coordinator: ['case:manage', 'facility:read', 'team:read'],
  center_admin: ['offer:write', 'facility:read', 'contract:write', 'scorecard:read', 'scorecard:publish', 'team:read'],
  platform_admin: ['catalog:write', 'organization:manage', 'audit:read', 'facility:read', 'billing:read', 'ledger:manage', 'team:read'],
  coalition_admin: ['coalition:manage', 'contract:write', 'facility:read', 'team:read'],
}

/** Does the role carry the permission at all (regardless of which employer)? */
export function roleHasPermission(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission)
}

/**
 * May this actor use `permission` on this employer's data? Own employer for employees and
 * employer admins; granted clients for brokers; never for the other roles' employer data.
 */
export function can(actor: Actor, permission: Permission, scope: EmployerScope): boolean {
  if (!roleHasPermission(actor.role, permission)) return false
  switch (actor.role) {
    case 'employee':
    case 'employer_admin':
      return actor.organizationKind === 'employer' && actor.organizationId === scope.employerId
    case 'broker':
      return actor.clientEmployerIds.includes(scope.employerId)
    case 'care_coordinator':
    case 'center_admin':
    case 'platform_admin':
    case 'coalition_admin': // a coalition sees pooled figures, never a member employer's own data
      return false
  }
}

/** Where each role lands after sign-in. */
export const HOME_PATH: Record<Role, string> = {
  employee: '/member',
  employer_admin: '/employer',
  broker: '/broker',
  care_coordinator: '/coordinator',
  center_admin: '/center',
  platform_admin: '/admin',
  coalition_admin: '/coalition',
}

export const ROLE_LABEL: Record<Role, string> = {
  employee: 'Member',
  employer_admin: 'Employer admin',
  broker: 'Broker',
  care_coordinator: 'Care coordinator',
  center_admin: 'Health system',
  platform_admin: 'Platform admin',
  coalition_admin: 'Coalition admin',
}
