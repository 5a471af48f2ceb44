import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely'
import type { CoalitionMembershipStatus } from '~/domain/coalitions/membership'
import type { NationalComparison } from '~/domain/quality'
import type { OrganizationKind, Role } from '~/domain/tenancy'

/**
 * The database as TypeScript sees it (camelCase; SQL is snake_case through CamelCasePlugin).
 * Portable types (ADR 0003/0004): ids are app-generated text, money is integer cents,
 * timestamps are ISO-8601 UTC text, dates are YYYY-MM-DD text, booleans are 0 | 1.
 * Every migration that changes a table changes this file in the same commit.
 */
export type Bool = 0 | 1

export type { OrganizationKind, Role }
export type ProgramStatus = 'draft' | 'published' | 'archived'
export type CaseStatus =
  | 'requested'
  | 'eligibility_verified'
  | 'scheduled'
  | 'travel_booked'
  | 'procedure_done'
  | 'completed'
  | 'cancelled'
  | 'denied'
export type { NationalComparison }
export type OutsideProgramRule = 'plan_terms' | 'higher_coinsurance' | 'not_covered'
export type PlanType = 'PPO' | 'HMO' | 'EPO' | 'POS' | 'HDHP'
export type CoverageTier = 'employee' | 'employee_spouse' | 'employee_children' | 'family'
export type MarketPriceScope = 'facility' | 'state' | 'national'

export interface OrganizationsTable {
  id: string
  kind: OrganizationKind
  name: string
  /** Short public code; for employers it is the code members type at sign-up. */
  code: string
  createdAt: string
  /** Employers: the share (%) of covered members one roster file may end without an explicit confirmation; null: 10 (issue 17). */
  rosterTerminationLimitPercent: ColumnType<number | null, number | null | undefined, number | null>
  /** Health systems: its reconciled contract results may show on its value scorecard (issue 21). */
  publishesReconciledResults: ColumnType<Bool, Bool | undefined, Bool>
  /** Employers: the plan sponsor's EIN (9 digits, no dash), the Transparency in Coverage file's plan_id; null until entered (issue 23). */
  tin: ColumnType<string | null, string | null | undefined, string | null>
}

export interface UsersTable {
  id: string
  email: string
  passwordHash: string
  displayName: string
  createdAt: string
  lastLoginAt: string | null
  /** 'en' or 'es' once the member chose (issue 11); null: English. */
  preferredLanguage: string | null
}

export interface MembershipsTable {
  id: string
  userId: string
  organizationId: string
  role: Role
  /** For role `employee`: the roster row the account was verified against. */
  rosterMemberId: string | null
  createdAt: string
  /** May invite and remove colleagues and set their roles (issue 22); 0 for members. */
  isOrganizationAdmin: ColumnType<Bool, Bool | undefined, Bool>
}

export interface SessionsTable {
  id: string
  userId: string
  createdAt: string
  lastSeenAt: string
  expiresAt: string
}

export interface BrokerClientsTable {
  id: string
  brokerOrganizationId: string
  employerOrganizationId: string
  grantedByUserId: string | null
  grantedAt: string
  revokedAt: string | null
}

export interface ProceduresTable {
  id: string
  code: string
  name: string
  description: string
  /** JSON array of MS-DRG codes, e.g. ["469","470"]. */
  drgCodes: string
  /** Typical nights in hospital for an uncomplicated case. */
  typicalNights: number
  nightsSource: string
  /**
   * Nights away from home near the center (DESIGN §4): the pre-operative visit, the hospital stay
   * and the recovery before travel home (5 for a hip or knee); the travel estimate's lodging nights
   * unless the program's rule sets its own.
   */
  nightsAway: number
  nightsAwaySource: string
  incidencePerThousand: number
  incidenceSource: string
  medicareBaseCents: number | null
  medicareBaseSource: string | null
  /** JSON array of what a bundle for this procedure normally includes. */
  defaultInclusions: string
  isActive: Bool
  createdAt: string
  updatedAt: string
}

