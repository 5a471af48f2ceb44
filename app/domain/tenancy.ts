export type OrganizationKind = 'employer' | 'broker' | 'health_system' | 'platform' | 'coalition'
export type Role = 'employee' | 'employer_admin' | 'broker' | 'care_coordinator' | 'center_admin' | 'platform_admin' | 'coalition_admin'

/** The tenant a request acts on: every repository touching employer data filters by it. */
export interface EmployerScope {
  employerId: string
}

/** Who is acting: built from the session by the guard, passed down to services. */
export interface Actor {
  userId: string
  email: string
  displayName: string
  role: Role
  organizationId: string
  organizationKind: OrganizationKind
  organizationName: string
  /** Employees only: the roster row their account is bound to. */
  rosterMemberId: string | null
  /** Brokers only: employers that granted this broker firm access (and did not revoke it). */
  clientEmployerIds: readonly string[]
  /** The client address of the request (ADR 0011), for the audit log; null when unknown. */
  ip?: string | null
}

/**
 * One side of a contract (ADR 0016): the purchaser (an employer now, a coalition later) or the
 * health system; built by the guard from the actor, passed to contract services, which filter by it.
 */
export interface ContractParty {
  side: 'purchaser' | 'center'
  organizationId: string
}

/**
 * Who looks at a health system's value scorecard (issue 21): an employer (its own members give the
 * typical local prices), a broker (its granted clients may), or a health system (its own scorecard only).
 */
export type ScorecardViewer =
  | { kind: 'employer'; employerId: string }
  | { kind: 'broker'; clientEmployerIds: readonly string[] }
  | { kind: 'health_system'; healthSystemId: string }
