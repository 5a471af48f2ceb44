import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { Kysely } from 'kysely'
import type { ZodTypeAny } from 'zod'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { listMeasuresOfFacilities } from '~/db/repositories/care.server'
import { listProcedures } from '~/db/repositories/catalog.server'
import { findLatestCmsImportDate } from '~/db/repositories/facilities.server'
import { findPriceFactor } from '~/db/repositories/price-factors.server'
import { findOrganization } from '~/db/repositories/organizations.server'
import { findVersionRules, listCandidateOffers, listPrograms, listVersionNetwork, listVersionProcedures } from '~/db/repositories/programs.server'
import { countCoveredMembers } from '~/db/repositories/roster.server'
import {
  findBrokerProposal,
  findScenario,
  insertProposal,
  insertScenario,
  listBrokerProposals,
  listOffersAsNetwork,
  listScenarios,
  updateProposal,
  updateScenario,
} from '~/db/repositories/scenarios.server'
import type { Database } from '~/db/schema'
import { toIsoDate } from '~/domain/dates'
import { formatCents } from '~/domain/money'
import { explainMemberCost, type PlanMemberGroup } from '~/domain/proposals/member-cost'
import { readProposalSnapshot, type ProposalCenter, type ProposalMap, type ProposalScenario, type ProposalSnapshot, type ScenarioDesign } from '~/domain/proposals/proposal'
import { describeSources } from '~/domain/proposals/sources'
import type { Actor, EmployerScope } from '~/domain/tenancy'
import { BenefitRulesSchema, DEFAULT_ADOPTION_RATE, DEFAULT_NETWORK_FILTER, networkEditOf, ProgramNetworkSchema, type NetworkFilter, ProgramProceduresSchema, TravelRulesSchema } from '~/forms/program'
import { AssumptionsSchema, ScenarioDocumentSchema, ScenarioNameSchema, type ScenarioDocument } from '~/forms/scenario'
import { notFound } from '~/http/responses.server'
import { drawUsMap } from '~/integrations/state-map.server'
import { applyNetworkEdit } from '~/domain/programs/network-edit'
import { buildNetworkChoices, getProgramProjection, memberGroups } from './program-insights.server'
import { COMMERCIAL_MULTIPLIER_KEY } from './market-prices.server'
import { DEFAULT_BENEFIT_RULES, DEFAULT_TRAVEL_RULES } from './programs.server'

const BLANK: ScenarioDocument = {
  procedureIds: [],
  network: [],
  benefit: DEFAULT_BENEFIT_RULES,
  travel: DEFAULT_TRAVEL_RULES,
  assumptions: { adoptionRate: DEFAULT_ADOPTION_RATE, incidence: {} },
}

function parseDocument(json: string): ScenarioDocument {
  return ScenarioDocumentSchema.parse(JSON.parse(json))
}

async function requireClient(db: Kysely<Database>, scope: EmployerScope) {
  const employer = await findOrganization(db, scope.employerId)
  if (!employer || employer.kind !== 'employer') throw notFound('Client')
  return employer
}

/** The client page for a broker: counts, programs, this firm's scenarios and proposals (never member rows). */
export async function getClientWorkspace(actor: Actor, scope: EmployerScope, now = new Date()) {
  const db = getDb()
  const employer = await requireClient(db, scope)
  const [coveredMembers, programs, scenarios, proposals] = await Promise.all([
    countCoveredMembers(db, scope, toIsoDate(now)),
    listPrograms(db, scope),
    listScenarios(db, scope, actor.organizationId),
    listBrokerProposals(db, scope, actor.organizationId),
  ])
  return {
    employer: { id: employer.id, name: employer.name },
    coveredMembers,
    programs,
    scenarios: scenarios.map((s) => {
      const doc = parseDocument(s.document)
      return { id: s.id, name: s.name, updatedAt: s.updatedAt, procedureCount: doc.procedureIds.length, offerCount: doc.network.length }
    }),
    proposals: proposals.map((p) => ({ id: p.id, title: p.title, createdAt: p.createdAt, sharedAt: p.sharedAt, adoptedAt: p.adoptedAt })),
  }
}