export interface FacilitiesTable {
  id: string
  ccn: string | null
  name: string
  address: string
  city: string
  state: string
  zip: string
  county: string | null
  phone: string | null
  latitude: number | null
  longitude: number | null
  coordinateSource: 'zip_centroid' | 'cms_location' | 'manual' | null
  facilityType: string
  ownership: string | null
  hasEmergencyServices: Bool | null
  starRating: number | null
  healthSystemId: string | null
  createdAt: string
  updatedAt: string
  /** Search keys of `name` and `city` (facilitySearchKeys in app/domain/search/facility-text.ts): written with them, searched with LIKE. */
  nameKey: string
  cityKey: string
  /** When a CMS import last found this hospital missing from the release (issue 19); null while CMS lists it. */
  inactiveSince: string | null
}

export interface QualityMeasuresTable {
  id: string
  facilityId: string
  measureCode: string
  value: number | null
  comparison: NationalComparison
  denominator: number | null
  periodStart: string | null
  periodEnd: string | null
  source: string
  footnote: string | null
  updatedAt: string
}

/** A fact's value before an import changed or cleared it, with its period (issue 19). */
export interface QualityMeasureHistoryTable {
  id: string
  facilityId: string
  measureCode: string
  value: number | null
  comparison: NationalComparison
  periodStart: string | null
  periodEnd: string | null
  source: string
  change: 'changed' | 'cleared'
  replacedAt: string
  cmsImportId: string
}

/** One CMS import (issue 19): each file read, with its rows and data period, and what changed. */
export interface CmsImportsTable {
  id: string
  importedAt: string
  actorUserId: string | null
  actorLabel: string | null
  /** The folder as chosen: its name in IMPORTS_DIR (the page), the path given (the CLI), or the committed extract. */
  folder: string
  outcome: 'imported' | 'unchanged' | 'refused'
  /** JSON: CmsFileSummary[] (app/services/cms-import.server.ts). */
  files: string
  /** JSON: string[], what the database lacks because a file was not in the folder. */
  missing: string
  facilitiesAdded: number
  facilitiesChanged: number
  facilitiesInactivated: number
  facilitiesReactivated: number
  measuresAdded: number
  measuresChanged: number
  measuresCleared: number
  message: string | null
}

export interface PriceFactorsTable {
  id: string
  key: string
  value: number
  unit: string
  source: string
  updatedAt: string
  updatedByUserId: string | null
}

export interface MarketPricesTable {
  id: string
  procedureId: string
  scope: MarketPriceScope
  /** Facility id, two-letter state, or 'US' for the national roll-up. */
  scopeKey: string
  facilityId: string | null
  state: string | null
  priceCents: number
  medicareBaseCents: number
  costIndex: number | null
  commercialMultiplier: number
  source: string
  computedAt: string
}

export interface OffersTable {
  id: string
  facilityId: string
  procedureId: string
  priceCents: number
  includesFacility: Bool
  includesSurgeon: Bool
  includesAnesthesia: Bool
  includesImplant: Bool
  includesFollowUp: Bool
  warrantyDays: number
  followUpVisits: number
  annualVolume: number | null
  accreditation: string | null
  appointmentWithinDays: number | null
  validFrom: string
  validTo: string | null
  status: 'active' | 'withdrawn'
  /** 1 for an offer the demo seed made at a real hospital (issue 19): shown as "demo offer" wherever it appears. */
  isDemo: ColumnType<Bool, Bool | undefined, Bool>
  /** The billing Taxpayer Identification Number (EIN), 9 digits without the dash; null until entered (issue 23, ADR 0018). */
  tin: ColumnType<string | null, string | null | undefined, string | null>
  /** The facility's type 2 NPI, 10 digits with a valid check digit; null until entered (issue 23). */
  npi: ColumnType<string | null, string | null | undefined, string | null>
  createdAt: string
  updatedAt: string
}

export interface HealthPlansTable {
  id: string
  employerId: string
  name: string
  planType: PlanType
  isHsaQualified: Bool
  deductibleIndividualCents: number
  deductibleFamilyCents: number
  coinsuranceRate: number
  oopMaxIndividualCents: number
  oopMaxFamilyCents: number
  createdAt: string
  updatedAt: string
}

export interface ProgramsTable {
  id: string
  employerId: string
  name: string
  createdAt: string
  createdByUserId: string | null
}

