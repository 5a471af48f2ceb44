import type { Kysely } from 'kysely'
import type { Dialect } from '../dialect'
import { addCareNetworkTriggers, dropCareNetworkTriggers } from './2026-12-10T1300_care_network_stamp'

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
  // PostgreSQL: the trigger function made by 2026-12-10T1300.
  await addCareNetworkTriggers(db, dialect, CARE_COVERAGE_TABLES)
}

export async function down(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await dropCareNetworkTriggers(db, dialect, CARE_COVERAGE_TABLES)
}
