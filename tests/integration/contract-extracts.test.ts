import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import type { Bool } from '~/db/schema'
import type { DataSharingField } from '~/domain/contracts/terms'
import { addDays } from '~/domain/dates'
import { rosterKeys } from '~/domain/roster/names'
import * as centerContract from '~/routes/center.contracts.$contractId'
import * as centerCsv from '~/routes/center.contracts.$contractId_.extracts.$window[.csv]'
import * as employerContract from '~/routes/employer.contracts.$contractId'
import * as employerCsv from '~/routes/employer.contracts.$contractId_.extracts.$window[.csv]'
import * as employerJson from '~/routes/employer.contracts.$contractId_.extracts.$window[.json]'
import { memberPseudonym } from '~/services/contract-extracts.server'
import { createContractDraft, sendContractVersion } from '~/services/contracts.server'
import { extractDownloadsOf, pseudonymSecretOf, signContract } from './contract-fixtures'
import { expectNoChange } from './hostile'
import { actorOf, cookieFor, getRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/*
 * Data-sharing extracts (issue 21, ADR 0016 §10) through the routes and a real database: both
 * sides download each window of a signed contract as CSV and JSON, with only the fields the
 * contract names and members as pseudonyms stable within the contract and different across
 * contracts; every download is audited; other tenants and brokers get nothing.
 */

let t: TwoTenants
const cookies = {} as Record<'adminA' | 'adminB' | 'center' | 'broker', string>
let offer: { id: string; facilityId: string; procedureId: string; code: string }
let secondMemberId: string
let contractId: string
let otherContractId: string
let secondFacilityId: string
let unsignedContractId: string

// Monthly windows of a period that started two months ago: [two months ago, last month, this month so far].
const today = new Date().toISOString().slice(0, 10)
const monthStart = (monthsBack: number) => {
  const date = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - monthsBack, 1))
  return date.toISOString().slice(0, 10)
}
const PERIOD_START = monthStart(2)
const PERIOD_END = addDays(`${Number(PERIOD_START.slice(0, 4)) + 1}${PERIOD_START.slice(4)}`, -1)
const WINDOWS = [monthStart(0).slice(0, 7), monthStart(1).slice(0, 7), monthStart(2).slice(0, 7)] // newest first
const FIELDS: DataSharingField[] = ['procedure_date', 'member_pseudonym', 'bundle_cents', 'complication_90d'] // named out of order on purpose

const monthlyTerms = (terms: Parameters<NonNullable<Parameters<typeof signContract>[3]>>[0]) => ({
  ...terms,
  attribution: { model: 'prospective' as const, periodStart: PERIOD_START, periodEnd: PERIOD_END },
  reporting: { cadence: 'quarterly' as const, reviewDates: [addDays(PERIOD_START, 181), addDays(PERIOD_END, -14)] },
  recalibrationDate: addDays(PERIOD_END, -30),
  dataSharing: { cadence: 'monthly' as const, fields: FIELDS },
})

/** A completed case of employer A at the network facility. */
async function completedCase(rosterMemberId: string, procedureDate: string, values: { requestedAt?: string; facilityId?: string; complication?: Bool | null } = {}) {
  const at = `${values.requestedAt ?? PERIOD_START}T09:00:00.000Z`
  await getDb()
    .insertInto('cases')
    .values({
      id: newId(), employerId: t.a.employerId, rosterMemberId, programVersionId: t.a.versionId, procedureId: offer.procedureId, offerId: offer.id,
      facilityId: values.facilityId ?? offer.facilityId, status: 'completed', statusReason: null, preferredStart: null, preferredEnd: null, scheduledDate: procedureDate,
      procedureDate, hasCompanion: 0, contactPreference: 'email', memberNote: null, bundlePriceCents: 2_800_000, memberCostCents: 0, travelEstimateCents: 0,
      travelActualCents: 40_000, hadComplication: values.complication === undefined ? 0 : values.complication, wasReadmitted: 0, satisfaction: 9, requestedAt: at,
      completedAt: at, updatedAt: at,
    })
    .execute()
}

