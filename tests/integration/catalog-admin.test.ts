import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import * as priceFactors from '~/routes/admin.price-factors'
import * as editProcedure from '~/routes/admin.procedures.$procedureId'
import * as newProcedure from '~/routes/admin.procedures.new'
import { cookieFor, getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

let t: TwoTenants
let cookie: string
let procedureId: string
let facilityId: string

const procedureForm = (overrides: Record<string, string> = {}) => ({
  code: 'HIP_TEST', name: 'Total hip replacement', description: 'Replacing a damaged hip joint.', drgCodes: '469, 470', typicalNights: '1',
  nightsSource: 'catalog default', nightsAway: '5', nightsAwaySource: 'catalog estimate', incidencePerThousand: '1.0', incidenceSource: 'catalog estimate', medicareBaseCents: '22,530',
  medicareBaseSource: 'CMS PAYM_90_HIP_KNEE', isActive: 'on', ...overrides,
})

const facilityPrice = async () =>
  (await getDb().selectFrom('marketPrices').select('priceCents').where('procedureId', '=', procedureId).where('scopeKey', '=', facilityId).executeTakeFirst())?.priceCents

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  cookie = await cookieFor(t.users.platform)
  const now = new Date().toISOString()
  await getDb().insertInto('priceFactors').values({ id: newId(), key: 'commercial_multiplier', value: 2.54, unit: 'ratio', source: 'RAND 5.1', updatedAt: now, updatedByUserId: null }).execute()
  facilityId = (await getDb().selectFrom('facilities').select('id').executeTakeFirstOrThrow()).id
  await getDb()
    .insertInto('qualityMeasures')
    .values({ id: newId(), facilityId, measureCode: 'MSPB_1', value: 1.1, comparison: 'not_available', denominator: null, periodStart: '2023-01-01', periodEnd: '2023-12-31', source: 'CMS', footnote: null, updatedAt: now })
    .execute()
})

