import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import * as coordinatorCase from '~/routes/coordinator.cases.$caseId'
import * as careOption from '~/routes/member.care.$offerId'
import * as myCase from '~/routes/member.cases.$caseId'
import { cookieFor, getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/*
 * Issue 20, item 3: a member who asks for a call or a text gives a US phone number with the
 * request; it is checked (in the page's language), stored in E.164 and shown to the care team.
 */
let t: TwoTenants
let member: string
let coordinator: string
let offerId: string

const request = (form: Record<string, string>, headers: Record<string, string> = {}) =>
  statusOf(careOption.action, postRequest(`/member/care/${offerId}`, form, { cookie: member, headers }), { offerId })
const errorsOf = (body: unknown) => (body as { error: Record<string, string[]> }).error
const cases = () => getDb().selectFrom('cases').select(['id', 'contactPreference', 'contactPhone']).where('rosterMemberId', '=', t.a.rosterMemberId).execute()

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  member = await cookieFor(t.users.employeeA)
  coordinator = await cookieFor(t.users.coordinator)
  offerId = (await getDb().selectFrom('programNetwork').select('offerId').where('programVersionId', '=', t.a.versionId).executeTakeFirstOrThrow()).offerId
})

describe('a care request by phone or text asks for a US phone number', () => {
  it.each<[string, Record<string, string>, string]>([
    ['a call with no number', { contactPreference: 'phone' }, 'Enter the phone number we should call or text'],
    ['a text with only blanks', { contactPreference: 'text', contactPhone: '   ' }, 'Enter the phone number we should call or text'],
    ['a call to a UK number', { contactPreference: 'phone', contactPhone: '+44 20 7946 0958' }, 'Enter a US phone number with area code, like (614) 555-0123'],
    ['a text without an area code', { contactPreference: 'text', contactPhone: '555-0123' }, 'Enter a US phone number with area code, like (614) 555-0123'],
    ['a call with letters', { contactPreference: 'phone', contactPhone: '614-CALL-NOW' }, 'Enter a US phone number with area code, like (614) 555-0123'],
  ])('refuses %s, in English, and creates no case', async (_name, form, message) => {
    const result = await request(form)
    expect(result.status).toBe(400)
    expect(errorsOf(result.body).contactPhone).toEqual([message])
    expect(await cases()).toEqual([])
  })

  it.each<[string, Record<string, string>, string]>([
    ['a call with no number', { contactPreference: 'phone' }, 'Escriba el número de teléfono al que debemos llamar o enviar un mensaje de texto'],
    ['a text to a UK number', { contactPreference: 'text', contactPhone: '+44 20 7946 0958' }, 'Escriba un número de teléfono de EE. UU. con código de área, como (614) 555-0123'],
  ])('refuses %s, in Spanish for a Spanish browser', async (_name, form, message) => {
    const result = await request(form, { 'Accept-Language': 'es' })
    expect(result.status).toBe(400)
    expect(errorsOf(result.body).contactPhone).toEqual([message])
    expect(await cases()).toEqual([])
  })

  it('stores the number in E.164 and shows it formatted to the member and the care team', async () => {
    const result = await request({ contactPreference: 'text', contactPhone: '1 (614) 555.0123' })
    expect(result.status).toBe(302)
    const [row] = await cases()
    expect(row).toMatchObject({ contactPreference: 'text', contactPhone: '+16145550123' })
    const team = await statusOf(coordinatorCase.loader, getRequest(`/coordinator/cases/${row!.id}`, coordinator), { caseId: row!.id })
    expect((team.body as { case: { contactPreference: string; contactPhone: string | null } }).case).toMatchObject({ contactPreference: 'text', contactPhone: '+16145550123' })
    const mine = await statusOf(myCase.loader, getRequest(`/member/cases/${row!.id}`, member), { caseId: row!.id })
    expect((mine.body as { case: { contactPhone: string | null } }).case.contactPhone).toBe('+16145550123')
  })
})

describe('a care request by e-mail needs no number', () => {
  it('drops a number typed before switching to e-mail', async () => {
    // The text request above is cancelled, so the member may ask again.
    await getDb().updateTable('cases').set({ status: 'cancelled', statusReason: 'test' }).where('rosterMemberId', '=', t.a.rosterMemberId).execute()
    const result = await request({ contactPreference: 'email', contactEmail: 'member@example.com', contactPhone: 'not a number' })
    expect(result.status).toBe(302)
    const caseId = result.location!.split('/').pop()!.split('?')[0]!
    expect(await getDb().selectFrom('cases').select(['contactPreference', 'contactPhone']).where('id', '=', caseId).executeTakeFirstOrThrow()).toEqual({
      contactPreference: 'email', contactPhone: null,
    })
  })
})