const download = (route: typeof employerCsv, side: 'employer' | 'center', id: string, window: string, cookie: string, format = 'csv') =>
  statusOf(route.loader, getRequest(`/${side}/contracts/${id}/extracts/${window}.${format}`, cookie), { contractId: id, window })

async function csvOf(route: typeof employerCsv, side: 'employer' | 'center', id: string, window: string, cookie: string) {
  const request = getRequest(`/${side}/contracts/${id}/extracts/${window}.csv`, cookie)
  const response = (await route.loader({ request, params: { contractId: id, window }, context: {} })) as Response
  expect(response.status).toBe(200)
  expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
  expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="contract-extract-${window}.csv"`)
  return (await response.text()).trimEnd().split('\r\n').map((line) => line.split(','))
}


beforeAll(async () => {
  const db = getDb()
  t = await createTwoTenants(db)
  for (const key of ['adminA', 'adminB', 'center', 'broker'] as const) cookies[key] = await cookieFor(t.users[key])
  offer = await db
    .selectFrom('programNetwork')
    .innerJoin('offers', 'offers.id', 'programNetwork.offerId')
    .innerJoin('procedures', 'procedures.id', 'offers.procedureId')
    .select(['offers.id', 'offers.facilityId', 'offers.procedureId', 'procedures.code'])
    .where('programVersionId', '=', t.a.versionId)
    .executeTakeFirstOrThrow()
  const healthSystemId = (await db.selectFrom('facilities').select('healthSystemId').where('id', '=', offer.facilityId).executeTakeFirstOrThrow()).healthSystemId!
  const actorA = await actorOf(t.users.adminA)
  const draft = async (title: string) => {
    const made = await createContractDraft(actorA, { employerId: t.a.employerId }, { programId: t.a.programId, healthSystemId, title })
    if (!made.ok) throw new Error('could not draft')
    return made.contractId
  }
  contractId = await draft('Knee bundle 2027')
  otherContractId = await draft('Knee bundle, second contract')
  unsignedContractId = await draft('Not signed yet')
  // The second contract also covers a second facility of the health system. An episode belongs to one contract (ADR 0021):
  // the cases at the shared facility stay with the contract signed first, the one at the second facility is the second's.
  const facility = await db.selectFrom('facilities').selectAll().where('id', '=', offer.facilityId).executeTakeFirstOrThrow()
  secondFacilityId = newId()
  await db.insertInto('facilities').values({ ...facility, id: secondFacilityId, name: 'Test Medical Center East' }).execute()
  await signContract(db, contractId, { purchaser: t.users.adminA, center: t.users.center }, monthlyTerms)
  await signContract(db, otherContractId, { purchaser: t.users.adminA, center: t.users.center }, (terms) => ({
    ...monthlyTerms(terms),
    networkFacilityIds: [...terms.networkFacilityIds, secondFacilityId],
  }))
  await sendContractVersion(actorA, { side: 'purchaser', organizationId: t.a.employerId }, unsignedContractId)

  secondMemberId = newId()
  const now = new Date().toISOString()
  await db
    .insertInto('rosterMembers')
    .values({
      id: secondMemberId, employerId: t.a.employerId, employeeId: 'A0002', firstName: 'Cy', lastName: 'Tester', ...rosterKeys({ employeeId: 'A0002', firstName: 'Cy', lastName: 'Tester' }),
      dateOfBirth: '1975-02-03', zip: '43215', healthPlanId: t.a.planId, coverageTier: 'employee', coverageStart: '2026-01-01', coverageEnd: null, dependentsCount: 0,
      deductibleMetCents: 0, oopPaidCents: 0, createdAt: now, updatedAt: now,
    })
    .execute()
  // Ada has an episode two months ago and one last month; Cy one last month.
  await completedCase(t.a.rosterMemberId, addDays(monthStart(2), 4), { complication: null })
  await completedCase(t.a.rosterMemberId, addDays(monthStart(1), 9))
  await completedCase(secondMemberId, addDays(monthStart(1), 11), { complication: 1 })
  // Ada at the second facility, which only the second contract covers.
  await completedCase(t.a.rosterMemberId, addDays(monthStart(2), 8), { facilityId: secondFacilityId })
  // Not episodes: asked for after the procedure (not prospective), and before the period.
  await completedCase(secondMemberId, addDays(monthStart(2), 6), { requestedAt: addDays(monthStart(2), 20) })
  await completedCase(secondMemberId, addDays(monthStart(2), -3), { requestedAt: addDays(monthStart(2), -30) })
})

describe('the contract page lists the extract windows', () => {
  it('of a signed contract: each month of the period up to today, newest first, with CSV and JSON links, on both sides', async () => {
    const employer = await statusOf(employerContract.loader, getRequest(`/employer/contracts/${contractId}`, cookies.adminA), { contractId })
    const view = employer.body as { extracts: { cadence: string; windows: Array<{ key: string; isComplete: boolean }> } }
    expect(view.extracts.cadence).toBe('monthly')
    expect(view.extracts.windows.map((w) => w.key)).toEqual(WINDOWS)
    expect(view.extracts.windows.map((w) => w.isComplete)).toEqual([false, true, true])
    const center = await statusOf(centerContract.loader, getRequest(`/center/contracts/${contractId}`, cookies.center), { contractId })
    expect((center.body as typeof view).extracts).toEqual(view.extracts)
  })

  it('of a contract not signed yet: none, and a download is a 404', async () => {
    const page = await statusOf(employerContract.loader, getRequest(`/employer/contracts/${unsignedContractId}`, cookies.adminA), { contractId: unsignedContractId })
    expect((page.body as { extracts: unknown }).extracts).toEqual({ cadence: null, windows: [] })
    expect((await expectNoChange(() => download(employerCsv, 'employer', unsignedContractId, WINDOWS[0]!, cookies.adminA))).status).toBe(404)
  })
})

describe('an extract', () => {
  it('has exactly the fields the contract names, in the order of the field list, and names no member', async () => {
    const rows = await csvOf(employerCsv, 'employer', contractId, WINDOWS[1]!, cookies.adminA)
    expect(rows[0]).toEqual(['member_pseudonym', 'procedure_date', 'bundle_cents', 'complication_90d'])
    expect(rows.slice(1).map((row) => row.slice(1))).toEqual([
      [addDays(monthStart(1), 9), '2800000', 'false'],
      [addDays(monthStart(1), 11), '2800000', 'true'],
    ])
    const text = rows.flat().join(' ')
    for (const identifying of [t.a.rosterMemberId, secondMemberId, 'Ada', 'Cy', 'Tester', 'A0001', 'A0002', offer.facilityId]) expect(text).not.toContain(identifying)
  })

  it("gives a member the same pseudonym in every window of the contract, HMAC'd with the contract's secret, and another one in another contract", async () => {
    const secret = await pseudonymSecretOf(contractId)
    const ada = memberPseudonym(secret, t.a.rosterMemberId)
    const twoMonthsAgo = await csvOf(employerCsv, 'employer', contractId, WINDOWS[2]!, cookies.adminA)
    const lastMonth = await csvOf(employerCsv, 'employer', contractId, WINDOWS[1]!, cookies.adminA)
    // Two months ago: Ada only (Cy's case there was asked for after its procedure); her complication was never recorded.
    expect(twoMonthsAgo.slice(1)).toEqual([[ada, addDays(monthStart(2), 4), '2800000', '']])
    expect(lastMonth[1]![0]).toBe(ada)
    expect(lastMonth[2]![0]).toBe(memberPseudonym(secret, secondMemberId))
    expect(lastMonth[2]![0]).not.toBe(ada)

    // The second contract's episode that month is Ada's at the second facility only (the shared facility's stay with the first contract).
    const other = await csvOf(employerCsv, 'employer', otherContractId, WINDOWS[2]!, cookies.adminA)
    expect(other.slice(1)).toEqual([[memberPseudonym(await pseudonymSecretOf(otherContractId), t.a.rosterMemberId), addDays(monthStart(2), 8), '2800000', 'false']])
    expect(other[1]![0]).not.toBe(ada)
  })

  it('as JSON: the window, the version in force, the fields and the rows, with outcomes as true, false or null', async () => {
    const request = getRequest(`/employer/contracts/${contractId}/extracts/${WINDOWS[2]}.json`, cookies.adminA)
    const response = (await employerJson.loader({ request, params: { contractId, window: WINDOWS[2]! }, context: {} })) as Response
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
    expect(await response.json()).toEqual({
      window: { key: WINDOWS[2], from: PERIOD_START, to: addDays(monthStart(1), -1), isComplete: true },
      contractVersion: 1,
      fields: ['member_pseudonym', 'procedure_date', 'bundle_cents', 'complication_90d'],
      rows: [{ member_pseudonym: memberPseudonym(await pseudonymSecretOf(contractId), t.a.rosterMemberId), procedure_date: addDays(monthStart(2), 4), bundle_cents: 2_800_000, complication_90d: null }],
    })
  })

  it('is the same file for the health system, and every download of either side is audited with its window, format and rows', async () => {
    const before = (await extractDownloadsOf(contractId)).length
    const fromCenter = await csvOf(centerCsv as typeof employerCsv, 'center', contractId, WINDOWS[1]!, cookies.center)
    expect(fromCenter).toEqual(await csvOf(employerCsv, 'employer', contractId, WINDOWS[1]!, cookies.adminA))
    const newest = (await extractDownloadsOf(contractId)).slice(before)
    expect(newest).toEqual([
      { actorUserId: t.users.center, window: WINDOWS[1], from: monthStart(1), to: addDays(monthStart(0), -1), format: 'csv', rows: 2, version: 1, side: 'center' },
      { actorUserId: t.users.adminA, window: WINDOWS[1], from: monthStart(1), to: addDays(monthStart(0), -1), format: 'csv', rows: 2, version: 1, side: 'purchaser' },
    ])
  })
})

describe('who may download', () => {
  it('another employer gets 404 on the contract and its extracts, and nothing is recorded', async () => {
    for (const route of [employerCsv, employerJson]) {
      const result = await expectNoChange(() => download(route, 'employer', contractId, WINDOWS[0]!, cookies.adminB))
      expect(result.status).toBe(404)
    }
    expect((await statusOf(employerContract.loader, getRequest(`/employer/contracts/${contractId}`, cookies.adminB), { contractId })).status).toBe(404)
  })

  it("a broker has no contract pages or extracts: its role is refused (403) whatever the id, so nothing tells which contracts exist", async () => {
    for (const id of [contractId, newId()]) {
      expect((await statusOf(employerContract.loader, getRequest(`/employer/contracts/${id}`, cookies.broker), { contractId: id })).status).toBe(403)
      expect((await expectNoChange(() => download(employerCsv, 'employer', id, WINDOWS[0]!, cookies.broker))).status).toBe(403)
    }
  })
})

describe('hostile windows are a 404 and change nothing', () => {
  it.each([
    ['a 13th month', '2025-13'],
    ['path traversal', '../../etc'],
    ['5 KB of window text', 'x'.repeat(5_000)],
    ['a quarter on a monthly contract', `${today.slice(0, 4)}-Q1`],
    ['a month before the period', monthStart(3).slice(0, 7)],
    ['next month', addDays(monthStart(0), 40).slice(0, 7)],
    ['SQL', "2026-01' OR 1=1 --"],
    ['a NUL byte', `${WINDOWS[0]}\u0000`],
  ])('%s', async (_name, window) => {
    const result = await expectNoChange(() => download(employerCsv, 'employer', contractId, window, cookies.adminA))
    expect(result.status).toBe(404)
  })
})