/** The client's current program (newest published version) as a scenario document. */
async function documentFromProgram(db: Kysely<Database>, scope: EmployerScope): Promise<ScenarioDocument | null> {
  const program = (await listPrograms(db, scope)).find((p) => p.status === 'published')
  if (!program) return null
  const [procedures, network, rules] = await Promise.all([listVersionProcedures(db, program.versionId), listVersionNetwork(db, program.versionId), findVersionRules(db, program.versionId)])
  if (!rules) return null
  return {
    procedureIds: procedures.map((p) => p.id),
    network: network.map((n) => ({ offerId: n.offerId, bundlePriceCents: n.bundlePriceCents })),
    benefit: {
      deductibleWaived: rules.deductibleWaived, coinsuranceWaived: rules.coinsuranceWaived, coeCopayCents: rules.coeCopayCents,
      completionIncentiveCents: rules.completionIncentiveCents, outsideRule: rules.outsideRule, outsideCoinsuranceRate: rules.outsideCoinsuranceRate,
    },
    travel: {
      minDistanceMiles: rules.minDistanceMiles, companionCovered: rules.companionCovered, flyThresholdMiles: rules.flyThresholdMiles,
      mileageRateCents: rules.mileageRateCents, airfareAllowanceCents: rules.airfareAllowanceCents, lodgingNights: rules.lodgingNights,
      lodgingNightlyCapCents: rules.lodgingNightlyCapCents, mealsPerDiemCents: rules.mealsPerDiemCents, travelCapCents: rules.travelCapCents,
    },
    assumptions: { adoptionRate: DEFAULT_ADOPTION_RATE, incidence: {} },
  }
}

export type ScenarioSaveResult = { ok: true; scenarioId: string } | { ok: false; fieldErrors: Record<string, string[]> }

export async function createScenario(
  actor: Actor,
  scope: EmployerScope,
  input: { name: string; source: 'blank' | 'program' | 'copy'; copyOf?: string | undefined },
  now = new Date(),
): Promise<ScenarioSaveResult> {
  const db = getDb()
  await requireClient(db, scope)
  let document = BLANK
  if (input.source === 'program') {
    const fromProgram = await documentFromProgram(db, scope)
    if (!fromProgram) return { ok: false, fieldErrors: { source: ['This client has no published program to start from'] } }
    document = fromProgram
  } else if (input.source === 'copy') {
    const original = input.copyOf ? await findScenario(db, scope, actor.organizationId, input.copyOf) : undefined
    if (!original) return { ok: false, fieldErrors: { copyOf: ['Choose one of your scenarios for this client'] } }
    document = parseDocument(original.document)
  }
  const id = newId()
  const at = now.toISOString()
  await db.transaction().execute(async (trx) => {
    await insertScenario(trx, {
      id, employerId: scope.employerId, brokerOrganizationId: actor.organizationId, name: input.name, document: JSON.stringify(document), createdAt: at,
      updatedAt: at, createdByUserId: actor.userId,
    })
    await insertAuditEntry(trx, actor, { action: 'scenario.created', subjectType: 'scenario', subjectId: id, employerId: scope.employerId, at })
  })
  return { ok: true, scenarioId: id }
}

/** A scenario's design in the shapes the projection and the program views use. */
async function loadDesign(db: Kysely<Database>, document: ScenarioDocument) {
  const catalog = await listProcedures(db)
  const procedures = catalog.filter((p) => document.procedureIds.includes(p.id))
  const prices = new Map(document.network.map((n) => [n.offerId, n.bundlePriceCents]))
  const network = (await listOffersAsNetwork(db, [...prices.keys()])).map((row) => ({ ...row, bundlePriceCents: prices.get(row.offerId)! }))
  return { catalog, procedures, network, rules: { ...document.benefit, ...document.travel } }
}

async function requireScenario(db: Kysely<Database>, actor: Actor, scope: EmployerScope, scenarioId: string) {
  const found = await findScenario(db, scope, actor.organizationId, scenarioId)
  if (!found) throw notFound('Scenario')
  return { ...found, doc: parseDocument(found.document) }
}

