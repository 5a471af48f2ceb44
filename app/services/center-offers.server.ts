import type { Kysely } from 'kysely'
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
import { listHealthSystemSignedContracts, listProgramsIncludingOffer } from '~/db/repositories/offer-inclusion.server'
import type { Database } from '~/db/schema'
import { ContractTermsSchema } from '~/domain/contracts/terms'
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

export const PRICE_CHANGE_CONFIRMATION =
  'Confirm that the new price applies to new contracts and new program versions only: signed contracts keep their frozen rates'

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

/** The offer page's inclusion lists: the employers' programs and the contracts it is in. */
export async function getOfferInclusionForPage(actor: Actor, offerId: string) {
  return getOfferInclusion(getDb(), actor.organizationId, await getOfferForEditing(actor, offerId))
}

/**
 * Where an offer is included (issue 22): employers' published programs whose network holds it, and
 * the health system's signed contracts in force whose terms cover its facility and procedure.
 */
export async function getOfferInclusion(db: Kysely<Database>, healthSystemId: string, offer: { id: string; facilityId: string; procedureId: string }) {
  const [programs, contracts, procedure] = await Promise.all([
    listProgramsIncludingOffer(db, offer.id),
    listHealthSystemSignedContracts(db, healthSystemId),
    db.selectFrom('procedures').select('code').where('id', '=', offer.procedureId).executeTakeFirst(),
  ])
  const covering = contracts.filter((contract) => {
    const terms = ContractTermsSchema.parse(JSON.parse(contract.terms))
    return terms.networkFacilityIds.includes(offer.facilityId) && terms.bundleRates.some((rate) => rate.procedureCode === procedure?.code)
  })
  return {
    programs: programs.map((p) => ({ programId: p.programId, programName: p.programName, employerName: p.employerName, version: Number(p.version) })),
    contracts: covering.map((c) => ({ id: c.id, title: c.title, purchaserName: c.purchaserName, version: Number(c.version) })),
  }
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
  const { confirmPriceChange: _confirmed, ...fields } = input
  const values = {
    ...fields,
    annualVolume: input.annualVolume ?? null,
    accreditation: input.accreditation || null,
    appointmentWithinDays: input.appointmentWithinDays ?? null,
    validTo: input.validTo ?? null,
    // TIN and NPI identify the provider; they are not price, so an offer under contract takes them too (issue 23).
    tin: input.tin ?? null,
    npi: input.npi ?? null,
  }
  if (offerId) {
    const current = await findHealthSystemOffer(db, actor.organizationId, offerId)
    if (!current) throw notFound('Offer')
    const inclusion = await getOfferInclusion(db, actor.organizationId, current)
    const contract = inclusion.contracts[0]
    if (contract && (input.facilityId !== current.facilityId || input.procedureId !== current.procedureId)) {
      const message = `This offer is under contract with ${contract.purchaserName} (${contract.title}): create a new offer for another facility or procedure`
      return { ok: false, fieldErrors: input.facilityId !== current.facilityId ? { facilityId: [message] } : { procedureId: [message] } }
    }
    const isIncluded = inclusion.contracts.length > 0 || inclusion.programs.length > 0
    if (isIncluded && input.priceCents !== current.priceCents && !input.confirmPriceChange) {
      return { ok: false, fieldErrors: { confirmPriceChange: [PRICE_CHANGE_CONFIRMATION] } }
    }
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
