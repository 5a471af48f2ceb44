import type { Kysely } from 'kysely'
import type { Database } from '../schema'

/** The stamp of the care-network facts (ADR 0031): a new random value after every write to them. */
export async function findCareNetworkStamp(db: Kysely<Database>): Promise<string | null> {
  return (await db.selectFrom('cacheStamps').select('stamp').where('name', '=', 'care-network').executeTakeFirst())?.stamp ?? null
}