export async function getScenarioDetail(actor: Actor, scope: EmployerScope, scenarioId: string, now = new Date()) {
  const db = getDb()
  const employer = await requireClient(db, scope)
  const scenario = await requireScenario(db, actor, scope, scenarioId)
  const design = await loadDesign(db, scenario.doc)
  const projection = await getProgramProjection(design, scope, scenario.doc.assumptions, now)
  return {
    employer: { id: employer.id, name: employer.name },
    scenario: { id: scenario.id, name: scenario.name, updatedAt: scenario.updatedAt },
    assumptions: scenario.doc.assumptions,
    catalog: design.catalog.filter((p) => p.isActive),
    procedures: design.procedures,
    network: design.network,
    rules: design.rules,
    projection,
  }
}

export async function getScenarioNetworkChoices(actor: Actor, scope: EmployerScope, scenarioId: string, filter: NetworkFilter = DEFAULT_NETWORK_FILTER, now = new Date()) {
  const db = getDb()
  const employer = await requireClient(db, scope)
  const scenario = await requireScenario(db, actor, scope, scenarioId)
  const procedures = (await listProcedures(db)).filter((p) => scenario.doc.procedureIds.includes(p.id))
  const choices = await buildNetworkChoices(scope, procedures, scenario.doc.network.map((n) => n.offerId), toIsoDate(now), filter, now)
  return { employer: { id: employer.id, name: employer.name }, scenario: { id: scenario.id, name: scenario.name }, ...choices }
}

type ChangeOutcome = { ok: true; anchor: string } | { ok: false; intent: string; status: 400 | 422; result: SubmissionResult<string[]> }

/* Each change is parsed with its section's schema, then applied to the document. */
const CHANGES: Record<string, { schema: ZodTypeAny; anchor: string }> = {
  name: { schema: ScenarioNameSchema, anchor: '' },
  procedures: { schema: ProgramProceduresSchema, anchor: 'procedures' },
  network: { schema: ProgramNetworkSchema, anchor: 'network' },
  benefit: { schema: BenefitRulesSchema, anchor: 'benefit' },
  travel: { schema: TravelRulesSchema, anchor: 'travel' },
  assumptions: { schema: AssumptionsSchema, anchor: 'projection' },
}

/**
 * One change posted from a scenario page (told apart by `intent`), written to the scenario's
 * document: procedures must be active catalog entries (offers of dropped procedures leave the
 * network), network offers must be active offers of covered procedures (priced as offered today).
 */
export async function applyScenarioChange(actor: Actor, scope: EmployerScope, scenarioId: string, formData: FormData, now = new Date()): Promise<ChangeOutcome> {
  const intent = String(formData.get('intent') ?? '')
  // Own keys only: an intent of "constructor" must not find Object's.
  const change = Object.hasOwn(CHANGES, intent) ? CHANGES[intent] : undefined
  if (!change) {
    const submission = parseWithZod(formData, { schema: ScenarioNameSchema })
    return { ok: false, intent: 'unknown', status: 400, result: submission.reply({ formErrors: ['Unknown change: reload the page and try again'] }) }
  }
  const submission = parseWithZod(formData, { schema: change.schema })
  if (submission.status !== 'success') return { ok: false, intent, status: 400, result: submission.reply() }
  const db = getDb()
  const scenario = await requireScenario(db, actor, scope, scenarioId)
  const doc: ScenarioDocument = structuredClone(scenario.doc)
  const value = submission.value
  let name = scenario.name
  const refuse = (formErrors: string[], fieldErrors?: Record<string, string[]>) =>
    ({ ok: false, intent, status: 422, result: submission.reply({ formErrors, fieldErrors }) }) as const
  if (intent === 'name') name = value.name
  if (intent === 'procedures') {
    const active = new Set((await listProcedures(db)).filter((p) => p.isActive).map((p) => p.id))
    if (value.procedureIds.some((id: string) => !active.has(id))) return refuse([], { procedureIds: ['Choose procedures from the catalog list'] })
    doc.procedureIds = [...new Set<string>(value.procedureIds)]
    const offers = await listOffersAsNetwork(db, doc.network.map((n) => n.offerId))
    const keep = new Set(offers.filter((o) => doc.procedureIds.includes(o.procedureId)).map((o) => o.offerId))
    doc.network = doc.network.filter((n) => keep.has(n.offerId))
  }
  if (intent === 'network') {
    const candidates = new Map((await listCandidateOffers(db, doc.procedureIds)).map((o) => [o.offerId, o.priceCents]))
    const edited = applyNetworkEdit(doc.network.map((n) => n.offerId), networkEditOf(value), (id) => candidates.has(id))
    if (!edited.ok) return refuse([edited.message])
    const ids = [...new Set<string>(edited.offerIds)]
    const kept = new Map(doc.network.map((n) => [n.offerId, n.bundlePriceCents]))
    doc.network = ids.map((offerId) => ({ offerId, bundlePriceCents: kept.get(offerId) ?? candidates.get(offerId)! }))
  }
  if (intent === 'benefit') {
    const { intent: _i, ...benefit } = value
    doc.benefit = benefit
  }
  if (intent === 'travel') {
    const { intent: _i, ...travel } = value
    doc.travel = travel
  }
  if (intent === 'assumptions') doc.assumptions = { ...doc.assumptions, adoptionRate: value.adoption / 100 }
  const at = now.toISOString()
  await db.transaction().execute(async (trx) => {
    await updateScenario(trx, scope, actor.organizationId, scenarioId, { name, document: JSON.stringify(ScenarioDocumentSchema.parse(doc)), updatedAt: at })
    await insertAuditEntry(trx, actor, { action: `scenario.${intent}_changed`, subjectType: 'scenario', subjectId: scenarioId, employerId: scope.employerId, at })
  })
  return { ok: true, anchor: change.anchor }
}

