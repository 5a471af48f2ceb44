import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import * as auditPage from '~/routes/admin.audit'
import * as outbox from '~/routes/admin.outbox'
import * as queue from '~/routes/coordinator._index'
import { OUTBOX_PAGE_SIZE } from '~/services/email-outbox.server'
import { expectNoChange, hostileFixtures, LONG, SCRIPT, SQL_DROP } from './hostile'
import { loadOrRefusal as load } from './support'
import type { TwoTenants } from './tenants'

/*
 * Hostile input on the list pages bounded in issue 24: the outbox's ?page= (refused with a 400 and
 * a sentence naming what was wrong), and the employer filter of the care queue and the audit log
 * (which now offer only employers with rows, and the chosen one): an id that is not an employer's
 * is neither offered nor recorded as one, a value too long or with control characters is ignored
 * (the audit log says so). Nothing changes; the care queue's own audited read aside, checked apart.
 */
let t: TwoTenants
let cookies: Record<string, string>

beforeAll(async () => {
  ;({ t, cookies } = await hostileFixtures())
  // One message more than a page, so the outbox has two pages whatever else queued mail.
  const db = getDb()
  for (let i = 0; i <= OUTBOX_PAGE_SIZE; i++) {
    await db
      .insertInto('emailOutbox')
      .values({ id: newId(), caseId: null, toAddress: `hostile-${i}@example.com`, subject: 'Hostile paging', body: 'b', createdAt: new Date().toISOString(), sentAt: null, attempts: 0, lastError: null })
      .execute()
  }
})

const outboxPages = async () => {
  const row = await getDb().selectFrom('emailOutbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Math.ceil(Number(row.n) / OUTBOX_PAGE_SIZE)
}
const wholeNumber = (text: string) => `The page must be a whole number from 1 to 100,000 (the address had "${text}").`

describe('hostile input: the outbox page number', () => {
  it.each([
    ['a word', 'abc', wholeNumber('abc')],
    ['zero', '0', wholeNumber('0')],
    ['a negative number', '-2', wholeNumber('-2')],
    ['a fraction', '1.5', wholeNumber('1.5')],
    ['a huge number', '99999999999', wholeNumber('99999999999')],
    ['page 100,001 (over the limit)', '100001', wholeNumber('100001')],
    ['a script', SCRIPT, wholeNumber(SCRIPT.slice(0, 20))],
    ['SQL', SQL_DROP, wholeNumber(SQL_DROP.slice(0, 20))],
    ['10,000 characters', LONG, wholeNumber('x'.repeat(20))],
  ])('refuses %s with a 400 that says why, and changes nothing (no read recorded)', async (_label, value, message) => {
    const result = await expectNoChange(() => load(outbox.loader, `/admin/outbox?page=${encodeURIComponent(value)}`, cookies.platform!))
    expect(result.status).toBe(400)
    expect(result.text).toBe(message)
  })

  it('refuses two page numbers, and changes nothing', async () => {
    const result = await expectNoChange(() => load(outbox.loader, '/admin/outbox?page=1&page=2', cookies.platform!))
    expect(result.status).toBe(400)
    expect(result.text).toBe('Give one page number, not 2.')
  })

  it('refuses a page past the last, naming how many pages there are, and changes nothing', async () => {
    const pages = await outboxPages()
    expect(pages).toBeGreaterThanOrEqual(2)
    const result = await expectNoChange(() => load(outbox.loader, `/admin/outbox?page=${pages + 1}`, cookies.platform!))
    expect(result.status).toBe(400)
    expect(result.text).toBe(`There is no page ${pages + 1}: the outbox has ${pages} pages of ${OUTBOX_PAGE_SIZE} messages.`)
  })
})

describe('hostile input: the care queue employer filter', () => {
  const queueReads = () => getDb().selectFrom('auditLog').select(['id', 'employerId']).where('action', '=', 'case_queue.viewed').execute()
  /** Loads the queue with the audit log left out of the comparison, and returns the one read it recorded. */
  const loadQueue = async (path: string) => {
    const before = new Set((await queueReads()).map((r) => r.id))
    const result = await expectNoChange(() => load(queue.loader, path, cookies.coordinator!), ['auditLog'])
    const added = (await queueReads()).filter((r) => !before.has(r.id))
    expect(added).toHaveLength(1)
    return { result, read: added[0]! }
  }

  it.each([
    ['a coalition id (an organization, not an employer)', () => t.coalitionId, () => t.coalitionId],
    ['an id of no organization', () => '00000000-0000-7000-8000-000000000000', () => '00000000-0000-7000-8000-000000000000'],
    ['a script', () => SCRIPT, () => SCRIPT],
  ])('%s: shows no case, is not offered, and is kept out of the audit entry\'s employer', async (_label, value, filtered) => {
    // The queue's read is audited (member names on the page): that entry is the only write.
    const { result, read } = await loadQueue(`/coordinator?status=all&employer=${encodeURIComponent(value())}`)
    expect(result.status).toBe(200)
    const data = result.data as { cases: unknown[]; employers: Array<{ id: string }>; filter: { employerId: string | null } }
    expect(data.filter.employerId).toBe(filtered())
    expect(data.cases).toEqual([])
    expect(data.employers.map((e) => e.id)).not.toContain(value())
    expect(read.employerId).toBeNull()
  })

  it('an employer id of 65 characters is ignored: every case is shown and the filter is empty', async () => {
    const all = (await load(queue.loader, '/coordinator?status=all', cookies.coordinator!)).data as { total: number }
    const { result, read } = await loadQueue(`/coordinator?status=all&employer=${'e'.repeat(65)}`)
    expect(result.status).toBe(200)
    expect(result.data).toMatchObject({ total: all.total, filter: { employerId: null } })
    expect(read.employerId).toBeNull()
  })
})

describe('hostile input: the audit log employer filter', () => {
  const IGNORED = 'The employer filter is not usable (at most 120 plain characters): it was ignored'
  it.each([
    ['121 characters', 'e'.repeat(121), [IGNORED], null],
    ['a NUL', 'a\u0000b', [IGNORED], null],
    ['an escape sequence', '\u001b[2J', [IGNORED], null],
    ['a coalition id (an organization, not an employer)', 'COALITION', [], 'COALITION'],
    ['SQL', SQL_DROP, [], SQL_DROP],
  ])('%s: says so or finds nothing, offers no such employer, and changes nothing', async (_label, raw, errors, used) => {
    const value = raw.replace('COALITION', t.coalitionId)
    const result = await expectNoChange(() => load(auditPage.loader, `/admin/audit?employer=${encodeURIComponent(value)}`, cookies.platform!))
    expect(result.status).toBe(200)
    const data = result.data as { errors: string[]; query: { employerId: string | null }; entries: unknown[]; employers: Array<{ id: string }> }
    expect(data.errors).toEqual(errors)
    expect(data.query.employerId).toBe(used === null ? null : used.replace('COALITION', t.coalitionId))
    if (used !== null) expect(data.entries).toEqual([])
    expect(data.employers.map((e) => e.id)).not.toContain(value)
  })
})
