import { beforeAll, describe, expect, it } from 'vitest'
import { getOptionalActor } from '~/auth/guard.server'
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, readSession } from '~/auth/session.server'
import { getDb } from '~/db/client.server'
import * as login from '~/routes/_auth.login'
import * as logout from '~/routes/logout'
import { signIn } from '~/services/sign-in.server'
import { getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, TEST_PASSWORD, type TwoTenants } from './tenants'

let t: TwoTenants
const emailOf = async (userId: string) =>
  (await getDb().selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email
const cookieOf = (setCookie: string) => setCookie.split(';')[0]!

beforeAll(async () => {
  t = await createTwoTenants(getDb())
})

describe('signIn', () => {
  it('opens a session for the right password and sends the role home', async () => {
    const result = await signIn(await emailOf(t.users.adminA), TEST_PASSWORD)
    expect(result).toMatchObject({ ok: true, homePath: '/employer' })
    if (!result.ok) return
    expect(result.setCookie).toMatch(/HttpOnly/i)
    expect(result.setCookie).toMatch(/SameSite=Lax/i)
    const actor = await getOptionalActor(getRequest('/', cookieOf(result.setCookie)))
    expect(actor).toMatchObject({ userId: t.users.adminA, role: 'employer_admin', organizationId: t.a.employerId })
  })

  it('ignores case and spaces in the e-mail', async () => {
    const email = await emailOf(t.users.broker)
    expect(await signIn(`  ${email.toUpperCase()} `, TEST_PASSWORD)).toMatchObject({ ok: true, homePath: '/broker' })
  })

  it('answers a wrong password and an unknown e-mail the same way', async () => {
    expect(await signIn(await emailOf(t.users.center), 'wrong password')).toEqual({ ok: false, reason: 'invalid-credentials' })
    expect(await signIn('nobody@example.com', TEST_PASSWORD)).toEqual({ ok: false, reason: 'invalid-credentials' })
  })

  it('locks an e-mail after 8 failures, even for the right password', async () => {
    const email = await emailOf(t.users.coordinator)
    for (let i = 0; i < 8; i++) expect(await signIn(email, `wrong-${i}`)).toMatchObject({ ok: false, reason: 'invalid-credentials' })
    expect(await signIn(email, TEST_PASSWORD)).toMatchObject({ ok: false, reason: 'locked', minutes: 15 })
  })

  it('gives every sign-in a new session token', async () => {
    const email = await emailOf(t.users.platform)
    const first = await signIn(email, TEST_PASSWORD)
    const second = await signIn(email, TEST_PASSWORD)
    expect(first.ok && second.ok).toBe(true)
    if (first.ok && second.ok) expect(cookieOf(first.setCookie)).not.toBe(cookieOf(second.setCookie))
  })
})

describe('sessions', () => {
  it('end after the idle timeout and after the absolute timeout', async () => {
    const email = await emailOf(t.users.adminB)
    const started = await signIn(email, TEST_PASSWORD)
    if (!started.ok) throw new Error('sign-in failed')
    const request = () => getRequest('/', cookieOf(started.setCookie))
    const now = Date.now()
    expect(await readSession(request(), new Date(now + IDLE_TIMEOUT_MS - 60_000))).not.toBeNull()
    // Seen a minute before the idle limit, so still alive just after it…
    expect(await readSession(request(), new Date(now + IDLE_TIMEOUT_MS + 30_000))).not.toBeNull()
    // …but never past the absolute limit; and once ended it stays ended.
    expect(await readSession(request(), new Date(now + ABSOLUTE_TIMEOUT_MS + 1))).toBeNull()
    expect(await readSession(request(), new Date(now))).toBeNull()
  })

  it('reject a tampered cookie', async () => {
    const started = await signIn(await emailOf(t.users.employeeA), TEST_PASSWORD)
    if (!started.ok) throw new Error('sign-in failed')
    const cookie = cookieOf(started.setCookie)
    const tampered = cookie.slice(0, -3) + (cookie.endsWith('A') ? 'BBB' : 'AAA')
    expect(await getOptionalActor(getRequest('/', tampered))).toBeNull()
  })
})

describe('login and logout routes', () => {
  it('redirects to the role home with a session cookie', async () => {
    const result = await login.action({
      request: postRequest('/login', { email: await emailOf(t.users.employeeA), password: TEST_PASSWORD }),
      params: {},
      context: {},
    })
    expect(result).toBeInstanceOf(Response)
    const response = result as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/member')
    expect(response.headers.get('Set-Cookie')).toMatch(/^__session=/)
  })

  it('follows a same-site redirectTo but never an outside one', async () => {
    const email = await emailOf(t.users.adminA)
    const inside = (await login.action({ request: postRequest('/login', { email, password: TEST_PASSWORD, redirectTo: '/employer/plans' }), params: {}, context: {} })) as Response
    expect(inside.headers.get('Location')).toBe('/employer/plans')
    const outside = (await login.action({ request: postRequest('/login', { email, password: TEST_PASSWORD, redirectTo: '//evil.example/x' }), params: {}, context: {} })) as Response
    expect(outside.headers.get('Location')).toBe('/employer')
  })

  it('answers a wrong password with 401 and a form error, and no cookie', async () => {
    const result = await statusOf(login.action, postRequest('/login', { email: await emailOf(t.users.adminA), password: 'nope' }))
    expect(result.status).toBe(401)
    expect(result.body).toMatchObject({ error: { '': ['That e-mail and password do not match an account. Check both and try again.'] } })
  })

  it('refuses a sign-in posted from another site', async () => {
    const result = await statusOf(login.action, postRequest('/login', { email: 'a@b.c', password: 'x' }, { origin: 'https://evil.example' }))
    expect(result.status).toBe(403)
  })

  it('ends the session on sign-out', async () => {
    const started = await signIn(await emailOf(t.users.adminA), TEST_PASSWORD)
    if (!started.ok) throw new Error('sign-in failed')
    const cookie = cookieOf(started.setCookie)
    const response = (await logout.action({ request: postRequest('/logout', {}, { cookie }), params: {}, context: {} })) as Response
    expect(response.headers.get('Location')).toBe('/login')
    expect(response.headers.get('Set-Cookie')).toMatch(/Max-Age=0/)
    expect(await getOptionalActor(getRequest('/', cookie))).toBeNull()
  })
})
