import type { TravelRules } from '~/domain/travel/travel-estimate'

/**
 * A broker's proposal as frozen when it was made (issue 6): the compared scenarios and their
 * projected figures on the client's census, with the assumptions and sources. Stored as JSON so
 * the client later sees exactly what was proposed, whatever happens to the scenarios.
 *
 * Issue 20 item 11 added each scenario's design (the rules as values, so the comparison can say
 * how scenarios differ), its centers, how the per-case member cost is made up, the members map and
 * the broker who made it. Proposals frozen before that lack them: `readProposalSnapshot` fills
 * them with null / [] and the views fall back to the rule lines.
 */
export interface ProposalScenario {
  id: string
  name: string
  isRecommended: boolean
  procedures: Array<{ code: string; name: string }>
  /** Distinct in-network facilities. */
  centerCount: number
  /** Plain-language rule lines, e.g. "Deductible waived", "Travel covered from 50 miles, cap $5,000". */
  benefitLines: string[]
  travelLines: string[]
  /** The rules as values; null in proposals made before issue 20. */
  design: ScenarioDesign | null
  /** The in-network centers, by name (empty in proposals made before issue 20). */
  centers: ProposalCenter[]
  /** How the average member cost per program case is made up; null before issue 20 or without a projection. */
  memberCost: MemberCostExplanation | null
  metrics: {
    expectedCases: number
    programCases: number
    spendWithoutProgramCents: number
    spendWithProgramCents: number
    netSavingsCents: number
    savingsRate: number | null
    /** Average a member pays per program case (cents), null when no case is projected. */
    memberCostPerCaseCents: number | null
    /** Share of covered members (0–1) within 50 / 100 / 250 miles of an in-network center, per procedure. */
    access: Array<{ code: string; within50: number; within100: number; within250: number }>
    quality: { centers: number; averageStars: number | null; betterComplicationShare: number; betterReadmissionShare: number }
  }
}

export type OutsideRuleKind = 'plan_terms' | 'higher_coinsurance' | 'not_covered'

/** A scenario's program design: benefit and travel rules, the adoption assumption, nights away per procedure. */
export interface ScenarioDesign {
  benefit: {
    deductibleWaived: boolean
    coinsuranceWaived: boolean
    coeCopayCents: number
    completionIncentiveCents: number
    outsideRule: OutsideRuleKind
    /** 0–1, set when the outside rule is a higher coinsurance. */
    outsideCoinsuranceRate: number | null
  }
  travel: TravelRules
  adoptionRate: number
  /** The catalog's nights away per covered procedure (used when the travel rule sets none). */
  nightsAway: Array<{ code: string; nights: number }>
}

export interface ProposalCenter {
  facilityId: string
  name: string
  city: string
  state: string
  /** Procedure codes this center is in the network for. */
  procedures: string[]
  /** Position on the proposal's map (its width × height frame); null when the facility has no coordinates. */
  x: number | null
  y: number | null
}

/** Where the client's members live, on the United States map every scenario's centers share. */
export interface ProposalMap {
  width: number
  height: number
  /** Members counted by ZIP area (rounded to a tenth of a degree), never a member row. */
  members: Array<{ x: number; y: number; members: number }>
}

/** One plan and coverage of the client's members, as its program cases would be paid. */
export interface MemberCostByPlan {
  planName: string
  coverage: 'individual' | 'family'
  isHsaQualified: boolean
  /** Projected program cases of members on this plan and coverage. */
  programCases: number
  /** Average per program case (cents): what the member pays and its parts before the out-of-pocket cap. */
  memberPaysCents: number
  hsaMinimumCents: number
  deductibleCents: number
  coinsuranceCents: number
  copayCents: number
  /** Share (0–1) of these cases lowered by the remaining out-of-pocket maximum. */
  cappedShare: number
  /** The plan's own terms, to say what a waiver saves. */
  deductiblePlanCents: number
  coinsuranceRate: number
}

export interface MemberCostExplanation {
  /** The IRS minimum annual HDHP deductibles in force for the projection's year. */
  irsMinimum: { year: number; selfCents: number; familyCents: number }
  byPlan: MemberCostByPlan[]
}

export interface ProposalSnapshot {
  title: string
  /** The broker firm. */
  brokerName: string
  /** The broker who made the proposal; null before issue 20. */
  brokerContact: { name: string; email: string } | null
  clientName: string
  /** ISO instant. */
  createdAt: string
  coveredMembers: number
  scenarios: ProposalScenario[]
  /** Null before issue 20. */
  map: ProposalMap | null
  assumptions: string[]
  sources: string[]
}

type Loose<T> = { [K in keyof T]?: T[K] | undefined }

/** A stored snapshot, old or new, in today's shape (fields added later are null or empty). */
export function readProposalSnapshot(json: string): ProposalSnapshot {
  const raw = JSON.parse(json) as Loose<ProposalSnapshot> & { scenarios?: Array<Loose<ProposalScenario>> }
  return {
    title: raw.title ?? 'Proposal',
    brokerName: raw.brokerName ?? '',
    brokerContact: raw.brokerContact ?? null,
    clientName: raw.clientName ?? '',
    createdAt: raw.createdAt ?? '1970-01-01T00:00:00.000Z',
    coveredMembers: raw.coveredMembers ?? 0,
    map: raw.map ?? null,
    assumptions: raw.assumptions ?? [],
    sources: raw.sources ?? [],
    scenarios: (raw.scenarios ?? []).map((s) => ({
      ...(s as ProposalScenario),
      benefitLines: s.benefitLines ?? [],
      travelLines: s.travelLines ?? [],
      design: s.design ?? null,
      centers: s.centers ?? [],
      memberCost: s.memberCost ?? null,
    })),
  }
}

/** The scenario the proposal recommends (the first when none is marked). */
export function recommendedScenario(snapshot: Pick<ProposalSnapshot, 'scenarios'>): ProposalScenario | undefined {
  return snapshot.scenarios.find((s) => s.isRecommended) ?? snapshot.scenarios[0]
}
