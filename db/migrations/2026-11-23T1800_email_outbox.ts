import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../dialect'

/**
 * Issue 5. The e-mail outbox: messages to members are written in the same transaction as the
 * case change they tell of, then sent over SMTP when it is configured. And at most one open case
 * per member and procedure, so a double-submitted care request cannot make two (a partial unique
 * index, which both SQLite and PostgreSQL support). Frozen once run.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .execute()
  await db.schema.createIndex('email_outbox_unsent_idx').on('email_outbox').columns(['sent_at', 'created_at']).execute()
  await db.schema
    .createIndex('cases_one_open_per_member_procedure')
    .on('cases')
    .columns(['roster_member_id', 'procedure_id'])
    .unique()
    .where(sql.ref('status'), 'in', ['requested', 'eligibility_verified', 'scheduled', 'travel_booked', 'procedure_done'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_one_open_per_member_procedure').execute()
  await db.schema.dropTable('email_outbox').execute()
}
