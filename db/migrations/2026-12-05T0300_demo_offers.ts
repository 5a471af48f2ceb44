import type { Kysely } from 'kysely'

/**
 * Issue 19: the demo runs on real CMS hospitals, so the bundled offers the seed makes at them
 * must never pass for a hospital's own: offers.is_demo marks them, and every page, proposal,
 * PDF and export that shows an offer labels it "demo offer". Offers a health system publishes
 * (its page or an upload) are 0. Frozen once run.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('offers').addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0)).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('offers').dropColumn('is_demo').execute()
}
