/** The procedure catalog and price factors of the demo (and default) marketplace. */

const CATALOG_ESTIMATE =
  'Platform catalog default: estimate for a commercially insured under-65 population; adjust per employer'

export const PROCEDURES = [
  {
    code: 'TKA',
    name: 'Total knee replacement',
    description: 'Replacing a worn-out knee joint with an artificial one, for severe arthritis pain that other treatment has not relieved.',
    drgCodes: ['469', '470'],
    typicalNights: 1,
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
    incidencePerThousand: 2.0,
    medicareBaseCents: 120_000,
    medicareBaseSource: `${CATALOG_ESTIMATE} (specialist review and pathology re-read, estimate)`,
    inclusions: ['Pathology review', 'Imaging review', 'Multidisciplinary tumor board', 'Written treatment recommendation'],
  },
] as const

export type ProcedureCode = (typeof PROCEDURES)[number]['code']

export const INCIDENCE_SOURCE = CATALOG_ESTIMATE
export const NIGHTS_SOURCE = 'Platform catalog default: typical inpatient length of stay for an uncomplicated case'

/** Bundled-price ranges the demo health systems quote, in dollars. */
export const OFFER_PRICE_RANGE: Record<ProcedureCode, [number, number]> = {
  TKA: [24_000, 34_000],
  THA: [25_000, 35_000],
  SPINE_FUSION: [45_000, 70_000],
  BARIATRIC_SLEEVE: [14_000, 21_000],
  CABG: [55_000, 80_000],
  CANCER_2ND_OPINION: [1_500, 3_000],
}

export const ACCREDITATION: Record<ProcedureCode, string> = {
  TKA: 'The Joint Commission Advanced Certification for Total Hip and Total Knee Replacement',
  THA: 'The Joint Commission Advanced Certification for Total Hip and Total Knee Replacement',
  SPINE_FUSION: 'The Joint Commission Advanced Certification in Spine Surgery',
  BARIATRIC_SLEEVE: 'MBSAQIP Accredited Comprehensive Center',
  CABG: 'The Joint Commission Comprehensive Cardiac Center Certification',
  CANCER_2ND_OPINION: 'NCI-Designated Cancer Center',
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
