import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import * as programPage from '~/routes/employer.programs.$programId'
import * as networkPage from '~/routes/employer.programs.$programId_.network'
import * as previewPage from '~/routes/employer.programs.$programId_.preview'
import * as newProgram from '~/routes/employer.programs.new'
import { cookieFor, getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

let t: TwoTenants
let adminA: string
let adminB: string
let broker: string
let procedureId: string
let offerId: string
let programId: string

const isoDaysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
const TRAVEL = {
  intent: 'travel', minDistanceMiles: '50', companionCovered: 'on', flyThresholdMiles: '300', mileageRateCents: '0.70', airfareAllowanceCents: '600',
  lodgingNights: '', lodgingNightlyCapCents: '175', mealsPerDiemCents: '60', travelCapCents: '5000',
}
const BENEFIT = { intent: 'benefit', deductibleWaived: 'on', coeCopayCents: '0', completionIncentiveCents: '250', outsideRule: 'plan_terms' }

const post = (form: Record<string, string>, cookie = adminA, id = programId) =>
  statusOf(programPage.action, postRequest(`/employer/programs/${id}`, form, { cookie }), { programId: id })
const postNetwork = (form: Record<string, string>, cookie = adminA) =>
  statusOf(networkPage.action, postRequest(`/employer/programs/${programId}/network`, form, { cookie }), { programId })
const versions = () => getDb().selectFrom('programVersions').selectAll().where('programId', '=', programId).orderBy('version').execute()
const rulesOf = (versionId: string) => getDb().selectFrom('programBenefitRules').selectAll().where('programVersionId', '=', versionId).executeTakeFirstOrThrow()
const formErrors = (body: unknown) => (body as { result: { error: Record<string, string[]> } }).result.error

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  adminA = await cookieFor(t.users.adminA)
  adminB = await cookieFor(t.users.adminB)
  broker = await cookieFor(t.users.broker)
  const network = await getDb().selectFrom('programNetwork').innerJoin('offers', 'offers.id', 'programNetwork.offerId').select(['offers.id', 'offers.procedureId']).where('programVersionId', '=', t.a.versionId).executeTakeFirstOrThrow()
  offerId = network.id
  procedureId = network.procedureId
})

