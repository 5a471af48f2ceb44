import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../dialect'

/**
 * Issue 24 (ADR 0031, extended): the care-network stamp also moves with every write to what decides
 * which procedures a member is covered for and the IRS minimum deductible their cost uses: programs,
 * program versions (publishing, ending, effective dates), the procedures a version covers, the
 * procedures themselves and the price factors. A search then keeps the employer's programs in force
 * and their procedures in memory under the stamp, like the network (three queries fewer per search);
 * the member's own row and plan are still read on every search.
 */
export const CARE_COVERAGE_TABLES = ['programs', 'program_versions', 'program_procedures', 'procedures', 'price_factors'] as const

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  for (const table of CARE_COVERAGE_TABLES) {
    if (dialect === 'sqlite') {
      for (const operation of ['INSERT', 'UPDATE', 'DELETE']) {
        await sql
          .raw(
            `CREATE TRIGGER ${table}_care_network_${operation.toLowerCase()} AFTER ${operation} ON ${table} ` +
              `BEGIN UPDATE cache_stamps SET stamp = lower(hex(randomblob(8))) WHERE name = 'care-network'; END`,
          )
          .execute(db)
      }
    } else {
      // The function made by 2026-12-10T1300.
      await sql
        .raw(`CREATE TRIGGER ${table}_care_network AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION care_network_changed()`)
        .execute(db)
    }
  }
}

export async function down(db: Kysely<any>, dialect: Dialect): Promise<void> {
  for (const table of CARE_COVERAGE_TABLES) {
    if (dialect === 'sqlite') {
      for (const operation of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER ${table}_care_network_${operation}`).execute(db)
    } else {
      await sql.raw(`DROP TRIGGER ${table}_care_network ON ${table}`).execute(db)
    }
  }
}
