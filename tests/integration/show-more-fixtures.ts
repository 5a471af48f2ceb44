import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { facilitySearchKeys } from '~/domain/search/facility-text'
import { cookieFor } from './support'
import { addKneeProcedure, createTwoTenants, type TwoTenants } from './tenants'

/**
 * The search page's "first results, then more" fixture (issue 24), shared by its behaviour tests and
 * its hostile-input cases: a Columbus member (43215) whose program covers a knee replacement at 13
 * centers 1 to 13 tenths of a degree north of home, so on distance they come in that order and the
 * cut after the first 10 is visible.
 */
export async function createShowMoreFixture(): Promise<{ t: TwoTenants; member: string; names: string[] }> {
  const db = getDb()
  const t = await createTwoTenants(db)
  const member = await cookieFor(t.users.employeeA)
  const names: string[] = []
  const now = new Date().toISOString()
  const procedureId = await addKneeProcedure(db, t.a.versionId, now)
  for (let n = 1; n <= 13; n++) {
    const facilityId = newId()
    const name = `Center ${String(n).padStart(2, '0')}`
    names.push(name)
    await db
      .insertInto('facilities')
      .values({
        id: facilityId, ccn: null, name, address: '1 Test St', city: 'Columbus', state: 'OH', zip: '43215', county: null, ...facilitySearchKeys({ name, city: 'Columbus' }),
        phone: null, latitude: 39.96 + n / 10, longitude: -83.0, coordinateSource: 'cms_location', facilityType: 'Acute Care Hospitals', ownership: null,
        hasEmergencyServices: 1, starRating: 4, healthSystemId: null, createdAt: now, updatedAt: now,
      })
      .execute()
    const offerId = newId()
    await db
      .insertInto('offers')
      .values({
        id: offerId, facilityId, procedureId, priceCents: 2_800_000 + n * 10_000, includesFacility: 1, includesSurgeon: 1, includesAnesthesia: 1, includesImplant: 1,
        includesFollowUp: 1, warrantyDays: 90, followUpVisits: 2, annualVolume: 400, accreditation: null, appointmentWithinDays: 14, validFrom: '2026-01-01', validTo: null,
        status: 'active', createdAt: now, updatedAt: now,
      })
      .execute()
    await db.insertInto('programNetwork').values({ programVersionId: t.a.versionId, offerId, bundlePriceCents: 2_800_000 + n * 10_000 }).execute()
  }
  return { t, member, names }
}
