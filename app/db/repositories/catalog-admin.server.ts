import type { Kysely } from 'kysely'
import type { Database, NewProcedure } from '~/db/schema'

export function findProcedure(db: Kysely<Database>, procedureId: string) {
  return db.selectFrom('procedures').selectAll().where('id', '=', procedureId).executeTakeFirst()
}

export function findProcedureByCode(db: Kysely<Database>, code: string) {
  return db.selectFrom('procedures').select('id').where('code', '=', code).executeTakeFirst()
}

export function insertProcedure(db: Kysely<Database>, procedure: NewProcedure) {
  return db.insertInto('procedures').values(procedure).execute()
}

export function updateProcedure(db: Kysely<Database>, procedureId: string, changes: Partial<NewProcedure>) {
  return db.updateTable('procedures').set(changes).where('id', '=', procedureId).execute()
}

export function listPriceFactors(db: Kysely<Database>) {
  return db.selectFrom('priceFactors').select(['id', 'key', 'value', 'unit', 'source', 'updatedAt']).orderBy('key').execute()
}

export function updatePriceFactor(db: Kysely<Database>, key: string, changes: { value: number; source: string; updatedAt: string; updatedByUserId: string }) {
  return db.updateTable('priceFactors').set(changes).where('key', '=', key).executeTakeFirst()
}
