import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import * as scenarioNetworkPage from '~/routes/broker.clients.$employerId_.scenarios.$scenarioId_.network'
import { createPickerFixture, loadPicker, type PickerFixture, type PickerPage as Page, savePickerPage } from './network-picker-fixtures'
import { cookieFor, getRequest, statusOf } from './support'

/**
 * The bounded network picker (issue 24): candidates ranked by the share of the employer's covered
 * members within 100 miles (exact, to the member), filters and pages in the URL, saving a page
 * without losing offers elsewhere. Its bad queries and posts are hostile-input cases
 * (hostile-input-network-picker.test.ts).
 */
let f: PickerFixture
let t: PickerFixture['t']
let offerAt: PickerFixture['offerAt']
let farOfferIds: string[]

const load = (query = '') => loadPicker(f, query)
const save = (form: Record<string, string>) => savePickerPage(f, form)
const network = async () =>
  (await getDb().selectFrom('programNetwork').select('offerId').where('programVersionId', '=', f.draftVersionId).execute()).map((r) => r.offerId).sort()

beforeAll(async () => {
  f = await createPickerFixture()
  ;({ t, offerAt, farOfferIds } = f)
})

async function coveredMembers() {
  const today = new Date().toISOString().slice(0, 10)
  const rows = await getDb()
    .selectFrom('rosterMembers')
    .select('id')
    .where('employerId', '=', t.a.employerId)
    .where('coverageStart', '<=', today)
    .where((eb) => eb.or([eb('coverageEnd', 'is', null), eb('coverageEnd', '>=', today)]))
    .execute()
  return rows.length
}

describe('ranking by the share of members within 100 miles', () => {
  it('puts the center with the most members nearby first, and the share is right to the member', async () => {
    const { status, page } = await load()
    expect(status).toBe(200)
    const covered = await coveredMembers()
    expect(page.members).toBe(covered)
    const [first, second, third] = page.rows
    expect(first!.offerId).toBe(offerAt.portland)
    expect(first!.membersWithin100).toBe(6)
    expect(first!.membersWithin100Share).toBeCloseTo(6 / covered, 12)
    expect(first!.nearestMemberMiles).toBeLessThan(1)
    // Seattle and Tacoma reach the same 3 members: the cheaper (Tacoma) comes first.
    expect([second!.offerId, third!.offerId]).toEqual([offerAt.tacoma, offerAt.seattle])
    expect(third!.membersWithin100).toBe(3)
    const miami = page.rows.find((r) => r.offerId === farOfferIds[0])
    expect(miami?.membersWithin100 ?? 0).toBe(0)
  })

  it('pages the candidates: 25 on the first page, the rest on the second, the map holding every filtered place once', async () => {
    const first = await load()
    const second = await load('?page=2')
    expect(first.page.rows).toHaveLength(25)
    expect(first.page.pages).toBe(2)
    expect(second.page.rows).toHaveLength(first.page.total - 25)
    const ids = new Set([...first.page.rows, ...second.page.rows].map((r) => r.offerId))
    expect(ids.size).toBe(first.page.total)
    // Map: [lat, lon] pairs, one per facility of the filter (the 30 Miami centers share a ZIP but are 30 facilities).
    expect(first.page.map.coords.length).toBe(2 * first.page.total)
    expect(first.page.map.pageIds).toHaveLength(25)
  })

  it('filters by state, stars, price and distance to the nearest member', async () => {
    expect((await load('?state=WA')).page.rows.map((r) => r.offerId)).toEqual([offerAt.tacoma, offerAt.seattle])
    expect((await load('?stars=4&state=wa')).page.rows.map((r) => r.offerId)).toEqual([offerAt.seattle])
    expect((await load('?maxPrice=25000&state=WA')).page.rows.map((r) => r.offerId)).toEqual([offerAt.tacoma])
    const near = (await load('?near=50')).page.rows.map((r) => r.offerId)
    expect(near).toEqual(expect.arrayContaining([offerAt.portland, offerAt.seattle, offerAt.tacoma]))
    expect(near.some((id) => farOfferIds.includes(id))).toBe(false)
  })

  it('shows the same ranking on the broker scenario picker', async () => {
    const broker = await cookieFor(t.users.broker)
    const result = await statusOf(
      scenarioNetworkPage.loader,
      getRequest(`/broker/clients/${t.a.employerId}/scenarios/${f.scenarioId}/network?state=WA`, broker),
      { employerId: t.a.employerId, scenarioId: f.scenarioId },
    )
    expect(result.status).toBe(200)
    expect((result.body as Page).rows.map((r) => r.offerId)).toEqual([offerAt.tacoma, offerAt.seattle])
  })
})

describe('saving a page keeps the offers on other pages', () => {
  it('adds a ticked offer of page 2 and one carried from page 1, and keeps the rest', async () => {
    const before = await network()
    const second = (await load('?page=2')).page
    const pick = second.rows[0]!.offerId
    const result = await save({ shown: second.rows.map((r) => r.offerId).join(','), offerIds: pick, add: offerAt.portland, remove: '' })
    expect(result.status).toBe(302)
    expect(await network()).toEqual([...new Set([...before, pick, offerAt.portland])].sort())
    // Page 1, saved with nothing ticked but Portland: the page-1 offers other than Portland leave, page 2's pick stays.
    const first = (await load()).page
    const result2 = await save({ shown: first.rows.map((r) => r.offerId).join(','), offerIds: offerAt.portland })
    expect(result2.status).toBe(302)
    const after = await network()
    expect(after).toContain(pick)
    expect(after).toContain(offerAt.portland)
    expect(after.filter((id) => first.rows.some((r) => r.offerId === id))).toEqual([offerAt.portland])
    const reloaded = (await load('?show=network')).page
    expect(reloaded.chosenCount).toBe(after.length)
    expect(reloaded.rows.map((r) => r.offerId).sort()).toEqual(after)
  })

  it('removes an offer carried from another page', async () => {
    const result = await save({ shown: '', remove: offerAt.portland })
    expect(result.status).toBe(302)
    expect(await network()).not.toContain(offerAt.portland)
  })
})

describe('an empty page', () => {
  it('saves an empty page (no candidate matches the filters) without dropping the network', async () => {
    const before = await network()
    expect(before.length).toBeGreaterThan(0)
    expect((await save({ shown: '' })).status).toBe(302)
    expect(await network()).toEqual(before)
  })
})
