import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { findProcedure, findProcedureByCode, insertProcedure, listPriceFactors, updatePriceFactor, updateProcedure } from '~/db/repositories/catalog-admin.server'
import type { Actor } from '~/domain/tenancy'
import type { ProcedureInput } from '~/forms/procedure'
import { notFound } from '~/http/responses.server'
import { recomputeMarketPrices } from './market-prices.server'

export async function getProcedureForEditing(procedureId: string) {
  const procedure = await findProcedure(getDb(), procedureId)
  if (!procedure) throw notFound('Procedure')
  return { ...procedure, drgCodes: JSON.parse(procedure.drgCodes) as string[] }
}

/** Creates (id null) or updates a catalog procedure; market prices follow a changed Medicare base. */
export async function saveProcedure(actor: Actor, procedureId: string | null, input: ProcedureInput, now = new Date()) {
  const db = getDb()
  const sameCode = await findProcedureByCode(db, input.code)
  if (sameCode && sameCode.id !== procedureId) return { ok: false as const, fieldErrors: { code: ['Another procedure already has this code'] } }
  const at = now.toISOString()
  const id = procedureId ?? newId()
  const values = {
    ...input,
    drgCodes: JSON.stringify(input.drgCodes),
    medicareBaseSource: input.medicareBaseCents === null ? null : (input.medicareBaseSource ?? null),
  }
  await db.transaction().execute(async (trx) => {
    if (procedureId) {
      if (!(await findProcedure(trx, procedureId))) throw notFound('Procedure')
      await updateProcedure(trx, procedureId, { ...values, updatedAt: at })
    } else {
      await insertProcedure(trx, { id, ...values, defaultInclusions: '[]', createdAt: at, updatedAt: at })
    }
    await recomputeMarketPrices(trx, at)
    await insertAuditEntry(trx, actor, { action: procedureId ? 'procedure.updated' : 'procedure.created', subjectType: 'procedure', subjectId: id, employerId: null, at })
  })
  return { ok: true as const, procedureId: id }
}

export function getPriceFactors() {
  return listPriceFactors(getDb())
}

/** Changes one factor and recomputes the market prices that depend on it, in one transaction. */
export async function savePriceFactor(actor: Actor, typed: { key: string; value?: number; dollars?: number; source: string }, now = new Date()) {
  const at = now.toISOString()
  // Money factors are typed in dollars (the form's `dollars`, already in cents), the others as numbers.
  const factor = (await listPriceFactors(getDb())).find((f) => f.key === typed.key)
  if (!factor) throw notFound('Price factor')
  const isMoney = factor.unit === 'cents'
  const value = isMoney ? typed.dollars : typed.value
  if (value === undefined) return { ok: false as const, fieldErrors: { [isMoney ? 'dollars' : 'value']: [isMoney ? 'Enter the amount in dollars, like 1500 or 1,500.00' : 'Enter a number'] } }
  const input = { key: typed.key, value, source: typed.source }
  if (input.key === 'commercial_multiplier' && (input.value < 0.5 || input.value > 10)) {
    return { ok: false as const, fieldErrors: { value: ['A commercial multiplier from 0.5 to 10 (RAND measured 2.54)'] } }
  }
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const result = await updatePriceFactor(trx, input.key, { value: input.value, source: input.source, updatedAt: at, updatedByUserId: actor.userId })
      if (Number(result.numUpdatedRows) === 0) throw notFound('Price factor')
      const prices = await recomputeMarketPrices(trx, at)
      await insertAuditEntry(trx, actor, { action: 'price_factor.updated', subjectType: 'price_factor', subjectId: input.key, employerId: null, at, detail: JSON.stringify({ value: input.value }) })
      return { ok: true as const, pricesChanged: prices.inserted + prices.updated + prices.deleted }
    })
}