describe('creating and editing a draft program', () => {
  it('refuses a start date in the past and creates nothing', async () => {
    const before = await getDb().selectFrom('programs').select('id').where('employerId', '=', t.a.employerId).execute()
    const result = await statusOf(newProgram.action, postRequest('/employer/programs/new', { name: 'Knee COE', effectiveFrom: isoDaysFromNow(-1) }, { cookie: adminA }))
    expect(result.status).toBe(422)
    expect((result.body as { error: Record<string, string[]> }).error.effectiveFrom![0]).toMatch(/^The start date is in the past/)
    expect(await getDb().selectFrom('programs').select('id').where('employerId', '=', t.a.employerId).execute()).toHaveLength(before.length)
  })

  it('creates a draft version 1 with the default rules', async () => {
    const result = await statusOf(newProgram.action, postRequest('/employer/programs/new', { name: 'Knee COE', effectiveFrom: isoDaysFromNow(7) }, { cookie: adminA }))
    expect(result.status).toBe(302)
    programId = result.location!.split('/').pop()!
    const [v1] = await versions()
    expect(v1).toMatchObject({ version: 1, status: 'draft', effectiveFrom: isoDaysFromNow(7) })
    expect(await rulesOf(v1!.id)).toMatchObject({ deductibleWaived: 1, coinsuranceWaived: 1, outsideRule: 'plan_terms' })
  })

  it('will not publish without procedures and a network, and says why', async () => {
    const result = await post({ intent: 'publish' })
    expect(result.status).toBe(422)
    expect(formErrors(result.body)['']).toEqual(['Choose at least one procedure to cover'])
    await post({ intent: 'procedures', procedureIds: procedureId })
    const again = await post({ intent: 'publish' })
    expect(formErrors(again.body)['']).toEqual(['The network has no center for Total knee replacement'])
    expect((await versions())[0]!.status).toBe('draft')
  })

  it('refuses an offer that is not for a covered procedure, then takes a good one at its price', async () => {
    const otherProcedure = newId()
    const now = new Date().toISOString()
    await getDb()
      .insertInto('procedures')
      .values({
        id: otherProcedure, code: `THA-${otherProcedure.slice(-6)}`, name: 'Total hip replacement', description: 'Hip', drgCodes: '["470"]', typicalNights: 1,
        nightsSource: 'test', nightsAway: 5, nightsAwaySource: 'test', incidencePerThousand: 1, incidenceSource: 'test', medicareBaseCents: null, medicareBaseSource: null, defaultInclusions: '[]',
        isActive: 1, createdAt: now, updatedAt: now,
      })
      .execute()
    const facilityId = (await getDb().selectFrom('offers').select('facilityId').where('id', '=', offerId).executeTakeFirstOrThrow()).facilityId
    const hipOffer = newId()
    await getDb()
      .insertInto('offers')
      .values({
        id: hipOffer, facilityId, procedureId: otherProcedure, priceCents: 3_000_000, includesFacility: 1, includesSurgeon: 1, includesAnesthesia: 1,
        includesImplant: 1, includesFollowUp: 1, warrantyDays: 90, followUpVisits: 2, annualVolume: 100, accreditation: null, appointmentWithinDays: 14,
        validFrom: '2026-01-01', validTo: null, status: 'active', createdAt: now, updatedAt: now,
      })
      .execute()
    const refused = await postNetwork({ intent: 'network', offerIds: hipOffer })
    expect(refused.status).toBe(422)
    expect((refused.body as { errors: string[] }).errors[0]).toMatch(/not for a covered procedure/)
    expect(await getDb().selectFrom('programNetwork').select('offerId').where('programVersionId', '=', (await versions())[0]!.id).execute()).toEqual([])

    expect((await postNetwork({ intent: 'network', offerIds: offerId })).status).toBe(302)
    const rows = await getDb().selectFrom('programNetwork').select(['offerId', 'bundlePriceCents']).where('programVersionId', '=', (await versions())[0]!.id).execute()
    expect(rows).toEqual([{ offerId, bundlePriceCents: 2_800_000 }])
  })

  it('shows field errors for bad rules and changes nothing', async () => {
    const versionId = (await versions())[0]!.id
    const result = await post({ ...TRAVEL, travelCapCents: '100' })
    expect(result.status).toBe(400)
    expect(formErrors(result.body).travelCapCents).toEqual(['The travel cap is below one night of lodging: raise it to at least the nightly cap'])
    const travel = await getDb().selectFrom('programTravelRules').select('travelCapCents').where('programVersionId', '=', versionId).executeTakeFirstOrThrow()
    expect(travel.travelCapCents).toBe(500_000)
    const benefit = await post({ ...BENEFIT, outsideRule: 'higher_coinsurance' })
    expect(formErrors(benefit.body).outsideCoinsuranceRate).toEqual(['Enter the higher coinsurance that applies outside the program, e.g. 40'])
  })

  it('previews what a member pays: deductible waived, coinsurance on the bundle, incentive shown apart', async () => {
    expect((await post({ ...BENEFIT, coinsuranceWaived: '' })).status).toBe(302)
    const result = await statusOf(previewPage.loader, getRequest(`/employer/programs/${programId}/preview?zip=43215&planId=${t.a.planId}`, adminA), { programId })
    const preview = (result.body as { preview: { ok: true; incentiveCents: number; procedures: Array<{ centers: Array<{ miles: number; cost: { deductibleCents: number; coinsuranceCents: number; memberPaysCents: number }; travel: { isCovered: boolean } }> }> } }).preview
    // A PPO with a $1,500 deductible (waived) and 20 % coinsurance on a $28,000 bundle: 20 % × $28,000 = $5,600, under the $5,000 cap → $5,000.
    expect(preview.procedures[0]!.centers[0]!.cost).toMatchObject({ deductibleCents: 0, coinsuranceCents: 560_000, memberPaysCents: 500_000 })
    expect(preview.procedures[0]!.centers[0]!.travel.isCovered).toBe(false)
    expect(preview.incentiveCents).toBe(25_000)
    const badZip = await statusOf(previewPage.loader, getRequest(`/employer/programs/${programId}/preview?zip=00000`, adminA), { programId })
    expect((badZip.body as { fieldErrors: Record<string, string[]> }).fieldErrors.zip).toEqual(["We don't know the ZIP code 00000: check it and try again"])
  })
})

