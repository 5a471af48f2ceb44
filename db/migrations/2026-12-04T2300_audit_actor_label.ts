import type { Kysely } from 'kysely'
import type { Dialect } from '../dialect'

/**
 * Issue 18. Who acted when no portal user did: the operating-system user of a command-line import
 * ("CLI: alice"). Null when actor_user_id names the person (or the system acted: Stripe events).
 * Adding a column is not an UPDATE, so the append-only triggers of audit_log do not object. Frozen once run.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('actor_label', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').dropColumn('actor_label').execute()
}
