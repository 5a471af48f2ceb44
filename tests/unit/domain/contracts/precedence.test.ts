import { describe, expect, it } from 'vitest'
import { claimKindOf, keeperOf, owningClaimOf, takenFrom, type CaseClaimFacts, type ContractClaim } from '~/domain/contracts/precedence'

const TERMS: ContractClaim['terms'] = {
  bundleRates: [{ procedureCode: 'TKA', bundleCents: 2_800_000, includes: ['facility'], sourceOfferId: null }],
  networkFacilityIds: ['f-1', 'f-2'],
  attribution: { model: 'prospective', periodStart: '2026-01-01', periodEnd: '2026-12-31' },
}

/** Acme's own contract; the coalition GLEC's (Acme a member from 2026-01-01 to 2026-09-30); Bluewave's own. */
const OWN: ContractClaim = { contractId: 'c-own', purchaserOrganizationId: 'acme', memberships: null, firstSignedAt: '2026-03-01T10:00:00.000Z', terms: TERMS }
const GLEC: ContractClaim = {
  contractId: 'c-glec',
  purchaserOrganizationId: 'glec',
  memberships: [{ employerId: 'acme', joinedOn: '2026-01-01', leftOn: '2026-09-30' }, { employerId: 'lake', joinedOn: '2026-01-01', leftOn: null }],
  // Signed before Acme's own: the kind decides before the date.
  firstSignedAt: '2025-12-01T10:00:00.000Z',
  terms: { ...TERMS, networkFacilityIds: ['f-1', 'f-2', 'f-3'] },
}
const BLUE: ContractClaim = { contractId: 'c-blue', purchaserOrganizationId: 'bluewave', memberships: null, firstSignedAt: '2025-01-01T10:00:00.000Z', terms: TERMS }
const CLAIMS = [GLEC, OWN, BLUE]

const CASE: CaseClaimFacts = { employerId: 'acme', facilityId: 'f-1', procedureCode: 'TKA', procedureDate: '2026-05-10' }

describe('claimKindOf: how a contract covers a case', () => {
  it.each<[string, ContractClaim, Partial<CaseClaimFacts>, 'own' | 'coalition' | null]>([
    ["the employer's own contract", OWN, {}, 'own'],
    ["a coalition's, the employer a member on the procedure date", GLEC, {}, 'coalition'],
    ['a coalition\'s on the last day of the membership', GLEC, { procedureDate: '2026-09-30' }, 'coalition'],
    ['a coalition\'s the day after the membership ended', GLEC, { procedureDate: '2026-10-01' }, null],
    ["another employer's contract", BLUE, {}, null],
    ['a facility outside the network', OWN, { facilityId: 'f-3' }, null],
    ['a procedure without a bundle rate', OWN, { procedureCode: 'THA' }, null],
    ['a procedure date before the attribution period', OWN, { procedureDate: '2025-12-31' }, null],
    ['a procedure date after the attribution period', OWN, { procedureDate: '2027-01-01' }, null],
    ['a coalition member that is not this employer', GLEC, { employerId: 'bluewave' }, null],
  ])('%s', (_, claim, change, kind) => {
    expect(claimKindOf(claim, { ...CASE, ...change })).toBe(kind)
  })
})

