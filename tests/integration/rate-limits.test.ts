import { beforeAll, describe, expect, it } from 'vitest'
import { RATE_LIMITS } from '~/auth/rate-limits.server'
import { getDb } from '~/db/client.server'
import * as signup from '~/routes/_auth.signup'
import * as findCare from '~/routes/member.care._index'
import { cookieFor, getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

let t: TwoTenants
const searchEvents = async () => Number((await getDb().selectFrom('searchEvents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

beforeAll(async () => {
  t = await createTwoTenants(getDb())
})

describe('search rate limit', () => {
  it(`answers the ${RATE_LIMITS.search.account.points + 1}th search of a minute with 429, Retry-After and a message, and records no search`, async () => {
    const cookie = await cookieFor(t.users.employeeA)
    const search = (ip: string) => statusOf(findCare.loader, getRequest('/member/care?procedure=TKA&radius=100', cookie, { 'x-portal-client-ip': ip }))
    for (let i = 0; i < RATE_LIMITS.search.account.points; i++) expect((await search('198.51.100.1')).status).toBe(200)
    const before = await searchEvents()
    let thrown: Response | undefined
    try {
      await findCare.loader({ request: getRequest('/member/care?procedure=TKA', cookie, { 'x-portal-client-ip': '198.51.100.2' }), params: {}, context: {} })
    } catch (error) {
      thrown = error as Response
    }
    expect(thrown?.status).toBe(429)
    expect(Number(thrown?.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(await thrown?.text()).toMatch(/^You have searched many times in a short while\. Wait \d+ seconds and search again\.$/)
    expect(await searchEvents()).toBe(before)
  })
})

describe('sign-up passwords', () => {
  it.each([
    ['a common password with digits', 'password1234'],
    ['a keyboard walk', 'qwertyuiop123'],
    ['the e-mail address itself', 'ada-tester@example.com'],
  ])('refuses %s next to the field, before any roster look-up, and creates nothing', async (_label, password) => {
    const codeA = (await getDb().selectFrom('organizations').select('code').where('id', '=', t.a.employerId).executeTakeFirstOrThrow()).code!
    const result = await statusOf(signup.action, postRequest('/signup', { employerCode: codeA, matchBy: 'employee_id', employeeId: 'A0001', email: 'ada-tester@example.com', password }))
    expect(result.status).toBe(422)
    expect(JSON.stringify(result.body)).toContain('This password is too easy to guess')
    expect(await getDb().selectFrom('users').select('id').where('email', '=', 'ada-tester@example.com').executeTakeFirst()).toBeUndefined()
  })
})

describe('sign-up (eligibility matching) rate limit', () => {
  it(`locks an address after ${RATE_LIMITS.signUp.ip.points} failed matches, even for details that match, and creates no account`, async () => {
    const codeA = (await getDb().selectFrom('organizations').select('code').where('id', '=', t.a.employerId).executeTakeFirstOrThrow()).code!
    const headers = { 'x-portal-client-ip': '198.51.100.50' }
    const users = async () => Number((await getDb().selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const before = await users()
    for (let i = 0; i < RATE_LIMITS.signUp.ip.points; i++) {
      const form = { employerCode: codeA, matchBy: 'employee_id', employeeId: `NOPE${i}`, email: `guess${i}@example.com`, password: 'a long enough passphrase' }
      expect((await statusOf(signup.action, postRequest('/signup', form, { headers }))).status).toBe(422)
    }
    const real = { employerCode: codeA, matchBy: 'employee_id', employeeId: 'A0001', email: 'ada-new@example.com', password: 'a long enough passphrase' }
    const locked = await statusOf(signup.action, postRequest('/signup', real, { headers }))
    expect(locked.status).toBe(429)
    expect(JSON.stringify(locked.body)).toMatch(/Too many tries to find you on your employer's list\. Wait (59|60) minutes and try again\./)
    expect(await users()).toBe(before)
  })
})
