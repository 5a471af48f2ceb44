/**
 * The page-size section of `npm run bench` (issue 24, `BENCH_SKIP=pages` leaves it out): every list
 * page of the portal, requested from the production server (`server.mjs`, `npm run build` first) on
 * the benchmark database, signed in as the person the page is for. For each page: the HTML document
 * as served (uncompressed bytes, and gzip of the same bytes), the server time (wall time of the whole
 * response on loopback, median of 5 requests after one warm-up) and the rows shown (table-body rows
 * plus search-result cards). A page is "bounded" when its HTML is ≤ 200 KB and it shows ≤ 100 rows.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Kysely } from 'kysely'
import type { Database } from '~/db/schema'

/** The ZIP of one of an employer's program centers: a search from it carries a full page of priced results. */
export function programCenterZip(db: Kysely<Database>, employerId: string) {
  return db
    .selectFrom('programNetwork')
    .innerJoin('programVersions', 'programVersions.id', 'programNetwork.programVersionId')
    .innerJoin('programs', 'programs.id', 'programVersions.programId')
    .innerJoin('offers', 'offers.id', 'programNetwork.offerId')
    .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
    .select('facilities.zip')
    .where('programs.employerId', '=', employerId)
    .executeTakeFirst()
}

export const PAGE_LIMITS = { bytes: 200 * 1024, rows: 100 }

export interface PageFigure {
  route: string
  url: string
  person: string
  status: number
  bytes: number
  gzipBytes: number
  medianMs: number
  rows: number
  bounded: boolean
}

/** Rows a page shows: the rows of every table body, and the member search's result cards. */
export function countRows(html: string): number {
  let rows = 0
  for (const body of html.matchAll(/<tbody[^>]*>([\s\S]*?)<\/tbody>/g)) rows += (body[1]!.match(/<tr[\s>]/g) ?? []).length
  rows += (html.match(/class="result__name"/g) ?? []).length
  return rows
}

interface PageSpec {
  route: string
  url: string
  person: string
}

