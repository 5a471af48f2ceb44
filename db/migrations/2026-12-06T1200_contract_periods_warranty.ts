import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../dialect'

/**
 * Issue 21, ADR 0016 §3, §5, §8, §9: outcomes at 30 and 90 days after the procedure, warranty
 * events on cases, credits, reconciliation periods and their stored statements.
 * - cases: the 30-day checkpoint (readmission, satisfaction) and the 90-day one (complication,
 *   patient-reported outcomes) are recorded when due, not at completion; the first consult date
 *   gives "days to first consult".
 * - case_warranty_events: a related complication or readmission within the contract's warranty
 *   window: where it happened (at the center: invoiced at $0; elsewhere: its cost, credited back by
 *   the center) and the credit issued for it.
 * - contract_credits: a credit the center owes the purchaser (a warranty credit now), in the ledger,
 *   mirrored to Stripe as a credit note when Stripe is configured.
 * - contract_periods: the reconciliation periods of a contract (open → closed → reconciled).
 * - contract_statements: the stored output of a reconciliation (never recomputed on view); a
 *   corrected statement supersedes the old one, both kept; its settlement through the ledger or Stripe.
 * - organizations.publishes_reconciled_results: a health system lets its reconciled results show on
 *   its value scorecard (off until its admin turns it on).
 * Frozen once run.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const money = dialect === 'postgres' ? 'bigint' : 'integer'
  await db.schema.alterTable('organizations').addColumn('publishes_reconciled_results', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.alterTable('cases').addColumn('first_consult_date', 'text').execute()
  await db.schema.alterTable('cases').addColumn('thirty_day_outcomes_at', 'text').execute()
  await db.schema.alterTable('cases').addColumn('ninety_day_outcomes_at', 'text').execute()
  await db.schema.alterTable('cases').addColumn('has_patient_reported_outcomes', 'integer').execute()

  await db.schema
    .createTable('case_warranty_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('contract_version_id', 'text', (c) => c.notNull().references('contract_versions.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('complication', 'readmission')`))
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().check(sql`place in ('center', 'elsewhere')`))
    .addColumn('provider_name', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('cost_cents', money, (c) => c.notNull())
    .addColumn('credited_cents', money, (c) => c.notNull())
    .addColumn('recorded_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('case_warranty_events_case_idx').on('case_warranty_events').column('case_id').execute()
  await db.schema.createIndex('case_warranty_events_contract_idx').on('case_warranty_events').column('contract_id').execute()

  await db.schema
    .createTable('contract_credits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('warranty_event_id', 'text', (c) => c.unique().references('case_warranty_events.id'))
    .addColumn('purchaser_organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('health_system_organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('amount_cents', money, (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('stripe_credit_note_id', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('contract_credits_contract_idx').on('contract_credits').column('contract_id').execute()

  await db.schema
    .createTable('contract_periods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('version_id', 'text', (c) => c.notNull().references('contract_versions.id'))
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'closed', 'reconciled')`))
    .addColumn('carried_into_period_id', 'text', (c) => c.references('contract_periods.id'))
    .addColumn('episodes', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by_user_id', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('contract_periods_contract_sequence_key', ['contract_id', 'sequence'])
    .execute()

  await db.schema
    .createTable('contract_statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('period_id', 'text', (c) => c.notNull().references('contract_periods.id'))
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('version_id', 'text', (c) => c.notNull().references('contract_versions.id'))
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('inputs_sha256', 'text', (c) => c.notNull())
    .addColumn('episode_count', 'integer', (c) => c.notNull())
    .addColumn('total_benchmark_cents', money, (c) => c.notNull())
    .addColumn('gross_savings_cents', money, (c) => c.notNull())
    .addColumn('settlement_cents', money, (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('superseded_by_statement_id', 'text', (c) => c.references('contract_statements.id'))
    .addColumn('settled_via', 'text', (c) => c.check(sql`settled_via in ('ledger', 'stripe')`))
    .addColumn('settlement_reference', 'text')
    .addColumn('settled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id'))
    .execute()
  await db.schema.createIndex('contract_statements_period_idx').on('contract_statements').column('period_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contract_statements').execute()
  await db.schema.dropTable('contract_periods').execute()
  await db.schema.dropTable('contract_credits').execute()
  await db.schema.dropTable('case_warranty_events').execute()
  for (const column of ['has_patient_reported_outcomes', 'ninety_day_outcomes_at', 'thirty_day_outcomes_at', 'first_consult_date']) {
    await db.schema.alterTable('cases').dropColumn(column).execute()
  }
  await db.schema.alterTable('organizations').dropColumn('publishes_reconciled_results').execute()
}