describe('owningClaimOf: the one contract whose episode the case is', () => {
  it.each<[string, Partial<CaseClaimFacts>, readonly ContractClaim[], string | null]>([
    ["the employer's own contract over the coalition's, though the coalition signed first", {}, CLAIMS, 'c-own'],
    ['the coalition\'s at a facility only it covers', { facilityId: 'f-3' }, CLAIMS, 'c-glec'],
    ['none once the membership has ended and the facility is only the coalition\'s', { facilityId: 'f-3', procedureDate: '2026-10-01' }, CLAIMS, null],
    ["the employer's own after the membership ended", { procedureDate: '2026-10-01' }, CLAIMS, 'c-own'],
    ['the coalition\'s for a member without a contract of its own', { employerId: 'lake' }, CLAIMS, 'c-glec'],
    ['none when nothing covers it', { procedureCode: 'THA' }, CLAIMS, null],
    ['whatever the order of the claims', {}, [OWN, BLUE, GLEC], 'c-own'],
  ])('%s', (_, change, claims, owner) => {
    expect(owningClaimOf({ ...CASE, ...change }, claims)?.contractId ?? null).toBe(owner)
  })

  const SECOND_OWN: ContractClaim = { ...OWN, contractId: 'c-own-2', firstSignedAt: '2026-02-01T10:00:00.000Z' }
  const SAME_DAY: ContractClaim = { ...OWN, contractId: 'c-aaa' }
  const SECOND_GLEC: ContractClaim = { ...GLEC, contractId: 'c-glec-2', purchaserOrganizationId: 'other-coalition', firstSignedAt: '2025-11-01T10:00:00.000Z' }
  it.each<[string, readonly ContractClaim[], string]>([
    ['two own contracts: the one signed first', [OWN, SECOND_OWN], 'c-own-2'],
    ['two own contracts signed at the same instant: the smaller id', [OWN, SAME_DAY], 'c-aaa'],
    ['two coalition contracts: the one signed first', [GLEC, SECOND_GLEC], 'c-glec-2'],
    ['two coalition contracts, in the other order', [SECOND_GLEC, GLEC], 'c-glec-2'],
  ])('between two of the same kind, %s', (_, claims, owner) => {
    expect(owningClaimOf(CASE, claims)?.contractId).toBe(owner)
  })
})

describe('takenFrom: whether another contract takes a case a contract attributes', () => {
  it.each<[string, string, 'own' | 'coalition', Partial<CaseClaimFacts>, string | null]>([
    ["the coalition's loses the case to the employer's own", 'c-glec', 'coalition', {}, 'c-own'],
    ["the employer's own keeps it", 'c-own', 'own', {}, null],
    ["the coalition's keeps it at a facility only it covers", 'c-glec', 'coalition', { facilityId: 'f-3' }, null],
    ["the coalition's keeps a member's case without an own contract", 'c-glec', 'coalition', { employerId: 'lake' }, null],
  ])('%s', (_, contractId, kind, change, taker) => {
    expect(takenFrom(contractId, kind, { ...CASE, ...change }, CLAIMS)?.contractId ?? null).toBe(taker)
  })

  it('agrees with owningClaimOf for every claim that covers the case (a case is never counted twice nor dropped by both)', () => {
    for (const facts of [CASE, { ...CASE, facilityId: 'f-3' }, { ...CASE, employerId: 'lake' }, { ...CASE, procedureDate: '2026-10-01' }]) {
      const keepers = CLAIMS.filter((claim) => {
        const kind = claimKindOf(claim, facts)
        return kind !== null && takenFrom(claim.contractId, kind, facts, CLAIMS) === null
      })
      expect(keepers.map((claim) => claim.contractId)).toEqual([owningClaimOf(facts, CLAIMS)!.contractId])
    }
  })

  it('ranks an attributing contract missing from the claims last of its kind', () => {
    expect(takenFrom('c-gone', 'own', CASE, [GLEC])).toBeNull()
    expect(takenFrom('c-gone', 'coalition', CASE, [OWN])?.contractId).toBe('c-own')
    expect(takenFrom('c-gone', 'own', CASE, [OWN])?.contractId).toBe('c-own')
  })
})

describe('keeperOf: a case already in another contract\'s closed period stays there', () => {
  const FACTS = { ...CASE, caseId: 'case-1' }
  it.each<[string, string, 'own' | 'coalition', Partial<CaseClaimFacts>, Array<[string, string]>, string | null]>([
    ["the coalition closed it first: the employer's own contract does not count it again", 'c-own', 'own', {}, [['case-1', 'c-glec']], 'c-glec'],
    ["the employer's own closed it: the coalition leaves it", 'c-glec', 'coalition', {}, [['case-1', 'c-own']], 'c-own'],
    ['its own earlier period (carried forward): precedence decides as before', 'c-own', 'own', {}, [['case-1', 'c-own']], null],
    ['another case closed elsewhere: precedence decides', 'c-glec', 'coalition', {}, [['case-2', 'c-blue']], 'c-own'],
    ['nothing closed: the coalition keeps a case only it covers', 'c-glec', 'coalition', { facilityId: 'f-3' }, [], null],
  ])('%s', (_, contractId, kind, change, closed, keeper) => {
    expect(keeperOf(contractId, kind, { ...FACTS, ...change }, CLAIMS, new Map(closed))).toBe(keeper)
  })
})
