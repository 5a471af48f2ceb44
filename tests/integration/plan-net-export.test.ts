import type { Bundle, HealthcareService, InsurancePlan, Location } from '@medplum/fhirtypes'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { facilitySearchKeys } from '~/domain/search/facility-text'
import * as planNet from '~/routes/employer.programs.$programId_.plan-net[.json]'
import { NOT_PUBLISHED_MESSAGE } from '~/services/plan-net-export.server'
import { createProgram, saveProgramNetwork, startNewVersion } from '~/services/programs.server'
import { planNetProblems, profileOf } from '../unit/domain/fhir/plan-net-profiles'
import { actorOf, cookieFor, getRequest, ORIGIN, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/*
 * The FHIR Plan-Net export (issue 23, ADR 0017) through its route on a real database (both
 * dialects in CI): employer A's admin downloads the bundle of the program's newest published
 * version, which meets the Plan-Net profiles' written-down cardinalities with every reference
 * resolving inside it; the download is audited; a program never published is refused with the
 * reason; other employers' admins get a 404 and every other role a 403 or the sign-in page, and
 * none of those writes an audit row.
 */

let t: TwoTenants
const cookies = {} as Record<keyof TwoTenants['users'], string>
let facilityWithoutSystem: string
let unpublishedProgramId: string

const path = (programId: string) => `/employer/programs/${programId}/plan-net.json`
const fetchBundle = (programId: string, cookie?: string) =>
  planNet.loader({ request: getRequest(path(programId), cookie), params: { programId }, context: {} }) as Promise<Response>
const exportsOf = async (programId: string) =>
  getDb().selectFrom('auditLog').select(['actorUserId', 'employerId', 'detail']).where('action', '=', 'program.plan_net_exported').where('subjectId', '=', programId).execute()

beforeAll(async () => {
  const db = getDb()
  t = await createTwoTenants(db)
  for (const key of Object.keys(t.users) as Array<keyof TwoTenants['users']>) cookies[key] = await cookieFor(t.users[key])
  // A second network facility in A's published version: no health system, no coordinates, an offer since withdrawn.
  const now = new Date().toISOString()
  const offer = await db.selectFrom('programNetwork').innerJoin('offers', 'offers.id', 'programNetwork.offerId').select(['offers.procedureId']).where('programVersionId', '=', t.a.versionId).executeTakeFirstOrThrow()
  facilityWithoutSystem = newId()
  await db
    .insertInto('facilities')
    .values({
      id: facilityWithoutSystem, ccn: '390111', name: 'Independent Surgical Hospital', address: '2 Elm St', city: 'Erie', state: 'PA', zip: '16501', county: null,
      ...facilitySearchKeys({ name: 'Independent Surgical Hospital', city: 'Erie' }), phone: '814-555-0100', latitude: null, longitude: null, coordinateSource: null,
      facilityType: 'Acute Care Hospitals', ownership: null, hasEmergencyServices: 0, starRating: null, healthSystemId: null, createdAt: now, updatedAt: now,
    })
    .execute()
  const offerId = newId()
  await db
    .insertInto('offers')
    .values({
      id: offerId, facilityId: facilityWithoutSystem, procedureId: offer.procedureId, priceCents: 2_600_000, includesFacility: 1, includesSurgeon: 1, includesAnesthesia: 1,
      includesImplant: 1, includesFollowUp: 1, warrantyDays: 90, followUpVisits: 2, annualVolume: 120, accreditation: null, appointmentWithinDays: 21, validFrom: '2026-01-01',
      validTo: null, status: 'withdrawn', createdAt: now, updatedAt: now,
    })
    .execute()
  await db.insertInto('programNetwork').values({ programVersionId: t.a.versionId, offerId, bundlePriceCents: 2_600_000 }).execute()
  // A draft version 2 with an empty network: the export stays on the published version 1.
  const actorA = await actorOf(t.users.adminA)
  const started = await startNewVersion(actorA, { employerId: t.a.employerId }, t.a.programId)
  if (!started.ok) throw new Error('could not start version 2')
  const emptied = await saveProgramNetwork(actorA, { employerId: t.a.employerId }, t.a.programId, [])
  if (!emptied.ok) throw new Error('could not empty the draft network')
  const created = await createProgram(actorA, { employerId: t.a.employerId }, { name: 'Spine 2028', effectiveFrom: '2028-01-01' })
  if (!created.ok) throw new Error('could not create a program')
  unpublishedProgramId = created.programId
})

describe("the employer admin downloads the program's Plan-Net bundle", () => {
  it('as a FHIR JSON attachment of the newest published version, conforming to the Plan-Net profiles, every reference resolving inside it', async () => {
    const response = await fetchBundle(t.a.programId, cookies.adminA)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/fhir+json')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="plan-net-a-joint-program-v1.json"')
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    const bundle = (await response.json()) as Bundle
    expect(planNetProblems(bundle)).toEqual([])
    expect(bundle.type).toBe('collection')
    for (const entry of bundle.entry!) expect(entry.fullUrl!.startsWith(`${ORIGIN}/fhir/`)).toBe(true)

    const plan = bundle.entry!.map((e) => e.resource!).find((r) => r.resourceType === 'InsurancePlan') as InsurancePlan
    expect(plan.name).toBe('A Joint Program')
    expect(plan.identifier![0]!.value).toBe(`${t.a.programId}:1`) // version 1, not the draft version 2 whose network is empty
    expect(plan.status).toBe('active')
    const locations = bundle.entry!.map((e) => e.resource!).filter((r) => profileOf(r) === 'Location') as Location[]
    expect(locations.map((l) => l.name).sort()).toEqual(['Independent Surgical Hospital', 'Test Medical Center'])
    expect(locations.find((l) => l.name === 'Test Medical Center')!.position).toEqual({ latitude: 39.96, longitude: -83 })
    expect(locations.find((l) => l.name === 'Independent Surgical Hospital')!.position).toBeUndefined()
    const services = bundle.entry!.map((e) => e.resource!).filter((r) => profileOf(r) === 'HealthcareService') as HealthcareService[]
    expect(services).toHaveLength(2) // one procedure at each of the two facilities
    const organizations = bundle.entry!.map((e) => e.resource!).filter((r) => profileOf(r) === 'Organization').map((o) => (o as { name: string }).name).sort()
    expect(organizations).toEqual(['Employer A', 'Independent Surgical Hospital', 'Test Health'])
  })

  it('is audited with who, which employer, the version and what it held', async () => {
    const before = (await exportsOf(t.a.programId)).length
    await fetchBundle(t.a.programId, cookies.adminA)
    const rows = await exportsOf(t.a.programId)
    expect(rows).toHaveLength(before + 1)
    const last = rows.at(-1)!
    expect(last.actorUserId).toBe(t.users.adminA)
    expect(last.employerId).toBe(t.a.employerId)
    expect(JSON.parse(last.detail!)).toEqual({ version: 1, ig: 'hl7.fhir.us.davinci-pdex-plan-net#1.1.0', locations: 2, services: 2 })
  })

  it('a program never published is refused with the reason, and nothing is audited', async () => {
    const response = await fetchBundle(unpublishedProgramId, cookies.adminA).catch((thrown: unknown) => thrown as Response)
    expect(response.status).toBe(409)
    expect(await response.text()).toBe(NOT_PUBLISHED_MESSAGE)
    expect(await exportsOf(unpublishedProgramId)).toEqual([])
  })
})

