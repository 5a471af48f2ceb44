import type { Kysely } from 'kysely'

/**
 * Issue 23, Transparency in Coverage (ADR 0018): the in-network rates file names each negotiated
 * rate's provider by NPI and TIN. A health system enters on each offer its billing TIN (9 digits,
 * stored without the dash) and the facility's NPI (10 digits, check digit verified by the app).
 * Both null on every offer made before; the file refuses offers still without them. The employer,
 * as plan sponsor, has its EIN too (organizations.tin): the file's plan_id for a self-funded group
 * plan with no HIOS id. Frozen once run.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('offers').addColumn('tin', 'text').execute()
  await db.schema.alterTable('offers').addColumn('npi', 'text').execute()
  await db.schema.alterTable('organizations').addColumn('tin', 'text').execute()
  // The file reads a procedure's offers in id order, a page at a time (keyset): without this
  // index each page would sort every offer of the procedure again (quadratic at 10,000 offers).
  await db.schema.createIndex('offers_procedure_id_idx').on('offers').columns(['procedure_id', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('offers_procedure_id_idx').execute()
  await db.schema.alterTable('organizations').dropColumn('tin').execute()
  await db.schema.alterTable('offers').dropColumn('npi').execute()
  await db.schema.alterTable('offers').dropColumn('tin').execute()
}
