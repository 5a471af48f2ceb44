import type { Kysely } from 'kysely'

/**
 * Issue 20, item 3: a member who asks to be called or texted gives a phone number with the
 * request; it is stored in E.164 (+16145550123) and shown formatted to the care team. Null when
 * the member chose e-mail, and on every case requested before. Frozen once run.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('contact_phone', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').dropColumn('contact_phone').execute()
}
