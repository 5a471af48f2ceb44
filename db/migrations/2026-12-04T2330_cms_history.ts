import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../dialect'

/**
 * Issue 19: CMS imports never lose data silently.
 * - facilities.inactive_since: a CMS hospital missing from a newer release is marked inactive
 *   (the date of that import), not deleted; it leaves searches and network pickers and stays on
 *   existing programs and cases, flagged. A later release that lists it again clears the mark.
 * - quality_measure_history: the value a fact had before an import changed or cleared it, with
 *   the period it was measured over and where it came from.
 * - cms_imports: one row per import that wrote something or was refused, with each file's rows
 *   and data period and the counts added, changed, cleared, inactivated.
 * Frozen once run.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const real = dialect === 'postgres' ? 'double precision' : 'real'
  await db.schema.alterTable('facilities').addColumn('inactive_since', 'text').execute()

  await db.schema
    .createTable('cms_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_label', 'text')
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('imported', 'unchanged', 'refused')`))
    .addColumn('files', 'text', (c) => c.notNull())
    .addColumn('missing', 'text', (c) => c.notNull())
    .addColumn('facilities_added', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('facilities_changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('facilities_inactivated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('facilities_reactivated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('measures_added', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('measures_changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('measures_cleared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message', 'text')
    .execute()
  await db.schema.createIndex('cms_imports_imported_at_idx').on('cms_imports').column('imported_at').execute()

  await db.schema
    .createTable('quality_measure_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id').onDelete('cascade'))
    .addColumn('measure_code', 'text', (c) => c.notNull())
    .addColumn('value', real)
    .addColumn('comparison', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text')
    .addColumn('period_end', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull().check(sql`change in ('changed', 'cleared')`))
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .addColumn('cms_import_id', 'text', (c) => c.notNull().references('cms_imports.id'))
    .execute()
  await db.schema.createIndex('quality_measure_history_facility_idx').on('quality_measure_history').columns(['facility_id', 'measure_code', 'replaced_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('quality_measure_history').execute()
  await db.schema.dropTable('cms_imports').execute()
  await db.schema.alterTable('facilities').dropColumn('inactive_since').execute()
}