describe('nobody else gets it', () => {
  const outcome = async (programId: string, cookie?: string) => statusOf(planNet.loader, getRequest(path(programId), cookie), { programId })

  it("another employer's admin gets a 404 for A's program, and A's admin one for B's", async () => {
    expect((await outcome(t.a.programId, cookies.adminB)).status).toBe(404)
    expect((await outcome(t.b.programId, cookies.adminA)).status).toBe(404)
  })

  it.each(['employeeA', 'broker', 'coordinator', 'center', 'platform'] as const)('%s: 403', async (role) => {
    expect((await outcome(t.a.programId, cookies[role])).status).toBe(403)
  })

  it('signed out: to the sign-in page, coming back here', async () => {
    const result = await outcome(t.a.programId)
    expect(result.status).toBe(302)
    expect(result.location).toBe(`/login?${new URLSearchParams({ redirectTo: path(t.a.programId) })}`)
  })

  it('no refused request wrote an audit row', async () => {
    const before = await exportsOf(t.a.programId)
    await outcome(t.a.programId, cookies.adminB)
    await outcome(t.a.programId, cookies.broker)
    await outcome(t.a.programId)
    expect(await exportsOf(t.a.programId)).toEqual(before)
    expect(before.every((row) => row.actorUserId === t.users.adminA)).toBe(true)
    expect(await exportsOf(t.b.programId)).toEqual([])
  })
})
