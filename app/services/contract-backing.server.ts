import type { Kysely } from 'kysely'
import { getDb } from '~/db/client.server'
import { listContractsInForce, listHealthSystemOfferPrices } from '~/db/repositories/contracts-in-force.server'
import type { Database } from '~/db/schema'
import { ContractTermsSchema, type ContractTerms } from '~/domain/contracts/terms'
import type { EmployerScope } from '~/domain/tenancy'

/*
 * Where contracts meet offers (issue 21, ADR 0016 §4): a program's network offer is backed by a
 * contract in force when its facility is in the signed network and its procedure has a bundle rate
 * there; a rate copied from an offer is frozen at signing, so the contract page warns when the
 * offer has since changed, and the program page when its bundled price differs from the rate.
 */

/** The contract in force behind one offer of a program's network. */
export interface ContractBacking {
  contractId: string
  title: string
  version: number
  rateCents: number
  /** The program's bundled price for the offer is not the contract's rate. */
  differsFromProgram: boolean
}

/** For each offer of the network (by offer id), the employer's contracts in force that back it (newest contract first). */
export async function listNetworkContractBacking(
  scope: EmployerScope,
  network: ReadonlyArray<{ offerId: string; facilityId: string; procedureCode: string; bundlePriceCents: number }>,
): Promise<Record<string, ContractBacking[]>> {
  if (network.length === 0) return {}
  const contracts = (await listContractsInForce(getDb(), scope.employerId)).map((contract) => ({
    ...contract,
    terms: ContractTermsSchema.parse(JSON.parse(contract.terms)),
  }))
  const backing: Record<string, ContractBacking[]> = {}
  for (const row of network) {
    const found = contracts.flatMap((contract): ContractBacking[] => {
      const rate = contract.terms.bundleRates.find((item) => item.procedureCode === row.procedureCode)
      if (!rate || !contract.terms.networkFacilityIds.includes(row.facilityId)) return []
      return [{ contractId: contract.id, title: contract.title, version: Number(contract.version), rateCents: rate.bundleCents, differsFromProgram: rate.bundleCents !== row.bundlePriceCents }]
    })
    if (found.length > 0) backing[row.offerId] = found
  }
  return backing
}

/** A bundle rate copied from an offer that no longer matches it. */
export interface RateWarning {
  procedureCode: string
  rateCents: number
  /** The offer's price now; null when the offer is gone from the health system. */
  offerPriceCents: number | null
  facilityName: string | null
  reason: 'price_changed' | 'withdrawn' | 'expired' | 'missing'
}

/**
 * The version's bundle rates copied from an offer (sourceOfferId) whose offer now has another
 * price, was withdrawn, has ended (valid to before today), or is no longer the health system's.
 * Read-only: the rate written in the terms stays what counts.
 */
export async function listRateWarnings(db: Kysely<Database>, healthSystemId: string, terms: Pick<ContractTerms, 'bundleRates'>, today: string): Promise<RateWarning[]> {
  const copied = terms.bundleRates.filter((rate) => rate.sourceOfferId !== null)
  const offers = new Map((await listHealthSystemOfferPrices(db, healthSystemId, copied.map((rate) => rate.sourceOfferId!))).map((offer) => [offer.id, offer]))
  return copied.flatMap((rate): RateWarning[] => {
    const offer = offers.get(rate.sourceOfferId!)
    const base = { procedureCode: rate.procedureCode, rateCents: rate.bundleCents, offerPriceCents: offer?.priceCents ?? null, facilityName: offer?.facilityName ?? null }
    if (!offer) return [{ ...base, reason: 'missing' }]
    if (offer.status === 'withdrawn') return [{ ...base, reason: 'withdrawn' }]
    if (offer.validTo !== null && offer.validTo < today) return [{ ...base, reason: 'expired' }]
    if (offer.priceCents !== rate.bundleCents) return [{ ...base, reason: 'price_changed' }]
    return []
  })
}
