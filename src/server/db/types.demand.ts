import type { ColumnType } from 'kysely';

// Demand side (migrations/20261203T0900_employers.ts). Kept by hand beside types.ts.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateCol = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type NumericCol = ColumnType<string, number | string, number | string>;

export interface EmployerProfileTable {
  organization_id: string;
  tenant_id: string;
  size_band: string | null;
  ui_account: string | null;
  partnership_role: Defaulted<string>;
  account_owner_user_id: string | null;
  notes: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EmployerLocationTable {
  id: string;
  tenant_id: string;
  organization_id: string;
  name: string;
  address_line1: string | null;
  city: string | null;
  state_code: string | null;
  postal_code: string | null;
  county_fips: string;
  created_at: Timestamp;
}

export interface ContactTable {
  id: string;
  tenant_id: string;
  organization_id: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  /** The language emails to this contact are written in (20261212T1300_holidays_languages). */
  preferred_language: Defaulted<'en' | 'es'>;
  roles: Defaulted<string[]>;
  is_primary: Defaulted<boolean>;
  active: Defaulted<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InteractionTable {
  id: string;
  tenant_id: string;
  organization_id: string;
  contact_id: string | null;
  kind: 'call' | 'meeting' | 'site_visit' | 'event' | 'email';
  occurred_on: DateCol;
  summary: string;
  staff_user_id: string | null;
  follow_up_on: NullableDate;
  follow_up_note: string | null;
  follow_up_done_at: NullableTimestamp;
  created_by: string | null;
  created_at: Timestamp;
}

export interface LivingWageTable {
  id: string;
  tenant_id: string;
  county_fips: string;
  household_type: string;
  hourly_cents: number;
  source: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface JobOrderTable {
  id: string;
  tenant_id: string;
  organization_id: string;
  soc_code: string;
  title: string;
  description: string | null;
  openings: number;
  wage_min_cents: number;
  wage_max_cents: number;
  hours_per_week: NumericCol;
  shift: string;
  schedule: string;
  benefits: Defaulted<string[]>;
  advancement_pathway: Defaulted<boolean>;
  required_credentials: Defaulted<string[]>;
  required_skills: Defaulted<string[]>;
  location_id: string | null;
  county_fips: string;
  work_mode: string;
  opens_on: DateCol;
  closes_on: NullableDate;
  status: string;
  /** 'user' | 'hires' | 'closing_date': who set the current status (the system only undoes its own). */
  status_set_by: Defaulted<string>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EmployerServiceTable {
  id: string;
  tenant_id: string;
  organization_id: string;
  kind: string;
  service_date: DateCol;
  staff_user_id: string | null;
  cost_cents: Defaulted<number>;
  description: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CommitmentTable {
  id: string;
  tenant_id: string;
  organization_id: string;
  kind: string;
  description: string;
  target_quantity: number;
  due_on: NullableDate;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CommitmentFulfilmentTable {
  id: string;
  tenant_id: string;
  commitment_id: string;
  fulfilled_on: DateCol;
  quantity: number;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface JobPreferenceTable {
  participant_id: string;
  tenant_id: string;
  soc_codes: Defaulted<string[]>;
  shifts: Defaulted<string[]>;
  min_hourly_wage_cents: number | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** Derived from job preferences, plan goals, credentials and training by triggers (migration 20261213T1400). */
export interface ParticipantMatchProfileTable {
  participant_id: string;
  tenant_id: string;
  target_socs: Defaulted<string[]>;
  target_broad: Defaulted<string[]>;
  target_minor: Defaulted<string[]>;
  credential_titles: string | null;
  trained: Defaulted<boolean>;
  training_broad: Defaulted<string[]>;
  shifts: string[] | null;
  min_wage_cents: number | null;
  updated_at: Timestamp;
}

export interface CandidateReferralTable {
  id: string;
  tenant_id: string;
  job_order_id: string;
  organization_id: string;
  participant_id: string;
  status: string;
  categories: string[];
  consent_ids: string[];
  match_score: number | null;
  note: string | null;
  referred_on: DateCol;
  interviewing_on: NullableDate;
  offered_on: NullableDate;
  closed_on: NullableDate;
  hourly_wage_cents: number | null;
  start_date: NullableDate;
  employment_id: string | null;
  referred_by: string | null;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CountyAdjacencyTable {
  county_fips: string;
  neighbor_fips: string;
}

export interface DemandSideDB {
  employer_profile: EmployerProfileTable;
  employer_location: EmployerLocationTable;
  contact: ContactTable;
  interaction: InteractionTable;
  living_wage: LivingWageTable;
  job_order: JobOrderTable;
  employer_service: EmployerServiceTable;
  commitment: CommitmentTable;
  commitment_fulfilment: CommitmentFulfilmentTable;
  job_preference: JobPreferenceTable;
  participant_match_profile: ParticipantMatchProfileTable;
  candidate_referral: CandidateReferralTable;
  county_adjacency: CountyAdjacencyTable;
}
