import type { Kysely } from 'kysely'
import type { Dialect } from '../dialect'

/**
 * Issue 11. The language a member chose ('en' or 'es'), so that messages written while they are
 * away (case updates by e-mail) are in their language. Null: not chosen (English). Frozen once run.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('users').addColumn('preferred_language', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('preferred_language').execute()
}
