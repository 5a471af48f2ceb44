import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { CONTROL_CHARACTER_MESSAGE } from '~/forms/fields'
import * as settings from '~/routes/admin.settings'
import { expectNoChange, fieldErrors, hostileFixtures, LONG, postForm, SQL_DROP, SQL_OR } from './hostile'
import { statusOf } from './support'

/*
 * Hostile input on the platform admin's settings (issue 22): the response promise and the
 * holidays. Each bad value gets its own message on its field and changes nothing, the settings
 * tables included (the shared snapshot does not list them, so they are compared here too).
 */

let cookie: string
beforeAll(async () => {
  cookie = (await hostileFixtures()).cookies.platform!
  await getDb().insertInto('platformHolidays').values({ date: '2027-09-06', name: 'Labor Day', createdAt: '2026-12-01T00:00:00.000Z' }).execute()
})

async function settingsRows() {
  const db = getDb()
  return {
    promises: await db.selectFrom('caseResponsePromises').selectAll().orderBy('status').execute(),
    holidays: await db.selectFrom('platformHolidays').selectAll().orderBy('date').execute(),
  }
}

/** Posts the form and checks that nothing changed anywhere; returns the status and the errors by field. */
async function post(form: Record<string, string | readonly string[]>) {
  const before = await settingsRows()
  const result = await expectNoChange(() => statusOf(settings.action, postForm('/admin/settings', form, cookie)))
  expect(await settingsRows()).toEqual(before)
  return { status: result.status, errors: fieldErrors(result.body) }
}

const promises = { intent: 'promises', 'promise.requested': '2', 'promise.eligibility_verified': '3', 'promise.scheduled': '5', 'promise.travel_booked': '', 'promise.procedure_done': '10' }
const NOT_WHOLE = 'Enter the working days as a whole number, like 2, or leave it empty for no promise'
const RANGE = 'Enter from 1 to 60 working days, or leave it empty for no promise'
const UNKNOWN = 'Choose one of the open statuses: requested, eligibility verified, scheduled, travel booked or procedure done'

describe('hostile input: the response promise', () => {
  it.each([
    ['zero working days', { 'promise.requested': '0' }, 'promise.requested', RANGE],
    ['61 working days', { 'promise.scheduled': '61' }, 'promise.scheduled', RANGE],
    ['a negative number', { 'promise.requested': '-1' }, 'promise.requested', RANGE],
    ['a huge number', { 'promise.requested': '999999999' }, 'promise.requested', RANGE],
    ['a decimal', { 'promise.requested': '1.5' }, 'promise.requested', NOT_WHOLE],
    ['an exponent', { 'promise.requested': '1e1' }, 'promise.requested', NOT_WHOLE],
    ['words', { 'promise.eligibility_verified': 'two' }, 'promise.eligibility_verified', NOT_WHOLE],
    ['SQL', { 'promise.requested': SQL_DROP }, 'promise.requested', NOT_WHOLE],
    ['10,000 characters', { 'promise.procedure_done': LONG }, 'promise.procedure_done', NOT_WHOLE],
    ['the field twice', { 'promise.requested': ['1', '2'] }, 'promise.requested', NOT_WHOLE],
    ['a status that does not exist', { 'promise.bogus': '2' }, 'promise.bogus', UNKNOWN],
    ['a closed status', { 'promise.completed': '2' }, 'promise.completed', UNKNOWN],
    ['a status with SQL', { [`promise.${SQL_OR}`]: '2' }, `promise.${SQL_OR}`, UNKNOWN],
  ] as const)('%s', async (_, change, field, message) => {
    const { status, errors } = await post({ ...promises, ...change })
    expect(status).toBe(400)
    expect(errors[field]).toEqual([message])
  })

  it('one bad value among good ones saves none of them', async () => {
    const { status, errors } = await post({ ...promises, 'promise.requested': '1', 'promise.scheduled': '0' })
    expect(status).toBe(400)
    expect(errors).toEqual({ 'promise.scheduled': [RANGE] })
  })
})

const holiday = { intent: 'add-holiday', date: '2027-03-15', name: 'Care team day' }

