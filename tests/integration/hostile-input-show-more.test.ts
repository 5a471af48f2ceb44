import { beforeAll, describe, expect, it } from 'vitest'
import * as findCare from '~/routes/member.care._index'
import { expectNoChange, LONG, SCRIPT, SQL_DROP } from './hostile'
import { createShowMoreFixture } from './show-more-fixtures'
import { getRequest, statusOf } from './support'

/*
 * Hostile input on the search page's "Show more" (issue 24: ?more asks for every result as a card).
 * `more` is a flag: its value is never read, so no value can be wrong and none is echoed into the
 * page. Whatever it holds, the page answers 200 with all 13 cards and nothing on the map only, and
 * nothing changes but the search's own count (searchEvents, the point of the page).
 */
let member: string
beforeAll(async () => {
  ;({ member } = await createShowMoreFixture())
})

describe('hostile input: ?more on the search page', () => {
  it.each([
    ['a script', SCRIPT],
    ['SQL', SQL_DROP],
    ['10,000 characters', LONG],
    ['"0" (still a flag: present means every card)', '0'],
    ['a NUL', '\u0000'],
  ])('more as %s shows every card and changes nothing', async (_label, value) => {
    const result = await expectNoChange(
      () => statusOf(findCare.loader, getRequest(`/member/care?procedure=TKA&zip=43215&sort=distance&more=${encodeURIComponent(value)}`, member)),
      ['searchEvents'],
    )
    expect(result.status).toBe(200)
    const found = (result.body as { found: { status: string; resultCount: number; results: unknown[]; moreOnMap: unknown[] } }).found
    expect(found).toMatchObject({ status: 'ok', resultCount: 13, moreOnMap: [] })
    expect(found.results).toHaveLength(13)
    // Not echoed into the page's data ("0" aside: prices and counts hold zeros).
    if (value !== '0') expect(JSON.stringify(result.body)).not.toContain(value)
  })

  it('more given twice shows every card once', async () => {
    const result = await expectNoChange(() => statusOf(findCare.loader, getRequest('/member/care?procedure=TKA&zip=43215&sort=distance&more=1&more=1', member)), ['searchEvents'])
    expect(result.status).toBe(200)
    expect((result.body as { found: { results: unknown[] } }).found.results).toHaveLength(13)
  })
})
