import type { Kysely } from 'kysely'
import type { Dialect } from '../dialect'

/**
 * Issue 6. A broker's scenarios (a draft program design for one client, kept as a JSON document
 * the app validates) and proposals (compared scenarios frozen as a JSON snapshot, shared with
 * the client, adoptable as a draft program). Frozen once run.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('scenarios')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('employer_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('broker_organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id'))
    .execute()
  await db.schema.createIndex('scenarios_client_idx').on('scenarios').columns(['broker_organization_id', 'employer_id']).execute()
  await db.schema
    .createTable('proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('employer_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('broker_organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('recommended_scenario_id', 'text', (c) => c.notNull())
    .addColumn('recommended_document', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('shared_at', 'text')
    .addColumn('adopted_at', 'text')
    .addColumn('adopted_program_id', 'text', (c) => c.references('programs.id'))
    .execute()
  await db.schema.createIndex('proposals_employer_idx').on('proposals').columns(['employer_id', 'shared_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('proposals').execute()
  await db.schema.dropTable('scenarios').execute()
}
