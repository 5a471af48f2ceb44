import type { Kysely } from 'kysely'
import type { Dialect } from '../dialect'
import * as createSchema from './2026-11-22T1300_create_schema'
import * as emailOutbox from './2026-11-23T1800_email_outbox'
import * as scenariosProposals from './2026-11-23T1900_scenarios_proposals'
import * as auditAppendOnly from './2026-11-23T2100_audit_log_append_only'
import * as userLanguage from './2026-11-23T2200_user_language'
import * as trustedEligibility from './2026-12-04T1900_trusted_eligibility'
import * as auditActorLabel from './2026-12-04T2300_audit_actor_label'
import * as facilitySearchKeys from './2026-12-04T2310_facility_search_keys'
import * as cmsHistory from './2026-12-04T2330_cms_history'
import * as demoOffers from './2026-12-05T0300_demo_offers'
import * as procedureNightsAway from './2026-12-06T1000_procedure_nights_away'
import * as caseContactPhone from './2026-12-06T1010_case_contact_phone'
import * as contracts from './2026-12-06T1100_contracts'
import * as contractPeriodsWarranty from './2026-12-06T1200_contract_periods_warranty'
import * as careTeamOnboarding from './2026-12-07T1000_care_team_onboarding'
import * as coalitions from './2026-12-08T1000_coalitions'
import * as offerTinNpi from './2026-12-08T1100_offer_tin_npi'
import * as jobs from './2026-12-09T1000_jobs'
import * as rosterCoverageZipIndex from './2026-12-09T1100_roster_coverage_zip_index'
import * as rateLimits from './2026-12-09T1500_rate_limits'
import * as generatedFiles from './2026-12-10T1000_generated_files'
import * as careNetworkStamp from './2026-12-10T1300_care_network_stamp'
import * as dropRosterMatchIndex from './2026-12-10T1400_drop_roster_match_index'
import * as careNetworkPrograms from './2026-12-10T1500_care_network_programs'

export interface DialectMigration {
  up(db: Kysely<any>, dialect: Dialect): Promise<void>
  down?(db: Kysely<any>, dialect: Dialect): Promise<void>
}

/** Explicit, ordered list: a migration's name is its file name; never rename or reorder. */
export const migrations: Record<string, DialectMigration> = {
  '2026-11-22T1300_create_schema': createSchema,
  '2026-11-23T1800_email_outbox': emailOutbox,
  '2026-11-23T1900_scenarios_proposals': scenariosProposals,
  '2026-11-23T2100_audit_log_append_only': auditAppendOnly,
  '2026-11-23T2200_user_language': userLanguage,
  '2026-12-04T1900_trusted_eligibility': trustedEligibility,
  '2026-12-04T2300_audit_actor_label': auditActorLabel,
  '2026-12-04T2310_facility_search_keys': facilitySearchKeys,
  '2026-12-04T2330_cms_history': cmsHistory,
  '2026-12-05T0300_demo_offers': demoOffers,
  '2026-12-06T1000_procedure_nights_away': procedureNightsAway,
  '2026-12-06T1010_case_contact_phone': caseContactPhone,
  '2026-12-06T1100_contracts': contracts,
  '2026-12-06T1200_contract_periods_warranty': contractPeriodsWarranty,
  '2026-12-07T1000_care_team_onboarding': careTeamOnboarding,
  '2026-12-08T1000_coalitions': coalitions,
  '2026-12-08T1100_offer_tin_npi': offerTinNpi,
  '2026-12-09T1000_jobs': jobs,
  '2026-12-09T1100_roster_coverage_zip_index': rosterCoverageZipIndex,
  '2026-12-09T1500_rate_limits': rateLimits,
  '2026-12-10T1000_generated_files': generatedFiles,
  '2026-12-10T1300_care_network_stamp': careNetworkStamp,
  '2026-12-10T1400_drop_roster_match_index': dropRosterMatchIndex,
  '2026-12-10T1500_care_network_programs': careNetworkPrograms,
}
