import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '~/db/schema'
import { ContractTermsSchema, type ContractTerms } from '~/domain/contracts/terms'
import { addDays } from '~/domain/dates'
import { sendContractVersion, signContractVersion } from '~/services/contracts.server'
import { actorOf } from './support'

/** A one-year attribution period from the first day of the quarter holding `today` (so extract windows exist today), with its reviews and recalibration inside it. */
export function periodFromQuarterStart(today: string): Pick<ContractTerms, 'attribution' | 'reporting' | 'recalibrationDate'> {
  const month = Number(today.slice(5, 7))
  const periodStart = `${today.slice(0, 4)}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`
  const periodEnd = addDays(`${Number(periodStart.slice(0, 4)) + 1}${periodStart.slice(4)}`, -1)
  return {
    attribution: { model: 'prospective', periodStart, periodEnd },
    reporting: { cadence: 'quarterly', reviewDates: [addDays(periodStart, 181), addDays(periodEnd, -14)] },
    recalibrationDate: addDays(periodEnd, -30),
  }
}

/**
 * Changes a drafted contract's open version as a save would (the terms parsed again, their hash
 * recomputed), then the purchaser sends it and both sides sign: the contract is active.
 */
export async function signContract(db: Kysely<Database>, contractId: string, users: { purchaser: string; center: string }, change: (terms: ContractTerms) => ContractTerms = (terms) => terms) {
  const contract = await db.selectFrom('contracts').select(['purchaserOrganizationId', 'healthSystemOrganizationId']).where('id', '=', contractId).executeTakeFirstOrThrow()
  const version = await db.selectFrom('contractVersions').select(['id', 'terms']).where('contractId', '=', contractId).orderBy('version', 'desc').executeTakeFirstOrThrow()
  const json = JSON.stringify(ContractTermsSchema.parse(change(ContractTermsSchema.parse(JSON.parse(version.terms)))))
  await db
    .updateTable('contractVersions')
    .set({ terms: json, termsSha256: createHash('sha256').update(json, 'utf8').digest('hex'), baseTerms: json })
    .where('id', '=', version.id)
    .execute()
  const purchaser = { side: 'purchaser' as const, organizationId: contract.purchaserOrganizationId }
  const center = { side: 'center' as const, organizationId: contract.healthSystemOrganizationId }
  const steps = [
    await sendContractVersion(await actorOf(users.purchaser), purchaser, contractId),
    await signContractVersion(await actorOf(users.purchaser), purchaser, contractId),
    await signContractVersion(await actorOf(users.center), center, contractId),
  ]
  if (steps.some((step) => !step.ok)) throw new Error(`could not sign contract ${contractId}: ${JSON.stringify(steps)}`)
}
