import type { LoaderFunctionArgs } from '@remix-run/node'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import * as coalitionCsv from '~/routes/coalition.reports[.csv]'
import * as coalitionPage from '~/routes/coalition.reports'
import * as memberPage from '~/routes/employer.coalition-report'
import { addEpisodes, networkOffer } from './coalition-report-fixtures'
import { expectNoChange, FORMULAS, LONG, SQL_DROP, SQL_OR } from './hostile'
import { cookieFor, getRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/*
 * Hostile query strings on the coalition reports (issue 23): a bad year or quarter falls back to
 * this year / the whole year on the pages and says so, word for word; the CSV refuses it (400,
 * the same words); a coalition id that is not one of the employer's is a 404. Nothing changes.
 */

let t: TwoTenants
const cookies: Record<'coalition' | 'adminA', string> = { coalition: '', adminA: '' }
const thisYear = () => new Date().getUTCFullYear()

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  cookies.coalition = await cookieFor(t.users.coalition)
  cookies.adminA = await cookieFor(t.users.adminA)
})

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>
const PAGES: ReadonlyArray<readonly [string, Loader, string, keyof typeof cookies]> = [
  ['pooled report', coalitionPage.loader, '/coalition/reports', 'coalition'],
  ['member view', memberPage.loader, '/employer/coalition-report', 'adminA'],
]

const BAD_PERIODS: ReadonlyArray<{ name: string; query: () => string; errors: () => string[]; period: () => { from: string; to: string } }> = [
  { name: 'year "twenty"', query: () => 'year=twenty', errors: () => [`"twenty" is not a year: showing ${thisYear()}`], period: () => ({ from: `${thisYear()}-01-01`, to: `${thisYear()}-12-31` }) },
  { name: 'year 1999', query: () => 'year=1999&quarter=2', errors: () => [`"1999" is not a year from 2000 to 2100: showing ${thisYear()}`], period: () => ({ from: `${thisYear()}-04-01`, to: `${thisYear()}-06-30` }) },
  { name: 'year 2101', query: () => 'year=2101', errors: () => [`"2101" is not a year from 2000 to 2100: showing ${thisYear()}`], period: () => ({ from: `${thisYear()}-01-01`, to: `${thisYear()}-12-31` }) },
  { name: 'year 99999999999999999999', query: () => 'year=99999999999999999999', errors: () => [`"99999999999999999999" is not a year: showing ${thisYear()}`], period: () => ({ from: `${thisYear()}-01-01`, to: `${thisYear()}-12-31` }) },
  { name: 'year -2026', query: () => 'year=-2026', errors: () => [`"-2026" is not a year: showing ${thisYear()}`], period: () => ({ from: `${thisYear()}-01-01`, to: `${thisYear()}-12-31` }) },
  { name: 'year of 10,000 characters', query: () => `year=${LONG}`, errors: () => [`"${'x'.repeat(40)}" is not a year: showing ${thisYear()}`], period: () => ({ from: `${thisYear()}-01-01`, to: `${thisYear()}-12-31` }) },
  { name: `year "${SQL_DROP}"`, query: () => `year=${encodeURIComponent(SQL_DROP)}`, errors: () => [`"${SQL_DROP}" is not a year: showing ${thisYear()}`], period: () => ({ from: `${thisYear()}-01-01`, to: `${thisYear()}-12-31` }) },
  { name: 'year "2025 " (a trailing space)', query: () => 'year=2025%20', errors: () => [`"2025 " is not a year: showing ${thisYear()}`], period: () => ({ from: `${thisYear()}-01-01`, to: `${thisYear()}-12-31` }) },
  { name: 'quarter 0', query: () => 'year=2025&quarter=0', errors: () => ['"0" is not a quarter (1 to 4): showing the whole year'], period: () => ({ from: '2025-01-01', to: '2025-12-31' }) },
  { name: 'quarter 5', query: () => 'year=2025&quarter=5', errors: () => ['"5" is not a quarter (1 to 4): showing the whole year'], period: () => ({ from: '2025-01-01', to: '2025-12-31' }) },
  { name: 'quarter "Q3"', query: () => 'year=2025&quarter=Q3', errors: () => ['"Q3" is not a quarter (1 to 4): showing the whole year'], period: () => ({ from: '2025-01-01', to: '2025-12-31' }) },
  { name: 'quarter 1.5', query: () => 'year=2025&quarter=1.5', errors: () => ['"1.5" is not a quarter (1 to 4): showing the whole year'], period: () => ({ from: '2025-01-01', to: '2025-12-31' }) },
  { name: `quarter "${SQL_OR}"`, query: () => `year=2025&quarter=${encodeURIComponent(SQL_OR)}`, errors: () => [`"${SQL_OR}" is not a quarter (1 to 4): showing the whole year`], period: () => ({ from: '2025-01-01', to: '2025-12-31' }) },
  {
    name: 'both bad', query: () => 'year=0000&quarter=-1',
    errors: () => [`"0000" is not a year from 2000 to 2100: showing ${thisYear()}`, '"-1" is not a quarter (1 to 4): showing the whole year'],
    period: () => ({ from: `${thisYear()}-01-01`, to: `${thisYear()}-12-31` }),
  },
]

