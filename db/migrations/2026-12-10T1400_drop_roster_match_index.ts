import type { Kysely } from 'kysely'

/**
 * Issue 24: `roster_members_match_idx (employer_id, last_name, date_of_birth)` has had no reader since
 * the trusted-eligibility match moved to the folded `last_name_key` (2026-12-04T1900, which added
 * `roster_members_name_key_idx` on (employer_id, last_name_key, date_of_birth)); the roster look-up
 * searches and sorts by the keys too. Every roster import still paid for it: about a seventh of the
 * time an import spends writing members (docs/performance.md).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('roster_members_match_idx').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('roster_members_match_idx').on('roster_members').columns(['employer_id', 'last_name', 'date_of_birth']).execute()
}
