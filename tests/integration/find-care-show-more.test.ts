import { beforeAll, describe, expect, it } from 'vitest'
import * as findCare from '~/routes/member.care._index'
import { FIRST_RESULTS } from '~/services/find-care.server'
import { createShowMoreFixture } from './show-more-fixtures'
import { getRequest, statusOf } from './support'

/*
 * Issue 24: the search page shows the first FIRST_RESULTS results as cards and a "Show more" link
 * (?more) for the rest, which stay on the map. A Columbus member (43215) whose program covers a
 * knee replacement at 13 centers 1 to 13 (tenths of a degree) north of home: on distance they come
 * in that order, so the cut is visible.
 */
let member: string
let names: string[] = []

interface Found {
  status: string
  resultCount: number
  totalInNetwork: number
  results: Array<{ offerId: string; facilityName: string; cost: { memberPaysCents: number }; distanceMiles: number }>
  moreOnMap: Array<{ offerId: string; facilityName: string; latitude: number; longitude: number; memberPaysCents: number; distanceMiles: number }>
}
const search = async (query: string) => {
  const page = await statusOf(findCare.loader, getRequest(`/member/care?procedure=TKA&zip=43215&sort=distance${query}`, member))
  expect(page.status).toBe(200)
  const found = (page.body as { found: Found }).found
  expect(found.status).toBe('ok')
  return found
}

beforeAll(async () => {
  ;({ member, names } = await createShowMoreFixture())
})

describe('first results, then more', () => {
  it(`shows the first ${FIRST_RESULTS} as cards and the other 3 on the map, in the same order as every card with ?more`, async () => {
    expect(FIRST_RESULTS).toBe(10)
    const first = await search('')
    const all = await search('&more=1')
    expect(first.resultCount).toBe(13)
    expect(all.resultCount).toBe(13)
    expect(all.results.map((r) => r.facilityName)).toEqual(names)
    expect(all.moreOnMap).toEqual([])
    // The same results, the same order, the same prices: the cut is the only difference.
    expect(first.results).toEqual(all.results.slice(0, 10))
    expect(first.moreOnMap.map((r) => r.facilityName)).toEqual(names.slice(10))
    expect(first.moreOnMap.map((r) => [r.offerId, r.memberPaysCents, r.distanceMiles])).toEqual(all.results.slice(10).map((r) => [r.offerId, r.cost.memberPaysCents, r.distanceMiles]))
    for (const pin of first.moreOnMap) expect(pin.latitude).toBeGreaterThan(40)
  })

  it('a filter that leaves 10 or fewer shows them all and nothing more (a radius of 50 miles leaves 7)', async () => {
    const near = await search('&radius=50')
    expect(near.resultCount).toBe(7)
    expect(near.results.map((r) => r.facilityName)).toEqual(names.slice(0, 7))
    expect(near.moreOnMap).toEqual([])
  })

  it('any value of more (even empty) asks for every card', async () => {
    expect((await search('&more=')).results).toHaveLength(13)
  })
})

describe("what the page's data carries about the member", () => {
  it('names their home ZIP only: no name, plan terms or amounts already paid go to the browser', async () => {
    const found = (await search('')) as unknown as Record<string, unknown>
    expect(found.memberZip).toMatch(/^\d{5}$/)
    expect(found).not.toHaveProperty('member')
    const data = JSON.stringify(found)
    for (const field of ['firstName', 'lastName', 'deductibleMetCents', 'oopPaidCents', 'coinsuranceRate', 'planName']) expect(data).not.toContain(field)
  })
})
