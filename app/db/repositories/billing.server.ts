import type { Insertable, Kysely } from 'kysely'
import type { BillingProfilesTable, Database, InvoiceLinesTable, InvoicesTable, PaymentsTable } from '~/db/schema'
import type { EmployerScope } from '~/domain/tenancy'

export function findBillingProfile(db: Kysely<Database>, scope: EmployerScope) {
  return db.selectFrom('billingProfiles').selectAll().where('employerId', '=', scope.employerId).executeTakeFirst()
}

export function findBillingProfileByCustomer(db: Kysely<Database>, stripeCustomerId: string) {
  return db.selectFrom('billingProfiles').selectAll().where('stripeCustomerId', '=', stripeCustomerId).executeTakeFirst()
}

export async function saveBillingProfile(db: Kysely<Database>, row: Insertable<BillingProfilesTable>) {
  const result = await db
    .updateTable('billingProfiles')
    .set({ stripeCustomerId: row.stripeCustomerId, paymentMethodBrand: row.paymentMethodBrand, paymentMethodLast4: row.paymentMethodLast4, updatedAt: row.updatedAt })
    .where('employerId', '=', row.employerId)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) await db.insertInto('billingProfiles').values(row).execute()
}

export function insertInvoice(db: Kysely<Database>, row: Insertable<InvoicesTable>) {
  return db.insertInto('invoices').values(row).execute()
}

export async function insertInvoiceLines(db: Kysely<Database>, rows: Insertable<InvoiceLinesTable>[]) {
  if (rows.length > 0) await db.insertInto('invoiceLines').values(rows).execute()
}

export function countInvoices(db: Kysely<Database>) {
  return db
    .selectFrom('invoices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
}

export function listEmployerInvoices(db: Kysely<Database>, scope: EmployerScope) {
  return db
    .selectFrom('invoices')
    .leftJoin('cases', 'cases.id', 'invoices.caseId')
    .leftJoin('procedures', 'procedures.id', 'cases.procedureId')
    .select([
      'invoices.id', 'invoices.number', 'invoices.status', 'invoices.totalCents', 'invoices.currency', 'invoices.hostedInvoiceUrl', 'invoices.stripeInvoiceId',
      'invoices.createdAt', 'invoices.paidAt', 'procedures.name as procedureName',
    ])
    .where('invoices.employerId', '=', scope.employerId)
    .orderBy('invoices.createdAt', 'desc')
    .execute()
}

export function listInvoiceLines(db: Kysely<Database>, invoiceIds: readonly string[]) {
  if (invoiceIds.length === 0) return Promise.resolve([])
  return db.selectFrom('invoiceLines').selectAll().where('invoiceId', 'in', invoiceIds).orderBy('invoiceId').orderBy('id').execute()
}

/** Every employer's invoices for the platform's ledger. */
export function unscopedListInvoices(db: Kysely<Database>, limit: number) {
  return db
    .selectFrom('invoices')
    .innerJoin('organizations', 'organizations.id', 'invoices.employerId')
    .select(['invoices.id', 'invoices.number', 'invoices.status', 'invoices.totalCents', 'invoices.createdAt', 'invoices.paidAt', 'invoices.stripeInvoiceId', 'organizations.name as employerName'])
    .orderBy('invoices.createdAt', 'desc')
    .limit(limit)
    .execute()
}

export function unscopedFindInvoice(db: Kysely<Database>, invoiceId: string) {
  return db.selectFrom('invoices').selectAll().where('id', '=', invoiceId).executeTakeFirst()
}

export function findInvoiceByStripeId(db: Kysely<Database>, stripeInvoiceId: string) {
  return db.selectFrom('invoices').selectAll().where('stripeInvoiceId', '=', stripeInvoiceId).executeTakeFirst()
}

export function updateInvoice(db: Kysely<Database>, invoiceId: string, changes: Partial<Insertable<InvoicesTable>>) {
  return db.updateTable('invoices').set(changes).where('id', '=', invoiceId).execute()
}

export function updateInvoiceLineStripeId(db: Kysely<Database>, lineId: string, stripeInvoiceItemId: string) {
  return db.updateTable('invoiceLines').set({ stripeInvoiceItemId }).where('id', '=', lineId).execute()
}

export function insertPayment(db: Kysely<Database>, row: Insertable<PaymentsTable>) {
  return db.insertInto('payments').values(row).execute()
}

export function listPayments(db: Kysely<Database>, invoiceId: string) {
  return db.selectFrom('payments').selectAll().where('invoiceId', '=', invoiceId).execute()
}

/** Records a Stripe event id once; false when it was already recorded (a repeated delivery). */
export async function recordStripeEvent(db: Kysely<Database>, row: { id: string; type: string; stripeCreated: number; receivedAt: string }): Promise<boolean> {
  const result = await db
    .insertInto('stripeEvents')
    .values({ ...row, processedAt: null })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0
}

export function markStripeEventProcessed(db: Kysely<Database>, id: string, at: string) {
  return db.updateTable('stripeEvents').set({ processedAt: at }).where('id', '=', id).execute()
}