const percent = (rate: number) => `${Math.round(rate * 100)}%`

function ruleLines(doc: ScenarioDocument) {
  const b = doc.benefit
  const t = doc.travel
  const benefitLines = [
    b.deductibleWaived ? 'Deductible waived at a center' : 'Deductible applies at a center',
    b.coinsuranceWaived ? 'Coinsurance waived at a center' : 'Coinsurance applies at a center',
    b.coeCopayCents > 0 ? `Copay ${formatCents(b.coeCopayCents)} per case` : 'No copay',
    b.completionIncentiveCents > 0 ? `Completion incentive ${formatCents(b.completionIncentiveCents, { wholeDollars: true })}` : 'No completion incentive',
    b.outsideRule === 'plan_terms'
      ? 'Outside the program: normal plan terms'
      : b.outsideRule === 'not_covered'
        ? 'Outside the program: not covered'
        : `Outside the program: ${percent(b.outsideCoinsuranceRate ?? 0)} coinsurance`,
  ]
  const travelLines = [
    `Travel covered from ${t.minDistanceMiles} miles${t.companionCovered ? ', with a companion' : ', member only'}`,
    `Drive below ${t.flyThresholdMiles} miles at ${formatCents(t.mileageRateCents)} a mile; fly above, ${formatCents(t.airfareAllowanceCents, { wholeDollars: true })} a person`,
    `Lodging ${t.lodgingNights === null ? "for each procedure's nights away" : `${t.lodgingNights} nights`} up to ${formatCents(t.lodgingNightlyCapCents, { wholeDollars: true })} a night; meals ${formatCents(t.mealsPerDiemCents, { wholeDollars: true })} a day`,
    `Travel cap ${formatCents(t.travelCapCents, { wholeDollars: true })} a case`,
  ]
  return { benefitLines, travelLines }
}

/** The rules as values, for the comparison's design rows (issue 20 item 11). */
function designOf(doc: ScenarioDocument, procedures: ReadonlyArray<{ code: string; nightsAway: number }>): ScenarioDesign {
  const b = doc.benefit
  const t = doc.travel
  return {
    benefit: {
      deductibleWaived: b.deductibleWaived === 1, coinsuranceWaived: b.coinsuranceWaived === 1, coeCopayCents: b.coeCopayCents,
      completionIncentiveCents: b.completionIncentiveCents, outsideRule: b.outsideRule, outsideCoinsuranceRate: b.outsideCoinsuranceRate,
    },
    travel: { ...t, companionCovered: t.companionCovered === 1 },
    adoptionRate: doc.assumptions.adoptionRate,
    nightsAway: procedures.map((p) => ({ code: p.code, nights: p.nightsAway })),
  }
}

