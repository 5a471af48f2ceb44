import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../dialect'

/**
 * Issue 24 (ADR 0031): a stamp that changes with every write to the facts a member's search prices
 * from — the program networks, offers, facilities, benefit and travel rules, market prices and CMS
 * quality measures. Each app server keeps the priced network of a program version in memory under
 * the stamp it read; a write anywhere (by any server, an import, a restore) sets a new random stamp
 * in the same transaction, so the next search on every server reads the facts again. A random value,
 * not a counter: a counter restored from a backup, or counted up again in another database, would
 * name a state the cache already holds different facts for.
 */
export const CARE_NETWORK_TABLES = [
  'program_network',
  'offers',
  'facilities',
  'program_benefit_rules',
  'program_travel_rules',
  'market_prices',
  'quality_measures',
] as const

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('cache_stamps')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('stamp', 'text', (c) => c.notNull())
    .execute()
  await sql`INSERT INTO cache_stamps (name, stamp) VALUES ('care-network', 'initial')`.execute(db)
  if (dialect === 'postgres') {
    await sql`CREATE FUNCTION care_network_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE cache_stamps SET stamp = md5(random()::text || clock_timestamp()::text) WHERE name = 'care-network'; RETURN NULL; END $$`.execute(db)
  }
  await addCareNetworkTriggers(db, dialect, CARE_NETWORK_TABLES)
}

/** The triggers that set a new care-network stamp on every write to these tables (also used by 2026-12-10T1500). */
export async function addCareNetworkTriggers(db: Kysely<any>, dialect: Dialect, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    if (dialect === 'sqlite') {
      // SQLite has row triggers only; the UPDATE of one small row costs a few microseconds per written row.
      for (const operation of ['INSERT', 'UPDATE', 'DELETE']) {
        await sql
          .raw(
            `CREATE TRIGGER ${table}_care_network_${operation.toLowerCase()} AFTER ${operation} ON ${table} ` +
              `BEGIN UPDATE cache_stamps SET stamp = lower(hex(randomblob(8))) WHERE name = 'care-network'; END`,
          )
          .execute(db)
      }
    } else {
      await sql
        .raw(`CREATE TRIGGER ${table}_care_network AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION care_network_changed()`)
        .execute(db)
    }
  }
}

export async function dropCareNetworkTriggers(db: Kysely<any>, dialect: Dialect, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    if (dialect === 'sqlite') {
      for (const operation of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER ${table}_care_network_${operation}`).execute(db)
    } else {
      await sql.raw(`DROP TRIGGER ${table}_care_network ON ${table}`).execute(db)
    }
  }
}

export async function down(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await dropCareNetworkTriggers(db, dialect, CARE_NETWORK_TABLES)
  if (dialect === 'postgres') await sql`DROP FUNCTION care_network_changed()`.execute(db)
  await db.schema.dropTable('cache_stamps').execute()
}
