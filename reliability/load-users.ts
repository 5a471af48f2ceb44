/**
 * The simulated people of `npm run load` (reliability/load.ts): members who search, open a center
 * and request care, and care coordinators who work the queue one valid step at a time. Each one is
 * a loop of real HTTP requests (the pages' own GETs and form POSTs, with the Origin header) with a
 * randomized think time between them, its own session cookie and its own X-Forwarded-For address.
 * Every response is recorded with its latency; every write the server acknowledged (its success
 * redirect) is kept so that the database can be checked against it afterwards.
 */
import { addDays, toIsoDate } from '../app/domain/dates'

export const REQUEST_KINDS = [
  'sign-in', 'search', 'center page', 'request care', 'member case page', 'my cases', 'queue', 'case page', 'transition',
] as const
export type RequestKind = (typeof REQUEST_KINDS)[number]

/**
 * ok: the response the page expects; conflict: a coordinator's step refused because someone else
 * moved the case first (expected with several coordinators); unexpected: any other 1xx-4xx.
 */
export type Outcome = 'ok' | 'conflict' | 'rate-limited' | 'unexpected' | 'server-error' | 'network-error'

export interface Sample {
  kind: RequestKind
  status: number | null
  /** When the request started, in ms since the run started. */
  atMs: number
  ms: number
  outcome: Outcome
}

export interface Problem {
  kind: RequestKind
  method: string
  path: string
  user: string
  status: number | null
  detail: string
  at: string
}

/** A request-care POST that ended in its success redirect. */
export interface CareAck {
  userId: string
  rosterMemberId: string
  offerId: string
  caseId: string
  /** `?requested=1` (a new case) or `?existing=1` (the member's open case for that procedure). */
  isNew: boolean
  doubleSubmit: boolean
}

/** A coordinator's transition POST that ended in its success redirect. */
export interface TransitionAck {
  coordinatorUserId: string
  caseId: string
  /** The status the page showed when the coordinator chose the step. */
  seenStatus: string
  to: string
  answeredAtMs: number
}

/** A write whose outcome the client does not know (5xx or network error): reported with any unexplained row. */
export interface UncertainWrite {
  kind: 'request care' | 'transition'
  userId: string
  target: string
}

export interface Random {
  next: () => number
  int: (min: number, max: number) => number
  pick: <T>(items: readonly T[]) => T
  chance: (probability: number) => boolean
}

/** Each user's choices follow from the run's --seed (the seed's mulberry32). */
export { createRandom } from '../db/seed/random'

export interface RunContext {
  baseUrl: string
  /** No request starts at or after this time (ms since epoch). */
  deadline: number
  thinkMs: { min: number; max: number }
  timeoutMs: number
  samples: Sample[]
  problems: Problem[]
  careAcks: CareAck[]
  transitionAcks: TransitionAck[]
  uncertainWrites: UncertainWrite[]
  startedAt: number
}

interface Answer {
  status: number
  location: string | null
  setCookie: string[]
  body: string
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const MAX_PROBLEMS = 200

/** One simulated person's browser: a cookie, an address, and the requests it makes. */
export class Client {
  constructor(
    private readonly ctx: RunContext,
    readonly label: string,
    readonly address: string,
    public cookie: string | null,
    private readonly random: Random,
  ) {}

  isActive() {
    return Date.now() < this.ctx.deadline
  }

  /** A pause of the think time (cut short at the deadline). */
  async think() {
    const ms = this.random.int(this.ctx.thinkMs.min, this.ctx.thinkMs.max)
    await sleep(Math.max(0, Math.min(ms, this.ctx.deadline - Date.now())))
  }