type Confirmation = { confirm: string; version: number; ours: { centers: Record<string, number>; completionIncentiveCents: number }; overlaps: Array<Record<string, unknown>> }
const confirmationOf = (body: unknown) => (body as { confirmation: Confirmation | null }).confirmation
const auditActions = async (subjectId: string) => (await getDb().selectFrom('auditLog').select(['action', 'detail']).where('subjectId', '=', subjectId).execute())

describe('changing procedures once the network has centers', () => {
  it('keeps the offers of the procedures still covered (it used to fail on saving)', async () => {
    const versionId = (await versions())[0]!.id
    expect((await post({ intent: 'procedures', procedureIds: procedureId })).status).toBe(302)
    expect(await getDb().selectFrom('programNetwork').select(['offerId', 'bundlePriceCents']).where('programVersionId', '=', versionId).execute()).toEqual([{ offerId, bundlePriceCents: 2_800_000 }])
  })
})

describe('saying that a section saved (issue 20)', () => {
  it('leaves a one-time note for the page, which says what is now stored and clears the note', async () => {
    const response = (await programPage.action({ request: postRequest(`/employer/programs/${programId}`, { ...BENEFIT, coinsuranceWaived: '' }, { cookie: adminA }), params: { programId }, context: {} })) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/employer/programs/${programId}#benefit`)
    const flash = response.headers.get('Set-Cookie')!.split(';')[0]!
    expect(flash).toMatch(/^__flash=/)
    const page = (await programPage.loader({ request: getRequest(`/employer/programs/${programId}`, `${adminA}; ${flash}`), params: { programId }, context: {} })) as unknown as {
      data: { saved: string | null }
      init: { headers: Headers }
    }
    expect(page.data.saved).toBe('benefit')
    expect(page.init.headers.get('Set-Cookie')).toMatch(/^__flash=; Max-Age=0/)
    // Without the note (the next visit), the page says nothing.
    const again = (await programPage.loader({ request: getRequest(`/employer/programs/${programId}`, adminA), params: { programId }, context: {} })) as unknown as { data: { saved: string | null } }
    expect(again.data.saved).toBeNull()
    // A forged note is ignored: the cookie is signed.
    const forged = (await programPage.loader({ request: getRequest(`/employer/programs/${programId}`, `${adminA}; __flash=${encodeURIComponent(btoa('"publish"'))}`), params: { programId }, context: {} })) as unknown as { data: { saved: string | null } }
    expect(forged.data.saved).toBeNull()
  })
})

