import { describe, expect, it } from 'vitest'
import { engagement, engagementStage, nextEngagementStep, type EngagementFacts, type EngagementStage } from '~/domain/coalitions/engagement'

const facts = (overrides: Partial<EngagementFacts> = {}): EngagementFacts => ({
  hasPublishedProgram: false, hasMembersUsingProgram: false, hasOwnSignedContract: false, isCoalitionMember: false, hasCoalitionSignedContract: false, ...overrides,
})

describe('engagementStage', () => {
  it.each<[string, Partial<EngagementFacts>, EngagementStage]>([
    ['nothing yet: awareness', {}, 'awareness'],
    ['a coalition member without a program or contract: still awareness', { isCoalitionMember: true }, 'awareness'],
    ['a published program: COE program', { hasPublishedProgram: true }, 'coe_program'],
    ['a program members use: COE program', { hasPublishedProgram: true, hasMembersUsingProgram: true }, 'coe_program'],
    ['its own contract in force: value-based', { hasPublishedProgram: true, hasMembersUsingProgram: true, hasOwnSignedContract: true }, 'value_based'],
    ["its coalition's contract while a member: value-based", { hasPublishedProgram: true, isCoalitionMember: true, hasCoalitionSignedContract: true }, 'value_based'],
    ["a coalition's contract does not count once the employer is no longer a member", { hasPublishedProgram: true, isCoalitionMember: false, hasCoalitionSignedContract: true }, 'coe_program'],
    ["its coalition's contract, no program of its own yet: value-based", { isCoalitionMember: true, hasCoalitionSignedContract: true }, 'value_based'],
  ])('%s', (_name, overrides, expected) => {
    expect(engagementStage(facts(overrides))).toBe(expected)
  })
})

describe('nextEngagementStep', () => {
  it.each<[string, Partial<EngagementFacts>, string, string[]]>([
    ['no program: publish one', {}, 'Publish your first program', ['/employer/programs/new']],
    ["no program but a coalition contract: adopt the coalition's network", { isCoalitionMember: true, hasCoalitionSignedContract: true }, "Adopt your coalition's network into a program", ['/employer/programs']],
    ['a program nobody used: help members find it', { hasPublishedProgram: true }, 'Help your members find the program', ['/employer/programs']],
    ['a used program, no coalition: join one or propose a contract', { hasPublishedProgram: true, hasMembersUsingProgram: true }, 'Join a coalition or propose a contract', ['/employer/contracts', '/employer/coalitions']],
    ['a used program, a coalition member without a contract: propose one', { hasPublishedProgram: true, hasMembersUsingProgram: true, isCoalitionMember: true }, 'Propose a value-based contract', ['/employer/contracts']],
    ['its own contract: review the results', { hasPublishedProgram: true, hasMembersUsingProgram: true, hasOwnSignedContract: true }, "Review your contract's results", ['/employer/contracts']],
    ["the coalition's contract: review the results", { hasPublishedProgram: true, hasMembersUsingProgram: true, isCoalitionMember: true, hasCoalitionSignedContract: true }, "Review your contract's results", ['/employer/contracts']],
  ])('%s', (_name, overrides, title, links) => {
    const next = nextEngagementStep(facts(overrides))
    expect(next.title).toBe(title)
    expect(next.links.map((l) => l.to)).toEqual(links)
  })
})

describe('engagement: the stepper', () => {
  it.each<[EngagementStage, Partial<EngagementFacts>, string[]]>([
    ['awareness', {}, ['current', 'upcoming', 'upcoming']],
    ['coe_program', { hasPublishedProgram: true }, ['done', 'current', 'upcoming']],
    ['value_based', { hasPublishedProgram: true, hasOwnSignedContract: true }, ['done', 'done', 'current']],
  ])('%s marks the steps before it done', (stage, overrides, states) => {
    const result = engagement(facts(overrides))
    expect(result.stage).toBe(stage)
    expect(result.steps.map((s) => s.state)).toEqual(states)
    expect(result.steps.map((s) => s.label)).toEqual(['Awareness of quality variation', 'Centers-of-excellence program', 'Value-based contracts'])
  })
})