export interface ProgramVersionsTable {
  id: string
  programId: string
  version: number
  status: ProgramStatus
  effectiveFrom: string
  effectiveTo: string | null
  createdAt: string
  createdByUserId: string | null
  publishedAt: string | null
  publishedByUserId: string | null
}

export interface ProgramProceduresTable {
  programVersionId: string
  procedureId: string
}

export interface ProgramNetworkTable {
  programVersionId: string
  offerId: string
  /** The bundled price agreed for this program (copied from the offer when added). */
  bundlePriceCents: number
}

export interface ProgramBenefitRulesTable {
  programVersionId: string
  deductibleWaived: Bool
  coinsuranceWaived: Bool
  coeCopayCents: number
  completionIncentiveCents: number
  outsideRule: OutsideProgramRule
  outsideCoinsuranceRate: number | null
}

export interface ProgramTravelRulesTable {
  programVersionId: string
  minDistanceMiles: number
  companionCovered: Bool
  flyThresholdMiles: number
  mileageRateCents: number
  airfareAllowanceCents: number
  /** Nights away for every procedure of the program; null: each procedure's procedures.nights_away. */
  lodgingNights: number | null
  lodgingNightlyCapCents: number
  mealsPerDiemCents: number
  travelCapCents: number
}

/** A program version's benefit and travel rules together, as services and pages use them. */
export type ProgramRules = Omit<ProgramBenefitRulesTable & ProgramTravelRulesTable, 'programVersionId'>

export interface RosterMembersTable {
  id: string
  employerId: string
  employeeId: string
  firstName: string
  lastName: string
  dateOfBirth: string
  zip: string
  healthPlanId: string | null
  coverageTier: CoverageTier
  coverageStart: string
  coverageEnd: string | null
  dependentsCount: number
  deductibleMetCents: number
  oopPaidCents: number
  createdAt: string
  updatedAt: string
  /** Match keys (issue 17, `rosterKeys` in app/domain/roster/names.ts): id without case, id without leading zeros, folded names. */
  employeeIdKey: string
  employeeIdLoose: string
  firstNameKey: string
  lastNameKey: string
}

export type ImportKind = 'roster_csv' | 'x12_834'
export type ImportStatus = 'queued' | 'checking' | 'review' | 'applying' | 'applied' | 'refused' | 'failed' | 'discarded'

/** A roster or 834 file and the background job that checks and applies it (issue 17). */
export interface ImportsTable {
  id: string
  organizationId: string
  kind: ImportKind
  fileName: string
  fileSha256: string
  fileBytes: number
  /** Where the uploaded file is kept until the import ends (null once removed). */
  storedPath: string | null
  status: ImportStatus
  fullFile: Bool
  allOrNothing: Bool
  reviewFirst: Bool
  confirmTerminations: Bool
  createdByUserId: string | null
  /** Who, for people: the user's e-mail; for the command line: "cli:<operating-system user>". */
  createdByLabel: string
  createdAt: string
  startedAt: string | null
  checkedAt: string | null
  finishedAt: string | null
  appliedByUserId: string | null
  rowsDone: ColumnType<number, number | undefined, number>
  rowsEstimate: number | null
  /** Changes (by seq) already written to the roster: an interrupted apply resumes after it. */
  appliedThrough: ColumnType<number, number | undefined, number>
  /** JSON ImportCounts. */
  counts: string | null
  /** JSON ImportReport. */
  report: string | null
  /** 834: the 999 acknowledgment. */
  acknowledgment: string | null
  /** Why the import stopped, in words for the person (refused, failed, needs confirmation). */
  message: string | null
  /** The employer's last applied import when this one was checked: a newer one makes the difference stale. */
  baseImportId: string | null
  workerHeartbeatAt: string | null
}

export type RosterChangeKind = 'added' | 'changed' | 'ended' | 'reinstated'

export interface RosterImportChangesTable {
  importId: string
  seq: number
  kind: RosterChangeKind
  employeeId: string
  rosterMemberId: string
  /** The line (CSV) or segment position (834) the change comes from; null for members missing from a full file. */
  sourceLine: number | null
  /** Comma-separated changed fields (camelCase roster column names). */
  fields: string
  /** JSON of the changed fields' values before (null for added). */
  previous: string | null
  /** JSON of the values to write. */
  next: string
  hasOpenCase: Bool
}