describe('a bad year or quarter on the report pages: this year or the whole year instead, said in words; nothing changes', () => {
  for (const [pageName, loader, path, cookie] of PAGES) {
    it.each(BAD_PERIODS)(`${pageName}: $name`, async ({ query, errors, period }) => {
      const result = await expectNoChange(() => statusOf(loader, getRequest(`${path}?${query()}`, cookies[cookie])))
      expect(result.status).toBe(200)
      expect(result.body).toMatchObject({ errors: errors(), period: period() })
    })
  }
})

describe('a bad year or quarter on the CSV: refused with the same words, no file, no audit row', () => {
  it.each(BAD_PERIODS)('$name', async ({ query, errors }) => {
    const response = await expectNoChange(() => coalitionCsv.loader({ request: getRequest(`/coalition/reports.csv?${query()}`, cookies.coalition), params: {}, context: {} }) as Promise<Response>)
    expect(response.status).toBe(400)
    expect(response.headers.get('Content-Type')).toBe('text/plain; charset=utf-8')
    expect(await response.text()).toBe(`${errors().join('\n')}\n`)
  })
})

describe("a coalition id in the member view that is not the employer's", () => {
  it.each<[string, () => string, number]>([
    ['an id that names nothing', () => '0190c7d2-0000-7000-8000-000000000000', 404],
    [`"${SQL_OR}"`, () => encodeURIComponent(SQL_OR), 404],
    ['an id of 10,000 characters', () => LONG, 404],
    ["employer B's id (an organization, not a coalition)", () => t.b.employerId, 404],
    // A control character is no id at all: the employer's own coalition is shown.
    ['an id with NUL', () => '%00', 200],
  ])('%s → %s', async (_name, id, status) => {
    const result = await expectNoChange(() => statusOf(memberPage.loader, getRequest(`/employer/coalition-report?coalition=${id()}`, cookies.adminA)))
    expect(result.status).toBe(status)
  })
})

describe('a spreadsheet formula in a procedure name (OWASP CSV injection)', () => {
  it.each(Object.entries(FORMULAS))('%s reaches the CSV as text, never as a formula', async (_name, formula) => {
    const db = getDb()
    const { procedureId } = await networkOffer(db, t.a.versionId)
    await db.updateTable('procedures').set({ name: formula }).where('id', '=', procedureId).execute()
    if ((await db.selectFrom('cases').select('id').where('employerId', '=', t.a.employerId).where('status', '=', 'completed').execute()).length === 0) {
      await addEpisodes(db, t.a, 1, '2026-02-10T15:00:00.000Z')
    }
    const response = (await coalitionCsv.loader({ request: getRequest('/coalition/reports.csv?year=2026', cookies.coalition), params: {}, context: {} })) as Response
    const rows = parse(await response.text(), { columns: true }) as Array<Record<string, string>>
    expect(rows.find((r) => r.procedure_code!.startsWith('TKA-'))!.procedure).toBe(`'${formula}`)
  })
})