  /**
   * One request, unless the run is over (null). `expected` is the status the page answers on
   * success and `isExpected` checks more of it (where a redirect goes); `isConflict` recognizes
   * an expected refusal. Redirects are not followed, so a success redirect can be told from a
   * redirect to the sign-in page.
   */
  async send(
    kind: RequestKind,
    method: 'GET' | 'POST',
    path: string,
    options: { expected: number; isExpected?: (answer: Answer) => boolean; form?: Record<string, string>; isConflict?: (answer: Answer) => boolean },
  ): Promise<(Answer & { outcome: Outcome }) | null> {
    if (!this.isActive()) return null
    const headers: Record<string, string> = { 'x-forwarded-for': this.address, accept: 'text/html' }
    if (this.cookie) headers.cookie = this.cookie
    if (method === 'POST') headers.origin = this.ctx.baseUrl
    const started = performance.now()
    const atMs = Date.now() - this.ctx.startedAt
    let answer: Answer
    try {
      const response = await fetch(`${this.ctx.baseUrl}${path}`, {
        method,
        headers,
        body: options.form ? new URLSearchParams(options.form) : undefined,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.ctx.timeoutMs),
      })
      answer = { status: response.status, location: response.headers.get('location'), setCookie: response.headers.getSetCookie(), body: await response.text() }
    } catch (error) {
      const ms = performance.now() - started
      this.ctx.samples.push({ kind, status: null, atMs, ms, outcome: 'network-error' })
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
      this.report(kind, method, path, null, `${error instanceof Error ? error.message : String(error)}${cause}`)
      return { status: 0, location: null, setCookie: [], body: '', outcome: 'network-error' }
    }
    const ms = performance.now() - started
    let outcome: Outcome
    if (answer.status === options.expected && (options.isExpected?.(answer) ?? true)) outcome = 'ok'
    else if (answer.status >= 500) outcome = 'server-error'
    else if (answer.status === 429) outcome = 'rate-limited'
    else if (options.isConflict?.(answer)) outcome = 'conflict'
    else outcome = 'unexpected'
    this.ctx.samples.push({ kind, status: answer.status, atMs, ms, outcome })
    if (outcome === 'server-error' || outcome === 'unexpected') {
      const detail = answer.location ? `redirect to ${answer.location}` : textOf(answer.body).slice(0, 300)
      this.report(kind, method, path, answer.status, detail)
    }
    return { ...answer, outcome }
  }

  private report(kind: RequestKind, method: string, path: string, status: number | null, detail: string) {
    if (this.ctx.problems.length >= MAX_PROBLEMS) return
    this.ctx.problems.push({ kind, method, path, user: this.label, status, detail, at: new Date().toISOString() })
  }
}