/** The client's covered members by home ZIP, plan and coverage (as the projection groups them, with the plan's name). */
interface ClientMembers {
  groups: PlanMemberGroup[]
  irsMinimum: { year: number; selfCents: number; familyCents: number }
}

async function clientMembers(db: Kysely<Database>, scope: EmployerScope, procedures: ReadonlyArray<{ id: string; code: string }>, now: Date): Promise<ClientMembers> {
  const { groups, irs } = await memberGroups(db, scope, procedures, now)
  return { groups, irsMinimum: { year: now.getUTCFullYear(), ...irs } }
}

/** Where the members live on the proposal's US map, counted by ZIP area (a tenth of a degree), never by member. */
function membersMap(groups: readonly PlanMemberGroup[]): ProposalMap {
  const areas = new Map<string, { id: string; latitude: number; longitude: number; members: number }>()
  for (const group of groups) {
    const id = `${group.home.latitude.toFixed(1)},${group.home.longitude.toFixed(1)}`
    const area = areas.get(id) ?? { id, latitude: group.home.latitude, longitude: group.home.longitude, members: 0 }
    area.members += group.members
    areas.set(id, area)
  }
  const map = drawUsMap([...areas.values()])
  return { width: map.width, height: map.height, members: map.points.map((p) => ({ x: p.x, y: p.y, members: areas.get(p.id)!.members })) }
}

