import type { Migration } from 'kysely';
import * as platform from './20261129T0600_platform.ts';
import * as initiatives from './20261129T0700_initiatives.ts';
import * as governance from './20261129T0710_governance.ts';
import * as systemsChangeTa from './20261129T0720_systems_change_ta.ts';
import * as participants from './20261201T0900_participants.ts';
import * as outcomes from './20261202T0900_outcomes.ts';
import * as participantSearch from './20261202T1000_participant_search.ts';
import * as employers from './20261203T0900_employers.ts';
import * as directory from './20261204T0900_directory.ts';
import * as indicators from './20261206T0900_indicators.ts';
import * as surveys from './20261210T0900_surveys.ts';
import * as referralEscalation from './20261210T1000_referral_escalation.ts';
import * as selfReferral from './20261210T1100_self_referral.ts';
import * as outcomesMore from './20261210T1400_outcomes_more.ts';
import * as partnershipMore from './20261210T1500_partnership_more.ts';
import * as participantsMore from './20261210T1600_participants_more.ts';
import * as initiativeLinks from './20261212T0900_initiative_links.ts';
import * as holidaysLanguages from './20261212T1300_holidays_languages.ts';
import * as hsdsTenantKeys from './20261212T1400_hsds_tenant_keys.ts';
import * as jobOrderFill from './20261212T1700_job_order_fill.ts';
import * as wageImportJob from './20261213T1000_wage_import_job.ts';
import * as participantSearchOrg from './20261213T1300_participant_search_org.ts';
import * as matchProfile from './20261213T1400_match_profile.ts';
import * as referralSentIndex from './20261214T0900_referral_sent_index.ts';
import * as wagePartitions from './20261215T0900_wage_partitions.ts';

// Every migration, in order. A new migration is a new timestamped file, listed here.
export const migrations: Record<string, Migration> = {
  '20261129T0600_platform': platform,
  '20261129T0700_initiatives': initiatives,
  '20261129T0710_governance': governance,
  '20261129T0720_systems_change_ta': systemsChangeTa,
  '20261201T0900_participants': participants,
  '20261202T0900_outcomes': outcomes,
  '20261202T1000_participant_search': participantSearch,
  '20261203T0900_employers': employers,
  '20261204T0900_directory': directory,
  '20261206T0900_indicators': indicators,
  '20261210T0900_surveys': surveys,
  '20261210T1000_referral_escalation': referralEscalation,
  '20261210T1100_self_referral': selfReferral,
  '20261210T1400_outcomes_more': outcomesMore,
  '20261210T1500_partnership_more': partnershipMore,
  '20261210T1600_participants_more': participantsMore,
  '20261212T0900_initiative_links': initiativeLinks,
  '20261212T1300_holidays_languages': holidaysLanguages,
  '20261212T1400_hsds_tenant_keys': hsdsTenantKeys,
  '20261212T1700_job_order_fill': jobOrderFill,
  '20261213T1000_wage_import_job': wageImportJob,
  '20261213T1300_participant_search_org': participantSearchOrg,
  '20261213T1400_match_profile': matchProfile,
  '20261214T0900_referral_sent_index': referralSentIndex,
  '20261215T0900_wage_partitions': wagePartitions,
};