/** The visible text of an error page, for the report. */
function textOf(html: string) {
  const main = /<main[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? html
  return main.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()
}

// ---------------------------------------------------------------------------------------------
// Members

export interface LoadMember {
  index: number
  userId: string
  rosterMemberId: string
  homeZip: string
  /** Procedure codes the employer's program covers. */
  procedures: readonly string[]
  /** ZIPs to search from other than home: the employer's cities and colleagues' homes. */
  otherZips: readonly string[]
  cookie: string
  address: string
}

const RADIUS_CHOICES = [25, 50, 100, 250, 500, 3000] as const
const SORTS = ['cost', 'quality', 'distance'] as const
/** A well-formed ZIP the ZIP package does not know: the page says so (a 200). */
const UNKNOWN_ZIP = '99999'
const OFFER_LINK = /href="(\/member\/care\/([0-9a-f-]{36})(?:\?zip=\d{5})?)"/g
const CASE_LOCATION = /^\/member\/cases\/([0-9a-f-]{36})\?(requested|existing)=1$/

export interface MemberBehaviour {
  /** Chance that a member who opened a center requests care there. */
  requestRate: number
  /** Chance that a request is sent twice at once (a double click without JavaScript). */
  doubleSubmitRate: number
}

function searchPath(member: LoadMember, random: Random) {
  const params = new URLSearchParams()
  // Now and then a procedure the program does not cover: the page falls back to a covered one.
  params.set('procedure', random.chance(0.03) ? 'CABG' : random.pick(member.procedures))
  const where = random.next()
  if (where < 0.03) params.set('zip', UNKNOWN_ZIP)
  else if (where < 0.35) params.set('zip', random.pick(member.otherZips))
  else if (where < 0.5) params.set('zip', member.homeZip)
  params.set('radius', String(random.pick(RADIUS_CHOICES)))
  params.set('sort', random.pick(SORTS))
  if (random.chance(0.25)) params.set('stars', String(random.int(3, 5)))
  return `/member/care?${params}`
}

function careRequestForm(random: Random, today: string, email: string): Record<string, string> {
  const start = addDays(today, random.int(7, 60))
  const form: Record<string, string> = {
    preferredStart: start,
    preferredEnd: addDays(start, random.int(7, 45)),
    contactPreference: random.pick(['email', 'email', 'phone', 'text']),
  }
  // The form needs an address for e-mail and a US number for a call or a text (the care form's rules).
  if (form.contactPreference === 'email') form.contactEmail = email
  else form.contactPhone = `(214) 748-${String(random.int(1000, 9999))}`
  if (random.chance(0.5)) form.hasCompanion = 'on'
  if (random.chance(0.3)) form.memberNote = random.pick(['Mornings are best.', 'I use a walker.', 'Please call after 5 pm.', 'My spouse will drive me.'])
  return form
}

/** One member until the deadline: search (sometimes twice), open a center, sometimes request care there. */
export async function runMember(ctx: RunContext, member: LoadMember, random: Random, behaviour: MemberBehaviour) {
  const client = new Client(ctx, `member ${member.index}`, member.address, member.cookie, random)
  await sleep(random.int(0, ctx.thinkMs.max)) // users arrive over the first seconds, not all at once
  while (client.isActive()) {
    let links: Array<{ path: string; offerId: string }> = []
    const searches = random.chance(0.4) ? 2 : 1
    for (let n = 0; n < searches; n++) {
      const search = await client.send('search', 'GET', searchPath(member, random), { expected: 200 })
      if (!search) return
      if (search.outcome === 'ok') links = [...search.body.matchAll(OFFER_LINK)].map((m) => ({ path: m[1]!, offerId: m[2]! }))
      await client.think()
    }
    if (links.length === 0) continue
    const link = random.pick(links.slice(0, 5))
    const center = await client.send('center page', 'GET', link.path, { expected: 200 })
    if (!center) return
    await client.think()
    if (center.outcome === 'ok' && random.chance(behaviour.requestRate)) {
      const form = careRequestForm(random, toIsoDate(new Date()), `load-member-${member.index + 1}@load-test.example`)
      const doubleSubmit = random.chance(behaviour.doubleSubmitRate)
      const posts = await Promise.all(
        Array.from({ length: doubleSubmit ? 2 : 1 }, () =>
          client.send('request care', 'POST', `/member/care/${link.offerId}`, { expected: 302, isExpected: (a) => CASE_LOCATION.test(a.location ?? ''), form }),
        ),
      )
      let caseLocation: string | null = null
      for (const post of posts) {
        if (!post) continue
        const match = CASE_LOCATION.exec(post.location ?? '')
        if (post.outcome === 'ok' && match) {
          ctx.careAcks.push({ userId: member.userId, rosterMemberId: member.rosterMemberId, offerId: link.offerId, caseId: match[1]!, isNew: match[2] === 'requested', doubleSubmit })
          caseLocation = post.location
        } else if (post.outcome === 'server-error' || post.outcome === 'network-error') {
          ctx.uncertainWrites.push({ kind: 'request care', userId: member.userId, target: link.offerId })
        }
      }
      if (caseLocation) {
        // The browser follows the redirect to the case page.
        if (!(await client.send('member case page', 'GET', caseLocation, { expected: 200 }))) return
        await client.think()
      }
    } else if (random.chance(0.15)) {
      if (!(await client.send('my cases', 'GET', '/member/cases', { expected: 200 }))) return
      await client.think()
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Care coordinators

export interface LoadCoordinator {
  index: number
  userId: string
  email: string
  address: string
}

const QUEUE_FILTERS = ['open', 'open', 'requested', 'requested', 'eligibility_verified', 'scheduled', 'travel_booked', 'procedure_done'] as const
const CASE_LINK = /href="\/coordinator\/cases\/([0-9a-f-]{36})"/g
/** The 422 page of a step someone else made first (service) or that no longer follows from the status (domain). */
const CONFLICT_TEXT = /Someone else changed this case a moment ago|cannot move to|cannot change any more/

/** What the coordinator's case page shows: status, the steps its form offers, whether travel is covered. */
export function readCasePage(html: string) {
  const status = /class="badge badge--([a-z_]+)"/.exec(html)?.[1] ?? null
  const select = /<select[^>]*name="to"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? ''
  const next = [...select.matchAll(/value="([a-z_]+)"/g)].map((m) => m[1]!)
  return { status, next, travelCovered: !html.includes('Not covered (within the local distance)') }
}

/** The transition form as a coordinator fills it for a step (what the domain asks for that step). */
export function transitionForm(to: string, travelCovered: boolean, random: Random, today: string): Record<string, string> {
  const form: Record<string, string> = { to }
  if (to === 'cancelled') form.reason = 'Member chose to wait (load test)'
  if (to === 'denied') form.reason = 'Not yet recommended by the treating surgeon (load test)'
  if (to === 'scheduled') form.scheduledDate = addDays(today, random.int(7, 90))
  if (to === 'procedure_done') form.procedureDate = today
  if (to === 'completed') {
    form.hadComplication = random.chance(0.05) ? 'yes' : 'no'
    form.wasReadmitted = random.chance(0.03) ? 'yes' : 'no'
    form.satisfaction = String(random.int(6, 10))
    if (travelCovered) form.travelActualCents = `${random.int(200, 4000)}.${String(random.int(0, 99)).padStart(2, '0')}`
  }
  if (random.chance(0.3)) form.note = 'Called the member (load test)'
  return form
}

/** Signs in through the real form; the session cookie, or null. */
export async function signInCoordinator(ctx: RunContext, coordinator: LoadCoordinator, password: string, random: Random): Promise<Client | null> {
  const client = new Client(ctx, `coordinator ${coordinator.index}`, coordinator.address, null, random)
  const answer = await client.send('sign-in', 'POST', '/login', {
    expected: 302,
    isExpected: (a) => a.location === '/coordinator' && a.setCookie.some((c) => c.startsWith('__session=')),
    form: { email: coordinator.email, password, redirectTo: '/coordinator' },
  })
  if (answer?.outcome !== 'ok') return null
  client.cookie = answer.setCookie.find((c) => c.startsWith('__session='))!.split(';')[0]!
  return client
}

/** One coordinator until the deadline: queue, a case, its next step (now and then cancel or deny instead). */
export async function runCoordinator(ctx: RunContext, coordinator: LoadCoordinator, client: Client, random: Random) {
  await sleep(random.int(0, ctx.thinkMs.max))
  while (client.isActive()) {
    const queue = await client.send('queue', 'GET', `/coordinator?status=${random.pick(QUEUE_FILTERS)}`, { expected: 200 })
    if (!queue) return
    await client.think()
    const caseIds = queue.outcome === 'ok' ? [...new Set([...queue.body.matchAll(CASE_LINK)].map((m) => m[1]!))] : []
    if (caseIds.length === 0) continue
    // The oldest cases first, as a care team works: coordinators sometimes pick the same one.
    const caseId = random.pick(caseIds.slice(0, 25))
    const page = await client.send('case page', 'GET', `/coordinator/cases/${caseId}`, { expected: 200 })
    if (!page) return
    await client.think()
    if (page.outcome !== 'ok') continue
    const { status, next, travelCovered } = readCasePage(page.body)
    if (!status || next.length === 0) continue
    const to = next.length > 1 && random.chance(0.12) ? random.pick(next.slice(1)) : next[0]!
    const form = transitionForm(to, travelCovered, random, toIsoDate(new Date()))
    const casePath = `/coordinator/cases/${caseId}`
    const move = await client.send('transition', 'POST', casePath, {
      expected: 302,
      isExpected: (a) => a.location === casePath,
      form,
      isConflict: (a) => a.status === 422 && CONFLICT_TEXT.test(a.body),
    })
    if (!move) return
    if (move.outcome === 'ok') {
      ctx.transitionAcks.push({ coordinatorUserId: coordinator.userId, caseId, seenStatus: status, to, answeredAtMs: Date.now() - ctx.startedAt })
      if (!(await client.send('case page', 'GET', casePath, { expected: 200 }))) return
    } else if (move.outcome === 'server-error' || move.outcome === 'network-error') {
      ctx.uncertainWrites.push({ kind: 'transition', userId: coordinator.userId, target: caseId })
    }
    await client.think()
  }
}
