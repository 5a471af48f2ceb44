/**
 * Issue 19: a hospital CMS's latest release no longer lists is out of member search, network
 * pickers and the facility list's default, yet stays on the programs and cases that have it,
 * flagged; seed-made offers are called demo offers, and proposal sources say what they are.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import * as facilityList from '~/routes/admin.facilities._index'
import * as programPage from '~/routes/employer.programs.$programId'
import * as networkPage from '~/routes/employer.programs.$programId_.network'
import * as findCare from '~/routes/member.care._index'
import { compareScenarios, createScenario } from '~/services/scenarios.server'
import { startNewVersion } from '~/services/programs.server'
import { actorOf, cookieFor, getRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

let t: TwoTenants
let offerId: string
let facilityId: string
let procedureCode: string
const scenarioIds: string[] = []
const INACTIVE_SINCE = '2026-12-01T10:00:00.000Z'

async function memberResults() {
  const page = await statusOf(findCare.loader, getRequest(`/member/care?procedure=${procedureCode}`, await cookieFor(t.users.employeeA)))
  const found = (page.body as { found: { status: string; results?: Array<{ offerId: string; isDemo: number }> } }).found
  expect(found.status).toBe('ok')
  return found.results!
}

async function candidateIds() {
  const page = await statusOf(networkPage.loader, getRequest(`/employer/programs/${t.a.programId}/network`, await cookieFor(t.users.adminA)), { programId: t.a.programId })
  expect(page.status).toBe(200)
  return (page.body as { rows: Array<{ offerId: string }> }).rows.map((r) => r.offerId)
}

async function facilityIds(query: string) {
  const page = await statusOf(facilityList.loader, getRequest(`/admin/facilities${query}`, await cookieFor(t.users.platform)))
  return (page.body as { rows: Array<{ id: string; inactiveSince: string | null }> }).rows
}

beforeAll(async () => {
  const db = getDb()
  t = await createTwoTenants(db)
  const row = await db
    .selectFrom('programNetwork')
    .innerJoin('offers', 'offers.id', 'programNetwork.offerId')
    .innerJoin('procedures', 'procedures.id', 'offers.procedureId')
    .select(['offers.id', 'offers.facilityId', 'procedures.code'])
    .where('programNetwork.programVersionId', '=', t.a.versionId)
    .executeTakeFirstOrThrow()
  offerId = row.id
  facilityId = row.facilityId
  procedureCode = row.code
  // Scenarios start from the published program, so before the draft.
  for (const name of ['Now', 'Later']) {
    const made = await createScenario(await actorOf(t.users.broker), { employerId: t.a.employerId }, { name, source: 'program' })
    if (!made.ok) throw new Error('no scenario')
    scenarioIds.push(made.scenarioId)
  }
  const drafted = await startNewVersion(await actorOf(t.users.adminA), { employerId: t.a.employerId }, t.a.programId)
  expect(drafted.ok).toBe(true)
})

describe('a hospital CMS no longer lists', () => {
  it('is found by the member, the picker and the facility list while listed', async () => {
    expect((await memberResults()).map((r) => r.offerId)).toEqual([offerId])
    expect(await candidateIds()).toContain(offerId)
    expect((await facilityIds('?q=Test%20Medical%20Center')).map((r) => r.id)).toContain(facilityId)
  })

  it('once inactive, is out of member search, the network picker and the default facility list', async () => {
    await getDb().updateTable('facilities').set({ inactiveSince: INACTIVE_SINCE }).where('id', '=', facilityId).execute()
    expect(await memberResults()).toEqual([])
    expect(await candidateIds()).not.toContain(offerId)
    expect((await facilityIds('?q=Test%20Medical%20Center')).map((r) => r.id)).not.toContain(facilityId)
    expect(await facilityIds('?q=Test%20Medical%20Center&listed=unlisted')).toEqual([expect.objectContaining({ id: facilityId, inactiveSince: INACTIVE_SINCE })])
    expect((await facilityIds('?q=Test%20Medical%20Center&listed=all')).map((r) => r.id)).toContain(facilityId)
  })

  it('stays on the published program, flagged with the date, for the employer admin', async () => {
    const page = await statusOf(programPage.loader, getRequest(`/employer/programs/${t.a.programId}?version=1`, await cookieFor(t.users.adminA)), { programId: t.a.programId })
    expect(page.status).toBe(200)
    const network = (page.body as { network: Array<{ offerId: string; inactiveSince: string | null }> }).network
    expect(network).toEqual([expect.objectContaining({ offerId, inactiveSince: INACTIVE_SINCE })])
  })

  it('comes back everywhere when listed again', async () => {
    await getDb().updateTable('facilities').set({ inactiveSince: null }).where('id', '=', facilityId).execute()
    expect((await memberResults()).map((r) => r.offerId)).toEqual([offerId])
    expect(await candidateIds()).toContain(offerId)
  })
})

describe('demo offers', () => {
  it('are marked on the member results and in the proposal sources; real ones are not called demo', async () => {
    const actor = await actorOf(t.users.broker)
    const scope = { employerId: t.a.employerId }
    const ids = scenarioIds
    const real = await compareScenarios(actor, scope, ids)
    expect(real.sources).toContain('Centers and bundled prices: health systems’ offers on the COE Marketplace.')
    expect((await memberResults())[0]!.isDemo).toBe(0)

    await getDb().updateTable('offers').set({ isDemo: 1 }).where('id', '=', offerId).execute()
    const demo = await compareScenarios(actor, scope, ids)
    expect(demo.sources).toContain(
      'Centers and bundled prices: demo offers made up by the portal’s demo seed at real CMS-listed hospitals (1); not real health systems’ prices.',
    )
    expect(demo.sources.join(' ')).not.toContain('CMS Care Compare')
    expect((await memberResults())[0]!.isDemo).toBe(1)
  })
})
