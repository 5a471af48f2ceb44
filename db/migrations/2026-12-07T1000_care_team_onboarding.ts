import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../dialect'

/**
 * Issue 22: running the cases, the health system's incoming patients, onboarding organizations and people.
 * - cases.assignee_user_id: the care coordinator who owns the case (null: unassigned).
 * - cases.contact_email: the e-mail the member gave with the request (or kept from sign-up).
 * - cases.status_changed_at: when the case entered its current status, for the response promise;
 *   backfilled from the last event into that status (else the request time).
 * - case_response_promises: the working days the care team promises per status (a platform
 *   setting; a status without a row has no promise). Defaults: requested 2, eligibility verified 3,
 *   scheduled 5, procedure done 10.
 * - platform_holidays: days that are not working days for the promise (a platform setting).
 * - case_messages and case_message_reads: the thread between the member and the care team, and
 *   how far each user has read it (unread counts).
 * - case_documents: files the care team shares on a case (itinerary, pre-op instructions), stored
 *   in the database (blob / bytea) with their sniffed type, size and SHA-256.
 * - surgery_date_proposals: a health system proposes a surgery date, the coordinator confirms or
 *   declines it; at most one open proposal per case.
 * - case_tasks: a health system's tasks on a case under the contract's division of responsibilities, done or not.
 * - invitations: a one-time link (SHA-256 of the token stored) to join an organization with a role.
 * - memberships.is_organization_admin: may invite and remove colleagues and set their roles;
 *   backfilled to 1 for every existing staff membership (not members).
 * Frozen once run.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const binary = dialect === 'postgres' ? 'bytea' : 'blob'
  await db.schema.alterTable('cases').addColumn('assignee_user_id', 'text', (c) => c.references('users.id')).execute()
  await db.schema.alterTable('cases').addColumn('contact_email', 'text').execute()
  await db.schema.alterTable('cases').addColumn('status_changed_at', 'text').execute()
  await sql`
    update cases set status_changed_at = coalesce(
      (select max(e.created_at) from case_events e where e.case_id = cases.id and e.to_status = cases.status),
      cases.requested_at)
  `.execute(db)
  await db.schema.createIndex('cases_assignee_idx').on('cases').column('assignee_user_id').execute()

  await db.schema
    .createTable('case_response_promises')
    .addColumn('status', 'text', (c) => c.primaryKey())
    .addColumn('working_days', 'integer', (c) => c.notNull().check(sql`working_days between 1 and 60`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_user_id', 'text', (c) => c.references('users.id'))
    .execute()
  const now = new Date().toISOString()
  await db
    .insertInto('case_response_promises')
    .values([
      { status: 'requested', working_days: 2, updated_at: now },
      { status: 'eligibility_verified', working_days: 3, updated_at: now },
      { status: 'scheduled', working_days: 5, updated_at: now },
      { status: 'procedure_done', working_days: 10, updated_at: now },
    ])
    .execute()

  await db.schema
    .createTable('platform_holidays')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('case_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('author_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('author_side', 'text', (c) => c.notNull().check(sql`author_side in ('member', 'care_team')`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('case_messages_case_idx').on('case_messages').columns(['case_id', 'created_at']).execute()
  await db.schema
    .createTable('case_message_reads')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('last_read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_message_reads_pkey', ['case_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('case_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('travel_itinerary', 'pre_op_instructions', 'other')`))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', binary, (c) => c.notNull())
    .addColumn('uploaded_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('case_documents_case_idx').on('case_documents').column('case_id').execute()

  await db.schema
    .createTable('surgery_date_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('proposed_date', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('proposed', 'confirmed', 'declined', 'withdrawn')`))
    .addColumn('proposed_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('decided_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .execute()
  await db.schema.createIndex('surgery_date_proposals_case_idx').on('surgery_date_proposals').column('case_id').execute()
  await db.schema
    .createIndex('surgery_date_proposals_one_open_idx')
    .on('surgery_date_proposals')
    .column('case_id')
    .unique()
    .where(sql.ref('status'), '=', 'proposed')
    .execute()

  await db.schema
    .createTable('case_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text', (c) => c.notNull())
    .addColumn('done_by_user_id', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('case_tasks_case_activity_key', ['case_id', 'activity'])
    .execute()

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('is_organization_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('token_sha256', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('revoked_at', 'text')
    .execute()
  await db.schema.createIndex('invitations_organization_idx').on('invitations').columns(['organization_id', 'created_at']).execute()

  await db.schema.alterTable('memberships').addColumn('is_organization_admin', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.updateTable('memberships').set({ is_organization_admin: 1 }).where('role', '!=', 'employee').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('memberships').dropColumn('is_organization_admin').execute()
  for (const table of ['invitations', 'case_tasks', 'surgery_date_proposals', 'case_documents', 'case_message_reads', 'case_messages', 'platform_holidays', 'case_response_promises']) {
    await db.schema.dropTable(table).execute()
  }
  await db.schema.dropIndex('cases_assignee_idx').execute()
  for (const column of ['status_changed_at', 'contact_email', 'assignee_user_id']) {
    await db.schema.alterTable('cases').dropColumn(column).execute()
  }
}
