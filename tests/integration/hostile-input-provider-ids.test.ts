import { beforeAll, describe, expect, it } from 'vitest'
import { NPI_CHECK_MESSAGE, NPI_LENGTH_MESSAGE, TIN_MESSAGE } from '~/domain/offers/provider-ids'
import { CONTROL_CHARACTER_MESSAGE } from '~/forms/fields'
import * as editOffer from '~/routes/center.offers.$offerId'
import * as transparencyPage from '~/routes/employer.transparency'
import { expectNoChange, fieldErrors, hostileFixtures, LONG, postForm, SCRIPT, SQL_DROP, SQL_OR } from './hostile'
import { statusOf } from './support'

/*
 * Hostile input on the provider identifiers of issue 23: the TIN and NPI a health system enters on
 * its offer, and the plan sponsor EIN on the employer's Transparency in Coverage page. Each bad
 * value gets its message on its field and changes nothing in any table.
 */

let centerCookie: string
let adminCookie: string
let offer: { id: string; facilityId: string; procedureId: string }
beforeAll(async () => {
  const fixtures = await hostileFixtures()
  centerCookie = fixtures.cookies.center!
  adminCookie = fixtures.cookies.adminA!
  offer = fixtures.offer
})

const offerForm = (change: Record<string, string | readonly string[]>) => ({
  facilityId: offer.facilityId, procedureId: offer.procedureId, priceCents: '28,000', includesFacility: 'on', includesSurgeon: 'on', includesAnesthesia: 'on', includesImplant: 'on',
  includesFollowUp: 'on', warrantyDays: '90', followUpVisits: '2', annualVolume: '400', appointmentWithinDays: '14', validFrom: '2026-01-01', status: 'active',
  tin: '45-6789012', npi: '1234567893', ...change,
})

const BAD_IDS = [
  ['a TIN of 8 digits', { tin: '12-345678' }, 'tin', TIN_MESSAGE],
  ['a TIN of 10 digits', { tin: '1234567890' }, 'tin', TIN_MESSAGE],
  ['a Social Security number as TIN', { tin: '123-45-6789' }, 'tin', TIN_MESSAGE],
  ['the 00 prefix the IRS never issues', { tin: '00-1234567' }, 'tin', TIN_MESSAGE],
  ['letters in the TIN', { tin: 'AB-CDEFGHI' }, 'tin', TIN_MESSAGE],
  ['SQL as TIN', { tin: SQL_DROP }, 'tin', TIN_MESSAGE],
  ['a script as TIN', { tin: SCRIPT }, 'tin', TIN_MESSAGE],
  ['10,000 characters as TIN', { tin: LONG }, 'tin', TIN_MESSAGE],
  ['a NUL in the TIN', { tin: '45-678\u00009012' }, 'tin', CONTROL_CHARACTER_MESSAGE],
  ['an NPI whose check digit is wrong', { npi: '1234567890' }, 'npi', NPI_CHECK_MESSAGE],
  ['an NPI with two digits swapped', { npi: '1234567839' }, 'npi', NPI_CHECK_MESSAGE],
  ['an NPI of 9 digits', { npi: '123456789' }, 'npi', NPI_LENGTH_MESSAGE],
  ['an NPI of 11 digits', { npi: '12345678933' }, 'npi', NPI_LENGTH_MESSAGE],
  ['an NPI starting with 3', { npi: '3234567893' }, 'npi', NPI_LENGTH_MESSAGE],
  ['an NPI with dashes', { npi: '123-456-7893' }, 'npi', NPI_LENGTH_MESSAGE],
  ['SQL as NPI', { npi: SQL_OR }, 'npi', NPI_LENGTH_MESSAGE],
  ['10,000 characters as NPI', { npi: LONG }, 'npi', NPI_LENGTH_MESSAGE],
] as const

describe('hostile input: TIN and NPI on the offer form', () => {
  it.each(BAD_IDS)('%s', async (_, change, field, message) => {
    const result = await expectNoChange(() => statusOf(editOffer.action, postForm(`/center/offers/${offer.id}`, offerForm(change), centerCookie), { offerId: offer.id }))
    expect(result.status).toBe(400)
    expect(fieldErrors(result.body)[field]).toEqual([message])
  })
})

describe('hostile input: the plan sponsor EIN', () => {
  it.each([
    ['nothing', {}, TIN_MESSAGE],
    ['an empty EIN', { ein: '' }, TIN_MESSAGE],
    ['an EIN of 8 digits', { ein: '12-345678' }, TIN_MESSAGE],
    ['an NPI in place of the EIN', { ein: '1234567893' }, TIN_MESSAGE],
    ['SQL', { ein: SQL_DROP }, TIN_MESSAGE],
    ['a script', { ein: SCRIPT }, TIN_MESSAGE],
    ['10,000 characters', { ein: LONG }, TIN_MESSAGE],
    ['a NUL', { ein: '31-123\u00004567' }, CONTROL_CHARACTER_MESSAGE],
  ] as const)('%s', async (_, form, message) => {
    const result = await expectNoChange(() => statusOf(transparencyPage.action, postForm('/employer/transparency', form, adminCookie)))
    expect(result.status).toBe(400)
    expect(fieldErrors(result.body).ein).toEqual([message])
  })
})
