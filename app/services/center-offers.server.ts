import { getDb } from '~/db/client.server'
import { listHealthSystemOffers } from '~/db/repositories/catalog.server'
import type { Actor } from '~/domain/tenancy'

/** A health system's facilities, each with its offers (a center admin sees only its own). */
export async function getHealthSystemFacilities(actor: Actor) {
  const rows = await listHealthSystemOffers(getDb(), actor.organizationId)
  const byFacility = new Map<
    string,
    { id: string; name: string; city: string; state: string; starRating: number | null; offers: Array<{ id: string; procedureCode: string; procedureName: string; priceCents: number; validFrom: string; validTo: string | null; status: string; warrantyDays: number }> }
  >()
  for (const row of rows) {
    let facility = byFacility.get(row.facilityId)
    if (!facility) {
      facility = { id: row.facilityId, name: row.facilityName, city: row.city, state: row.state, starRating: row.starRating, offers: [] }
      byFacility.set(row.facilityId, facility)
    }
    if (row.offerId && row.procedureCode && row.procedureName && row.priceCents !== null && row.validFrom && row.status && row.warrantyDays !== null) {
      facility.offers.push({
        id: row.offerId,
        procedureCode: row.procedureCode,
        procedureName: row.procedureName,
        priceCents: row.priceCents,
        validFrom: row.validFrom,
        validTo: row.validTo,
        status: row.status,
        warrantyDays: row.warrantyDays,
      })
    }
  }
  return { healthSystemName: actor.organizationName, facilities: [...byFacility.values()] }
}
