import type { ActionFunctionArgs } from '@remix-run/node'
import { beforeAll, describe, expect, it } from 'vitest'
import { RATE_LIMITS } from '~/auth/rate-limits.server'
import { getDb } from '~/db/client.server'
import { MAX_FORM_BYTES } from '~/http/form-body.server'
import { CROSS_ORIGIN_HEADER, CROSS_ORIGIN_REFUSAL } from '~/http/refusals'
import * as login from '~/routes/_auth.login'
import * as language from '~/routes/language'
import * as roster from '~/routes/employer.roster'
import { ACCESS_MATRIX, GLOBAL_PARAMS, outcomeFor, ROLES, USER_OF, type MatrixRole } from './access-matrix'
import { expectNoChange, uploadRequest } from './hostile'
import { loadRouteModules, paramsOf, urlOf } from './route-files'
import { cookieFor, ORIGIN, postRequest, statusOf } from './support'
import { createAccessFixtures, createTwoTenants, TEST_PASSWORD, type AccessFixtures, type TwoTenants } from './tenants'

/**
 * Hostile requests (issue 18): redirects that leave the site, bodies too large to read, forms
 * from other sites, a lock-out by a stranger, an upload form's oversized fields. Each is refused
 * with its own message and changes nothing.
 */

type Action = (args: ActionFunctionArgs) => Promise<unknown>
let t: TwoTenants
let fx: AccessFixtures
const emailOf = async (userId: string) => (await getDb().selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  fx = await createAccessFixtures(getDb(), t)
})

/** The text of a thrown or returned Response, and its status. */
async function refusal(act: () => Promise<unknown>): Promise<{ status: number; text: string }> {
  try {
    const result = await act()
    if (result instanceof Response) return { status: result.status, text: await result.text() }
    return { status: 200, text: JSON.stringify(result) }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, text: await thrown.text() }
    throw thrown
  }
}

describe('a sign-in redirect that would leave the site goes to the role\'s home instead', () => {
  it.each([
    { name: 'a tab between two slashes (Chromium strips it and lands on 127.0.0.1:9)', redirectTo: '/\t/127.0.0.1:9/phish' },
    { name: 'a newline between two slashes (was a 500)', redirectTo: '/\n/127.0.0.1:9/phish' },
    { name: 'a carriage return between two slashes (was a 500)', redirectTo: '/\r/127.0.0.1:9/phish' },
    { name: 'a protocol-relative URL', redirectTo: '//evil.example/x' },
    { name: 'a backslash read as a slash', redirectTo: '/\\evil.example/x' },
    { name: 'dot segments that climb to two slashes', redirectTo: '/..//evil.example/x' },
    { name: 'an absolute URL', redirectTo: 'https://evil.example/x' },
  ])('$name', async ({ redirectTo }) => {
    const email = await emailOf(t.users.adminB)
    const result = await statusOf(login.action, postRequest('/login', { email, password: TEST_PASSWORD, redirectTo }))
    expect(result).toMatchObject({ status: 302, location: '/employer' })
  })

  it('a page of the site is kept', async () => {
    const email = await emailOf(t.users.adminB)
    const result = await statusOf(login.action, postRequest('/login', { email, password: TEST_PASSWORD, redirectTo: '/employer/roster?q=Lee' }))
    expect(result).toMatchObject({ status: 302, location: '/employer/roster?q=Lee' })
  })

  it('the language switch sends a tab-split path home, and changes nothing', async () => {
    const result = await expectNoChange(() => statusOf(language.action, postRequest('/language', { language: 'xx', redirectTo: '/\t/evil.example' })))
    expect(result).toMatchObject({ status: 302, location: '/' })
  })
})

/** A url-encoded body of `bytes` bytes, declared with Content-Length or sent chunked (no length). */
function oversizedPost(url: string, bytes: number, cookie: string | undefined, chunked: boolean): Request {
  const body = `note=${'a'.repeat(bytes - 5)}`
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN }
  if (cookie) headers.Cookie = cookie
  if (!chunked) return new Request(`${ORIGIN}${url}`, { method: 'POST', headers, body })
  const bytesOf = new TextEncoder().encode(body)
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytesOf.length; at += 16_384) controller.enqueue(bytesOf.subarray(at, at + 16_384))
      controller.close()
    },
  })
  return new Request(`${ORIGIN}${url}`, { method: 'POST', headers, body: stream, duplex: 'half' } as RequestInit)
}

// Every action of app/routes, as a role that may use it (on its own organization's data).
const modules = await loadRouteModules<{ action?: Action }>()
const ACTIONS = [...modules].flatMap(([routeId, module]) => {
  const row = ACCESS_MATRIX[routeId]?.action
  if (!module.action || !row) return []
  const role = ROLES.find((r) => ![403, 404, 'login'].includes(outcomeFor(row.roles[r], 'own') as number | string))
  return role ? [{ routeId, role, action: module.action }] : []
})