describe('publishing and versions', () => {
  it('asks before publishing over another program: without the confirmation nothing changes', async () => {
    // Employer A's Joint Program (published, from 2026-01-01 with no end) covers knee replacement too.
    const [draft] = await versions()
    const asked = await post({ intent: 'publish' })
    expect(asked.status).toBe(200)
    const confirmation = confirmationOf(asked.body)!
    expect(confirmation).toMatchObject({
      version: 1,
      ours: { centers: { [procedureId]: 1 }, completionIncentiveCents: 25_000 },
      overlaps: [
        {
          versionId: t.a.versionId, programName: 'A Joint Program', version: 1, procedures: [{ id: procedureId, name: 'Total knee replacement' }],
          from: isoDaysFromNow(7), to: null, theirs: { deductibleWaived: true, coinsuranceWaived: true, completionIncentiveCents: 50_000, centers: { [procedureId]: 1 } },
        },
      ],
    })
    expect(confirmation.confirm).toBe(t.a.versionId)
    // A confirmation for other overlaps (stale, or made up) is asked again; nothing is published or audited.
    const stale = await post({ intent: 'publish', confirmOverlaps: 'some-other-version' })
    expect(confirmationOf(stale.body)?.confirm).toBe(t.a.versionId)
    expect((await versions())[0]).toEqual(draft)
    expect((await auditActions(draft!.id)).map((a) => a.action)).not.toContain('program.published')
  })

  it('publishes a complete draft once confirmed; the published version then refuses every change', async () => {
    const confirmed = await post({ intent: 'publish', confirmOverlaps: t.a.versionId })
    expect(confirmed.status).toBe(302)
    const [v1] = await versions()
    expect((await auditActions(v1!.id)).find((a) => a.action === 'program.published')?.detail).toBe(
      `Confirmed overlaps: A Joint Program v1 (Total knee replacement; ${isoDaysFromNow(7)} to no end)`,
    )
    expect(v1).toMatchObject({ status: 'published' })
    expect(v1!.publishedAt).not.toBeNull()
    const refused = await post({ ...BENEFIT, completionIncentiveCents: '999' })
    expect(refused.status).toBe(422)
    expect(formErrors(refused.body)['']).toEqual(['This version is published and cannot change. Start a new version to edit the program.'])
    expect((await rulesOf(v1!.id)).completionIncentiveCents).toBe(25_000)
    expect((await postNetwork({ intent: 'network', offerIds: '' })).status).toBe(422)
    expect(await getDb().selectFrom('programNetwork').select('offerId').where('programVersionId', '=', v1!.id).execute()).toHaveLength(1)
  })

  it('starts version 2 as a copy, edits it and publishes it while version 1 stays as it was', async () => {
    expect((await post({ intent: 'new-version' })).status).toBe(302)
    expect((await post({ intent: 'new-version' })).status).toBe(422) // a draft already exists
    const [v1, v2] = await versions()
    expect(v2).toMatchObject({ version: 2, status: 'draft' })
    expect(v2!.effectiveFrom > v1!.effectiveFrom).toBe(true)
    expect(await rulesOf(v2!.id)).toMatchObject({ completionIncentiveCents: 25_000, coinsuranceWaived: 0 })
    expect((await post({ ...BENEFIT, coinsuranceWaived: 'on', completionIncentiveCents: '500' })).status).toBe(302)
    // Version 1 of the same program is not an overlap (version 2 takes over from it); A's Joint Program still is.
    const asked = await post({ intent: 'publish' })
    expect(confirmationOf(asked.body)?.overlaps.map((o) => o.programName)).toEqual(['A Joint Program'])
    expect((await post({ intent: 'publish', confirmOverlaps: confirmationOf(asked.body)!.confirm })).status).toBe(302)
    const after = await versions()
    expect(after.map((v) => [v.version, v.status])).toEqual([[1, 'published'], [2, 'published']])
    expect(after[0]).toEqual(v1)
    expect(await rulesOf(v1!.id)).toMatchObject({ completionIncentiveCents: 25_000, coinsuranceWaived: 0 })
    expect(await rulesOf(v2!.id)).toMatchObject({ completionIncentiveCents: 50_000, coinsuranceWaived: 1 })
    const page = await statusOf(programPage.loader, getRequest(`/employer/programs/${programId}?version=1`, adminA), { programId })
    expect(page.body).toMatchObject({ current: { version: 1 }, isEditable: false, isNewest: false, rules: { completionIncentiveCents: 25_000 } })
  })

  it('records every change in the audit log', async () => {
    const ids = (await versions()).map((v) => v.id)
    const actions = await getDb().selectFrom('auditLog').select('action').where('subjectId', 'in', [programId, ...ids]).orderBy('occurredAt').execute()
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['program.created', 'program.procedures_changed', 'program.network_changed', 'program.published', 'program.version_started']))
  })
})

describe('who may do what', () => {
  it("gives another employer's admin 404 on every program page and changes nothing", async () => {
    expect((await post({ intent: 'new-version' }, adminB)).status).toBe(404)
    expect((await statusOf(networkPage.loader, getRequest(`/employer/programs/${programId}/network`, adminB), { programId })).status).toBe(404)
    expect((await statusOf(previewPage.loader, getRequest(`/employer/programs/${programId}/preview`, adminB), { programId })).status).toBe(404)
    expect(await versions()).toHaveLength(2)
  })

  it('refuses a broker (read-only on programs) the builder actions', async () => {
    expect((await statusOf(newProgram.action, postRequest('/employer/programs/new', { name: 'X program', effectiveFrom: isoDaysFromNow(3) }, { cookie: broker }))).status).toBe(403)
  })
})
