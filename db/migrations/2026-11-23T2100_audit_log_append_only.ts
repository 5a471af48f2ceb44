import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../dialect'

/**
 * Issue 10. The audit log is append-only in the database itself, not only in the app (which has
 * no update or delete function): UPDATE and DELETE (and TRUNCATE on PostgreSQL) of audit_log
 * raise an error, whoever runs them. An index for the platform admin's search by action.
 * Frozen once run.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    for (const operation of ['UPDATE', 'DELETE']) {
      await sql
        .raw(`CREATE TRIGGER audit_log_no_${operation.toLowerCase()} BEFORE ${operation} ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`)
        .execute(db)
    }
  } else {
    await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db)
    await sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db)
    await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db)
  }
  await db.schema.createIndex('audit_log_action_idx').on('audit_log').columns(['action', 'occurred_at']).execute()
}

export async function down(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema.dropIndex('audit_log_action_idx').execute()
  if (dialect === 'sqlite') {
    await sql`DROP TRIGGER audit_log_no_update`.execute(db)
    await sql`DROP TRIGGER audit_log_no_delete`.execute(db)
  } else {
    await sql`DROP TRIGGER audit_log_no_truncate ON audit_log`.execute(db)
    await sql`DROP TRIGGER audit_log_no_change ON audit_log`.execute(db)
    await sql`DROP FUNCTION audit_log_append_only()`.execute(db)
  }
}
