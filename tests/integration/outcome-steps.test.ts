import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import * as coordinatorCase from '~/routes/coordinator.cases.$caseId'
import { cookieFor, postRequest, statusOf } from './support'
import { createAccessFixtures, createTwoTenants } from './tenants'

/*
 * Issue 22: outcome fields only at their step. On a case that is only requested, no outcome is
 * accepted by POST (first consult, 30- or 90-day check-in), and a status change ignores outcome
 * fields smuggled into its form.
 */
let caseId: string
let coordinator: string
const outcomes = () =>
  getDb().selectFrom('cases').select(['firstConsultDate', 'wasReadmitted', 'satisfaction', 'hadComplication', 'hasPatientReportedOutcomes', 'thirtyDayOutcomesAt', 'ninetyDayOutcomesAt']).where('id', '=', caseId).executeTakeFirstOrThrow()
const NOTHING = { firstConsultDate: null, wasReadmitted: null, satisfaction: null, hadComplication: null, hasPatientReportedOutcomes: null, thirtyDayOutcomesAt: null, ninetyDayOutcomesAt: null }
const post = (form: Record<string, string>) => statusOf(coordinatorCase.action, postRequest(`/coordinator/cases/${caseId}`, form, { cookie: coordinator }), { caseId })

beforeAll(async () => {
  const t = await createTwoTenants(getDb())
  caseId = (await createAccessFixtures(getDb(), t)).own.caseId
  coordinator = await cookieFor(t.users.coordinator)
})

describe('before the procedure, no outcome is taken', () => {
  it.each<[string, Record<string, string>]>([
    ['the first consult date', { intent: 'first-consult', firstConsultDate: new Date().toISOString().slice(0, 10) }],
    ['the 30-day check-in', { intent: 'thirty-day', wasReadmitted: 'no', satisfaction: '9' }],
    ['the 90-day check-in', { intent: 'ninety-day', hadComplication: 'no', hasPatientReportedOutcomes: 'yes' }],
  ])('refuses %s on a requested case and stores nothing', async (_name, form) => {
    const result = await post(form)
    expect(result.status).toBe(422)
    expect(await outcomes()).toEqual(NOTHING)
  })

  it('a status change ignores outcome fields added to its form', async () => {
    const result = await post({ to: 'eligibility_verified', wasReadmitted: 'yes', satisfaction: '1', hadComplication: 'yes', firstConsultDate: '2026-01-02', hasPatientReportedOutcomes: 'yes' })
    expect(result.status).toBe(302)
    expect(await outcomes()).toEqual(NOTHING)
  })
})
