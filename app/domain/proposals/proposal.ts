/**
 * A broker's proposal as frozen when it was made (issue 6): the compared scenarios and their
 * projected figures on the client's census, with the assumptions and sources. Stored as JSON so
 * the client later sees exactly what was proposed, whatever happens to the scenarios.
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

export interface ProposalSnapshot {
  title: string
  brokerName: string
  clientName: string
  /** ISO instant. */
  createdAt: string
  coveredMembers: number
  scenarios: ProposalScenario[]
  assumptions: string[]
  sources: string[]
}
