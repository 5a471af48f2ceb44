import type { Kysely } from 'kysely'
import type { Database } from '~/db/schema'

/*
 * Contracts in force (issue 21, ADR 0016 §2): an active contract and its newest signed version,
 * whose terms stay in force until both sides sign a newer one. Read by the program page (which
 * offers a contract backs), the scorecard (the viewer's warranty terms) and the contract page
 * (copied rates that no longer match their offers).
 */

/** The purchaser's active contracts (with one health system, when given) and the terms of the version in force, newest contract first. */
export function listContractsInForce(db: Kysely<Database>, purchaserOrganizationId: string, healthSystemOrganizationId?: string) {
  let query = db
    .selectFrom('contracts')
    .innerJoin('contractVersions', 'contractVersions.contractId', 'contracts.id')
    .select(['contracts.id', 'contracts.title', 'contracts.healthSystemOrganizationId', 'contractVersions.version', 'contractVersions.terms'])
    .where('contracts.purchaserOrganizationId', '=', purchaserOrganizationId)
    .where('contracts.status', '=', 'active')
    .where('contractVersions.status', '=', 'signed')
    .where('contractVersions.version', '=', (eb) =>
      eb
        .selectFrom('contractVersions as signed')
        .select((s) => s.fn.max('signed.version').as('version'))
        .whereRef('signed.contractId', '=', 'contracts.id')
        .where('signed.status', '=', 'signed'),
    )
  if (healthSystemOrganizationId !== undefined) query = query.where('contracts.healthSystemOrganizationId', '=', healthSystemOrganizationId)
  return query.orderBy('contracts.createdAt', 'desc').orderBy('contracts.id').execute()
}

/** The current price and state of the health system's offers with these ids (a contract's source offers). */
export function listHealthSystemOfferPrices(db: Kysely<Database>, healthSystemId: string, offerIds: readonly string[]) {
  if (offerIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('offers')
    .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
    .select(['offers.id', 'offers.priceCents', 'offers.status', 'offers.validTo', 'facilities.name as facilityName'])
    .where('facilities.healthSystemId', '=', healthSystemId)
    .where('offers.id', 'in', offerIds)
    .execute()
}

/** The contract's pseudonym secret (ADR 0016 §10): read only to compute extract pseudonyms, never shown or exported. */
export async function findPseudonymSecret(db: Kysely<Database>, contractId: string): Promise<string | undefined> {
  const row = await db.selectFrom('contracts').select('pseudonymSecret').where('id', '=', contractId).executeTakeFirst()
  return row?.pseudonymSecret
}
