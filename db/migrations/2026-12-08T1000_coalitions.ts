import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../dialect'

/**
 * Issue 23, ADR 0020: coalitions (DESIGN §12).
 * - organizations.kind gains 'coalition' and memberships.role gains 'coalition_admin'. The create-schema
 *   migration wrote both lists as CHECK constraints: PostgreSQL drops and re-adds them (named
 *   organizations_kind_check, memberships_role_check); SQLite cannot alter a CHECK, so the two tables
 *   are rebuilt from their own stored CREATE statement with the list widened (SQLite's documented
 *   12-step procedure: foreign keys off, new table, copy, drop, rename, indexes, foreign_key_check).
 * - coalition_memberships: an employer's membership of a coalition with its dates. invited → active
 *   (the employer admin accepts; joined_on) or declined, or withdrawn by the coalition before an
 *   answer; active → ended (left_on, by either side). At most one open (invited or active) row per
 *   pair: a partial unique index. left_on ≥ joined_on.
 * Frozen once run.
 */
const KINDS_BEFORE = ['employer', 'broker', 'health_system', 'platform']
const KINDS_AFTER = [...KINDS_BEFORE, 'coalition']
const ROLES_BEFORE = ['employee', 'employer_admin', 'broker', 'care_coordinator', 'center_admin', 'platform_admin']
const ROLES_AFTER = [...ROLES_BEFORE, 'coalition_admin']

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await replaceCheck(db, dialect, 'organizations', 'kind', KINDS_BEFORE, KINDS_AFTER)
  await replaceCheck(db, dialect, 'memberships', 'role', ROLES_BEFORE, ROLES_AFTER)

  await db.schema
    .createTable('coalition_memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('coalition_organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('employer_organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('invited', 'active', 'declined', 'withdrawn', 'ended')`))
    .addColumn('invited_at', 'text', (c) => c.notNull())
    .addColumn('invited_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('joined_on', 'text')
    .addColumn('left_on', 'text')
    .addColumn('responded_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('responded_at', 'text')
    .addColumn('ended_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('coalition_memberships_dates_check', sql`left_on is null or (joined_on is not null and left_on >= joined_on)`)
    .addCheckConstraint('coalition_memberships_not_self_check', sql`coalition_organization_id <> employer_organization_id`)
    .execute()
  await db.schema.createIndex('coalition_memberships_coalition_idx').on('coalition_memberships').columns(['coalition_organization_id', 'status']).execute()
  await db.schema.createIndex('coalition_memberships_employer_idx').on('coalition_memberships').columns(['employer_organization_id', 'status']).execute()
  await sql`
    create unique index coalition_memberships_one_open_idx on coalition_memberships (coalition_organization_id, employer_organization_id)
    where status in ('invited', 'active')
  `.execute(db)
}

export async function down(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema.dropTable('coalition_memberships').execute()
  await replaceCheck(db, dialect, 'memberships', 'role', ROLES_AFTER, ROLES_BEFORE)
  await replaceCheck(db, dialect, 'organizations', 'kind', KINDS_AFTER, KINDS_BEFORE)
}

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ')

async function replaceCheck(db: Kysely<any>, dialect: Dialect, table: string, column: string, before: readonly string[], after: readonly string[]): Promise<void> {
  if (dialect === 'postgres') {
    const found = await sql<{ name: string }>`
      select conname as name from pg_constraint
      where conrelid = ${table}::regclass and contype = 'c' and pg_get_constraintdef(oid) like ${`%${column}%`}
    `.execute(db)
    if (found.rows.length !== 1) throw new Error(`Expected one CHECK on ${table}.${column}, found ${found.rows.length}`)
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(found.rows[0]!.name)}`.execute(db)
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_${column}_check`)} check (${sql.raw(`${column} in (${quoted(after)})`)})`.execute(db)
    return
  }
  await rebuildSqliteTable(db, table, (createSql) => {
    const from = `${column} in (${quoted(before)})`
    const parts = createSql.split(from)
    if (parts.length !== 2) throw new Error(`Expected "${from}" once in the CREATE statement of ${table}`)
    return parts.join(`${column} in (${quoted(after)})`)
  })
}

/**
 * SQLite: rebuild a table from its stored CREATE statement, changed by `change` (the documented
 * procedure for changes ALTER TABLE cannot make). Columns keep their order, so rows copy as they are;
 * the table's own indexes are recreated; foreign keys are checked before they are turned back on.
 * The migrator runs SQLite migrations outside a transaction, where the foreign_keys pragma takes effect.
 */
async function rebuildSqliteTable(db: Kysely<any>, table: string, change: (createSql: string) => string): Promise<void> {
  const stored = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db)
  const createSql = stored.rows[0]?.sql
  if (!createSql) throw new Error(`No table ${table}`)
  const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(db)
  const triggers = await sql<{ n: number }>`select count(*) as n from sqlite_master where type in ('trigger', 'view') and sql like ${`%${table}%`}`.execute(db)
  if (Number(triggers.rows[0]?.n ?? 0) > 0) throw new Error(`${table} is used by a trigger or view: rebuild them too`)
  const temporary = `${table}__rebuild`
  const renamed = change(createSql).replace(/^CREATE TABLE\s+("?)[A-Za-z_]+\1/i, `CREATE TABLE "${temporary}"`)
  if (!renamed.includes(`"${temporary}"`)) throw new Error(`Could not rename the CREATE statement of ${table}`)

  await sql`pragma foreign_keys = off`.execute(db)
  try {
    await sql.raw(renamed).execute(db)
    await sql.raw(`insert into "${temporary}" select * from "${table}"`).execute(db)
    await sql.raw(`drop table "${table}"`).execute(db)
    await sql.raw(`alter table "${temporary}" rename to "${table}"`).execute(db)
    for (const index of indexes.rows) await sql.raw(index.sql).execute(db)
    const broken = await sql<Record<string, unknown>>`pragma foreign_key_check`.execute(db)
    if (broken.rows.length > 0) throw new Error(`Rebuilding ${table} broke ${broken.rows.length} foreign key(s)`)
  } finally {
    await sql`pragma foreign_keys = on`.execute(db)
  }
}
