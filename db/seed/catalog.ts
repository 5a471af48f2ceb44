/** The procedure catalog and price factors of the demo (and default) marketplace. */

const CATALOG_ESTIMATE =
  'Platform catalog default: estimate for a commercially insured under-65 population; adjust per employer'

/** Nights away from home for a hip or knee (DESIGN §4; the same figures as migration 2026-12-06T1000_procedure_nights_away). */
const JOINT_NIGHTS_AWAY =
  "5 nights: 1 before surgery for the pre-operative visit, 1 in hospital, 3 nearby until the center clears travel home. Cross-check: PBGH's Employers Centers of Excellence Network: joint-replacement patients could be out of town 7 to 12 days when stays were about 3 days (Managed Healthcare Executive)."

export const PROCEDURES = [
  {
    code: 'TKA',
    name: 'Total knee replacement',
    description: 'Replacing a worn-out knee joint with an artificial one, for severe arthritis pain that other treatment has not relieved.',
    drgCodes: ['469', '470'],
    typicalNights: 1,
    nightsAway: 5,
    nightsAwaySource: JOINT_NIGHTS_AWAY,
    incidencePerThousand: 1.6,
    medicareBaseCents: 2_253_000,
    medicareBaseSource: 'CMS Payment-National PAYM_90_HIP_KNEE (90-day hip/knee episode), July 2024 release: $22,530',
    inclusions: ['Hospital stay', 'Surgeon', 'Anesthesia', 'Implant', 'Physical therapy in hospital', '90-day complication warranty'],
  },
  {
    code: 'THA',
    name: 'Total hip replacement',
    description: 'Replacing a damaged hip joint with an artificial one, most often because of arthritis.',
    drgCodes: ['469', '470'],
    typicalNights: 1,
    nightsAway: 5,
    nightsAwaySource: JOINT_NIGHTS_AWAY,
    incidencePerThousand: 1.0,
    medicareBaseCents: 2_253_000,
    medicareBaseSource: 'CMS Payment-National PAYM_90_HIP_KNEE (90-day hip/knee episode), July 2024 release: $22,530',
    inclusions: ['Hospital stay', 'Surgeon', 'Anesthesia', 'Implant', 'Physical therapy in hospital', '90-day complication warranty'],
  },
  {
    code: 'SPINE_FUSION',
    name: 'Lumbar spinal fusion',
    description: 'Joining two or more bones of the lower back so they heal into one, to stop painful movement.',
    drgCodes: ['459', '460'],
    typicalNights: 3,
    nightsAway: 7,
    nightsAwaySource: "7 nights: 1 before surgery for the pre-operative visit, 3 in hospital, 3 nearby until the surgeon's wound check clears travel home. Platform catalog estimate; set the center's own figure when it asks for more.",
    incidencePerThousand: 1.2,
    medicareBaseCents: 3_200_000,
    medicareBaseSource: `${CATALOG_ESTIMATE} (Medicare episode for MS-DRG 459/460, estimate)`,
    inclusions: ['Hospital stay', 'Surgeon', 'Anesthesia', 'Hardware', 'Imaging', '90-day complication warranty'],
  },
  {
    code: 'BARIATRIC_SLEEVE',
    name: 'Sleeve gastrectomy (weight-loss surgery)',
    description: 'Removing most of the stomach so you feel full sooner, for people with severe obesity.',
    drgCodes: ['619', '620', '621'],
    typicalNights: 1,
    nightsAway: 4,
    nightsAwaySource: "4 nights: 1 before surgery for the in-person consultation out-of-town patients are asked to come a day early for (e.g. Lumin Bariatric, Traveling / Out of Town Patients), 1 in hospital, 2 nearby until travel is cleared. Platform catalog estimate.",
    incidencePerThousand: 0.8,
    medicareBaseCents: 1_450_000,
    medicareBaseSource: `${CATALOG_ESTIMATE} (Medicare episode for MS-DRG 619-621, estimate)`,
    inclusions: ['Hospital stay', 'Surgeon', 'Anesthesia', 'Nutrition counseling', '90-day complication warranty'],
  },
  {
    code: 'CABG',
    name: 'Coronary artery bypass (heart bypass)',
    description: 'Open-heart surgery that routes blood around blocked heart arteries.',
    drgCodes: ['233', '234', '235', '236'],
    typicalNights: 6,
    nightsAway: 11,
    nightsAwaySource: '11 nights: 2 before surgery for outpatient pre-operative testing (Cleveland Clinic heart surgery: patients come a few days before surgery as outpatients), 6 in hospital, 3 nearby before travel home. Platform catalog estimate.',
    incidencePerThousand: 0.3,
    medicareBaseCents: 4_800_000,
    medicareBaseSource: `${CATALOG_ESTIMATE} (Medicare episode for MS-DRG 233-236, estimate)`,
    inclusions: ['Hospital stay incl. intensive care', 'Surgeon', 'Anesthesia', 'Cardiac rehabilitation referral', '90-day complication warranty'],
  },
  {
    code: 'CANCER_2ND_OPINION',
    name: 'Cancer second opinion',
    description: "An expert team reviews a cancer diagnosis and treatment plan before treatment starts; no hospital stay.",
    drgCodes: [] as string[],
    typicalNights: 0,
    nightsAway: 2,
    nightsAwaySource: "2 nights: arrive the evening before, a day of tests and specialist visits, the team's review the next day (Mayo Clinic, Itinerary: What's a typical visit like at Mayo Clinic). Platform catalog estimate.",
    incidencePerThousand: 2.0,
    medicareBaseCents: 120_000,
    medicareBaseSource: `${CATALOG_ESTIMATE} (specialist review and pathology re-read, estimate)`,
    inclusions: ['Pathology review', 'Imaging review', 'Multidisciplinary tumor board', 'Written treatment recommendation'],
  },
] as const

export type ProcedureCode = (typeof PROCEDURES)[number]['code']

export const INCIDENCE_SOURCE = CATALOG_ESTIMATE
export const NIGHTS_SOURCE = 'Platform catalog default: typical inpatient length of stay for an uncomplicated case'

/**
 * Bundled-price ranges of the demo offers, in dollars: made up by the seed (offers.is_demo = 1,
 * labelled "Demo offer"), never a real hospital's price.
 */
export const OFFER_PRICE_RANGE: Record<ProcedureCode, [number, number]> = {
  TKA: [24_000, 34_000],
  THA: [25_000, 35_000],
  SPINE_FUSION: [45_000, 70_000],
  BARIATRIC_SLEEVE: [14_000, 21_000],
  CABG: [55_000, 80_000],
  CANCER_2ND_OPINION: [1_500, 3_000],
}

export const PRICE_FACTORS = [
  {
    key: 'commercial_multiplier',
    value: 2.54,
    unit: 'ratio',
    source: 'RAND Employer Price Transparency Study, round 5.1: private plans paid 254% of Medicare prices in 2022',
  },
  { key: 'irs_hdhp_min_deductible_self_2026', value: 170_000, unit: 'cents', source: 'IRS Rev. Proc. 2025-19: 2026 HDHP minimum deductible, self-only coverage ($1,700)' },
  { key: 'irs_hdhp_min_deductible_family_2026', value: 340_000, unit: 'cents', source: 'IRS Rev. Proc. 2025-19: 2026 HDHP minimum deductible, family coverage ($3,400)' },
  { key: 'platform_fee_cents', value: 50_000, unit: 'cents', source: 'Platform default fee per completed case' },
] as const