/** The pages to request, with the ids of the benchmark data; a page whose data is missing is left out with a note. */
async function pagesToMeasure(db: Kysely<Database>, seedId: (...parts: Array<string | number>) => string, notes: string[]): Promise<PageSpec[]> {
  const admin = 'admin@coe-platform.example'
  const bigEmployer = 'bench-employer-admin@example.com (BENCH0001, 100,000 members)'
  const pages: PageSpec[] = [
    // Platform admin
    ...[
      '/admin',
      '/admin/imports',
      '/admin/facilities',
      '/admin/procedures',
      '/admin/price-factors',
      '/admin/organizations',
      '/admin/outbox',
      '/admin/audit',
      '/admin/ledger',
      '/admin/reports',
      '/admin/settings',
      '/team',
    ].map((url) => ({ route: url, url, person: admin })),
    {
      route: '/admin/facilities?q=',
      url: '/admin/facilities?q=medical',
      person: admin,
    },
    {
      route: '/facilities (public catalog)',
      url: '/facilities',
      person: 'anonymous',
    },
    // Care coordinator
    {
      route: '/coordinator (care queue)',
      url: '/coordinator',
      person: 'coordinator@coe-platform.example',
    },
    // The 100,000-member employer
    ...[
      '/employer',
      '/employer/dashboard',
      '/employer/programs',
      '/employer/plans',
      '/employer/roster',
      '/employer/roster/members',
      '/employer/proposals',
      '/employer/contracts',
      '/employer/coalitions',
      '/employer/coalition-report',
      '/employer/billing',
      '/employer/transparency',
    ].map((url) => ({ route: url, url, person: bigEmployer })),
    {
      route: '/employer/roster/members?q=',
      url: '/employer/roster/members?q=N1',
      person: bigEmployer,
    },
    { route: '/scorecards', url: '/scorecards', person: bigEmployer },
    {
      route: '/employer/programs/$programId',
      url: `/employer/programs/${seedId('bench-program', 'BENCH0001')}`,
      person: bigEmployer,
    },
    {
      route: '/employer/programs/$programId/network',
      url: `/employer/programs/${seedId('bench-program', 'BENCH0001')}/network`,
      person: bigEmployer,
    },
    // The demo employer with contracts and cases
    ...['/employer', '/employer/dashboard', '/employer/contracts', '/employer/billing', '/employer/coalition-report', '/employer/roster/members'].map((url) => ({
      route: url,
      url,
      person: 'hr@acme.example',
    })),
    // Health systems
    ...['/center', '/center/patients', '/center/contracts'].map((url) => ({ route: url, url, person: 'contracts@summit.example' })),
    { route: '/scorecards/$healthSystemId', url: `/scorecards/${seedId('org', 'SUMMIT')}`, person: 'contracts@summit.example' },
    // Coalition
    ...['/coalition', '/coalition/reports', '/coalition/contracts'].map((url) => ({ route: url, url, person: 'admin@glec.example' })),
    // Broker
    { route: '/broker', url: '/broker', person: 'broker@harbor.example' },
    // Members
    ...['/member', '/member/cases'].map((url) => ({
      route: url,
      url,
      person: 'member@acme.example',
    })),
  ]

  // Contracts and their statements (period pages), for each party of each contract.
  const contracts = await db
    .selectFrom('contracts')
    .innerJoin('organizations as purchaser', 'purchaser.id', 'contracts.purchaserOrganizationId')
    .select(['contracts.id', 'purchaser.kind', 'contracts.purchaserOrganizationId', 'contracts.healthSystemOrganizationId'])
    .orderBy('contracts.createdAt')
    .execute()
  const emailOf = async (organizationId: string, role: string) =>
    (
      await db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.userId')
        .select('users.email')
        .where('memberships.organizationId', '=', organizationId)
        .where('memberships.role', '=', role as never)
        .orderBy('users.email')
        .executeTakeFirst()
    )?.email
  const seenKinds = new Set<string>()
  for (const c of contracts) {
    const period = await db.selectFrom('contractPeriods').select('id').where('contractId', '=', c.id).orderBy('sequence').executeTakeFirst()
    const sides = [
      {
        prefix: c.kind === 'coalition' ? 'coalition' : 'employer',
        email: await emailOf(c.purchaserOrganizationId, c.kind === 'coalition' ? 'coalition_admin' : 'employer_admin'),
      },
      {
        prefix: 'center',
        email: await emailOf(c.healthSystemOrganizationId, 'center_admin'),
      },
    ]
    for (const side of sides) {
      // One contract per side kind (employer, coalition, center) is enough to size the pages.
      if (!side.email || seenKinds.has(side.prefix)) continue
      seenKinds.add(side.prefix)
      pages.push({
        route: `/${side.prefix}/contracts/$contractId`,
        url: `/${side.prefix}/contracts/${c.id}`,
        person: side.email,
      })
      if (period)
        pages.push({
          route: `/${side.prefix}/contracts/$contractId/periods/$periodId (statement)`,
          url: `/${side.prefix}/contracts/${c.id}/periods/${period.id}`,
          person: side.email,
        })
    }
  }

  // Broker clients and scenarios.
  const client = await db.selectFrom('brokerClients').select('employerOrganizationId').where('revokedAt', 'is', null).orderBy('grantedAt').executeTakeFirst()
  if (client)
    pages.push({
      route: '/broker/clients/$employerId',
      url: `/broker/clients/${client.employerOrganizationId}`,
      person: 'broker@harbor.example',
    })
  const scenario = await db.selectFrom('scenarios').select(['id', 'employerId']).executeTakeFirst()
  if (scenario) {
    pages.push({
      route: '/broker/clients/$employerId/scenarios/$scenarioId',
      url: `/broker/clients/${scenario.employerId}/scenarios/${scenario.id}`,
      person: 'broker@harbor.example',
    })
    pages.push({
      route: '/broker/clients/$employerId/scenarios/$scenarioId/network',
      url: `/broker/clients/${scenario.employerId}/scenarios/${scenario.id}/network`,
      person: 'broker@harbor.example',
    })
  } else notes.push('broker scenario pages: no scenario in the benchmark data')

  // Health-system offers and an incoming patient's case.
  const offer = await db
    .selectFrom('offers')
    .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
    .select('offers.id')
    .where('facilities.healthSystemId', '=', seedId('org', 'SUMMIT'))
    .orderBy('offers.id')
    .executeTakeFirst()
  if (offer)
    pages.push({
      route: '/center/offers/$offerId',
      url: `/center/offers/${offer.id}`,
      person: 'contracts@summit.example',
    })
  const patient = await db
    .selectFrom('cases')
    .innerJoin('facilities', 'facilities.id', 'cases.facilityId')
    .select('cases.id')
    .where('facilities.healthSystemId', '=', seedId('org', 'SUMMIT'))
    .orderBy('cases.id')
    .executeTakeFirst()
  if (patient)
    pages.push({
      route: '/center/patients/$caseId',
      url: `/center/patients/${patient.id}`,
      person: 'contracts@summit.example',
    })

  // Member search: the benchmark member, from the ZIP of one of their program's centers (a full page of priced results).
  const centerZip = await programCenterZip(db, seedId('bench-org', 'BENCH0001'))
  if (centerZip)
    pages.push({
      route: '/member/care (search)',
      url: `/member/care?procedure=TKA&zip=${centerZip.zip}&radius=250&sort=quality`,
      person: 'bench-member@example.com',
    })
  return pages
}

