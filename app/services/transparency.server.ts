import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { Readable, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Kysely } from 'kysely'
import { getDb } from '~/db/client.server'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { listContractsInForce } from '~/db/repositories/contracts-in-force.server'
import type { Database } from '~/db/schema'
import {
  countNetworkOffersMissingProviderIds,
  findTransparencyEmployer,
  listNetworkOffersMissingProviderIds,
  listNetworkProcedures,
  listNetworkOfferPage,
  listNetworkPricesOfOffers,
  updateEmployerTin,
} from '~/db/repositories/transparency.server'
import { ContractTermsSchema } from '~/domain/contracts/terms'
import { toIsoDate } from '~/domain/dates'
import { formatTin, parseTin } from '~/domain/offers/provider-ids'
import {
  describeOfferMissingProviderIds,
  expirationDateOf,
  ticItemsOfProcedure,
  writeInNetworkRates,
  type OfferMissingProviderIds,
  type TicRate,
  type TicSection,
} from '~/domain/tic/in-network-rates'
import type { Actor, EmployerScope } from '~/domain/tenancy'
import { notFound } from '~/http/responses.server'

/*
 * The employer's Transparency in Coverage in-network rates file (issue 23, ADR 0018). The file is
 * refused, before a byte is written, while the plan sponsor's EIN or any network offer's TIN or
 * NPI is missing; the refusal names every offer. Otherwise it is written as a stream of chunks
 * read page by page from the database (PAGE_SIZE rows at a time).
 */

const PAGE_SIZE = 500
/** The page lists at most this many offers without TIN/NPI (the command line lists them all). */
export const MISSING_LIST_LIMIT_ON_PAGE = 50
export const MISSING_EIN_MESSAGE = "Enter the plan sponsor's EIN (your organization's 9-digit TIN) first"
export const REPORTING_ENTITY_TYPE = 'group health plan'

/** Who asks for the file: a signed-in employer admin, or the command line ("CLI: alice"). */
export type FileRequester = { actor: Actor } | { actorLabel: string }

export interface TransparencyStatus {
  employer: { id: string; name: string; code: string; ein: string | null }
  missingEin: boolean
  missingCount: number
  /** The offers missing TIN or NPI, described, at most `limit`. */
  missing: string[]
}

function planNameOf(employerName: string) {
  return `${employerName} group health plan: centers of excellence bundled rates`
}

async function statusOf(db: Kysely<Database>, employer: { id: string; name: string; code: string; tin: string | null }, today: string, limit: number): Promise<TransparencyStatus> {
  const [rows, count] = await Promise.all([
    listNetworkOffersMissingProviderIds(db, employer.id, today, limit),
    countNetworkOffersMissingProviderIds(db, employer.id, today),
  ])
  return {
    employer: { id: employer.id, name: employer.name, code: employer.code, ein: employer.tin ? formatTin(employer.tin) : null },
    missingEin: employer.tin === null,
    missingCount: Number(count.count),
    missing: rows.map((row: OfferMissingProviderIds) => describeOfferMissingProviderIds(row)),
  }
}

/** The employer page's view: the EIN, and what still keeps the file from being published. */
export async function getTransparencyStatus(scope: EmployerScope, now = new Date()): Promise<TransparencyStatus> {
  const db = getDb()
  const employer = await findTransparencyEmployer(db, { id: scope.employerId })
  if (!employer) throw notFound('Employer')
  return statusOf(db, employer, toIsoDate(now), MISSING_LIST_LIMIT_ON_PAGE)
}

export type SaveEinResult = { ok: true } | { ok: false; fieldErrors: { ein: string[] } }

/** Sets the plan sponsor's EIN (the file's plan_id); audited. */
export async function savePlanSponsorEin(actor: Actor, scope: EmployerScope, text: string, now = new Date()): Promise<SaveEinResult> {
  const parsed = parseTin(text)
  if (!parsed.ok) return { ok: false, fieldErrors: { ein: [parsed.message] } }
  const at = now.toISOString()
  await getDb().transaction().execute(async (trx) => {
    await updateEmployerTin(trx, scope.employerId, parsed.value)
    await insertAuditEntry(trx, actor, { action: 'employer.plan_sponsor_ein_set', subjectType: 'organization', subjectId: scope.employerId, employerId: scope.employerId, at })
  })
  return { ok: true }
}

export type InNetworkRatesFile =
  | { ok: true; fileName: string; chunks: AsyncGenerator<string> }
  | { ok: false; reasons: string[] }

/**
 * Checks that the file can be published and, when it can, audits the request and returns the
 * file as a stream of chunks; otherwise the reasons, one line per problem (every offer listed).
 */
