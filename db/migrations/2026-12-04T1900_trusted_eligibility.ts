import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../dialect'

/**
 * Issue 17: eligibility files a benefits manager can trust.
 * - roster_members gets match keys: employee ids compare without case (and a key without leading
 *   zeros, to catch ids a spreadsheet shortened), names after Unicode normalisation and case folding.
 * - imports: the history of every roster and 834 file (who, when, hash, counts, difference, report,
 *   999), which is also the job a background worker runs; roster_import_changes: the difference.
 * - plan_group_codes: the employer's mapping of 834 REF*1L group/policy numbers to its plans.
 * - organizations.roster_termination_limit_percent: the share of covered members a file may end
 *   without an explicit confirmation (null: 10 %).
 * Frozen in time: the key functions below are copies, not imports, of app/domain/roster/names.ts.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('organizations').addColumn('roster_termination_limit_percent', 'integer').execute()
  for (const column of ['employee_id_key', 'employee_id_loose', 'first_name_key', 'last_name_key']) {
    await db.schema.alterTable('roster_members').addColumn(column, 'text').execute()
  }
  // Backfill in pages (a roster may hold a million rows), then index.
  let after = ''
  for (;;) {
    // One-word aliases: the app's connection camel-cases result keys (CamelCasePlugin), so `employee_id` would read as undefined.
    const rows: Array<{ id: string; employee: string; first: string; last: string }> = await db
      .selectFrom('roster_members')
      .select(['id', 'employee_id as employee', 'first_name as first', 'last_name as last'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(5_000)
      .execute()
    if (rows.length === 0) break
    for (const row of rows) {
      await db
        .updateTable('roster_members')
        .set({ employee_id_key: idKey(row.employee), employee_id_loose: idLoose(row.employee), first_name_key: nameKey(row.first), last_name_key: nameKey(row.last) })
        .where('id', '=', row.id)
        .execute()
    }
    after = rows[rows.length - 1]!.id
  }
  await db.schema.createIndex('roster_members_employee_key_idx').on('roster_members').columns(['employer_id', 'employee_id_key']).execute()
  await db.schema.createIndex('roster_members_employee_loose_idx').on('roster_members').columns(['employer_id', 'employee_id_loose']).execute()
  await db.schema.createIndex('roster_members_name_key_idx').on('roster_members').columns(['employer_id', 'last_name_key', 'date_of_birth']).execute()

  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('roster_csv', 'x12_834')`))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('file_bytes', 'integer', (c) => c.notNull())
    .addColumn('stored_path', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('queued', 'checking', 'review', 'applying', 'applied', 'refused', 'failed', 'discarded')`),
    )
    .addColumn('full_file', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('all_or_nothing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('review_first', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confirm_terminations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('checked_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('applied_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('rows_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_estimate', 'integer')
    .addColumn('applied_through', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('counts', 'text')
    .addColumn('report', 'text')
    .addColumn('acknowledgment', 'text')
    .addColumn('message', 'text')
    .addColumn('base_import_id', 'text')
    .addColumn('worker_heartbeat_at', 'text')
    .execute()
  await db.schema.createIndex('imports_organization_created_idx').on('imports').columns(['organization_id', 'created_at']).execute()
  await db.schema.createIndex('imports_status_idx').on('imports').columns(['status', 'created_at']).execute()

  await db.schema
    .createTable('roster_import_changes')
    .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('added', 'changed', 'ended', 'reinstated')`))
    .addColumn('employee_id', 'text', (c) => c.notNull())
    .addColumn('roster_member_id', 'text', (c) => c.notNull())
    .addColumn('source_line', 'integer')
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('previous', 'text')
    .addColumn('next', 'text', (c) => c.notNull())
    .addColumn('has_open_case', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('roster_import_changes_pk', ['import_id', 'seq'])
    .execute()
  await db.schema.createIndex('roster_import_changes_kind_idx').on('roster_import_changes').columns(['import_id', 'kind', 'seq']).execute()
  await db.schema.createIndex('roster_import_changes_member_idx').on('roster_import_changes').columns(['roster_member_id']).execute()

  await db.schema
    .createTable('plan_group_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('employer_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('code_key', 'text', (c) => c.notNull())
    .addColumn('health_plan_id', 'text', (c) => c.notNull().references('health_plans.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_group_codes_employer_code_unique', ['employer_id', 'code_key'])
    .execute()
  void dialect
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('plan_group_codes').execute()
  await db.schema.dropTable('roster_import_changes').execute()
  await db.schema.dropTable('imports').execute()
  for (const index of ['roster_members_employee_key_idx', 'roster_members_employee_loose_idx', 'roster_members_name_key_idx']) await db.schema.dropIndex(index).execute()
  for (const column of ['employee_id_key', 'employee_id_loose', 'first_name_key', 'last_name_key']) await db.schema.alterTable('roster_members').dropColumn(column).execute()
  await db.schema.alterTable('organizations').dropColumn('roster_termination_limit_percent').execute()
}

const idKey = (id: string) => id.trim().toLowerCase()
const idLoose = (id: string) => idKey(id).replace(/^0+(?=.)/, '')
function nameKey(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/[\u2018\u2019\u201A\u201B\u02BC\u02B9\u2032\u0060\u00B4\uFF07]/g, "'")
    .replace(/[\u2010\u2011\u2012\u2013\u2212]/g, '-')
    .replace(/[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .normalize('NFC')
}