/** Sessions for each person (the benchmark employer admin is made once, if missing). */
async function sessionsFor(db: Kysely<Database>, people: ReadonlySet<string>, seedId: (...parts: Array<string | number>) => string) {
  const { createUserSession } = await import('../app/auth/session.server')
  const adminId = seedId('bench-user', 'employer-admin')
  if (!(await db.selectFrom('users').select('id').where('id', '=', adminId).executeTakeFirst())) {
    const { hashPassword } = await import('../app/auth/password.server')
    const now = new Date().toISOString()
    await db
      .insertInto('users')
      .values({
        id: adminId,
        email: 'bench-employer-admin@example.com',
        passwordHash: await hashPassword('bench-password-2026'),
        displayName: 'Bench Employer Admin',
        createdAt: now,
        lastLoginAt: null,
      })
      .execute()
    await db
      .insertInto('memberships')
      .values({
        id: seedId('bench-membership', 'employer-admin'),
        userId: adminId,
        organizationId: seedId('bench-org', 'BENCH0001'),
        role: 'employer_admin',
        rosterMemberId: null,
        createdAt: now,
      })
      .execute()
  }
  const cookies = new Map<string, string>()
  for (const person of people) {
    if (person === 'anonymous') {
      cookies.set(person, '')
      continue
    }
    const email = person.split(' ')[0]!
    const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
    if (!user) throw new Error(`page sizes: no user ${email} in the benchmark database`)
    cookies.set(person, (await createUserSession(user.id)).split(';')[0]!)
  }
  return cookies
}