/** An employer's 834 REF*1L group or policy number and the plan it stands for. */
export interface PlanGroupCodesTable {
  id: string
  employerId: string
  code: string
  codeKey: string
  healthPlanId: string
  createdAt: string
}

export interface CasesTable {
  id: string
  employerId: string
  rosterMemberId: string
  programVersionId: string
  procedureId: string
  offerId: string
  facilityId: string
  status: CaseStatus
  statusReason: string | null
  preferredStart: string | null
  preferredEnd: string | null
  scheduledDate: string | null
  procedureDate: string | null
  hasCompanion: Bool
  contactPreference: 'email' | 'phone' | 'text'
  /** E.164 (+16145550123) when the member asked for a call or a text; null for e-mail. */
  contactPhone: string | null
  memberNote: string | null
  bundlePriceCents: number
  memberCostCents: number
  travelEstimateCents: number
  travelActualCents: number | null
  hadComplication: Bool | null
  wasReadmitted: Bool | null
  satisfaction: number | null
  requestedAt: string
  completedAt: string | null
  updatedAt: string
  /** The member's first consult with the center (days to first consult = this − the request date). */
  firstConsultDate: string | null
  /** The 30-day checkpoint (readmission, satisfaction) and the 90-day one (complication, PROs): recorded when due. */
  thirtyDayOutcomesAt: string | null
  ninetyDayOutcomesAt: string | null
  hasPatientReportedOutcomes: Bool | null
  /** The care coordinator who owns the case; null: unassigned (issue 22). */
  assigneeUserId: ColumnType<string | null, string | null | undefined, string | null>
  /** The e-mail the member gave with the request (or kept from sign-up). */
  contactEmail: ColumnType<string | null, string | null | undefined, string | null>
  /** When the case entered its current status (the response promise counts from here). */
  statusChangedAt: ColumnType<string | null, string | null | undefined, string | null>
}

/** Working days the care team promises per case status (a platform setting; no row: no promise). */
export interface CaseResponsePromisesTable {
  status: CaseStatus
  workingDays: number
  updatedAt: string
  updatedByUserId: string | null
}

/** Days that are not working days for the response promise. */
export interface PlatformHolidaysTable {
  date: string
  name: string
  createdAt: string
}

export interface CaseMessagesTable {
  id: string
  caseId: string
  authorUserId: string | null
  authorSide: 'member' | 'care_team'
  body: string
  createdAt: string
}

/** How far each user has read a case's message thread. */
export interface CaseMessageReadsTable {
  caseId: string
  userId: string
  lastReadAt: string
}

export type CaseDocumentKind = 'travel_itinerary' | 'pre_op_instructions' | 'other'
export interface CaseDocumentsTable {
  id: string
  caseId: string
  kind: CaseDocumentKind
  fileName: string
  /** The type sniffed from the content, never the browser's claim. */
  contentType: string
  sizeBytes: number
  sha256: string
  content: Buffer
  uploadedByUserId: string | null
  uploadedAt: string
}

export interface SurgeryDateProposalsTable {
  id: string
  caseId: string
  proposedDate: string
  note: string | null
  status: 'proposed' | 'confirmed' | 'declined' | 'withdrawn'
  proposedByUserId: string | null
  proposedAt: string
  decidedByUserId: string | null
  decidedAt: string | null
  decisionNote: string | null
}

/** A health system's task on a case under its contract's division of responsibilities, once done. */
export interface CaseTasksTable {
  id: string
  caseId: string
  activity: string
  doneAt: string
  doneByUserId: string | null
}

export interface InvitationsTable {
  id: string
  organizationId: string
  email: string
  role: Role
  isOrganizationAdmin: ColumnType<Bool, Bool | undefined, Bool>
  /** SHA-256 (hex) of the one-time token; the token itself is only in the e-mail. */
  tokenSha256: string
  invitedByUserId: string | null
  createdAt: string
  expiresAt: string
  acceptedAt: string | null
  acceptedUserId: string | null
  revokedAt: string | null
}

export type { CoalitionMembershipStatus }

