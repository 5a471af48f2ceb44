import Ajv from 'ajv'
import { describe, expect, it } from 'vitest'
import schema from '~/domain/tic/in-network-rates.schema.json'
import {
  NO_EXPIRATION_DATE,
  MissingProviderIdError,
  cptVersion,
  expirationDateOf,
  msDrgVersion,
  ticItemsOfProcedure,
  writeInNetworkRates,
  type TicRate,
  type TicSection,
} from '~/domain/tic/in-network-rates'

const validate = new Ajv({ allErrors: true }).compile(schema)

const HEADER = { reportingEntityName: 'Acme Manufacturing', reportingEntityType: 'group health plan', planName: 'Acme Manufacturing group health plan', planSponsorEin: '311234567', lastUpdatedOn: '2026-12-06' }
const TKA = { code: 'TKA', name: 'Total knee replacement', drgCodes: ['470', '469'] }
const SECOND_OPINION = { code: 'CANCER_2ND_OPINION', name: 'Cancer second opinion', drgCodes: [] }

async function* each<T>(values: readonly T[]): AsyncGenerator<T> {
  for (const value of values) yield value
}

async function write(sections: TicSection[]) {
  let text = ''
  for await (const chunk of writeInNetworkRates(HEADER, each(sections))) text += chunk
  return text
}

const RATE_A: TicRate = { tin: '311234567', npi: '1234567893', rateCents: 2_850_050, expirationDate: '2027-06-30' }
const RATE_B: TicRate = { tin: '311234567', npi: '1003000126', rateCents: 3_100_000, expirationDate: NO_EXPIRATION_DATE }

async function sampleFile() {
  const [drg469, drg470] = ticItemsOfProcedure(TKA, '2026-12-06')
  const [local] = ticItemsOfProcedure(SECOND_OPINION, '2026-12-06')
  return JSON.parse(
    await write([
      { item: drg469!, rates: each([RATE_A, RATE_B]) },
      { item: drg470!, rates: each([RATE_A, RATE_B]) },
      { item: local!, rates: each([{ ...RATE_B, rateCents: 150_000 }]) },
    ]),
  ) as Record<string, unknown> & { in_network: Array<Record<string, unknown> & { negotiated_rates: Array<Record<string, unknown>> }>; provider_references: unknown[] }
}

describe('billing codes of a bundle', () => {
  it.each<[string, string]>([
    ['2026-09-30', '43'], // federal fiscal year 2026
    ['2026-10-01', '44'],
    ['2026-12-06', '44'],
    ['2025-10-01', '43'],
  ])('MS-DRG version on %s is v%s', (date, version) => {
    expect(msDrgVersion(date)).toBe(version)
  })

  it('a knee replacement is paid under MS-DRG 469 and 470 (institutional) and bundles the surgeon\'s CPT 27447', () => {
    const items = ticItemsOfProcedure(TKA, '2026-12-06')
    expect(items.map((i) => [i.code.billingCodeType, i.code.billingCode, i.billingClass])).toEqual([
      ['MS-DRG', '469', 'institutional'],
      ['MS-DRG', '470', 'institutional'],
    ])
    expect(items[0]!.bundledCodes).toEqual([expect.objectContaining({ billingCodeType: 'CPT', billingCode: '27447', billingCodeTypeVersion: cptVersion('2026-12-06') })])
    expect(items[1]!.code.description).toBe('Major hip and knee joint replacement or reattachment of lower extremity without MCC')
  })

  it('a hip replacement bundles CPT 27130', () => {
    expect(ticItemsOfProcedure({ code: 'THA', name: 'Total hip replacement', drgCodes: ['469', '470'] }, '2026-12-06')[0]!.bundledCodes[0]!.billingCode).toBe('27130')
  })

  it('a procedure without MS-DRG is one LOCAL professional item under its catalog code', () => {
    expect(ticItemsOfProcedure(SECOND_OPINION, '2026-12-06')).toEqual([
      expect.objectContaining({ code: expect.objectContaining({ billingCodeType: 'LOCAL', billingCode: 'CANCER_2ND_OPINION' }), billingClass: 'professional', bundledCodes: [] }),
    ])
  })
})

describe('expiration date', () => {
  it.each<[string | null, string | null, string | null, string]>([
    ['2027-12-31', '2027-06-30', '2028-01-01', '2027-12-31'], // the signed contract fixes the rate
    [null, '2027-06-30', '2028-01-01', '2027-06-30'],
    [null, null, '2028-01-01', '2028-01-01'],
    [null, null, null, '9999-12-31'],
  ])('contract %s, offer %s, program %s → %s', (contractPeriodEnd, offerValidTo, programEnd, expected) => {
    expect(expirationDateOf({ contractPeriodEnd, offerValidTo, programEnd })).toBe(expected)
  })
})