export async function measurePages(options: {
  db: Kysely<Database>
  root: string
  port: number
  seedId: (...parts: Array<string | number>) => string
}): Promise<{ pages: PageFigure[]; notes: string[] }> {
  const { db, root, port, seedId } = options
  const notes: string[] = []
  const specs = await pagesToMeasure(db, seedId, notes)
  const cookies = await sessionsFor(db, new Set(specs.map((s) => s.person)), seedId)
  const origin = `http://127.0.0.1:${port}`
  if (
    await fetch(`${origin}/healthz`)
      .then(() => true)
      .catch(() => false)
  )
    throw new Error(`page sizes: port ${port} is already in use (set BENCH_PORT)`)
  const server = spawn(process.execPath, [path.join(root, 'server.mjs')], {
    env: {
      ...process.env,
      PORT: String(port),
      RATE_LIMIT_SCALE: '1000',
      ACCESS_LOG: 'off',
    },
    stdio: 'ignore',
  })
  try {
    for (let i = 0; i < 200; i++) {
      if (
        await fetch(`${origin}/healthz`)
          .then((r) => r.ok)
          .catch(() => false)
      )
        break
      await new Promise((r) => setTimeout(r, 100))
    }
    // The network picker edits a draft: the benchmark employer's program gets one through the portal's own
    // "new version" action when it has none (the in-force published version, which members search, is unchanged).
    const programId = seedId('bench-program', 'BENCH0001')
    const hasDraft = await db.selectFrom('programVersions').select('id').where('programId', '=', programId).where('status', '=', 'draft').executeTakeFirst()
    if (!hasDraft) {
      const adminCookie = [...cookies].find(([person]) => person.startsWith('bench-employer-admin'))![1]
      const made = await fetch(`${origin}/employer/programs/${programId}`, { method: 'POST', body: new URLSearchParams({ intent: 'new-version' }), headers: { cookie: adminCookie, origin }, redirect: 'manual' })
      if (made.status !== 302) notes.push(`the network picker: making a draft of the benchmark program answered ${made.status}`)
    }
    const pages: PageFigure[] = []
    for (const spec of specs) {
      const get = async () => {
        const started = performance.now()
        const response = await fetch(`${origin}${spec.url}`, {
          headers: {
            cookie: cookies.get(spec.person)!,
            'accept-encoding': 'identity',
          },
          redirect: 'manual',
        })
        const body = Buffer.from(await response.arrayBuffer())
        return {
          ms: performance.now() - started,
          status: response.status,
          location: response.headers.get('location'),
          body,
        }
      }
      const first = await get() // warm-up
      const times: number[] = []
      for (let i = 0; i < 5; i++) times.push((await get()).ms)
      times.sort((a, b) => a - b)
      const html = first.body.toString('utf8')
      const rows = countRows(html)
      const figure: PageFigure = {
        route: spec.route,
        url: spec.url,
        person: spec.person,
        status: first.status,
        bytes: first.body.length,
        gzipBytes: gzipSync(first.body).length,
        medianMs: Math.round(times[2]! * 10) / 10,
        rows,
        bounded: first.status === 200 && first.body.length <= PAGE_LIMITS.bytes && rows <= PAGE_LIMITS.rows,
      }
      pages.push(figure)
      const location = first.status >= 300 && first.status < 400 ? ` → ${first.location}` : ''
      console.log(
        `  ${figure.route} (${figure.person.split(' ')[0]}): ${figure.status}${location}, ${(figure.bytes / 1024).toFixed(1)} KB, ${figure.medianMs} ms, ${figure.rows} rows${
          figure.bounded ? '' : '  ✗ unbounded'
        }`
      )
    }
    return { pages, notes }
  } finally {
    server.kill()
  }
}

export function printPageTable(pages: readonly PageFigure[], database: string) {
  console.log(`\nPage sizes at benchmark size (${database}): bounded = HTML ≤ ${PAGE_LIMITS.bytes / 1024} KB and ≤ ${PAGE_LIMITS.rows} rows`)
  console.log(`${'route'.padEnd(62)} ${'person'.padEnd(34)} ${'status'.padStart(6)} ${'HTML KB'.padStart(8)} ${'gzip KB'.padStart(8)} ${'ms p50'.padStart(7)} ${'rows'.padStart(6)}  bounded`)
  for (const p of pages) {
    console.log(
      `${p.route.padEnd(62)} ${p.person.split(' ')[0]!.padEnd(34)} ${String(p.status).padStart(6)} ${(p.bytes / 1024).toFixed(1).padStart(8)} ${(p.gzipBytes / 1024)
        .toFixed(1)
        .padStart(8)} ${p.medianMs.toFixed(1).padStart(7)} ${String(p.rows).padStart(6)}  ${p.bounded ? 'yes' : 'NO'}`
    )
  }
}
