import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import * as facilityList from '~/routes/admin.facilities._index'
import { facilitySearchKeys } from '~/domain/search/facility-text'
import { cookieFor, getRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

let t: TwoTenants
let adminCookie: string

type View = Awaited<ReturnType<typeof facilityList.loader>>

async function list(query: string, cookie = adminCookie) {
  const result = await statusOf(facilityList.loader, getRequest(`/admin/facilities${query}`, cookie))
  return { status: result.status, view: result.body as View }
}

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  adminCookie = await cookieFor(t.users.platform)
  const now = new Date().toISOString()
  const facility = (name: string, city: string, state: string, stars: number | null, facilityType = 'Acute Care Hospitals') => ({
    ...facilitySearchKeys({ name, city }),
    id: newId(), ccn: null, name, address: '1 St', city, state, zip: '10001', county: null, phone: null, latitude: 40.7, longitude: -74,
    coordinateSource: 'zip_centroid' as const, facilityType, ownership: null, hasEmergencyServices: 1 as const, starRating: stars, healthSystemId: null, createdAt: now, updatedAt: now,
  })
  await getDb()
    .insertInto('facilities')
    .values([
      facility('Mount Sinai Hospital', 'New York', 'NY', 4),
      facility('MOUNT CARMEL EAST', 'Columbus', 'OH', 3),
      facility('Hospital for Special Surgery', 'New York', 'NY', 5),
      facility('100% Care Surgery Center', 'Albany', 'NY', null, 'Ambulatory Surgical Center'),
    ])
    .execute()
})

describe('the platform admin facility list', () => {
  it('finds by name or city in any case', async () => {
    expect((await list('?q=mount')).view.rows.map((r) => r.name)).toEqual(['MOUNT CARMEL EAST', 'Mount Sinai Hospital'])
    expect((await list('?q=NEW%20YORK')).view.rows.map((r) => r.name)).toEqual(['Hospital for Special Surgery', 'Mount Sinai Hospital'])
  })
  it('treats % and _ in the search text as plain characters', async () => {
    expect((await list('?q=100%25')).view.rows.map((r) => r.name)).toEqual(['100% Care Surgery Center'])
    expect((await list('?q=%25')).view.total).toBe(1)
  })
  it('filters by state, type and minimum stars, and counts the matches', async () => {
    const { view } = await list('?state=NY&stars=4')
    expect(view.rows.map((r) => r.name)).toEqual(['Hospital for Special Surgery', 'Mount Sinai Hospital'])
    expect(view.total).toBe(2)
    expect((await list('?type=Ambulatory%20Surgical%20Center')).view.total).toBe(1)
  })
  it('ignores malformed filters instead of failing', async () => {
    const { status, view } = await list('?state=New%20York&stars=9&page=-3')
    expect(status).toBe(200)
    expect(view.query).toMatchObject({ page: 1 })
    expect(view.query.state).toBeUndefined()
    expect(view.query.stars).toBeUndefined()
  })
  it('is for the platform admin only', async () => {
    expect((await list('', await cookieFor(t.users.adminA))).status).toBe(403)
    expect((await list('', await cookieFor(t.users.employeeA))).status).toBe(403)
  })
})
