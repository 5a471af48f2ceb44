import { beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '~/domain/tenancy'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { requestCare, transitionCase } from '~/services/cases.server'
import { checkWrites, snapshot, type Snapshot } from '../../reliability/load-check'
import type { CareAck, TransitionAck } from '../../reliability/load-users'
import { createTwoTenants, type TwoTenants } from './tenants'

// The load test's PASS means "the database holds exactly the acknowledged writes" only if its
// check sees a lost, duplicated or unasked-for write: these tests make each one happen.

let t: TwoTenants
let before: Snapshot
let offerId: string
let caseId: string
let careAcks: CareAck[]
let transitionAcks: TransitionAck[]

const actorOf = async (userId: string): Promise<Actor> => {
  const row = await getDb()
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organizationId')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select(['users.email', 'users.displayName', 'memberships.role', 'memberships.organizationId', 'organizations.kind', 'organizations.name', 'memberships.rosterMemberId'])
    .where('memberships.userId', '=', userId)
    .executeTakeFirstOrThrow()
  return {
    userId, email: row.email, displayName: row.displayName, role: row.role, organizationId: row.organizationId, organizationKind: row.kind,
    organizationName: row.name, rosterMemberId: row.rosterMemberId, clientEmployerIds: [],
  }
}

const check = (acks: { care?: CareAck[]; steps?: TransitionAck[]; memberAddress?: string } = {}) =>
  checkWrites(getDb(), process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite', before, {
    careAcks: acks.care ?? careAcks,
    transitionAcks: acks.steps ?? transitionAcks,
    uncertainWrites: [],
    coordinatorUserIds: new Set([t.users.coordinator]),
    memberUserIdOfRosterMember: new Map([[t.a.rosterMemberId, t.users.employeeA]]),
    addressOfUser: new Map([[t.users.employeeA, acks.memberAddress ?? '10.0.0.1']]),
  })

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  offerId = (await getDb().selectFrom('programNetwork').select('offerId').where('programVersionId', '=', t.a.versionId).executeTakeFirstOrThrow()).offerId
  before = await snapshot(getDb())
  const member = { ...(await actorOf(t.users.employeeA)), ip: '10.0.0.1' }
  const first = await requestCare(member, offerId, { hasCompanion: 0, contactPreference: 'phone', contactPhone: '+16145550123', contactEmail: null })
  const again = await requestCare(member, offerId, { hasCompanion: 0, contactPreference: 'phone', contactPhone: '+16145550123', contactEmail: null })
  if (!first.ok || !again.ok) throw new Error('care request refused')
  caseId = first.caseId
  careAcks = [
    { userId: t.users.employeeA, rosterMemberId: t.a.rosterMemberId, offerId, caseId: first.caseId, isNew: first.isNew, doubleSubmit: false },
    { userId: t.users.employeeA, rosterMemberId: t.a.rosterMemberId, offerId, caseId: again.caseId, isNew: again.isNew, doubleSubmit: false },
  ]
  const moved = await transitionCase(await actorOf(t.users.coordinator), caseId, { to: 'eligibility_verified' })
  if (!moved.ok) throw new Error('transition refused')
  transitionAcks = [{ coordinatorUserId: t.users.coordinator, caseId, seenStatus: 'requested', to: 'eligibility_verified', answeredAtMs: 0 }]
})

describe('the load test database check', () => {
  it('passes when the database holds exactly the acknowledged writes', async () => {
    const result = await check()
    expect(careAcks.map((a) => a.isNew)).toEqual([true, false])
    expect(result).toMatchObject({ lost: [], duplicates: [], unacknowledged: [], wrongState: [], addressMismatches: [], integrity: [] })
    expect(result.found).toEqual({ newCases: 1, existingAnswers: 1, transitions: 1 })
  })

  it('sees an acknowledged write that is missing', async () => {
    const ghost = { ...careAcks[0]!, caseId: newId() }
    const step = { ...transitionAcks[0]!, to: 'scheduled' }
    const result = await check({ care: [...careAcks, ghost], steps: [...transitionAcks, step] })
    expect(result.lost).toEqual([expect.stringContaining('is not a new case'), expect.stringContaining('has no event'), expect.stringContaining('has no audit entry'), expect.stringContaining('has no audit entry')])
    expect(result.wrongState).toEqual([expect.stringContaining('the last acknowledged step was scheduled')])
  })

  it('sees an audit entry without the address the user came from', async () => {
    const result = await check({ memberAddress: '10.0.9.9' })
    expect(result.addressMismatches).toEqual([expect.stringContaining('audit address 10.0.0.1, the user came from 10.0.9.9')])
  })

  it('sees a write nobody was told about: a case and a step without a success answer', async () => {
    const result = await check({ care: [], steps: [] })
    // The case's first event is not reported a second time: the case's line stands for it.
    expect(result.unacknowledged).toEqual([expect.stringContaining(`case ${caseId}`), expect.stringContaining(`step ${caseId}|eligibility_verified`)])
  })

  it("names the user's uncertain request beside a case that landed without an answer (a kill mid-request)", async () => {
    const result = await checkWrites(getDb(), process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite', before, {
      careAcks: [], transitionAcks, uncertainWrites: [{ kind: 'request care', userId: t.users.employeeA, target: offerId }],
      coordinatorUserIds: new Set([t.users.coordinator]), memberUserIdOfRosterMember: new Map([[t.a.rosterMemberId, t.users.employeeA]]),
      addressOfUser: new Map([[t.users.employeeA, '10.0.0.1']]),
    })
    expect(result.unacknowledged).toEqual([`case ${caseId} of roster member ${t.a.rosterMemberId} was never answered as new (that user had a write answered 5xx or lost on the way)`])
  })

  it('sees a step written twice and a second open case for one member and procedure', async () => {
    const db = getDb()
    const at = new Date().toISOString()
    await db.insertInto('caseEvents').values({ id: newId(), caseId, actorUserId: t.users.coordinator, fromStatus: 'requested', toStatus: 'eligibility_verified', note: null, createdAt: at }).execute()
    const result = await check()
    expect(result.duplicates).toEqual([expect.stringContaining('has 2 events')])
    // The partial unique index refuses the second open case itself; the check would see it on a database without one.
    const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow()
    await expect(db.insertInto('cases').values({ ...row, id: newId(), status: 'requested' }).execute()).rejects.toThrow()
  })
})