describe('the platform admin edits the catalog and its factors', () => {
  it('adds a procedure, whose market prices are computed at once', async () => {
    const result = await statusOf(newProcedure.action, postRequest('/admin/procedures/new', procedureForm(), { cookie }))
    expect(result).toMatchObject({ status: 302, location: '/admin/procedures' })
    procedureId = (await getDb().selectFrom('procedures').select('id').where('code', '=', 'HIP_TEST').executeTakeFirstOrThrow()).id
    // $22,530 × 1.10 × 2.54 = $62,948.82
    expect(await facilityPrice()).toBe(6_294_882)
  })

  it('refuses bad values and a duplicate code with field errors, changing nothing', async () => {
    const bad = await statusOf(newProcedure.action, postRequest('/admin/procedures/new', procedureForm({ code: 'x', drgCodes: '46, abc', typicalNights: '-1', medicareBaseCents: '22530', medicareBaseSource: '' }), { cookie }))
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({
      error: {
        code: ['Use capital letters, digits and _ (2–40), starting with a letter'],
        drgCodes: ['List MS-DRG codes as 3-digit numbers separated by commas, like 469, 470'],
        typicalNights: ['Nights cannot be negative'],
      },
    })
    const duplicate = await statusOf(newProcedure.action, postRequest('/admin/procedures/new', procedureForm(), { cookie }))
    expect(duplicate).toMatchObject({ status: 422, body: { error: { code: ['Another procedure already has this code'] } } })
  })

  // Issue 20, item 4: the travel estimate's nights away are edited here, with their source.
  it('edits the nights away and their source; fewer nights away than the hospital stay is refused', async () => {
    const form = (overrides: Record<string, string>) => postRequest(`/admin/procedures/${procedureId}`, procedureForm(overrides), { cookie })
    const fewer = await statusOf(editProcedure.action, form({ typicalNights: '3', nightsAway: '2' }), { procedureId })
    expect(fewer).toMatchObject({ status: 400, body: { error: { nightsAway: ['Nights away include the hospital stay: at least 3'] } } })
    const blank = await statusOf(editProcedure.action, form({ nightsAway: 'five', nightsAwaySource: '' }), { procedureId })
    expect(blank).toMatchObject({
      status: 400,
      body: { error: { nightsAway: ['Enter the nights away as a whole number'], nightsAwaySource: ['Say where the nights away come from'] } },
    })
    const row = () => getDb().selectFrom('procedures').select(['nightsAway', 'nightsAwaySource']).where('id', '=', procedureId).executeTakeFirstOrThrow()
    expect(await row()).toEqual({ nightsAway: 5, nightsAwaySource: 'catalog estimate' })
    const saved = await statusOf(editProcedure.action, form({ nightsAway: '6', nightsAwaySource: "The center's own travel guide: 6 nights" }), { procedureId })
    expect(saved.status).toBe(302)
    expect(await row()).toEqual({ nightsAway: 6, nightsAwaySource: "The center's own travel guide: 6 nights" })
    const page = await statusOf(editProcedure.loader, getRequest(`/admin/procedures/${procedureId}`, cookie), { procedureId })
    expect((page.body as { procedure: { nightsAway: number } }).procedure.nightsAway).toBe(6)
  })

  it('edits the Medicare base and the prices follow', async () => {
    const result = await statusOf(editProcedure.action, postRequest(`/admin/procedures/${procedureId}`, procedureForm({ medicareBaseCents: '20000' }), { cookie }), { procedureId })
    expect(result.status).toBe(302)
    // $20,000 × 1.10 × 2.54 = $55,880
    expect(await facilityPrice()).toBe(5_588_000)
  })

  it('changes the commercial multiplier and every price is recomputed; an implausible one is refused', async () => {
    const refused = await statusOf(priceFactors.action, postRequest('/admin/price-factors', { key: 'commercial_multiplier', value: '40', source: 'typo' }, { cookie }))
    expect(refused).toMatchObject({ status: 422 })
    expect(await facilityPrice()).toBe(5_588_000)
    const saved = await statusOf(priceFactors.action, postRequest('/admin/price-factors', { key: 'commercial_multiplier', value: '2.0', source: 'Negotiated network average' }, { cookie }))
    expect(saved.status).toBe(200)
    // $20,000 × 1.10 × 2.0 = $44,000
    expect(await facilityPrice()).toBe(4_400_000)
    const audit = await getDb().selectFrom('auditLog').select(['action', 'subjectId']).where('action', '=', 'price_factor.updated').execute()
    expect(audit).toEqual([{ action: 'price_factor.updated', subjectId: 'commercial_multiplier' }])
  })

  it('takes money factors in dollars and stores cents; a money factor sent as a bare value is refused', async () => {
    const db = getDb()
    if (!(await db.selectFrom('priceFactors').select('key').where('key', '=', 'platform_fee_cents').executeTakeFirst())) {
      await db.insertInto('priceFactors').values({ id: newId(), key: 'platform_fee_cents', value: 50_000, unit: 'cents', source: 'Default', updatedAt: new Date().toISOString(), updatedByUserId: null }).execute()
    }
    const fee = async () => (await db.selectFrom('priceFactors').select('value').where('key', '=', 'platform_fee_cents').executeTakeFirstOrThrow()).value
    const asValue = await statusOf(priceFactors.action, postRequest('/admin/price-factors', { key: 'platform_fee_cents', value: '60000', source: 'Cents typed by mistake' }, { cookie }))
    expect(asValue.status).toBe(422)
    expect((asValue.body as { reply: { error: Record<string, string[]> } }).reply.error.dollars).toEqual(['Enter the amount in dollars, like 1500 or 1,500.00'])
    expect(Number(await fee())).toBe(50_000)
    for (const [typed, cents] of [['$21,384.00', 2_138_400], ['21384', 2_138_400], ['600.5', 60_050]] as const) {
      const saved = await statusOf(priceFactors.action, postRequest('/admin/price-factors', { key: 'platform_fee_cents', dollars: typed, source: 'Negotiated fee' }, { cookie }))
      expect(saved.status).toBe(200)
      expect(Number(await fee())).toBe(cents)
    }
    const page = await statusOf(priceFactors.loader, getRequest('/admin/price-factors', cookie))
    expect((page.body as { factors: { key: string; value: number }[] }).factors.find((f) => f.key === 'platform_fee_cents')?.value).toBe(60_050)
  })

  it('is for the platform admin only', async () => {
    const employer = await cookieFor(t.users.adminA)
    expect((await statusOf(priceFactors.action, postRequest('/admin/price-factors', { key: 'commercial_multiplier', value: '1', source: 'x' }, { cookie: employer }))).status).toBe(403)
  })
})
