import { describe, expect, it } from 'vitest'
import { can, GRANTS, HOME_PATH, PERMISSIONS, roleHasPermission } from '~/auth/permissions'
import type { Actor, Role } from '~/domain/tenancy'

const EMPLOYER_A = 'employer-a'
const EMPLOYER_B = 'employer-b'

function actor(role: Role, overrides: Partial<Actor> = {}): Actor {
  const organizationKind =
    role === 'employee' || role === 'employer_admin' ? 'employer' : role === 'broker' ? 'broker' : role === 'center_admin' ? 'health_system' : 'platform'
  return {
    userId: `user-${role}`,
    email: `${role}@example.com`,
    displayName: role,
    role,
    organizationId: organizationKind === 'employer' ? EMPLOYER_A : `org-${role}`,
    organizationKind,
    organizationName: 'Org',
    rosterMemberId: null,
    clientEmployerIds: [],
    ...overrides,
  }
}

describe('can(actor, permission, employer scope)', () => {
  const cases: Array<[string, Actor, Parameters<typeof can>[1], string, boolean]> = [
    ['employer admin, own employer, writes plans', actor('employer_admin'), 'plan:write', EMPLOYER_A, true],
    ['employer admin, other employer', actor('employer_admin'), 'plan:write', EMPLOYER_B, false],
    ['employer admin reads its roster', actor('employer_admin'), 'roster:read', EMPLOYER_A, true],
    ['employee reads own employer self data', actor('employee'), 'member:self', EMPLOYER_A, true],
    ['employee cannot write plans of own employer', actor('employee'), 'plan:write', EMPLOYER_A, false],
    ['employee of A on employer B', actor('employee'), 'member:self', EMPLOYER_B, false],
    ['broker on a granted client', actor('broker', { clientEmployerIds: [EMPLOYER_A] }), 'client:read', EMPLOYER_A, true],
    ['broker on a client that did not grant access', actor('broker', { clientEmployerIds: [EMPLOYER_A] }), 'client:read', EMPLOYER_B, false],
    ['broker never reads a roster, even of a client', actor('broker', { clientEmployerIds: [EMPLOYER_A] }), 'roster:read', EMPLOYER_A, false],
    ['broker cannot write a client program', actor('broker', { clientEmployerIds: [EMPLOYER_A] }), 'program:write', EMPLOYER_A, false],
    ['care coordinator has no employer-scoped rights', actor('care_coordinator'), 'employer:read', EMPLOYER_A, false],
    ['center admin has no employer-scoped rights', actor('center_admin'), 'program:read', EMPLOYER_A, false],
    ['platform admin does not read member rosters', actor('platform_admin'), 'roster:read', EMPLOYER_A, false],
    ["coalition admin has no member employer's own rights (pooled figures only)", actor('coalition_admin', { organizationKind: 'coalition' }), 'employer:read', EMPLOYER_A, false],
    ['coalition admin cannot manage an employer membership as the employer', actor('coalition_admin', { organizationKind: 'coalition' }), 'coalition:join', EMPLOYER_A, false],
    ["employer admin answers its own employer's coalition invitations", actor('employer_admin'), 'coalition:join', EMPLOYER_A, true],
    ["employer admin cannot answer another employer's", actor('employer_admin'), 'coalition:join', EMPLOYER_B, false],
    [
      'an employer admin whose organization is not an employer gets nothing',
      actor('employer_admin', { organizationKind: 'broker' }),
      'plan:read',
      EMPLOYER_A,
      false,
    ],
  ]
  it.each(cases)('%s', (_name, who, permission, employerId, expected) => {
    expect(can(who, permission, { employerId })).toBe(expected)
  })
})

describe('role grants', () => {
  it('gives every role a home and at least one permission', () => {
    for (const role of Object.keys(GRANTS) as Role[]) {
      expect(GRANTS[role].length).toBeGreaterThan(0)
      expect(HOME_PATH[role]).toMatch(/^\/[a-z]+$/)
    }
  })
  it('grants only known permissions', () => {
    for (const list of Object.values(GRANTS)) for (const permission of list) expect(PERMISSIONS).toContain(permission)
  })
  it.each([
    ['care_coordinator', 'case:manage', true],
    ['employer_admin', 'case:manage', false],
    ['center_admin', 'offer:write', true],
    ['broker', 'offer:write', false],
    ['platform_admin', 'catalog:write', true],
    ['employer_admin', 'catalog:write', false],
    ['employee', 'facility:read', true],
    ['coalition_admin', 'coalition:manage', true],
    ['employer_admin', 'coalition:manage', false],
    ['platform_admin', 'coalition:manage', false],
    ['employer_admin', 'coalition:join', true],
    ['broker', 'coalition:join', false],
    ['coalition_admin', 'contract:write', true], // the coalition signs contracts as purchaser (issue 23)
    ['coalition_admin', 'program:write', false], // adopting a network is the member employer's act
  ] as const)('%s has %s: %s', (role, permission, expected) => {
    expect(roleHasPermission(role, permission)).toBe(expected)
  })
})