describe('hostile input: adding a holiday', () => {
  it.each([
    ['a date that does not exist', { date: '2026-02-30' }, 'date', "Enter the holiday's date as a real date, like 2027-03-15"],
    ['a month 13', { date: '2027-13-01' }, 'date', "Enter the holiday's date as a real date, like 2027-03-15"],
    ['a US-style date', { date: '03/15/2027' }, 'date', "Enter the holiday's date as a real date, like 2027-03-15"],
    ['a date with SQL', { date: SQL_DROP }, 'date', "Enter the holiday's date as a real date, like 2027-03-15"],
    ['no date', { date: '' }, 'date', "Enter the holiday's date"],
    ['a date in 1999', { date: '1999-12-31' }, 'date', 'Enter a date from 2000 to 2100'],
    ['a date in 9999', { date: '9999-01-01' }, 'date', 'Enter a date from 2000 to 2100'],
    ['no name', { name: '' }, 'name', "Enter the holiday's name"],
    ['a name of spaces', { name: '    ' }, 'name', "Enter the holiday's name"],
    ['a name of 81 characters', { name: 'n'.repeat(81) }, 'name', 'Keep the name under 80 characters'],
    ['a 10,000-character name', { name: LONG }, 'name', 'Keep the name under 80 characters'],
    ['a name with NUL', { name: 'Care\u0000day' }, 'name', CONTROL_CHARACTER_MESSAGE],
  ] as const)('%s', async (_, change, field, message) => {
    const { status, errors } = await post({ ...holiday, ...change })
    expect(status).toBe(400)
    expect(errors[field]).toEqual([message])
  })

  it('a date already listed is refused with the holiday it already is', async () => {
    const { status, errors } = await post({ ...holiday, date: '2027-09-06', name: 'Another name' })
    expect(status).toBe(422)
    expect(errors.date).toEqual(['There is already a holiday on 2027-09-06 (Labor Day): choose another date'])
  })

  it('a name with markup is stored as text (not refused): it is a name, shown escaped', async () => {
    const result = await statusOf(settings.action, postForm('/admin/settings', { ...holiday, date: '2027-03-16', name: '<b>Day</b>' }, cookie))
    expect(result.status).toBe(302)
    expect(await getDb().selectFrom('platformHolidays').select('name').where('date', '=', '2027-03-16').executeTakeFirstOrThrow()).toEqual({ name: '<b>Day</b>' })
  })
})

describe('hostile input: removing a holiday', () => {
  it.each([
    ['a date not listed', '2027-03-17', 422, 'There is no holiday on 2027-03-17 to remove: it may have been removed already'],
    ['a date that does not exist', '2027-02-29', 400, "Enter the holiday's date as a real date, like 2027-03-15"],
    ['a date with SQL', `2027-09-06' OR '1'='1`, 400, "Enter the holiday's date as a real date, like 2027-03-15"],
  ] as const)('%s', async (_, date, expectedStatus, message) => {
    const { status, errors } = await post({ intent: 'remove-holiday', date })
    expect(status).toBe(expectedStatus)
    expect(errors.date).toEqual([message])
  })
})

describe('hostile input: the US federal holidays of a year', () => {
  it.each([
    ['a year before 2000', '1999', 'Enter a year from 2000 to 2100'],
    ['a year after 2100', '2101', 'Enter a year from 2000 to 2100'],
    ['year 0000', '0000', 'Enter a year from 2000 to 2100'],
    ['two digits', '27', 'Enter the year as four digits, like 2027'],
    ['five digits', '20270', 'Enter the year as four digits, like 2027'],
    ['a decimal', '2027.5', 'Enter the year as four digits, like 2027'],
    ['no year', '', 'Enter the year as four digits, like 2027'],
    ['SQL', SQL_DROP, 'Enter the year as four digits, like 2027'],
  ] as const)('%s', async (_, year, message) => {
    const { status, errors } = await post({ intent: 'add-federal', year })
    expect(status).toBe(400)
    expect(errors.year).toEqual([message])
  })
})

describe('hostile input: what to change', () => {
  it.each([
    ['no intent', {}],
    ['an unknown intent', { intent: 'drop-everything' }],
    ['an intent with SQL', { intent: SQL_DROP }],
  ] as const)('%s', async (_, form) => {
    const { status, errors } = await post(form)
    expect(status).toBe(400)
    expect(errors['']).toEqual(['Choose what to change: the response promise or the holidays'])
  })
})