/** An employer's membership of a coalition with its dates (issue 23, ADR 0020); at most one open (invited or active) row per pair. */
export interface CoalitionMembershipsTable {
  id: string
  coalitionOrganizationId: string
  employerOrganizationId: string
  status: CoalitionMembershipStatus
  invitedAt: string
  invitedByUserId: string | null
  /** YYYY-MM-DD: the first day of membership (set when the employer accepts). */
  joinedOn: string | null
  /** YYYY-MM-DD: the last day of membership; null while a member. */
  leftOn: string | null
  /** The employer admin who accepted or declined. */
  respondedByUserId: string | null
  respondedAt: string | null
  /** Who withdrew the invitation or ended the membership (either side). */
  endedByUserId: string | null
  createdAt: string
}

export interface CaseEventsTable {
  id: string
  caseId: string
  actorUserId: string | null
  fromStatus: CaseStatus | null
  toStatus: CaseStatus
  note: string | null
  createdAt: string
}

export interface BillingProfilesTable {
  employerId: string
  stripeCustomerId: string | null
  paymentMethodBrand: string | null
  paymentMethodLast4: string | null
  updatedAt: string
}

export interface InvoicesTable {
  id: string
  employerId: string
  caseId: string | null
  number: string
  status: 'draft' | 'open' | 'paid' | 'void' | 'uncollectible'
  totalCents: number
  currency: string
  stripeInvoiceId: string | null
  hostedInvoiceUrl: string | null
  createdAt: string
  finalizedAt: string | null
  paidAt: string | null
  updatedAt: string
}

export interface InvoiceLinesTable {
  id: string
  invoiceId: string
  kind: 'bundle' | 'travel' | 'incentive' | 'platform_fee'
  description: string
  amountCents: number
  stripeInvoiceItemId: string | null
}

export interface PaymentsTable {
  id: string
  invoiceId: string
  amountCents: number
  method: 'stripe' | 'manual'
  stripeEventId: string | null
  reference: string | null
  receivedAt: string
  recordedByUserId: string | null
}

export interface StripeEventsTable {
  id: string
  type: string
  stripeCreated: number
  receivedAt: string
  processedAt: string | null
}

export interface AuditLogTable {
  id: string
  occurredAt: string
  actorUserId: string | null
  actorOrganizationId: string | null
  /** Who acted when no portal user did: "CLI: alice" (an import run from the command line). */
  actorLabel: string | null
  action: string
  subjectType: string
  subjectId: string | null
  employerId: string | null
  ip: string | null
  detail: string | null
}

