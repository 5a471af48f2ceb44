import type { Kysely } from 'kysely'

/**
 * Issue 20, item 4: the travel estimate's lodging is nights away from home (DESIGN §4: the
 * pre-operative visit, the hospital stay and the recovery the center asks for before travel
 * home), not the hospital stay alone (procedures.typical_nights: 1 for a hip or knee). Each catalog
 * procedure gets its nights away and where the figure comes from; a program's travel rule
 * (program_travel_rules.lodging_nights) may still override it. Procedures the platform admin
 * added get their hospital nights plus the pre-operative night, marked as such, until the admin
 * sets the real figure. The values are copied here, not imported, so the migration stays frozen.
 */
const NIGHTS_AWAY: Record<string, [number, string]> = {
  TKA: [
    5,
    "5 nights: 1 before surgery for the pre-operative visit, 1 in hospital, 3 nearby until the center clears travel home. Cross-check: PBGH's Employers Centers of Excellence Network: joint-replacement patients could be out of town 7 to 12 days when stays were about 3 days (Managed Healthcare Executive).",
  ],
  THA: [
    5,
    "5 nights: 1 before surgery for the pre-operative visit, 1 in hospital, 3 nearby until the center clears travel home. Cross-check: PBGH's Employers Centers of Excellence Network: joint-replacement patients could be out of town 7 to 12 days when stays were about 3 days (Managed Healthcare Executive).",
  ],
  SPINE_FUSION: [
    7,
    "7 nights: 1 before surgery for the pre-operative visit, 3 in hospital, 3 nearby until the surgeon's wound check clears travel home. Platform catalog estimate; set the center's own figure when it asks for more.",
  ],
  BARIATRIC_SLEEVE: [
    4,
    "4 nights: 1 before surgery for the in-person consultation out-of-town patients are asked to come a day early for (e.g. Lumin Bariatric, Traveling / Out of Town Patients), 1 in hospital, 2 nearby until travel is cleared. Platform catalog estimate.",
  ],
  CABG: [
    11,
    '11 nights: 2 before surgery for outpatient pre-operative testing (Cleveland Clinic heart surgery: patients come a few days before surgery as outpatients), 6 in hospital, 3 nearby before travel home. Platform catalog estimate.',
  ],
  CANCER_2ND_OPINION: [
    2,
    "2 nights: arrive the evening before, a day of tests and specialist visits, the team's review the next day (Mayo Clinic, Itinerary: What's a typical visit like at Mayo Clinic). Platform catalog estimate.",
  ],
}

const OTHER_SOURCE = 'Set when nights away were added: the hospital nights plus 1 pre-operative night, without recovery nights. Set the real figure.'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('procedures').addColumn('nights_away', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.alterTable('procedures').addColumn('nights_away_source', 'text', (c) => c.notNull().defaultTo('')).execute()
  for (const [code, [nights, source]] of Object.entries(NIGHTS_AWAY)) {
    await db.updateTable('procedures').set({ nights_away: nights, nights_away_source: source }).where('code', '=', code).execute()
  }
  await db
    .updateTable('procedures')
    .set((eb) => ({ nights_away: eb('typical_nights', '+', 1), nights_away_source: OTHER_SOURCE }))
    .where('nights_away_source', '=', '')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('procedures').dropColumn('nights_away_source').execute()
  await db.schema.alterTable('procedures').dropColumn('nights_away').execute()
}
