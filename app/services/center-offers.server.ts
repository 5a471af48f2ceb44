import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { countHealthSystemDemand, listHealthSystemOffers } from '~/db/repositories/catalog.server'
import {
  findHealthSystemOffer,
  findOfferByKey,
  listHealthSystemFacilityOptions,
  listProcedureOptions,
} from '~/db/repositories/center-offers.server'
import { insertOffer, updateOffer } from '~/db/repositories/offers.server'
import type { Actor } from '~/domain/tenancy'
import type { OfferInput } from '~/forms/offer'
import { notFound } from '~/http/responses.server'

/** A health system's facilities, each with its offers (a center admin sees only its own). */
export async function getHealthSystemFacilities(actor: Actor, now = new Date()) {
  const rows = await listHealthSystemOffers(getDb(), actor.organizationId)
  const byFacility = new Map<
    string,
    { id: string; name: string; city: string; state: string; starRating: number | null; inactiveSince: string | null; offers: Array<{ id: string; procedureCode: string; procedureName: string; priceCents: number; validFrom: string; validTo: string | null; status: string; warrantyDays: number; isDemo: boolean }> }
  >()
  for (const row of rows) {
    let facility = byFacility.get(row.facilityId)
    if (!facility) {
      facility = { id: row.facilityId, name: row.facilityName, city: row.city, state: row.state, starRating: row.starRating, inactiveSince: row.inactiveSince, offers: [] }
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
        isDemo: Boolean(row.isDemo),
      })
    }
  }
  const since = new Date(now.getTime() - 90 * 86_400_000).toISOString()
  const demand = await countHealthSystemDemand(getDb(), actor.organizationId, since)
  return { healthSystemName: actor.organizationName, facilities: [...byFacility.values()], demand }
}

export type SaveOfferResult = { ok: true; offerId: string } | { ok: false; fieldErrors: Record<string, string[]> }

export async function getOfferFormOptions(actor: Actor) {
  const db = getDb()
  const [facilities, procedures] = await Promise.all([listHealthSystemFacilityOptions(db, actor.organizationId), listProcedureOptions(db)])
  return { facilities, procedures }
}

export async function getOfferForEditing(actor: Actor, offerId: string) {
  const offer = await findHealthSystemOffer(getDb(), actor.organizationId, offerId)
  if (!offer) throw notFound('Offer')
  return offer
}

/** Creates (offerId null) or updates an offer of the actor's own health system. */
export async function saveOffer(actor: Actor, offerId: string | null, input: OfferInput, now = new Date()): Promise<SaveOfferResult> {
  const db = getDb()
  const options = await getOfferFormOptions(actor)
  if (!options.facilities.some((f) => f.id === input.facilityId)) return { ok: false, fieldErrors: { facilityId: ['Choose one of your facilities'] } }
  if (!options.procedures.some((p) => p.id === input.procedureId)) return { ok: false, fieldErrors: { procedureId: ['Choose a procedure from the catalog'] } }
  const clash = await findOfferByKey(db, input.facilityId, input.procedureId, input.validFrom)
  if (clash && clash.id !== offerId) {
    return { ok: false, fieldErrors: { validFrom: ['This facility already has an offer for this procedure starting that day'] } }
  }
  const at = now.toISOString()
  const values = {
    ...input,
    annualVolume: input.annualVolume ?? null,
    accreditation: input.accreditation || null,
    appointmentWithinDays: input.appointmentWithinDays ?? null,
    validTo: input.validTo ?? null,
  }
  const id = offerId ?? newId()
  await db.transaction().execute(async (trx) => {
    if (offerId) {
      const current = await findHealthSystemOffer(trx, actor.organizationId, offerId)
      if (!current) throw notFound('Offer')
      await updateOffer(trx, offerId, { ...values, updatedAt: at })
    } else {
      await insertOffer(trx, { id, ...values, createdAt: at, updatedAt: at })
    }
    await insertAuditEntry(trx, actor, { action: offerId ? 'offer.updated' : 'offer.created', subjectType: 'offer', subjectId: id, employerId: null, at })
  })
  return { ok: true, offerId: id }
}