describe(`a body over ${MAX_FORM_BYTES / 1024} KB is refused with 413 before it is read, on every action, and changes nothing`, () => {
  it('finds the actions (login, sign-up, language and the signed-in forms)', () => {
    expect(ACTIONS.map((a) => a.routeId)).toEqual(expect.arrayContaining(['_auth.login', '_auth.signup', 'language', 'employer.roster', 'member.care.$offerId', 'webhooks.stripe']))
  })

  // Actions that read no form (sign-out, share or adopt a proposal, ask for a CSV export) refuse the declared size in the guard; a chunked body they never read costs nothing.
  const READ_NO_FORM = ['webhooks.stripe', 'logout', 'employer.proposals.$proposalId', 'broker.clients.$employerId_.proposals.$proposalId', 'employer.exports.$kind[.csv]']
  // The care team's document upload takes files up to 5 MB (its own limit, tested in case-documents.test.ts): a 65 KB body is a form without a file there.
  const OWN_LIMIT = ['coordinator.cases.$caseId_.documents']
  it.each(ACTIONS.filter((a) => a.routeId !== 'webhooks.stripe').flatMap((a) => [
    { ...a, chunked: false, name: `${a.routeId} as ${a.role}, Content-Length 100 MB (not sent)` },
    ...(READ_NO_FORM.includes(a.routeId) || OWN_LIMIT.includes(a.routeId) ? [] : [{ ...a, chunked: true, name: `${a.routeId} as ${a.role}, chunked, ${MAX_FORM_BYTES / 1024 + 1} KB` }]),
  ]))('$name', async ({ routeId, role, action, chunked }) => {
    const values: Record<string, string> = { ...GLOBAL_PARAMS(fx), ...fx.own }
    const url = urlOf(routeId, values)
    const params = Object.fromEntries(paramsOf(routeId).map((p) => [p, values[p]!]))
    const cookie = role === 'signedOut' ? undefined : await cookieFor(t.users[USER_OF[role as Exclude<MatrixRole, 'signedOut'>]])
    const request = chunked
      ? oversizedPost(url, MAX_FORM_BYTES + 1_024, cookie, true)
      : new Request(`${ORIGIN}${url}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '100000000', Origin: ORIGIN, ...(cookie ? { Cookie: cookie } : {}) },
          body: 'note=short',
        })
    const result = await expectNoChange(() => refusal(() => action({ request, params, context: {} })))
    expect(result).toEqual({ status: 413, text: 'This form sent more than 64 KB, more than any form of the portal holds: nothing was saved. Reload the page and try again.' })
  })

  it('a form of exactly 64 KB is read (the limit is not lower than it says)', async () => {
    const request = oversizedPost('/language', MAX_FORM_BYTES, undefined, true)
    expect(await statusOf(language.action, request)).toMatchObject({ status: 302 })
  })

  it("Stripe's webhook refuses an event over 1 MB with 413", async () => {
    const webhook = modules.get('webhooks.stripe')!.action!
    const request = oversizedPost('/webhooks/stripe', 1_000_001, undefined, true)
    expect((await expectNoChange(() => refusal(() => webhook({ request, params: {}, context: {} })))).status).toBe(413)
  })
})

describe('a form from another site is refused with the portal\'s 403 page, and changes nothing', () => {
  const email = () => emailOf(t.users.adminA)
  it.each<{ name: string; headers: Record<string, string> }>([
    { name: 'an Origin of another site', headers: { Origin: 'https://evil.example' } },
    { name: 'the mark server.mjs leaves when it took a foreign Origin off (Remix answered an empty 500)', headers: { [CROSS_ORIGIN_HEADER]: 'https://evil.example', Referer: `${ORIGIN}/login` } },
    { name: 'Origin "null" (a sandboxed frame)', headers: { Origin: 'null' } },
    { name: 'no Origin and a Referer of another site', headers: { Referer: 'https://evil.example/page' } },
    { name: 'no Origin and a Referer that is not a URL (was a 500)', headers: { Referer: 'not a url' } },
    { name: 'neither Origin nor Referer', headers: {} },
  ])('$name', async ({ headers }) => {
    const request = new Request(`${ORIGIN}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ email: await email(), password: TEST_PASSWORD }).toString(),
    })
    expect(await expectNoChange(() => refusal(() => login.action({ request, params: {}, context: {} })))).toEqual({ status: 403, text: CROSS_ORIGIN_REFUSAL })
  })
})

describe('a stranger cannot lock an account out', () => {
  it(`${RATE_LIMITS.signIn.pair.points} wrong passwords from one address: the owner still signs in from theirs`, async () => {
    const email = await emailOf(t.users.broker)
    const from = (ip: string, password: string) => statusOf(login.action, postRequest('/login', { email, password }, { headers: { 'x-portal-client-ip': ip } }))
    for (let i = 0; i < RATE_LIMITS.signIn.pair.points; i++) expect((await from('198.51.100.200', `guess-${i}`)).status).toBe(401)
    expect((await from('198.51.100.200', TEST_PASSWORD)).status).toBe(429)
    expect(await from('192.0.2.10', TEST_PASSWORD)).toMatchObject({ status: 302, location: '/broker' })
  })
})

describe("an upload form's other fields: what was too large is named", () => {
  it('a text field over 10 KB beside a roster file', async () => {
    const cookie = await cookieFor(t.users.adminA)
    const request = uploadRequest('/employer/roster', cookie, { name: 'roster.csv', bytes: 'employee_id\nA1\n' }, { note: 'x'.repeat(10_001) })
    const result = await expectNoChange(() => statusOf(roster.action, request))
    expect(result.status).toBe(422)
    expect(JSON.stringify(result.body)).toContain('The form field \\"note\\" is longer than 10 KB, more than this form takes: nothing was uploaded.')
  })

  it('many small fields that add up to more than 64 KB', async () => {
    const cookie = await cookieFor(t.users.adminA)
    const fields = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}`, 'x'.repeat(9_000)]))
    const result = await expectNoChange(() => statusOf(roster.action, uploadRequest('/employer/roster', cookie, { name: 'roster.csv', bytes: 'employee_id\nA1\n' }, fields)))
    expect(result.status).toBe(422)
    expect(JSON.stringify(result.body)).toContain("The form's fields other than the file add up to more than 64 KB, more than this form takes: nothing was uploaded.")
  })
})
