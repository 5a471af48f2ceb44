import { expect } from 'vitest'
import { getDb } from '~/db/client.server'
import type { Database } from '~/db/schema'
import { cookieFor, ORIGIN } from './support'
import { createTwoTenants } from './tenants'

/** 10,000 characters: far beyond every text field's limit. */
export const LONG = 'x'.repeat(10_000)
export const SCRIPT = '<script>alert("xss")</script>'
export const SQL_DROP = "'; DROP TABLE users;--"
export const SQL_OR = '1 OR 1=1'
/** Spreadsheet formula payloads (OWASP CSV injection), as a cell would hold them. */
export const FORMULAS = {
  'a DDE command': "=cmd|' /C calc'!A0",
  'a plus formula': '+SUM(1)',
  'a minus formula': '-1+1',
  'an at-sign function': '@HYPERLINK("http://evil.example","click")',
  'a tab-prefixed formula': '\t=1+1',
  'a CR-prefixed formula': '\r=1+1',
} as const

type TableName = keyof Database
const TABLES: readonly TableName[] = [
  'organizations', 'users', 'memberships', 'sessions', 'brokerClients', 'procedures', 'facilities', 'qualityMeasures', 'qualityMeasureHistory', 'cmsImports', 'priceFactors', 'marketPrices', 'offers',
  'healthPlans', 'programs', 'programVersions', 'programProcedures', 'programNetwork', 'programBenefitRules', 'programTravelRules', 'rosterMembers', 'cases',
  'caseEvents', 'billingProfiles', 'invoices', 'invoiceLines', 'payments', 'stripeEvents', 'auditLog', 'searchEvents', 'emailOutbox', 'scenarios', 'proposals',
  'caseWarrantyEvents', 'contractCredits', 'coalitionMemberships',
]

/**
 * Every row of every table (sessions aside: signing in is not a change of data), sorted, so
 * that two snapshots are equal exactly when a request changed nothing. `ignore` leaves out
 * tables a successful read legitimately writes (the audit log of member-level reads, searches).
 */
export async function snapshot(ignore: readonly TableName[] = []): Promise<Record<string, string[]>> {
  const db = getDb()
  const result: Record<string, string[]> = {}
  for (const table of TABLES) {
    if (table === 'sessions' || ignore.includes(table)) continue
    const rows = await db.selectFrom(table).selectAll().execute()
    result[table] = rows.map((row) => JSON.stringify(row)).sort()
  }
  return result
}

/** Runs `act`, then checks that no table changed; returns what `act` returned. */
export async function expectNoChange<T>(act: () => Promise<T>, ignore: readonly TableName[] = []): Promise<T> {
  const before = await snapshot(ignore)
  const result = await act()
  expect(await snapshot(ignore)).toEqual(before)
  return result
}

/** A multipart POST with one file (and optional fields), as a browser sends an upload form. */
export function uploadRequest(path: string, cookie: string, file: { name: string; bytes: Uint8Array<ArrayBuffer> | string; type?: string }, fields: Record<string, string> = {}): Request {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  form.append('file', new File([file.bytes], file.name, { type: file.type ?? 'text/csv' }))
  return new Request(`${ORIGIN}${path}`, { method: 'POST', headers: { Cookie: cookie, Origin: ORIGIN }, body: form })
}

/**
 * A multipart upload of `totalBytes` bytes of CSV-looking text, generated while it is sent
 * (never held in memory whole), to test the upload size limit.
 */
export function streamingUploadRequest(path: string, cookie: string, name: string, totalBytes: number): Request {
  const boundary = '----hostile-input-boundary'
  const encoder = new TextEncoder()
  const head = encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`)
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`)
  const chunk = encoder.encode(`${'A0001,Ann,Lee,1980-01-01,43215,A PPO,employee,2026-01-01,,0\n'.repeat(16_384)}`)
  let sent = 0
  let stage: 'head' | 'body' | 'tail' | 'done' = 'head'
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stage === 'head') {
        controller.enqueue(head)
        stage = 'body'
      } else if (stage === 'body') {
        const size = Math.min(chunk.length, totalBytes - sent)
        controller.enqueue(size === chunk.length ? chunk : chunk.subarray(0, size))
        sent += size
        if (sent >= totalBytes) stage = 'tail'
      } else if (stage === 'tail') {
        controller.enqueue(tail)
        stage = 'done'
      } else controller.close()
    },
  })
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: ORIGIN, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    body,
    duplex: 'half',
  } as RequestInit)
}

/** A form POST whose fields may repeat (checkbox lists such as scenarioIds). */
export function postForm(path: string, form: Record<string, string | readonly string[]>, cookie: string): Request {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(form)) for (const item of typeof value === 'string' ? [value] : value) body.append(name, item)
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, Origin: ORIGIN },
    body: body.toString(),
  })
}

/** The conform reply's errors of a 400/422 answer, by field ('' for the form). */
export function fieldErrors(body: unknown): Record<string, string[]> {
  const value = body as { error?: Record<string, string[]>; result?: { error?: Record<string, string[]> }; reply?: { error?: Record<string, string[]> } }
  return value.error ?? value.result?.error ?? value.reply?.error ?? {}
}

/** The two tenants, a session per role and one offer of the catalog: the fixtures every hostile-input file starts from. */
export async function hostileFixtures() {
  const db = getDb()
  const t = await createTwoTenants(db)
  const cookies: Record<string, string> = {}
  for (const [name, userId] of Object.entries(t.users)) cookies[name] = await cookieFor(userId)
  const offer = await db.selectFrom('offers').select(['id', 'facilityId', 'procedureId']).executeTakeFirstOrThrow()
  return { t, cookies, offer }
}
