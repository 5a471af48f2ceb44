import type { AccessFixtures, SideIds } from './tenants'

/**
 * The allow/deny table of every loader and action (STYLE §5, ADR 0005, DESIGN §8), read by
 * access-matrix.test.ts, which generates one test per route × method × role × side from the
 * files in app/routes. A route file with a loader or action and no row here fails that test,
 * and so does a row whose route file is gone.
 *
 * Each row is keyed by the route's file name without extension (its Remix route id). The URL is
 * built from that name; its parameters come from the side's ids (organization-scoped ones) or
 * from GLOBAL_PARAMS (catalog ids that belong to nobody).
 *
 * Sides, for routes with an organization-scoped id in the URL (or in the query):
 * - own: the actor's own data (employer A; the broker firm's scenarios and proposal for A, a client
 *   that granted it; Ada's case; the health system's own offer, which is in A's network);
 * - foreign: another organization's (employer B; another firm's work for B; Bea's case; another
 *   health system's offer, in B's network only);
 * - crossed (only where a row names it): the actor's own organization in the URL around someone
 *   else's object (another firm's scenario or proposal for client A; another A member's case).
 * Routes without such an id run once, on no side.
 */

export const ROLES = ['signedOut', 'employee', 'employerAdmin', 'broker', 'coordinator', 'center', 'platform', 'coalition'] as const
export type MatrixRole = (typeof ROLES)[number]
/** The user of the two tenants (tenants.ts) each signed-in role is played by. */
export const USER_OF = { employee: 'employeeA', employerAdmin: 'adminA', broker: 'broker', coordinator: 'coordinator', center: 'center', platform: 'platform', coalition: 'coalition' } as const

export const ROLE_NAMES: Record<MatrixRole, string> = {
  signedOut: 'signed out',
  employee: 'member (employee of A)',
  employerAdmin: 'employer admin (A)',
  broker: 'broker (granted by A)',
  coordinator: 'care coordinator',
  center: 'health-system user',
  platform: 'platform admin',
  coalition: 'coalition admin',
}

export const SIDES = ['own', 'foreign', 'crossed'] as const
export type Side = (typeof SIDES)[number]
export const SIDE_NAMES: Record<Side, string> = {
  own: "own organization's data",
  foreign: "another organization's data",
  crossed: "own organization, someone else's object",
}

/** URL parameters that name an organization's data: they get a value per side. */
export const SCOPED_PARAMS = ['employerId', 'planId', 'programId', 'proposalId', 'scenarioId', 'caseId', 'offerId', 'importId', 'memberId', 'contractId', 'periodId', 'healthSystemId', 'documentId'] as const satisfies ReadonlyArray<keyof SideIds>

/** The extract window of today's quarter: the own contract's period starts this quarter, its cadence is quarterly (tenants.ts). */
const thisQuarter = () => {
  const today = new Date().toISOString()
  return `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`
}

/** URL parameters that name nobody's data (the catalog, a kind of export, an extract window). */
export const GLOBAL_PARAMS = (fx: AccessFixtures): Record<string, string> => ({ facilityId: fx.facilityId, procedureId: fx.procedureId, kind: 'cases', window: thisQuarter(), token: 'not-a-real-invitation-token' })

/**
 * What a request gets:
 * - 200, or 400 (a validation answer to a POST, e.g. an empty form), 405, 422: that status;
 * - 409: the request is allowed but refused as things stand (the Transparency in Coverage file
 *   while network offers lack TIN/NPI): checked like a denial, the database must not change;
 * - 403: the role lacks the permission; 404: another organization's data (or none);
 * - 'login': 302 to /login?redirectTo=<this URL>;
 * - { redirect }: the normal success redirect to exactly this Location;
 * - { redirectStartsWith }: the same, to a Location that starts with this (a new object's page).
 */
type Location = string | ((ids: SideIds) => string)
export type Outcome = 200 | 400 | 403 | 404 | 405 | 409 | 422 | 'login' | { redirect: Location } | { redirectStartsWith: Location }
/** One outcome for every side, or one per side (crossed, when given, also makes the crossed side run). */
export type Expectation = Outcome | { own: Outcome; foreign: Outcome; crossed?: Outcome }

export const isSided = (expectation: Expectation): expectation is Exclude<Expectation, Outcome> => typeof expectation === 'object' && 'own' in expectation

