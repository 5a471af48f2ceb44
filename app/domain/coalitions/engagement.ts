/**
 * The engagement continuum (DESIGN §12, issue 23): where an employer stands, from awareness of the
 * variation in quality and price, to a centers-of-excellence program, to value-based contracts, and
 * the next step the portal offers. Pure: the employer home gathers the facts.
 */
export type EngagementStage = 'awareness' | 'coe_program' | 'value_based'

export interface EngagementFacts {
  /** A published program (any version). */
  hasPublishedProgram: boolean
  /** Members have requested care through the employer's programs (any case). */
  hasMembersUsingProgram: boolean
  /** A value-based contract in force with the employer as purchaser. */
  hasOwnSignedContract: boolean
  /** A member of a coalition today. */
  isCoalitionMember: boolean
  /** A value-based contract in force signed by a coalition the employer is a member of today. */
  hasCoalitionSignedContract: boolean
}

export interface EngagementStep {
  stage: EngagementStage
  label: string
  state: 'done' | 'current' | 'upcoming'
}

export interface NextStep {
  title: string
  why: string
  links: ReadonlyArray<{ label: string; to: string }>
}

export interface Engagement {
  stage: EngagementStage
  steps: readonly EngagementStep[]
  next: NextStep
}

export const STAGES: ReadonlyArray<{ stage: EngagementStage; label: string }> = [
  { stage: 'awareness', label: 'Awareness of quality variation' },
  { stage: 'coe_program', label: 'Centers-of-excellence program' },
  { stage: 'value_based', label: 'Value-based contracts' },
]

/** The stage: a contract in force (own, or a coalition's while a member) is the last; a published program the middle. */
export function engagementStage(facts: EngagementFacts): EngagementStage {
  if (facts.hasOwnSignedContract || (facts.isCoalitionMember && facts.hasCoalitionSignedContract)) return 'value_based'
  if (facts.hasPublishedProgram) return 'coe_program'
  return 'awareness'
}

/** The next step the portal offers, for the facts (the first that applies). */
export function nextEngagementStep(facts: EngagementFacts): NextStep {
  const coalitionContract = facts.isCoalitionMember && facts.hasCoalitionSignedContract
  if (!facts.hasPublishedProgram) {
    if (coalitionContract) {
      return {
        title: "Adopt your coalition's network into a program",
        why: 'Your coalition has a value-based contract in force. Put its centers and rates into a program of your own and publish it so your members can use them.',
        links: [{ label: 'Programs', to: '/employer/programs' }],
      }
    }
    return {
      title: 'Publish your first program',
      why: 'Quality and price vary widely between hospitals for the same procedure. Choose the centers your members may use, waive their cost-sharing there, and publish.',
      links: [{ label: 'Start a program', to: '/employer/programs/new' }],
    }
  }
  if (!facts.hasMembersUsingProgram) {
    return {
      title: 'Help your members find the program',
      why: 'No member has requested care through your program yet. A value-based contract pays on the episodes members have, so tell them what the program covers.',
      links: [{ label: 'Preview your programs as a member sees them', to: '/employer/programs' }],
    }
  }
  if (!facts.hasOwnSignedContract && !coalitionContract) {
    return facts.isCoalitionMember
      ? {
          title: 'Propose a value-based contract',
          why: 'Your members use the program. A contract with a health system adds warranties, outcome targets and shared savings; your coalition can also sign one for all its members.',
          links: [{ label: 'Contracts', to: '/employer/contracts' }],
        }
      : {
          title: 'Join a coalition or propose a contract',
          why: 'Your members use the program. A value-based contract adds warranties, outcome targets and shared savings; a coalition contracts for employers too small to contract alone.',
          links: [
            { label: 'Propose a contract', to: '/employer/contracts' },
            { label: 'Coalition invitations', to: '/employer/coalitions' },
          ],
        }
  }
  return {
    title: "Review your contract's results",
    why: 'A value-based contract is in force. Each reconciliation period shows the episodes, the savings and the outcomes against its targets.',
    links: [{ label: 'Contracts', to: '/employer/contracts' }],
  }
}

export function engagement(facts: EngagementFacts): Engagement {
  const stage = engagementStage(facts)
  const at = STAGES.findIndex((s) => s.stage === stage)
  return {
    stage,
    steps: STAGES.map((s, i) => ({ ...s, state: i < at ? 'done' : i === at ? 'current' : 'upcoming' })),
    next: nextEngagementStep(facts),
  }
}
