import type { OrganizationKind, Role } from '~/domain/tenancy'

/** How long an invitation link stays valid (issue 22). */
export const INVITATION_VALID_MS = 72 * 60 * 60 * 1000

/** The role of an organization's first admin, per kind. */
export const FIRST_ADMIN_ROLE: Record<Exclude<OrganizationKind, 'platform'>, Role> = {
  employer: 'employer_admin',
  broker: 'broker',
  health_system: 'center_admin',
  coalition: 'coalition_admin',
}

/** The roles an organization's admin may give a colleague, per kind of organization. */
export const TEAM_ROLES: Record<OrganizationKind, readonly Role[]> = {
  platform: ['platform_admin', 'care_coordinator'],
  employer: ['employer_admin'],
  broker: ['broker'],
  health_system: ['center_admin'],
  coalition: ['coalition_admin'],
}

export const ROLE_LABEL: Record<Role, string> = {
  employee: 'Member',
  employer_admin: 'Employer admin',
  broker: 'Broker',
  care_coordinator: 'Care coordinator',
  center_admin: 'Health system admin',
  platform_admin: 'Platform admin',
  coalition_admin: 'Coalition admin',
}

export function isRoleAllowedFor(kind: OrganizationKind, role: Role): boolean {
  return TEAM_ROLES[kind].includes(role)
}

/** Organization codes: 3–20 of A–Z, 0–9 and "-" (stored upper case; unique whatever the case). */
export const ORGANIZATION_CODE_PATTERN = /^[A-Z0-9-]{3,20}$/

/** Why an invitation link cannot be used, or null when it can. */
export type InvitationState = 'open' | 'accepted' | 'expired' | 'revoked'
export function invitationState(invitation: { acceptedAt: string | null; revokedAt: string | null; expiresAt: string }, now: Date): InvitationState {
  if (invitation.acceptedAt) return 'accepted'
  if (invitation.revokedAt) return 'revoked'
  if (now.toISOString() > invitation.expiresAt) return 'expired'
  return 'open'
}
