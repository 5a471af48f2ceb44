import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import * as coalitionContract from '~/routes/coalition.contracts.$contractId'
import * as coalitionPeriod from '~/routes/coalition.contracts.$contractId_.periods.$periodId'
import * as coalitionNew from '~/routes/coalition.contracts.new'
import * as employerPrograms from '~/routes/employer.programs._index'
import { createCoalitionContractDraft } from '~/services/coalition-contracts.server'
import { sendContractVersion, signContractVersion } from '~/services/contracts.server'
import { contractParties, pastYears, signedContract, type ContractParties } from './contract-fixtures'
import { expectNoChange, hostileFixtures, LONG, postForm, SQL_OR } from './hostile'
import { actorOf, getRequest, statusOf } from './support'
import type { TwoTenants } from './tenants'

/*
 * Hostile input on coalition contracts (issue 23): adopting a coalition network when the employer
 * is not a member, with another coalition's contract, an employer's own contract or an id that is
 * not one; a coalition opening contracts that are not its own; a coalition draft without
 * procedures. Each gets its exact message or a 404, and nothing changes.
 */

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>
type Action = (args: ActionFunctionArgs) => Promise<unknown>

let t: TwoTenants
let p: ContractParties
const cookies: Record<string, string> = {}
/** A's own employer contract (not a coalition's), with its first period. */
const employerContract = { id: '', periodId: '' }
/** An active contract of another coalition, of which no test employer is a member. */
let otherCoalitionContractId = ''

beforeAll(async () => {
  const fixtures = await hostileFixtures()
  t = fixtures.t
  Object.assign(cookies, fixtures.cookies)
  p = await contractParties(t)
  const own = await signedContract(p, pastYears(2025, 2), 'Employer A own contract')
  Object.assign(employerContract, { id: own.contractId, periodId: own.periods[0]!.id })
  // Another coalition with its own admin and an active contract with Test Health.
  const db = getDb()
  const now = new Date().toISOString()
  const otherCoalition = newId()
  await db.insertInto('organizations').values({ id: otherCoalition, kind: 'coalition', name: 'Other Coalition', code: `OTHERCO-${otherCoalition.slice(-6)}`, createdAt: now }).execute()
  const otherAdmin = newId()
  await db.insertInto('users').values({ id: otherAdmin, email: `other-coalition-${otherAdmin}@example.com`, passwordHash: 'x', displayName: 'Other coalition admin', createdAt: now, lastLoginAt: null }).execute()
  await db.insertInto('memberships').values({ id: newId(), userId: otherAdmin, organizationId: otherCoalition, role: 'coalition_admin', rosterMemberId: null, createdAt: now, isOrganizationAdmin: 1 }).execute()
  const actor = await actorOf(otherAdmin)
  const party = { side: 'purchaser' as const, organizationId: otherCoalition }
  const made = await createCoalitionContractDraft(actor, otherCoalition, { healthSystemId: p.healthSystemId, procedureCodes: [p.procedureCode], title: 'Other coalition contract' })
  if (!made.ok) throw new Error('no draft')
  otherCoalitionContractId = made.contractId
  expect(await sendContractVersion(actor, party, made.contractId)).toEqual({ ok: true })
  expect(await signContractVersion(actor, party, made.contractId)).toEqual({ ok: true })
  expect(await signContractVersion(p.center, p.centerParty, made.contractId)).toEqual({ ok: true })
})

describe('adopting a coalition network with hostile input', () => {
  const adopt = (role: string, form: Record<string, string>) => statusOf(employerPrograms.action as Action, postForm('/employer/programs', form, cookies[role]!))

  it.each([
    ['an employer that is no coalition\'s member (B)', 'adminB', (): string => otherCoalitionContractId, 'Your organization is not a member of a coalition: only a coalition member adopts a coalition network.'],
    ['another coalition\'s contract', 'adminA', (): string => otherCoalitionContractId, 'There is no coalition contract with this id among your coalitions’ contracts: choose one from the list.'],
    ['the employer\'s own (not a coalition\'s) contract', 'adminA', (): string => employerContract.id, 'There is no coalition contract with this id among your coalitions’ contracts: choose one from the list.'],
    ['an id that names nothing', 'adminA', (): string => newId(), 'There is no coalition contract with this id among your coalitions’ contracts: choose one from the list.'],
    ['SQL-looking text as the id', 'adminA', (): string => SQL_OR, 'There is no coalition contract with this id among your coalitions’ contracts: choose one from the list.'],
  ] as const)('refuses %s (422), nothing written', async (_name, role, contractId, message) => {
    const result = await expectNoChange(() => adopt(role, { intent: 'adopt-coalition-network', contractId: contractId() }))
    expect(result).toMatchObject({ status: 422, body: { error: message } })
  })

  it.each([
    ['a 10,000-character id', { intent: 'adopt-coalition-network', contractId: LONG }, 'Choose the coalition contract to adopt'],
    ['no id', { intent: 'adopt-coalition-network' }, 'Choose the coalition contract to adopt'],
    ['an unknown intent', { intent: 'delete-everything', contractId: 'x' }, 'Choose the coalition network to adopt'],
  ] as const)('refuses %s (400), nothing written', async (_name, form, message) => {
    const result = await expectNoChange(() => adopt('adminA', form))
    expect(result).toMatchObject({ status: 400, body: { error: message } })
  })
})

describe('a coalition on contracts that are not its own', () => {
  it.each([
    ['an employer\'s contract', (): string => employerContract.id],
    ['another coalition\'s contract', (): string => otherCoalitionContractId],
    ['an id that names nothing', (): string => newId()],
    ['path traversal', (): string => '..%2F..%2Fetc%2Fpasswd'],
  ] as const)('gets 404 for %s, page and action, nothing written', async (_name, id) => {
    const contractId = id()
    expect((await statusOf(coalitionContract.loader as Loader, getRequest(`/coalition/contracts/${contractId}`, cookies.coalition!), { contractId })).status).toBe(404)
    const action = await expectNoChange(() => statusOf(coalitionContract.action as Action, postForm(`/coalition/contracts/${contractId}`, { intent: 'sign' }, cookies.coalition!), { contractId }))
    expect(action.status).toBe(404)
    const periodId = employerContract.periodId
    const period = await expectNoChange(() => statusOf(coalitionPeriod.action as Action, postForm(`/coalition/contracts/${contractId}/periods/${periodId}`, { intent: 'close' }, cookies.coalition!), { contractId, periodId }))
    expect(period.status).toBe(404)
  })

  it('refuses a draft without procedures (400) or with a health system that offers nothing (422), nothing written', async () => {
    const none = await expectNoChange(() => statusOf(coalitionNew.action as Action, postForm('/coalition/contracts/new', { healthSystemId: p.healthSystemId, title: 'X' }, cookies.coalition!)))
    expect(none.status).toBe(400)
    expect(JSON.stringify(none.body)).toContain('Choose at least one procedure')
    const nothing = await expectNoChange(() =>
      statusOf(coalitionNew.action as Action, postForm('/coalition/contracts/new', { healthSystemId: newId(), procedureCodes: p.procedureCode, title: 'X' }, cookies.coalition!)),
    )
    expect(nothing.status).toBe(422)
    expect(JSON.stringify(nothing.body)).toContain('Choose procedures the health system has active offers for')
  })
})