/** The scenario's centers, by name, with their place on the US map. */
function centersOf(network: Awaited<ReturnType<typeof loadDesign>>['network']): ProposalCenter[] {
  const centers = new Map<string, ProposalCenter & { latitude: number | null; longitude: number | null }>()
  for (const row of network) {
    const center = centers.get(row.facilityId) ?? {
      facilityId: row.facilityId, name: row.facilityName, city: row.city, state: row.state, procedures: [], x: null, y: null, latitude: row.latitude, longitude: row.longitude,
    }
    if (!center.procedures.includes(row.procedureCode)) center.procedures.push(row.procedureCode)
    centers.set(row.facilityId, center)
  }
  const located = [...centers.values()].flatMap((c) => (c.latitude !== null && c.longitude !== null ? [{ id: c.facilityId, latitude: c.latitude, longitude: c.longitude }] : []))
  const at = new Map(drawUsMap(located).points.map((p) => [p.id, p]))
  return [...centers.values()]
    .map(({ latitude: _lat, longitude: _lon, ...center }) => ({ ...center, x: at.get(center.facilityId)?.x ?? null, y: at.get(center.facilityId)?.y ?? null }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.facilityId.localeCompare(b.facilityId))
}

/** One scenario's figures on the client's census, in the proposal's shape. */
async function scenarioFigures(
  db: Kysely<Database>,
  scope: EmployerScope,
  scenario: { id: string; name: string; doc: ScenarioDocument },
  members: ClientMembers,
  now: Date,
): Promise<ProposalScenario> {
  const design = await loadDesign(db, scenario.doc)
  const projection = await getProgramProjection(design, scope, scenario.doc.assumptions, now)
  const facilityIds = [...new Set(design.network.map((n) => n.facilityId))]
  const measures = await listMeasuresOfFacilities(db, facilityIds)
  const better = (code: string) => facilityIds.filter((id) => measures.some((m) => m.facilityId === id && m.measureCode === code && m.comparison === 'better')).length
  const stars = [...new Map(design.network.map((n) => [n.facilityId, n.starRating])).values()].filter((s): s is number => s !== null)
  const rows = projection?.rows ?? []
  const programCases = rows.reduce((sum, r) => sum + r.programCases, 0)
  const memberPaid = rows.reduce((sum, r) => sum + (r.memberCostPerCaseCents ?? 0) * r.programCases, 0)
  // The member cost made up by plan: the projection's own cases (same incidence, adoption, nearest center).
  const projected = design.procedures.map((p) => ({
    code: p.code,
    incidencePerThousand: scenario.doc.assumptions.incidence[p.code] ?? p.incidencePerThousand,
    centers: design.network
      .filter((row) => row.procedureId === p.id && row.latitude !== null && row.longitude !== null)
      .map((row) => ({ facilityId: row.facilityId, location: { latitude: row.latitude!, longitude: row.longitude! }, bundleCents: row.bundlePriceCents })),
  }))
  const b = scenario.doc.benefit
  const memberCost = projection
    ? explainMemberCost(members.groups, projected, scenario.doc.assumptions.adoptionRate, { deductibleWaived: b.deductibleWaived === 1, coinsuranceWaived: b.coinsuranceWaived === 1, copayCents: b.coeCopayCents }, members.irsMinimum)
    : null
  return {
    id: scenario.id,
    name: scenario.name,
    isRecommended: false,
    procedures: design.procedures.map((p) => ({ code: p.code, name: p.name })),
    centerCount: facilityIds.length,
    ...ruleLines(scenario.doc),
    design: designOf(scenario.doc, design.procedures),
    centers: centersOf(design.network),
    memberCost,
    metrics: {
      expectedCases: projection?.total.expectedCases ?? 0,
      programCases,
      spendWithoutProgramCents: projection?.total.spendWithoutProgramCents ?? 0,
      spendWithProgramCents: projection?.total.spendWithProgramCents ?? 0,
      netSavingsCents: projection?.total.netSavingsCents ?? 0,
      savingsRate: projection && projection.total.spendWithoutProgramCents > 0 ? projection.total.netSavingsCents / projection.total.spendWithoutProgramCents : null,
      memberCostPerCaseCents: programCases > 0 ? Math.round(memberPaid / programCases) : null,
      access: rows.map((r) => ({ code: r.code, ...r.access })),
      quality: {
        centers: facilityIds.length,
        averageStars: stars.length ? Math.round((stars.reduce((a, b) => a + b, 0) / stars.length) * 10) / 10 : null,
        betterComplicationShare: facilityIds.length ? better('COMP_HIP_KNEE') / facilityIds.length : 0,
        betterReadmissionShare: facilityIds.length ? better('READM_30_HIP_KNEE') / facilityIds.length : 0,
      },
    },
  }
}

const ASSUMPTION_LINES = (scenarios: ReadonlyArray<{ name: string; doc: ScenarioDocument }>) => [
  ...scenarios.map((s) => `${s.name}: ${Math.round(s.doc.assumptions.adoptionRate * 100)}% of expected cases use the program; the rest stay outside under its outside rule.`),
  "Expected cases = covered members × the catalog's yearly incidence per 1,000; each program case goes to the nearest in-network center, with its travel.",
  "Typical local price outside the program: the median for each member's state (national when a state has none); members start the plan year with nothing paid.",
]

/** The comparison's sources, said from the networks' own offers and CMS facts (issue 19). */
async function comparisonSources(db: Kysely<Database>, docs: readonly ScenarioDocument[]): Promise<string[]> {
  const offerIds = [...new Set(docs.flatMap((doc) => doc.network.map((n) => n.offerId)))]
  const procedureIds = new Set(docs.flatMap((doc) => doc.procedureIds))
  const [offers, procedures, cmsImportedAt, multiplier] = await Promise.all([
    listOffersAsNetwork(db, offerIds),
    listProcedures(db),
    findLatestCmsImportDate(db),
    findPriceFactor(db, COMMERCIAL_MULTIPLIER_KEY),
  ])
  const facts = await listMeasuresOfFacilities(db, [...new Set(offers.map((o) => o.facilityId))])
  return describeSources({
    facts,
    offers: offers.length,
    demoOffers: offers.filter((o) => o.isDemo).length,
    cmsImportedOn: cmsImportedAt ?? null,
    medicareBaseSources: procedures.filter((p) => procedureIds.has(p.id) && p.medicareBaseSource).map((p) => `${p.name}: ${p.medicareBaseSource}`),
    multiplierSource: multiplier ? `${multiplier.value}, ${multiplier.source}` : null,
  })
}

/** The United States outlines the proposal's maps are drawn on (the snapshot keeps only the points). */
export function proposalStatesPath(): string {
  return drawUsMap([]).statesPath
}

/**
 * 2–4 of this firm's scenarios for the client, side by side: figures, design, member cost made
 * up by plan, and one members map on which each scenario's centers are drawn.
 */
export async function compareScenarios(actor: Actor, scope: EmployerScope, scenarioIds: readonly string[], now = new Date()) {
  const db = getDb()
  const employer = await requireClient(db, scope)
  const scenarios = await Promise.all(scenarioIds.map((id) => requireScenario(db, actor, scope, id)))
  const procedureIds = new Set(scenarios.flatMap((s) => s.doc.procedureIds))
  const members = await clientMembers(db, scope, (await listProcedures(db)).filter((p) => procedureIds.has(p.id)), now)
  const figures: ProposalScenario[] = []
  for (const s of scenarios) figures.push(await scenarioFigures(db, scope, { id: s.id, name: s.name, doc: s.doc }, members, now))
  const coveredMembers = await countCoveredMembers(db, scope, toIsoDate(now))
  return {
    employer: { id: employer.id, name: employer.name },
    coveredMembers,
    scenarios: figures,
    map: membersMap(members.groups),
    statesPath: proposalStatesPath(),
    assumptions: ASSUMPTION_LINES(scenarios.map((s) => ({ name: s.name, doc: s.doc }))),
    sources: await comparisonSources(db, scenarios.map((s) => s.doc)),
  }
}

/** Freezes a comparison as a proposal: the snapshot of figures and the recommended scenario's design. */
export async function createProposal(actor: Actor, scope: EmployerScope, input: { title: string; scenarioIds: string[]; recommendedId: string }, now = new Date()) {
  const db = getDb()
  const compared = await compareScenarios(actor, scope, input.scenarioIds, now)
  const recommended = await requireScenario(db, actor, scope, input.recommendedId)
  const snapshot: ProposalSnapshot = {
    title: input.title,
    brokerName: actor.organizationName,
    brokerContact: { name: actor.displayName, email: actor.email },
    clientName: compared.employer.name,
    createdAt: now.toISOString(),
    coveredMembers: compared.coveredMembers,
    scenarios: compared.scenarios.map((s) => ({ ...s, isRecommended: s.id === input.recommendedId })),
    map: compared.map,
    assumptions: compared.assumptions,
    sources: compared.sources,
  }
  const id = newId()
  const at = now.toISOString()
  await db.transaction().execute(async (trx) => {
    await insertProposal(trx, {
      id, employerId: scope.employerId, brokerOrganizationId: actor.organizationId, title: input.title, recommendedScenarioId: recommended.id,
      recommendedDocument: JSON.stringify(recommended.doc), snapshot: JSON.stringify(snapshot), createdAt: at, createdByUserId: actor.userId, sharedAt: null,
      adoptedAt: null, adoptedProgramId: null,
    })
    await insertAuditEntry(trx, actor, { action: 'proposal.created', subjectType: 'proposal', subjectId: id, employerId: scope.employerId, at })
  })
  return id
}

export async function getBrokerProposal(actor: Actor, scope: EmployerScope, proposalId: string) {
  const found = await findBrokerProposal(getDb(), scope, actor.organizationId, proposalId)
  if (!found) throw notFound('Proposal')
  return { id: found.id, sharedAt: found.sharedAt, adoptedAt: found.adoptedAt, snapshot: readProposalSnapshot(found.snapshot), statesPath: proposalStatesPath() }
}

/** Shares a proposal with the client's admins (once). */
export async function shareProposal(actor: Actor, scope: EmployerScope, proposalId: string, now = new Date()) {
  const db = getDb()
  const found = await findBrokerProposal(db, scope, actor.organizationId, proposalId)
  if (!found) throw notFound('Proposal')
  const at = now.toISOString()
  await db.transaction().execute(async (trx) => {
    if ((await updateProposal(trx, proposalId, { sharedAt: at }, 'unshared')) === 0) return
    await insertAuditEntry(trx, actor, { action: 'proposal.shared', subjectType: 'proposal', subjectId: proposalId, employerId: scope.employerId, at })
  })
}
