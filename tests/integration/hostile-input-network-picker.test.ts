import { beforeAll, describe, expect, it } from 'vitest'
import { expectNoChange } from './hostile'
import { createPickerFixture, loadPicker, type PickerFixture, savePickerPage, savePickerWhole } from './network-picker-fixtures'

/*
 * Hostile input on the bounded network picker (issue 24): bad filter and page values in its query
 * string, and forged or oversized saves. A bad query value is named in the page's errors (400) and
 * the page still shows candidates; a bad save is refused with its sentence. Nothing changes, the
 * audit log included. (Moved here from network-picker.test.ts, which keeps the behaviour tests.)
 */

let f: PickerFixture
beforeAll(async () => {
  f = await createPickerFixture()
})

describe('hostile input: the picker query string', () => {
  it.each([
    ['an unknown state', 'state=ZZ', 'Choose a state from the list'],
    ['two states', 'state=OH&state=WA', 'Give one value for “state”'],
    ['a distance not offered', 'near=7', 'Choose a distance of 25, 50, 100, 250, 500 miles'],
    ['9 stars', 'stars=9', 'Choose a minimum of 1 to 5 stars'],
    ['stars that are not a number', 'stars=abc', 'Choose a minimum of 1 to 5 stars'],
    ['a negative price', 'maxPrice=-5', 'Enter a maximum price in whole dollars, from $1 to $10,000,000'],
    ['a price beyond a double', 'maxPrice=1e309', 'Enter a maximum price in whole dollars, from $1 to $10,000,000'],
    ['page 0', 'page=0', 'Choose a page number from 1'],
    ['a page that is a word', 'page=abc', 'Choose a page number from 1'],
    ['1,000 a page', 'per=1000', 'Show 10, 25 or 50 offers a page'],
    ['an unknown view', 'show=everything', 'Show all candidates or only the network'],
    ['a script as the procedure', `procedure=${encodeURIComponent('<script>alert(1)</script>')}`, 'Choose a procedure from the list'],
    ['an unknown procedure', 'procedure=NOPE', 'Choose a procedure from the list'],
    ['a page past the last', 'page=999', 'There are only 2 pages with these filters: showing the last'],
  ])('%s (?%s) gives a clear message, still shows the page and changes nothing', async (_name, query, message) => {
    const { status, page } = await expectNoChange(() => loadPicker(f, `?${query}`))
    expect(status).toBe(400)
    expect(page.errors).toContain(message)
    expect(page.rows.length).toBeGreaterThan(0)
  })
})

describe('hostile input: saving the picker', () => {
  const STALE = 'One of the chosen offers is withdrawn or not for a covered procedure: reload the page and choose again'
  it.each([
    ['an unknown offer to add', { shown: '', add: 'no-such-offer' }, STALE],
    ['an unknown offer ticked', { shown: '../../etc/passwd', offerIds: '../../etc/passwd' }, STALE],
    ['an unknown offer to remove', { shown: '', remove: 'no-such-offer' }, STALE],
    ['a ticked offer that was not shown', { shown: '', offerIds: 'SEATTLE' }, 'A ticked offer was not on the page you saved: reload the page and choose again'],
    ['an offer both added and removed', { shown: '', add: 'SEATTLE', remove: 'SEATTLE' }, 'An offer was both added and removed: reload the page and choose again'],
    ['an unknown way of saving', { mode: 'replace-all', offerIds: 'SEATTLE' }, 'Unknown way of saving the network: reload the page and try again'],
  ])('refuses %s and writes nothing', async (_name, form, message) => {
    const fill = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.replaceAll('SEATTLE', f.offerAt.seattle)]))
    const result = await expectNoChange(() => savePickerPage(f, fill))
    expect(result.status).toBeGreaterThanOrEqual(400)
    expect(JSON.stringify(result.body)).toContain(message)
  })

  it('refuses an unknown offer in the whole selection and writes nothing', async () => {
    const result = await expectNoChange(() => savePickerWhole(f, '../../etc/passwd'))
    expect(result.status).toBe(422)
  })

  it('refuses a body beyond the size limit unread (65,536 bytes: over 1,500 offer ids) and writes nothing', async () => {
    const result = await expectNoChange(() => savePickerPage(f, { shown: 'x,'.repeat(50_000) }))
    expect(result.status).toBe(413)
  })
})