/** The outcome of an expectation on a side (none: the route names no organization). */
export function outcomeFor(expectation: Expectation, side: Side | null): Outcome {
  if (!isSided(expectation)) return expectation
  if (side === 'crossed') return expectation.crossed ?? expectation.foreign
  return expectation[side ?? 'own']
}

export type FormFields = ReadonlyArray<readonly [string, string]>

export interface HandlerRow {
  roles: Record<MatrixRole, Expectation>
  /**
   * The POST body (url-encoded; empty when absent). Denied cases use it too, so where the action
   * would write with it, a missing check would show in the database snapshot.
   */
  form?: (ids: SideIds, fx: AccessFixtures) => FormFields
  /** A query string (without "?"), when the page takes its ids there. */
  query?: (ids: SideIds) => string
}

export interface RouteRow {
  /** Public routes say why (they are reachable signed out by design). */
  public?: string
  loader?: HandlerRow
  action?: HandlerRow
  /** The action signs the user out: run each case on a fresh session. */
  endsSession?: boolean
}

const HOME = {
  employee: { redirect: '/member' },
  employerAdmin: { redirect: '/employer' },
  broker: { redirect: '/broker' },
  coordinator: { redirect: '/coordinator' },
  center: { redirect: '/center' },
  platform: { redirect: '/admin' },
  coalition: { redirect: '/coalition' },
} as const

/** Everyone gets the same outcome. */
const everyone = (outcome: Outcome): Record<MatrixRole, Expectation> => Object.fromEntries(ROLES.map((role) => [role, outcome])) as Record<MatrixRole, Expectation>

/** Denied by default: signed out → sign-in, every other role → 403; `allowed` lists the exceptions. */
const only = (allowed: Partial<Record<MatrixRole, Expectation>>): Record<MatrixRole, Expectation> => ({ ...everyone(403), signedOut: 'login', ...allowed })

/** A signed-out page: visitors see it, a signed-in user goes to their role's home. */
const signedOutPage = (): Record<MatrixRole, Expectation> => ({ signedOut: 200, ...HOME })

const f = (...pairs: Array<readonly [string, string]>): FormFields => pairs

/** A valid plan; its name differs per plan, so the one-name-per-employer rule never answers first. */
const validPlan = (ids: SideIds) => f(
  ['name', `Matrix PPO ${ids.planId.slice(-6)}`], ['planType', 'PPO'], ['deductibleIndividualCents', '2000'], ['deductibleFamilyCents', '4000'], ['coinsuranceRate', '30'],
  ['oopMaxIndividualCents', '6000'], ['oopMaxFamilyCents', '12000'],
)