describe('writeInNetworkRates', () => {
  it('writes a file that parses and validates against the project schema (guide 1.0.0)', async () => {
    const file = await sampleFile()
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true)
    expect(file).toMatchObject({ plan_id_type: 'EIN', plan_id: '311234567', plan_market_type: 'group', version: '1.0.0', last_updated_on: '2026-12-06' })
    expect(file.in_network).toHaveLength(3)
    expect(file.in_network[0]).toMatchObject({ negotiation_arrangement: 'bundle', billing_code_type: 'MS-DRG', billing_code: '469', billing_code_type_version: '44' })
    expect(file.in_network[0]!.negotiated_rates).toEqual([
      { provider_references: [1], negotiated_prices: [{ negotiated_type: 'negotiated', negotiated_rate: 28500.5, expiration_date: '2027-06-30', billing_class: 'institutional' }] },
      { provider_references: [2], negotiated_prices: [{ negotiated_type: 'negotiated', negotiated_rate: 31000, expiration_date: '9999-12-31', billing_class: 'institutional' }] },
    ])
    expect(file.in_network[2]!.negotiated_rates[0]).toEqual({
      provider_references: [2],
      negotiated_prices: [{ negotiated_type: 'negotiated', negotiated_rate: 1500, expiration_date: '9999-12-31', billing_class: 'professional', service_code: ['11', '22'] }],
    })
    // One provider group per distinct TIN + NPI, however many rates name it.
    expect(file.provider_references).toEqual([
      { provider_group_id: 1, provider_groups: [{ npi: [1234567893], tin: { type: 'ein', value: '31-1234567' } }] },
      { provider_group_id: 2, provider_groups: [{ npi: [1003000126], tin: { type: 'ein', value: '31-1234567' } }] },
    ])
  })

  it('leaves out an item with no rate and still writes a valid file when there is nothing at all', async () => {
    const [drg469] = ticItemsOfProcedure(TKA, '2026-12-06')
    const file = JSON.parse(await write([{ item: drg469!, rates: each([]) }]))
    expect(file.in_network).toEqual([])
    expect(file.provider_references).toEqual([])
    expect(validate(file)).toBe(true)
  })

  it('streams a large file in chunks of about 64 KB that join into valid JSON', async () => {
    const [drg470] = ticItemsOfProcedure(TKA, '2026-12-06')
    const rates = Array.from({ length: 3000 }, (_, i) => ({ ...RATE_A, npi: '1234567893', rateCents: 2_000_000 + i }))
    const chunks: string[] = []
    for await (const chunk of writeInNetworkRates(HEADER, each([{ item: drg470!, rates: each(rates) }]))) chunks.push(chunk)
    expect(chunks.length).toBeGreaterThan(3)
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(70 * 1024)
    const file = JSON.parse(chunks.join(''))
    expect(file.in_network[0].negotiated_rates).toHaveLength(3000)
    expect(validate(file)).toBe(true)
  })

  it('refuses a rate without TIN or NPI instead of writing it', async () => {
    const [drg470] = ticItemsOfProcedure(TKA, '2026-12-06')
    await expect(write([{ item: drg470!, rates: each([{ ...RATE_A, npi: '' }]) }])).rejects.toBeInstanceOf(MissingProviderIdError)
  })
})

describe('the schema catches what the guide forbids', () => {
  type Mutation = (file: any) => void
  it.each<[string, Mutation]>([
    ['a missing required top-level field (last_updated_on)', (f) => delete f.last_updated_on],
    ['a misspelled top-level field (reporting_entity_nme)', (f) => { f.reporting_entity_nme = f.reporting_entity_name; delete f.reporting_entity_name }],
    ['a misspelled optional field (bundle_codes for bundled_codes)', (f) => { f.in_network[0].bundle_codes = f.in_network[0].bundled_codes; delete f.in_network[0].bundled_codes }],
    ['a missing billing_code_type_version', (f) => delete f.in_network[0].billing_code_type_version],
    ['an unknown negotiation_arrangement', (f) => { f.in_network[0].negotiation_arrangement = 'bundled' }],
    ['an unknown billing_code_type', (f) => { f.in_network[0].billing_code_type = 'DRG' }],
    ['an unknown negotiated_type', (f) => { f.in_network[0].negotiated_rates[0].negotiated_prices[0].negotiated_type = 'contracted' }],
    ['a rate as a string', (f) => { f.in_network[0].negotiated_rates[0].negotiated_prices[0].negotiated_rate = '28500.50' }],
    ['an expiration date that is not YYYY-MM-DD', (f) => { f.in_network[0].negotiated_rates[0].negotiated_prices[0].expiration_date = '06/30/2027' }],
    ['a professional price without service_code', (f) => { delete f.in_network[2].negotiated_rates[0].negotiated_prices[0].service_code }],
    ['a rate naming no provider', (f) => delete f.in_network[0].negotiated_rates[0].provider_references],
    ['a rate naming providers both ways', (f) => { f.in_network[0].negotiated_rates[0].provider_groups = [] }],
    ['a provider group without TIN', (f) => delete f.provider_references[0].provider_groups[0].tin],
    ['a TIN of unknown type', (f) => { f.provider_references[0].provider_groups[0].tin.type = 'ssn' }],
    ['an NPI written as a string', (f) => { f.provider_references[0].provider_groups[0].npi = ['1234567893'] }],
    ['a provider reference without groups or location', (f) => delete f.provider_references[0].provider_groups],
    ['plan_name without the other plan fields', (f) => delete f.plan_id],
    ['an unknown plan_market_type', (f) => { f.plan_market_type = 'employer' }],
  ])('%s fails', async (_name, mutate) => {
    const file = await sampleFile()
    expect(validate(file)).toBe(true)
    mutate(file)
    expect(validate(file)).toBe(false)
  })
})