export interface EmailOutboxTable {
  id: string
  caseId: string | null
  toAddress: string
  subject: string
  body: string
  createdAt: string
  sentAt: string | null
  attempts: number
  lastError: string | null
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed'

/** One unit of background work (issue 24, ADR 0022): claimed under a lease by one worker at a time. */
export interface JobsTable {
  id: string
  kind: string
  /** JSON, parsed by the job's handler. */
  payload: string
  status: JobStatus
  /** Incremented at each claim. */
  attempts: number
  maxAttempts: number
  runAfter: string
  /** `${hostname}:${pid}:${random}` of the worker holding the lease. */
  lockedBy: string | null
  /** The lease: past it, another worker may claim the job again. */
  lockedUntil: string | null
  /** JSON written by the worker, readable from any server. */
  progress: string | null
  lastError: string | null
  dedupeKey: string | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
}

/** A file a job made (issue 24, ADR 0029): one per job, served by any server to its owner until it expires. */
export interface GeneratedFilesTable {
  id: string
  jobId: string
  /** Who may download it: `employer:<id>` or `contract:<id>`, checked after the route's guard. */
  ownerKey: string
  fileName: string
  contentType: string
  sizeBytes: number
  content: Buffer
  createdAt: string
  expiresAt: string
}

export interface ScenariosTable {
  id: string
  employerId: string
  brokerOrganizationId: string
  name: string
  /** JSON, validated by ScenarioDocumentSchema. */
  document: string
  createdAt: string
  updatedAt: string
  createdByUserId: string | null
}

export interface ProposalsTable {
  id: string
  employerId: string
  brokerOrganizationId: string
  title: string
  recommendedScenarioId: string
  /** The recommended scenario's document when the proposal was made (what adoption uses). */
  recommendedDocument: string
  /** JSON ProposalSnapshot. */
  snapshot: string
  createdAt: string
  createdByUserId: string | null
  sharedAt: string | null
  adoptedAt: string | null
  adoptedProgramId: string | null
}

export interface SearchEventsTable {
  id: string
  occurredAt: string
  userId: string | null
  employerId: string | null
  procedureId: string
  zip3: string
  radiusMiles: number
  resultCount: number
}

export type ContractStatus = 'draft' | 'active' | 'ended'
export type ContractVersionStatus = 'draft' | 'sent' | 'signed'

/** A value-based contract between a purchaser organization and a health system (issue 21, ADR 0016). */
export interface ContractsTable {
  id: string
  purchaserOrganizationId: string
  healthSystemOrganizationId: string
  title: string
  status: ContractStatus
  /** The program whose network the first draft was made from. */
  sourceProgramId: string | null
  /** 32 random bytes (hex) for member pseudonyms in extracts: never shown, never exported. */
  pseudonymSecret: string
  /** When the purchaser first sent it: the health system sees the contract from then on. */
  firstSentAt: string | null
  createdAt: string
  createdByUserId: string | null
  updatedAt: string
}

/** One terms document (ContractTermsSchema, JSON text) per version; a signed version never changes. */
export interface ContractVersionsTable {
  id: string
  contractId: string
  version: number
  status: ContractVersionStatus
  terms: string
  termsSha256: string
  /** The document the version started from: the generated draft, or the signed version it copies. */
  baseTerms: string
  /** The document as it stood before the last send, and as last sent: the other side's changes are the redline between them. */
  roundStartTerms: string | null
  sentTerms: string | null
  basedOnVersionId: string | null
  createdByUserId: string | null
  createdAt: string
  updatedAt: string
  editedByOrganizationId: string | null
  sentAt: string | null
  sentByOrganizationId: string | null
  signedAt: string | null
}

/** A side's signature on a version's terms hash; both sides on one hash make the version signed. */
export interface ContractSignaturesTable {
  id: string
  versionId: string
  organizationId: string
  userId: string
  signedAt: string
  termsSha256: string
}

/** The network of a signed version, mirrored from its terms (queried for attribution and pages). */
export interface ContractVersionFacilitiesTable {
  versionId: string
  facilityId: string
}

/** A related complication or readmission within a contract's warranty window (ADR 0016 §9). */
export interface CaseWarrantyEventsTable {
  id: string
  caseId: string
  contractId: string
  contractVersionId: string
  kind: 'complication' | 'readmission'
  occurredOn: string
  /** At the center: invoiced at $0. Elsewhere: its cost is an other claim, credited back by the center. */
  place: 'center' | 'elsewhere'
  providerName: string | null
  description: string
  costCents: number
  creditedCents: number
  recordedByUserId: string | null
  recordedAt: string
}

/** A credit the center owes the purchaser, in the ledger; mirrored to Stripe as a credit note when configured. */
export interface ContractCreditsTable {
  id: string
  contractId: string
  caseId: string | null
  warrantyEventId: string | null
  purchaserOrganizationId: string
  healthSystemOrganizationId: string
  amountCents: number
  description: string
  stripeCreditNoteId: string | null
  createdAt: string
}

export type ContractPeriodStatus = 'open' | 'closed' | 'reconciled'

/** A reconciliation period of a contract; `episodes` is the attributed episodes frozen at close (JSON). */
export interface ContractPeriodsTable {
  id: string
  contractId: string
  versionId: string
  sequence: number
  periodStart: string
  periodEnd: string
  /** Period end + the warranty window: the first day the period can close. */
  closesOn: string
  status: ContractPeriodStatus
  /** Fewer than the minimum episodes: they carry forward into this period. */
  carriedIntoPeriodId: string | null
  episodes: string | null
  closedAt: string | null
  closedByUserId: string | null
}

/** The stored output of a reconciliation (JSON), never recomputed on view; both sides see this row. */
export interface ContractStatementsTable {
  id: string
  periodId: string
  contractId: string
  versionId: string
  statement: string
  inputsSha256: string
  episodeCount: number
  totalBenchmarkCents: number
  grossSavingsCents: number
  settlementCents: number
  outcome: string
  supersededByStatementId: string | null
  settledVia: 'ledger' | 'stripe' | null
  settlementReference: string | null
  settledAt: string | null
  createdAt: string
  createdByUserId: string | null
}

/** rate-limiter-flexible's counters (ADR 0023), written by the library only; read here by tests and the load check. */
export interface RateLimitsTable {
  /** `<kind>:<scope>:<key>`, e.g. `signIn:pair:ada@example.com 198.51.100.7`. */
  key: string
  points: number
  /** When the window ends, in ms since the epoch. */
  expire: number | null
}

/** Stamps of cached facts (ADR 0031): `care-network` changes with every write to what a search prices from. */
export interface CacheStampsTable {
  name: string
  stamp: string
}

export interface Database {
  organizations: OrganizationsTable
  users: UsersTable
  memberships: MembershipsTable
  sessions: SessionsTable
  brokerClients: BrokerClientsTable
  procedures: ProceduresTable
  facilities: FacilitiesTable
  qualityMeasures: QualityMeasuresTable
  qualityMeasureHistory: QualityMeasureHistoryTable
  cmsImports: CmsImportsTable
  priceFactors: PriceFactorsTable
  marketPrices: MarketPricesTable
  offers: OffersTable
  healthPlans: HealthPlansTable
  programs: ProgramsTable
  programVersions: ProgramVersionsTable
  programProcedures: ProgramProceduresTable
  programNetwork: ProgramNetworkTable
  programBenefitRules: ProgramBenefitRulesTable
  programTravelRules: ProgramTravelRulesTable
  rosterMembers: RosterMembersTable
  cases: CasesTable
  caseEvents: CaseEventsTable
  billingProfiles: BillingProfilesTable
  invoices: InvoicesTable
  invoiceLines: InvoiceLinesTable
  payments: PaymentsTable
  stripeEvents: StripeEventsTable
  auditLog: AuditLogTable
  searchEvents: SearchEventsTable
  emailOutbox: EmailOutboxTable
  jobs: JobsTable
  generatedFiles: GeneratedFilesTable
  scenarios: ScenariosTable
  proposals: ProposalsTable
  imports: ImportsTable
  rosterImportChanges: RosterImportChangesTable
  planGroupCodes: PlanGroupCodesTable
  contracts: ContractsTable
  contractVersions: ContractVersionsTable
  contractSignatures: ContractSignaturesTable
  contractVersionFacilities: ContractVersionFacilitiesTable
  caseWarrantyEvents: CaseWarrantyEventsTable
  contractCredits: ContractCreditsTable
  contractPeriods: ContractPeriodsTable
  contractStatements: ContractStatementsTable
  caseResponsePromises: CaseResponsePromisesTable
  platformHolidays: PlatformHolidaysTable
  caseMessages: CaseMessagesTable
  caseMessageReads: CaseMessageReadsTable
  caseDocuments: CaseDocumentsTable
  surgeryDateProposals: SurgeryDateProposalsTable
  caseTasks: CaseTasksTable
  rateLimits: RateLimitsTable
  cacheStamps: CacheStampsTable
  invitations: InvitationsTable
  coalitionMemberships: CoalitionMembershipsTable
}

export type Organization = Selectable<OrganizationsTable>
export type NewOrganization = Insertable<OrganizationsTable>
export type User = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type Membership = Selectable<MembershipsTable>
export type Session = Selectable<SessionsTable>
export type Procedure = Selectable<ProceduresTable>
export type NewProcedure = Insertable<ProceduresTable>
export type Facility = Selectable<FacilitiesTable>
export type NewFacility = Insertable<FacilitiesTable>
export type QualityMeasure = Selectable<QualityMeasuresTable>
export type NewQualityMeasure = Insertable<QualityMeasuresTable>
export type Offer = Selectable<OffersTable>
export type NewOffer = Insertable<OffersTable>
export type HealthPlan = Selectable<HealthPlansTable>
export type NewHealthPlan = Insertable<HealthPlansTable>
export type HealthPlanUpdate = Updateable<HealthPlansTable>
export type ProgramVersion = Selectable<ProgramVersionsTable>
export type RosterMember = Selectable<RosterMembersTable>
export type NewRosterMember = Insertable<RosterMembersTable>
export type CaseRow = Selectable<CasesTable>
export type NewAuditEntry = Insertable<AuditLogTable>
export type Import = Selectable<ImportsTable>