export async function prepareInNetworkRatesFile(employerBy: { id: string } | { code: string }, requester: FileRequester, now = new Date()): Promise<InNetworkRatesFile> {
  const db = getDb()
  const today = toIsoDate(now)
  const employer = await findTransparencyEmployer(db, employerBy)
  if (!employer) throw notFound('Employer')
  const status = await statusOf(db, employer, today, Number.MAX_SAFE_INTEGER)
  if (status.missingEin || status.missingCount > 0) {
    return { ok: false, reasons: [...(status.missingEin ? [MISSING_EIN_MESSAGE] : []), ...status.missing] }
  }
  const actor = 'actor' in requester ? requester.actor : null
  await insertAuditEntry(db, actor, {
    action: 'transparency.in_network_rates_exported',
    subjectType: 'organization',
    subjectId: employer.id,
    employerId: employer.id,
    at: now.toISOString(),
    actorLabel: 'actorLabel' in requester ? requester.actorLabel : null,
    detail: `Transparency in Coverage in-network rates file (guide 1.0.0) of ${today}`,
  })
  const header = {
    reportingEntityName: employer.name,
    reportingEntityType: REPORTING_ENTITY_TYPE,
    planName: planNameOf(employer.name),
    planSponsorEin: employer.tin!,
    lastUpdatedOn: today,
  }
  return { ok: true, fileName: `${today}_${employer.code}_in-network-rates.json`, chunks: writeInNetworkRates(header, sectionsOf(db, employer.id, today)) }
}

/** The contract in force that fixes each facility × procedure's rate for this purchaser (newest contract first). */
async function contractRatesOf(db: Kysely<Database>, employerId: string) {
  const rates = new Map<string, { rateCents: number; periodEnd: string }>()
  for (const contract of await listContractsInForce(db, employerId)) {
    const terms = ContractTermsSchema.parse(JSON.parse(contract.terms))
    for (const rate of terms.bundleRates) {
      for (const facilityId of terms.networkFacilityIds) {
        const key = `${facilityId}:${rate.procedureCode}`
        if (!rates.has(key)) rates.set(key, { rateCents: rate.bundleCents, periodEnd: terms.attribution.periodEnd })
      }
    }
  }
  return rates
}

async function* sectionsOf(db: Kysely<Database>, employerId: string, today: string): AsyncGenerator<TicSection> {
  const contractRates = await contractRatesOf(db, employerId)
  for (const procedure of await listNetworkProcedures(db, employerId, today)) {
    const items = ticItemsOfProcedure({ code: procedure.code, name: procedure.name, drgCodes: JSON.parse(procedure.drgCodes) as string[] }, today)
    for (const item of items) {
      yield { item, rates: ratesOf(db, employerId, procedure, today, contractRates) }
    }
  }
}

/**
 * A procedure's rates, one per offer and program price, read a page of offers at a time; the
 * same offer at the same price and end in two programs is written once.
 */
async function* ratesOf(
  db: Kysely<Database>,
  employerId: string,
  procedure: { id: string; code: string },
  today: string,
  contractRates: Map<string, { rateCents: number; periodEnd: string }>,
): AsyncGenerator<TicRate> {
  let afterOfferId: string | null = null
  for (;;) {
    const page = await listNetworkOfferPage(db, employerId, procedure.id, today, afterOfferId, PAGE_SIZE)
    const prices = await listNetworkPricesOfOffers(db, employerId, page.map((offer) => offer.id), today)
    const offers = new Map(page.map((offer) => [offer.id, offer]))
    let previous = ''
    for (const price of prices) {
      const offer = offers.get(price.offerId)!
      const contract = contractRates.get(`${offer.facilityId}:${procedure.code}`)
      const rate: TicRate = {
        tin: offer.tin ?? '',
        npi: offer.npi ?? '',
        rateCents: contract?.rateCents ?? Number(price.bundlePriceCents),
        expirationDate: expirationDateOf({ contractPeriodEnd: contract?.periodEnd ?? null, offerValidTo: offer.validTo, programEnd: price.effectiveTo }),
      }
      const key = `${price.offerId}:${rate.rateCents}:${rate.expirationDate}`
      if (key !== previous) yield rate
      previous = key
    }
    if (page.length < PAGE_SIZE) return
    afterOfferId = page[page.length - 1]!.id
  }
}

export type ExportResult = { ok: true; fileName: string } | { ok: false; reasons: string[] }

/**
 * The command line's export (`npm run tic:in-network`): the employer by its code, written to a
 * stream (stdout) or to a file. A file is written beside its final name and renamed when
 * complete, so a refusal or a failure part-way leaves no file (and never half of one).
 */
export async function exportInNetworkRates(employerCode: string, target: { path: string } | { stream: Writable }, requester: FileRequester, now = new Date()): Promise<ExportResult> {
  const file = await prepareInNetworkRatesFile({ code: employerCode.trim().toUpperCase() }, requester, now)
  if (!file.ok) return file
  if ('stream' in target) {
    await pipeline(Readable.from(file.chunks), target.stream, { end: false })
    return { ok: true, fileName: file.fileName }
  }
  const partial = `${target.path}.partial`
  try {
    await pipeline(Readable.from(file.chunks), createWriteStream(partial))
    await rename(partial, target.path)
  } finally {
    await rm(partial, { force: true })
  }
  return { ok: true, fileName: file.fileName }
}
