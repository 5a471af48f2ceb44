import { sql, type Kysely } from 'kysely'

/**
 * Issue 21, ADR 0016: value-based contracts between a purchaser organization (an employer now, a
 * coalition later) and a health system.
 * - contracts: the two parties, a title, its status (draft until a version is signed by both,
 *   then active) and the per-contract secret for member pseudonyms in extracts (never shown).
 *   first_sent_at: when the purchaser first sent it; the health system sees it from then on.
 * - contract_versions: one terms document (JSON text, validated with ContractTermsSchema) per
 *   version with its SHA-256; draft → sent → signed. A signed version is never edited.
 *   base_terms is the document the version started from (the generated draft, or the signed
 *   version it copies); sent_terms and round_start_terms are the document as last sent and as it
 *   stood before that round, for the redline of what the other side changed.
 * - contract_signatures: a side's signature on a version's hash; the version is signed when both
 *   sides signed the same hash (an edit makes earlier signatures stale).
 * - contract_version_facilities: the network of a signed version, mirrored from its document.
 * Frozen once run.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('contracts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purchaser_organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('health_system_organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'active', 'ended')`))
    .addColumn('source_program_id', 'text', (c) => c.references('programs.id'))
    .addColumn('pseudonym_secret', 'text', (c) => c.notNull())
    .addColumn('first_sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('contracts_purchaser_idx').on('contracts').column('purchaser_organization_id').execute()
  await db.schema.createIndex('contracts_health_system_idx').on('contracts').column('health_system_organization_id').execute()

  await db.schema
    .createTable('contract_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'sent', 'signed')`))
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('terms_sha256', 'text', (c) => c.notNull())
    .addColumn('base_terms', 'text', (c) => c.notNull())
    .addColumn('round_start_terms', 'text')
    .addColumn('sent_terms', 'text')
    .addColumn('based_on_version_id', 'text', (c) => c.references('contract_versions.id'))
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('edited_by_organization_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('sent_at', 'text')
    .addColumn('sent_by_organization_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('signed_at', 'text')
    .addUniqueConstraint('contract_versions_contract_version_key', ['contract_id', 'version'])
    .execute()

  await db.schema
    .createTable('contract_signatures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) => c.notNull().references('contract_versions.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('terms_sha256', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('contract_signatures_version_idx').on('contract_signatures').columns(['version_id', 'organization_id']).execute()

  await db.schema
    .createTable('contract_version_facilities')
    .addColumn('version_id', 'text', (c) => c.notNull().references('contract_versions.id'))
    .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
    .addPrimaryKeyConstraint('contract_version_facilities_pkey', ['version_id', 'facility_id'])
    .execute()
  await db.schema.createIndex('contract_version_facilities_facility_idx').on('contract_version_facilities').column('facility_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contract_version_facilities').execute()
  await db.schema.dropTable('contract_signatures').execute()
  await db.schema.dropTable('contract_versions').execute()
  await db.schema.dropTable('contracts').execute()
}