export const ACCESS_MATRIX: Record<string, RouteRow> = {
  // Public
  '_index': { public: 'the home page', loader: { roles: signedOutPage() } },
  '_auth.login': { public: 'sign-in', loader: { roles: signedOutPage() }, action: { roles: everyone(400) } },
  '_auth.signup': { public: 'sign-up', loader: { roles: signedOutPage() }, action: { roles: everyone(400) } },
  'healthz': { public: "the load balancer's health check", loader: { roles: everyone(200) } },
  'logout': {
    public: 'signing out (a GET only goes home)',
    loader: { roles: everyone({ redirect: '/' }) },
    action: { roles: everyone({ redirect: '/login' }) },
    endsSession: true,
  },
  'language': {
    public: "the language switch (a cookie; a member's choice is also kept on the account)",
    loader: { roles: everyone({ redirect: '/' }) },
    action: { roles: everyone({ redirect: '/' }) },
  },
  'webhooks.stripe': {
    public: "Stripe's webhook: the signature is the credential",
    loader: { roles: everyone(405) },
    action: { roles: everyone(400), form: () => f(['type', 'invoice.paid']) },
  },

  // Facility pages: every signed-in role, nobody signed out.
  'facilities.$facilityId': {
    loader: { roles: { ...everyone(200), signedOut: 'login' } },
  },

  // Member
  'member._index': { loader: { roles: only({ employee: 200 }) } },
  'member.care._index': { loader: { roles: only({ employee: 200 }) } },
  'member.care.$offerId': {
    loader: { roles: only({ employee: { own: 200, foreign: 404 } }) },
    action: {
      roles: only({ employee: { own: { redirectStartsWith: '/member/cases/' }, foreign: 404 } }),
      form: () => f(['contactPreference', 'email'], ['contactEmail', 'member@example.com']),
    },
  },
  'member.cases._index': { loader: { roles: only({ employee: 200 }) } },
  'member.cases.$caseId_.documents.$documentId': { loader: { roles: only({ employee: { own: 200, foreign: 404, crossed: 404 } }) } },
  'member.cases.$caseId': {
    loader: { roles: only({ employee: { own: 200, foreign: 404, crossed: 404 } }) },
    action: {
      roles: only({ employee: { own: { redirectStartsWith: '/member/cases/' }, foreign: 404, crossed: 404 } }),
      form: () => f(['intent', 'message'], ['body', 'Matrix probe']),
    },
  },

  // Employer admin
  'employer._index': { loader: { roles: only({ employerAdmin: 200 }) } },
  'employer.dashboard': { loader: { roles: only({ employerAdmin: 200 }) } },
  'employer.savings-method': { loader: { roles: only({ employerAdmin: 200 }) } },
  // A job makes the file (ADR 0029): the download leads to the dashboard until it is prepared; POST asks for it.
  'employer.exports.$kind[.csv]': {
    loader: { roles: only({ employerAdmin: { redirect: '/employer/dashboard#exports-heading' } }) },
    action: { roles: only({ employerAdmin: { redirect: '/employer/dashboard#exports-heading' } }) },
  },
  'employer.exports.$kind[.method.txt]': { loader: { roles: only({ employerAdmin: 200 }) } },
  // Issue 23: the fixture's network offer has no TIN/NPI and employer A no EIN, so the file is refused (409) and nothing is audited.
  'employer.transparency': { loader: { roles: only({ employerAdmin: 200 }) }, action: { roles: only({ employerAdmin: 400 }) } },
  'employer.transparency_.in-network-rates[.json]': { loader: { roles: only({ employerAdmin: 409 }) } },
  'employer.billing': { loader: { roles: only({ employerAdmin: 200 }) }, action: { roles: only({ employerAdmin: 400 }) } },
  'employer.brokers': {
    loader: { roles: only({ employerAdmin: 200 }) },
    action: {
      roles: only({ employerAdmin: { redirect: '/employer/brokers' } }),
      form: (_ids, fx) => f(['brokerId', fx.brokerOrganizationId], ['intent', 'grant']),
    },
  },
  'employer.plans._index': { loader: { roles: only({ employerAdmin: 200 }) } },
  'employer.plans.new': { loader: { roles: only({ employerAdmin: 200 }) }, action: { roles: only({ employerAdmin: 400 }) } },
  'employer.plans.$planId': {
    loader: { roles: only({ employerAdmin: { own: 200, foreign: 404 } }) },
    action: { roles: only({ employerAdmin: { own: { redirect: '/employer/plans' }, foreign: 404 } }), form: validPlan },
  },
  // The programs list; its action adopts a coalition contract's network (issue 23). The probe's contract is A's own employer
  // contract, not a coalition's: A (a coalition member) is refused with the specific message (422), nothing written.
  'employer.programs._index': {
    loader: { roles: only({ employerAdmin: 200 }) },
    action: { roles: only({ employerAdmin: 422 }), form: (ids) => f(['intent', 'adopt-coalition-network'], ['contractId', ids.contractId]) },
  },
  // A member employer's own shares of its coalitions' settlements (issue 23).
  'employer.coalition-settlements': { loader: { roles: only({ employerAdmin: 200 }) } },
  'employer.programs.new': { loader: { roles: only({ employerAdmin: 200 }) }, action: { roles: only({ employerAdmin: 400 }) } },
  'employer.programs.$programId': {
    loader: { roles: only({ employerAdmin: { own: 200, foreign: 404 } }) },
    action: {
      roles: only({ employerAdmin: { own: { redirect: (ids) => `/employer/programs/${ids.programId}#network` }, foreign: 404 } }),
      form: (ids) => f(['intent', 'network'], ['offerIds', ids.offerId]),
    },
  },
  'employer.programs.$programId_.network': {
    loader: { roles: only({ employerAdmin: { own: 200, foreign: 404 } }) },
    action: {
      roles: only({ employerAdmin: { own: { redirect: (ids) => `/employer/programs/${ids.programId}#network` }, foreign: 404 } }),
      form: (ids) => f(['intent', 'network'], ['offerIds', ids.offerId]),
    },
  },
  'employer.programs.$programId_.preview': { loader: { roles: only({ employerAdmin: { own: 200, foreign: 404 } }) } },
  // The FHIR Plan-Net bundle of the newest published version (issue 23, ADR 0017): guarded like the program page.
  'employer.programs.$programId_.plan-net[.json]': { loader: { roles: only({ employerAdmin: { own: 200, foreign: 404 } }) } },
  'employer.proposals._index': { loader: { roles: only({ employerAdmin: 200 }) } },
  'employer.proposals.$proposalId': {
    // Any firm's proposal shared with A is A's to read and adopt (crossed: another firm's).
    loader: { roles: only({ employerAdmin: { own: 200, foreign: 404, crossed: 200 } }) },
    action: { roles: only({ employerAdmin: { own: { redirectStartsWith: '/employer/programs/' }, foreign: 404, crossed: { redirectStartsWith: '/employer/programs/' } } }) },
  },
  'employer.proposals.$proposalId[.pdf]': { loader: { roles: only({ employerAdmin: { own: 200, foreign: 404, crossed: 200 } }) } },
  'employer.roster': { loader: { roles: only({ employerAdmin: 200 }) }, action: { roles: only({ employerAdmin: 422 }) } },
  'employer.roster_.template[.csv]': { loader: { roles: only({ employerAdmin: 200 }) } },
  'employer.roster_.imports.$importId': {
    loader: { roles: only({ employerAdmin: { own: 200, foreign: 404 } }) },
    action: { roles: only({ employerAdmin: { own: 422, foreign: 404 } }) },
  },
  'employer.roster_.imports.$importId_.difference[.csv]': { loader: { roles: only({ employerAdmin: { own: 200, foreign: 404 } }) } },
  'employer.roster_.imports.$importId_.report[.csv]': { loader: { roles: only({ employerAdmin: { own: 200, foreign: 404 } }) } },
  'employer.roster_.imports.$importId_.999[.x12]': { loader: { roles: only({ employerAdmin: { own: 200, foreign: 404 } }) } },
  // Value-based contracts (issue 21): each side's admin, on contracts its organization is a party to.
  'employer.contracts._index': { loader: { roles: only({ employerAdmin: 200 }) } },
  'employer.contracts.new': {
    loader: { roles: only({ employerAdmin: { own: 200, foreign: 404 } }), query: (ids) => `programId=${ids.programId}` },
    action: {
      roles: only({ employerAdmin: { own: { redirectStartsWith: '/employer/contracts/' }, foreign: 404 } }),
      query: (ids) => `programId=${ids.programId}`,
      form: (ids, fx) => f(['programId', ids.programId], ['healthSystemId', fx.healthSystemId], ['title', 'Matrix probe contract']),
    },
  },
  'employer.contracts.$contractId': {
    loader: { roles: only({ employerAdmin: { own: 200, foreign: 404 } }) },
    action: { roles: only({ employerAdmin: { own: 400, foreign: 404 } }) },
  },
  // A contract's reconciliation period (the fixtures' first period is reconciled at $0: settling it is refused, 422; crossed: another contract's period).
  'employer.contracts.$contractId_.periods.$periodId': {
    loader: { roles: only({ employerAdmin: { own: 200, foreign: 404, crossed: 404 } }) },
    action: { roles: only({ employerAdmin: { own: 422, foreign: 404, crossed: 404 } }), form: () => f(['intent', 'settle']) },
  },
  'employer.contracts.$contractId_.periods.$periodId[.pdf]': { loader: { roles: only({ employerAdmin: { own: { redirect: (ids) => `/employer/contracts/${ids.contractId}/periods/${ids.periodId}#files` }, foreign: 404, crossed: 404 } }) } },
  'employer.contracts.$contractId_.periods.$periodId[.csv]': { loader: { roles: only({ employerAdmin: { own: { redirect: (ids) => `/employer/contracts/${ids.contractId}/periods/${ids.periodId}#files` }, foreign: 404, crossed: 404 } }) } },
  'employer.roster_.members._index': { loader: { roles: only({ employerAdmin: 200 }) } },
  'employer.roster_.members.$memberId': { loader: { roles: only({ employerAdmin: { own: 200, foreign: 404 } }) } },

  // Broker (client pages: the employer in the URL must have granted the firm access)
  'broker._index': { loader: { roles: only({ broker: 200 }) } },
  'broker.clients.$employerId': {
    loader: { roles: only({ broker: { own: 200, foreign: 404 } }) },
    action: {
      roles: only({ broker: { own: { redirectStartsWith: (ids) => `/broker/clients/${ids.employerId}/scenarios/` }, foreign: 404 } }),
      form: () => f(['name', 'Matrix probe'], ['source', 'blank']),
    },
  },
  'broker.clients.$employerId_.compare': {
    loader: { roles: only({ broker: { own: 200, foreign: 404, crossed: 404 } }), query: (ids) => `s=${ids.scenarioId}&s=${ids.otherScenarioId}` },
    action: {
      roles: only({ broker: { own: { redirectStartsWith: (ids) => `/broker/clients/${ids.employerId}/proposals/` }, foreign: 404, crossed: 404 } }),
      form: (ids) => f(['title', 'Matrix proposal'], ['scenarioIds', ids.scenarioId], ['scenarioIds', ids.otherScenarioId], ['recommendedId', ids.scenarioId]),
    },
  },
  'broker.clients.$employerId_.scenarios.$scenarioId': {
    loader: { roles: only({ broker: { own: 200, foreign: 404, crossed: 404 } }) },
    action: {
      roles: only({ broker: { own: { redirect: (ids) => `/broker/clients/${ids.employerId}/scenarios/${ids.scenarioId}` }, foreign: 404, crossed: 404 } }),
      form: () => f(['intent', 'name'], ['name', 'Matrix rename']),
    },
  },
  'broker.clients.$employerId_.scenarios.$scenarioId_.network': {
    loader: { roles: only({ broker: { own: 200, foreign: 404, crossed: 404 } }) },
    action: {
      roles: only({ broker: { own: { redirect: (ids) => `/broker/clients/${ids.employerId}/scenarios/${ids.scenarioId}#network` }, foreign: 404, crossed: 404 } }),
      form: (ids) => f(['intent', 'network'], ['offerIds', ids.offerId]),
    },
  },
  'broker.clients.$employerId_.proposals.$proposalId': {
    loader: { roles: only({ broker: { own: 200, foreign: 404, crossed: 404 } }) },
    action: { roles: only({ broker: { own: { redirect: (ids) => `/broker/clients/${ids.employerId}/proposals/${ids.proposalId}` }, foreign: 404, crossed: 404 } }) },
  },
  'broker.clients.$employerId_.proposals.$proposalId[.pdf]': { loader: { roles: only({ broker: { own: 200, foreign: 404, crossed: 404 } }) } },

  // Care coordinator (the care team works every employer's cases)
  'coordinator._index': { loader: { roles: only({ coordinator: 200 }) } },
  'coordinator.cases.$caseId': {
    loader: { roles: only({ coordinator: 200 }) },
    action: {
      roles: only({ coordinator: { redirect: (ids) => `/coordinator/cases/${ids.caseId}` } }),
      form: () => f(['to', 'cancelled'], ['reason', 'Matrix probe']),
    },
  },
  // Case documents (issue 22): an upload that is not multipart and a delete without its intent are 400.
  'coordinator.cases.$caseId_.documents': { loader: { roles: only({ coordinator: 200 }) }, action: { roles: only({ coordinator: 400 }) } },
  'coordinator.cases.$caseId_.documents.$documentId': { loader: { roles: only({ coordinator: 200 }) }, action: { roles: only({ coordinator: 400 }) } },

  // Health system (its own facilities' offers)
  'center._index': { loader: { roles: only({ center: 200 }) } },
  'center.offers.new': { loader: { roles: only({ center: 200 }) }, action: { roles: only({ center: 400 }) } },
  'center.offers.$offerId': {
    loader: { roles: only({ center: { own: 200, foreign: 404 } }) },
    action: { roles: only({ center: { own: 400, foreign: 404 } }) },
  },

  // Incoming patients (issue 22): the own fixture case is only requested (not yet authorised), so it reads as missing too.
  'center.patients._index': { loader: { roles: only({ center: 200 }) } },
  'center.patients.$caseId': {
    loader: { roles: only({ center: { own: 404, foreign: 404 } }) },
    action: { roles: only({ center: { own: 404, foreign: 404 } }), form: () => f(['intent', 'propose'], ['proposedDate', '2030-01-01']) },
  },
  'center.contracts._index': { loader: { roles: only({ center: 200 }) } },
  'center.contracts.$contractId': {
    loader: { roles: only({ center: { own: 200, foreign: 404 } }) },
    action: { roles: only({ center: { own: 400, foreign: 404 } }) },
  },
  'center.contracts.$contractId_.periods.$periodId': {
    loader: { roles: only({ center: { own: 200, foreign: 404, crossed: 404 } }) },
    action: { roles: only({ center: { own: 422, foreign: 404, crossed: 404 } }), form: () => f(['intent', 'settle']) },
  },
  'center.contracts.$contractId_.periods.$periodId[.pdf]': { loader: { roles: only({ center: { own: { redirect: (ids) => `/center/contracts/${ids.contractId}/periods/${ids.periodId}#files` }, foreign: 404, crossed: 404 } }) } },
  'center.contracts.$contractId_.periods.$periodId[.csv]': { loader: { roles: only({ center: { own: { redirect: (ids) => `/center/contracts/${ids.contractId}/periods/${ids.periodId}#files` }, foreign: 404, crossed: 404 } }) } },

  // A coalition as purchaser (issue 23): its admin on its own contracts. The sides' contracts are employers' (A's, B's), never the
  // coalition's, so its admin gets 404 on every side; its own contract's pages are exercised in coalition-contracts.test.ts.
  'coalition.contracts._index': { loader: { roles: only({ coalition: 200 }) } },
  'coalition.contracts.new': {
    loader: { roles: only({ coalition: 200 }) },
    // A procedure the health system does not offer: refused with its message, nothing written.
    action: { roles: only({ coalition: 422 }), form: (_ids, fx) => f(['healthSystemId', fx.healthSystemId], ['procedureCodes', 'NOT-OFFERED'], ['title', 'Matrix probe coalition contract']) },
  },
  'coalition.contracts.$contractId': {
    loader: { roles: only({ coalition: { own: 404, foreign: 404 } }) },
    action: { roles: only({ coalition: { own: 404, foreign: 404 } }) },
  },
  'coalition.contracts.$contractId_.periods.$periodId': {
    loader: { roles: only({ coalition: { own: 404, foreign: 404, crossed: 404 } }) },
    action: { roles: only({ coalition: { own: 404, foreign: 404, crossed: 404 } }), form: () => f(['intent', 'settle']) },
  },
  'coalition.contracts.$contractId_.periods.$periodId[.pdf]': { loader: { roles: only({ coalition: { own: 404, foreign: 404, crossed: 404 } }) } },
  'coalition.contracts.$contractId_.periods.$periodId[.csv]': { loader: { roles: only({ coalition: { own: 404, foreign: 404, crossed: 404 } }) } },
  'coalition.contracts.$contractId_.extracts.$window[.csv]': { loader: { roles: only({ coalition: { own: 404, foreign: 404 } }) } },
  'coalition.contracts.$contractId_.extracts.$window[.json]': { loader: { roles: only({ coalition: { own: 404, foreign: 404 } }) } },
  'coalition.contracts.$contractId_.extracts.$window[.fhir.json]': { loader: { roles: only({ coalition: { own: 404, foreign: 404 } }) } },

  // Issue 21: contract extracts (both sides of their own contracts), value scorecards (employers and brokers see every health system's, a health system its own).
  'employer.contracts.$contractId_.extracts.$window[.csv]': { loader: { roles: only({ employerAdmin: { own: 200, foreign: 404 } }) } },
  'employer.contracts.$contractId_.extracts.$window[.json]': { loader: { roles: only({ employerAdmin: { own: 200, foreign: 404 } }) } },
  'center.contracts.$contractId_.extracts.$window[.csv]': { loader: { roles: only({ center: { own: 200, foreign: 404 } }) } },
  'center.contracts.$contractId_.extracts.$window[.json]': { loader: { roles: only({ center: { own: 200, foreign: 404 } }) } },
  // Issue 23: the same extracts as a FHIR R4 Bundle, each side for its own contracts.
  'employer.contracts.$contractId_.extracts.$window[.fhir.json]': { loader: { roles: only({ employerAdmin: { own: 200, foreign: 404 } }) } },
  'center.contracts.$contractId_.extracts.$window[.fhir.json]': { loader: { roles: only({ center: { own: 200, foreign: 404 } }) } },
  'scorecards._index': { loader: { roles: only({ employerAdmin: 200, broker: 200, center: { redirect: (ids) => `/scorecards/${ids.healthSystemId}` } }) } },
  'scorecards.$healthSystemId': {
    loader: { roles: only({ employerAdmin: 200, broker: 200, center: { own: 200, foreign: 404 } }) },
    action: {
      roles: only({ center: { own: { redirect: (ids) => `/scorecards/${ids.healthSystemId}#results-heading` }, foreign: 404 } }),
      form: () => f(['intent', 'show-results']),
    },
  },
  'scorecards.$healthSystemId[.pdf]': { loader: { roles: only({ employerAdmin: 200, broker: 200, center: { own: 200, foreign: 404 } }) } },

  // Coalition admin (issue 23, ADR 0020): its own coalition's members.
  // The action's form ends the own membership fixture (A's) on a day before it began: refused, 422, nothing changes.
  'coalition._index': {
    loader: { roles: only({ coalition: 200 }) },
    action: { roles: only({ coalition: 422 }), form: (_ids, fx) => f(['intent', 'end'], ['membershipId', fx.coalitionMembershipId], ['lastDay', '2025-12-31']) },
  },
  // An employer admin's invitations and memberships; the form leaves A's membership before it began (422).
  'employer.coalitions': {
    loader: { roles: only({ employerAdmin: 200 }) },
    action: { roles: only({ employerAdmin: 422 }), form: (_ids, fx) => f(['intent', 'leave'], ['membershipId', fx.coalitionMembershipId], ['lastDay', '2025-12-31']) },
  },
  // Coalition reports (issue 23): the pooled report and its CSV for the coalition admin; a member employer's own view (A is a member).
  'coalition.reports': { loader: { roles: only({ coalition: 200 }) } },
  'coalition.reports[.csv]': { loader: { roles: only({ coalition: 200 }) } },
  'employer.coalition-report': { loader: { roles: only({ employerAdmin: 200 }) } },

  // Platform admin
  'admin._index': { loader: { roles: only({ platform: 200 }) } },
  'admin.facilities._index': { loader: { roles: only({ platform: 200 }) } },
  'admin.imports': { loader: { roles: only({ platform: 200 }) }, action: { roles: only({ platform: 422 }), form: () => f(['folder', '']) } },
  'admin.imports.offers-template[.csv]': { loader: { roles: only({ platform: 200 }) } },
  'admin.ledger': { loader: { roles: only({ platform: 200 }) }, action: { roles: only({ platform: 400 }) } },
  'admin.organizations': { loader: { roles: only({ platform: 200 }) }, action: { roles: only({ platform: 400 }) } },
  // Issue 22: invitations (public: the token is the credential; an unknown one is a 404) and each organization's team.
  '_auth.invitations.$token': { public: 'accepting an invitation', loader: { roles: everyone(404) }, action: { roles: everyone(400) } },
  'team._index': {
    loader: { roles: only({ employerAdmin: 200, broker: 200, coordinator: 200, center: 200, platform: 200, coalition: 200 }) },
    action: { roles: only({ employerAdmin: 400, broker: 400, coordinator: 400, center: 400, platform: 400, coalition: 400 }) },
  },
  'admin.outbox': { loader: { roles: only({ platform: 200 }) } },
  'admin.audit': { loader: { roles: only({ platform: 200 }) } },
  'admin.price-factors': { loader: { roles: only({ platform: 200 }) }, action: { roles: only({ platform: 400 }) } },
  'admin.procedures._index': { loader: { roles: only({ platform: 200 }) } },
  'admin.procedures.new': { loader: { roles: only({ platform: 200 }) }, action: { roles: only({ platform: 400 }) } },
  'admin.procedures.$procedureId': { loader: { roles: only({ platform: 200 }) }, action: { roles: only({ platform: 400 }) } },
  'admin.reports': { loader: { roles: only({ platform: 200 }) } },
  // Issue 22: the care team's response promise and holidays. The form holds a promise of 0 days: refused, nothing saved.
  'admin.settings': { loader: { roles: only({ platform: 200 }) }, action: { roles: only({ platform: 400 }), form: () => f(['intent', 'promises'], ['promise.requested', '0']) } },
}
