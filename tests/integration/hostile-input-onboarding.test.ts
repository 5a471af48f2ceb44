import { beforeAll, describe, expect, it } from 'vitest'
import * as invitationPage from '~/routes/_auth.invitations.$token'
import * as organizations from '~/routes/admin.organizations'
import { expectNoChange, fieldErrors, hostileFixtures, postForm, SQL_DROP } from './hostile'
import { getRequest, postRequest, statusOf } from './support'

/*
 * Hostile input in onboarding (issue 22): the organization form and the invitation link. Each
 * bad value gets its own message (or a 404 with no hint) and changes nothing.
 */

let cookies: Record<string, string>
beforeAll(async () => {
  cookies = (await hostileFixtures()).cookies
})

const base = { kind: 'employer', name: 'Hostile Corp', code: 'HOSTILE', adminEmail: 'first@hostile.example' }

describe('hostile input: creating an organization', () => {
  it.each([
    ['a code with SQL', { code: SQL_DROP }, 'code', 'Use 3 to 20 letters, digits or dashes, like ACME-2027'],
    ['a 5 KB name', { name: 'n'.repeat(5_000) }, 'name', 'Keep the name under 120 characters'],
    ['a code too short', { code: 'AB' }, 'code', 'Use 3 to 20 letters, digits or dashes, like ACME-2027'],
    ['a kind that does not exist', { kind: 'platform' }, 'kind', 'Choose the kind of organization'],
    ['an e-mail with SQL', { adminEmail: SQL_DROP }, 'adminEmail', 'Enter an e-mail address like name@example.com'],
  ])('%s', async (_, change, field, message) => {
    const result = await expectNoChange(() => statusOf(organizations.action, postForm('/admin/organizations', { ...base, ...change }, cookies.platform!)))
    expect(result.status).toBe(400)
    expect(fieldErrors(result.body)[field]).toEqual([message])
  })
})

describe('hostile input: invitation links', () => {
  it.each([
    ['a 5 KB token', 't'.repeat(5_000)],
    ['a token with ../', '../../admin'],
    ['a token with SQL', SQL_DROP],
  ])('%s is a plain 404 on the page and on a POST, changing nothing', async (_, token) => {
    expect((await statusOf(invitationPage.loader, getRequest(`/invitations/${encodeURIComponent(token)}`), { token })).status).toBe(404)
    const result = await expectNoChange(() => statusOf(invitationPage.action, postRequest(`/invitations/${encodeURIComponent(token)}`, { displayName: 'Mallory', password: 'a long enough passphrase' }), { token }))
    expect(result.status).toBe(404)
  })

  it('a password too weak is refused next to its field', async () => {
    const result = await expectNoChange(() => statusOf(invitationPage.action, postRequest('/invitations/whatever', { displayName: 'Mallory', password: 'short' }), { token: 'whatever' }))
    expect(result.status).toBe(400)
    expect(fieldErrors(result.body).password).toEqual(['Use at least 12 characters'])
  })
})
