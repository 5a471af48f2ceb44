import type { Kysely } from 'kysely'
import type { Database } from '~/db/schema'

export function findPriceFactor(db: Kysely<Database>, key: string) {
  return db.selectFrom('priceFactors').select(['key', 'value', 'unit', 'source']).where('key', '=', key).executeTakeFirst()
}

export function listPriceFactorsWithPrefix(db: Kysely<Database>, prefix: string) {
  return db.selectFrom('priceFactors').select(['key', 'value']).where('key', 'like', `${prefix}%`).execute()
}
