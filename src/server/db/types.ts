import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { DemandSideDB } from './types.demand.ts';

// Table types, written to match migrations/. Kept by hand: a new migration updates this file.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface TenantTable {
  id: string;
  slug: string;
  name: string;
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
}

export interface UserTable {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  password_hash: string | null;
  /** Encrypted (platform/crypto.ts). */
  phone_enc: string | null;
  status: 'active' | 'invited' | 'disabled';
  locale: 'en' | 'es';
  last_sign_in_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrganizationTable {
  id: string;
  tenant_id: string;
  name: string;
  kind: string;
  description: string | null;
  ein: string | null;
  naics: string | null;
  email: string | null;
  website: string | null;
  phone: string | null;
  address_line1: string | null;
  city: string | null;
  state_code: string | null;
  postal_code: string | null;
  county_fips: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipTable {
  id: string;
  tenant_id: string;
  user_id: string;
  organization_id: string;
  role: string;
  created_at: Timestamp;
}

export interface SessionTable {
  id: string;
  tenant_id: string;
  user_id: string;
  token_hash: Buffer;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: string;
  tenant_id: string;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: Buffer;
  created_at: Timestamp;
  last_used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface UserTokenTable {
  id: string;
  tenant_id: string;
  user_id: string;
  purpose: 'invitation' | 'password_reset';
  token_hash: Buffer;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface AuditEventTable {
  id: Generated<number>;
  tenant_id: string;
  seq: number;
  occurred_at: Timestamp;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  personal_data: boolean;
  details: Json;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface RateLimitBucketTable {
  key: string;
  window_start: Timestamp;
  count: number;
}

export interface DB extends SupplySideDB, DemandSideDB {
  tenant: TenantTable;
  user: UserTable;
  organization: OrganizationTable;
  membership: MembershipTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  user_token: UserTokenTable;
  audit_event: AuditEventTable;
  rate_limit_bucket: RateLimitBucketTable;
}

export type UserRow = Selectable<UserTable>;
export type OrganizationRow = Selectable<OrganizationTable>;
export type NewOrganization = Insertable<OrganizationTable>;

// Supply side (migrations/20261201T0900_participants.ts).
type DateCol = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type JsonCol<T> = ColumnType<T, string, string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type Numeric = ColumnType<string | null, number | string | null | undefined, number | string | null>;

export interface ParticipantTable {
  id: string;
  tenant_id: string;
  owner_organization_id: string;
  navigator_user_id: string | null;
  status: 'draft' | 'applicant' | 'enrolled' | 'exited' | 'merged';
  first_name: string;
  middle_name: string | null;
  last_name: string;
  search_name: Generated<string>;
  /** Encrypted (platform/crypto.ts); ssn_hash is the keyed HMAC beside it. */
  ssn_enc: string | null;
  ssn_hash: string | null;
  /** Encrypted; dob_hash is the keyed HMAC beside it. */
  dob_enc: string | null;
  dob_hash: string | null;
  email_enc: string | null;
  phone_enc: string | null;
  address_line1_enc: string | null;
  address_line2_enc: string | null;
  city: string | null;
  state_code: string | null;
  postal_code: string | null;
  county_fips: string | null;
  preferred_language: string | null;
  sex: string | null;
  hispanic: string | null;
  race: Defaulted<string[]>;
  veteran: string | null;
  disability: string | null;
  school_status: string | null;
  education_level: string | null;
  employment_status: string | null;
  wage_q1_prior_cents: number | null;
  wage_q2_prior_cents: number | null;
  wage_q3_prior_cents: number | null;
  barriers: Defaulted<string[]>;
  public_assistance: Defaulted<string[]>;
  family_size: number | null;
  annual_family_income_cents: number | null;
  selective_service: string | null;
  authorized_to_work: boolean | null;
  dislocation: ColumnType<unknown, string | null | undefined, string | null>;
  external_id: string | null;
  import_key: string | null;
  intake_completed_at: NullableTimestamp;
  merged_into_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ParticipantLinkTable {
  id: string;
  tenant_id: string;
  participant_a_id: string;
  participant_b_id: string;
  reason: 'same_person' | 'ssn_match';
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ConsentTable {
  id: string;
  tenant_id: string;
  participant_id: string;
  recipient_organization_ids: Defaulted<string[]>;
  recipient_kinds: Defaulted<string[]>;
  categories: string[];
  purpose: string;
  method: 'signed_in_app' | 'paper';
  signed_name: string | null;
  /** Encrypted scan of the paper form (base64 inside the ciphertext). */
  document_enc: string | null;
  document_name: string | null;
  document_type: string | null;
  given_at: Timestamp;
  expires_on: NullableDate;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
  revoke_reason: string | null;
  recorded_by: string | null;
  created_at: Timestamp;
}

export interface DisclosureTable {
  id: string;
  tenant_id: string;
  participant_id: string;
  released_at: Timestamp;
  recipient_user_id: string | null;
  recipient_label: string;
  recipient_organization_id: string | null;
  categories: string[];
  consent_ids: Defaulted<string[]>;
  purpose: string;
  action: string;
}

export interface FundingStreamTable {
  id: string;
  tenant_id: string;
  name: string;
  source_type: string;
  description: string | null;
  current_rule_id: string | null;
  active: Defaulted<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EligibilityRuleTable {
  id: string;
  tenant_id: string;
  funding_stream_id: string;
  version: number;
  definition: JsonCol<unknown>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface EligibilityDeterminationTable {
  id: string;
  tenant_id: string;
  participant_id: string;
  funding_stream_id: string;
  rule_id: string;
  rule_version: number;
  as_of: DateCol;
  result: 'eligible' | 'not_eligible' | 'incomplete';
  priority: number | null;
  reasons: JsonCol<unknown>;
  evidence: JsonCol<unknown>;
  note: string | null;
  determined_by: string | null;
  determined_at: Timestamp;
}

export interface ProgramParticipationTable {
  id: string;
  tenant_id: string;
  participant_id: string;
  entry_date: DateCol;
  exit_date: NullableDate;
  exit_reason: string | null;
  funding_stream_ids: Defaulted<string[]>;
  initiative_id: ColumnType<string | null, string | null | undefined, string | null>;
  exit_confirmed_by: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ServiceRecordTable {
  id: string;
  tenant_id: string;
  participant_id: string;
  activity: string;
  category: string;
  qualifying: boolean;
  service_date: DateCol;
  status: 'completed' | 'scheduled' | 'cancelled';
  hours: Numeric;
  provider_organization_id: string | null;
  staff_user_id: string | null;
  cost_cents: number | null;
  funding_stream_id: string | null;
  note: string | null;
  batch_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface AssessmentTable {
  id: string;
  tenant_id: string;
  participant_id: string;
  type: string;
  instrument: string | null;
  assessed_on: DateCol;
  scores: JsonCol<Record<string, number | string>>;
  level: string | null;
  notes: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface PlanTable {
  id: string;
  tenant_id: string;
  participant_id: string;
  title: string;
  status: 'active' | 'completed' | 'closed';
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanGoalTable {
  id: string;
  tenant_id: string;
  plan_id: string;
  participant_id: string;
  description: string;
  soc_code: string | null;
  target_date: NullableDate;
  status: 'open' | 'achieved' | 'dropped';
  created_at: Timestamp;
}

export interface PlanStepTable {
  id: string;
  tenant_id: string;
  goal_id: string;
  participant_id: string;
  description: string;
  due_date: NullableDate;
  status: 'open' | 'done' | 'dropped';
  completed_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface TrainingProgramTable {
  id: string;
  tenant_id: string;
  provider_organization_id: string;
  name: string;
  cip_code: string | null;
  target_soc_codes: Defaulted<string[]>;
  credential_offered: string | null;
  credential_type: string | null;
  hours: number | null;
  cost_cents: number | null;
  modality: 'in_person' | 'online' | 'hybrid';
  schedule: string | null;
  active: Defaulted<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CohortTable {
  id: string;
  tenant_id: string;
  training_program_id: string;
  name: string;
  start_date: DateCol;
  end_date: NullableDate;
  capacity: number | null;
  created_at: Timestamp;
}

export interface TrainingEnrollmentTable {
  id: string;
  tenant_id: string;
  participant_id: string;
  training_program_id: string;
  cohort_id: string | null;
  status: 'enrolled' | 'completed' | 'withdrawn';
  enrolled_on: DateCol;
  completed_on: NullableDate;
  withdrawn_on: NullableDate;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CredentialTable {
  id: string;
  tenant_id: string;
  participant_id: string;
  type: string;
  title: string;
  issuer: string | null;
  attained_on: DateCol;
  training_enrollment_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface SkillGainTable {
  id: string;
  tenant_id: string;
  participant_id: string;
  type: string;
  achieved_on: DateCol;
  description: string | null;
  training_enrollment_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface EmploymentTable {
  id: string;
  tenant_id: string;
  participant_id: string;
  employer_organization_id: string | null;
  employer_name: string;
  employer_fein: string | null;
  job_title: string | null;
  soc_code: string | null;
  naics_code: string | null;
  start_date: DateCol;
  end_date: NullableDate;
  hourly_wage_cents: number | null;
  hours_per_week: Numeric;
  benefits: Defaulted<string[]>;
  source: 'self_report' | 'employer_verification' | 'wage_record';
  training_related: boolean | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface FollowUpTable {
  id: string;
  tenant_id: string;
  participant_id: string;
  participation_id: string;
  quarter_after_exit: number;
  window_start: DateCol;
  window_end: DateCol;
  status: 'scheduled' | 'completed' | 'unreachable' | 'cancelled';
  employed: boolean | null;
  result_note: string | null;
  completed_at: NullableTimestamp;
  completed_by: string | null;
  created_at: Timestamp;
}

export interface FollowUpAttemptTable {
  id: string;
  tenant_id: string;
  follow_up_id: string;
  attempted_at: Timestamp;
  method: 'phone' | 'email' | 'text' | 'in_person' | 'mail';
  reached: boolean;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CaseNoteTable {
  id: string;
  tenant_id: string;
  participant_id: string;
  author_user_id: string | null;
  author_label: string;
  author_organization_id: string;
  /** Encrypted. */
  body_enc: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SavedFilterTable {
  id: string;
  tenant_id: string;
  user_id: string;
  scope: string;
  name: string;
  filters: JsonCol<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface ImportRunTable {
  id: string;
  tenant_id: string;
  kind: string;
  filename: string;
  content_type: string | null;
  /** Encrypted upload (base64 inside the ciphertext); cleared when the run ends. */
  content_enc: string | null;
  file_sha256: string;
  status: 'uploaded' | 'validating' | 'rejected' | 'importing' | 'completed' | 'failed';
  options: ColumnType<Record<string, unknown>, string | undefined, string>;
  headers: JsonCol<string[]>;
  total_rows: Defaulted<number>;
  processed_rows: Defaulted<number>;
  imported_rows: Defaulted<number>;
  skipped_rows: Defaulted<number>;
  rejected_rows: Defaulted<number>;
  errors: JsonCol<unknown>;
  created_by: string | null;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
  /** Size of the upload; bytes the job has read so far (migrations/20261213T1000_wage_import_job.ts). */
  total_bytes: Defaulted<number>;
  processed_bytes: Defaulted<number>;
  /** Wage records whose earlier value a row replaced (a subset of imported_rows). */
  replaced_rows: Defaulted<number>;
}

/** A piece of an upload waiting for its background job, in order by seq; dropped when the run ends. */
export interface ImportChunkTable {
  id: string;
  tenant_id: string;
  import_run_id: string;
  seq: number;
  bytes: number;
  /** Encrypted, base64 of the bytes inside the ciphertext. */
  content_enc: string;
}

export interface SupplySideDB {
  participant: ParticipantTable;
  participant_link: ParticipantLinkTable;
  consent: ConsentTable;
  disclosure: DisclosureTable;
  funding_stream: FundingStreamTable;
  eligibility_rule: EligibilityRuleTable;
  eligibility_determination: EligibilityDeterminationTable;
  program_participation: ProgramParticipationTable;
  service_record: ServiceRecordTable;
  assessment: AssessmentTable;
  plan: PlanTable;
  plan_goal: PlanGoalTable;
  plan_step: PlanStepTable;
  training_program: TrainingProgramTable;
  cohort: CohortTable;
  training_enrollment: TrainingEnrollmentTable;
  credential: CredentialTable;
  skill_gain: SkillGainTable;
  employment: EmploymentTable;
  follow_up: FollowUpTable;
  follow_up_attempt: FollowUpAttemptTable;
  case_note: CaseNoteTable;
  saved_filter: SavedFilterTable;
  import_run: ImportRunTable;
  import_chunk: ImportChunkTable;
}

// Partnership workspace (migrations/20261129T0700_initiatives.ts, 0710_governance.ts, 0720_systems_change_ta.ts).
// A second declaration of DB merges these tables in without touching the lines other modules edit.
type IsoDate = ColumnType<string, string, string>;
type IsoDateOrNull = ColumnType<string | null, string | null | undefined, string | null>;
type TimestampOrNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type JsonOf<T> = ColumnType<T, string | undefined, string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface StoredFileTable {
  id: string;
  tenant_id: string;
  filename: string;
  content_type: string;
  byte_size: number;
  sha256: string;
  content: ColumnType<Buffer | Uint8Array, Buffer, Buffer>;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface JurisdictionTable {
  id: string;
  tenant_id: string;
  kind: 'county' | 'state' | 'workforce_area';
  code: string;
  name: string;
  state_code: string | null;
  county_fips: TextArray;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InitiativeTable {
  id: string;
  tenant_id: string;
  name: string;
  sector: string;
  naics_codes: TextArray;
  description: string | null;
  goals: TextArray;
  starts_on: IsoDate;
  ends_on: IsoDateOrNull;
  status: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RegionJurisdictionTable {
  initiative_id: string;
  jurisdiction_id: string;
  tenant_id: string;
}

export interface InitiativePartnerTable {
  id: string;
  tenant_id: string;
  initiative_id: string;
  organization_id: string;
  role: string;
  agreement_signed_on: IsoDateOrNull;
  agreement_starts_on: IsoDateOrNull;
  agreement_ends_on: IsoDateOrNull;
  notes: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PartnerCommitmentTable {
  id: string;
  tenant_id: string;
  initiative_partner_id: string;
  kind: string;
  description: string;
  quantity: number | null;
  amount_cents: number | null;
  due_on: IsoDateOrNull;
  status: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InitiativeDocumentTable {
  id: string;
  tenant_id: string;
  initiative_id: string;
  initiative_partner_id: string | null;
  title: string;
  kind: string;
  file_id: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface GovernanceBodyTable {
  id: string;
  tenant_id: string;
  initiative_id: string | null;
  name: string;
  kind: string;
  charter: string | null;
  quorum_kind: 'majority' | 'percent' | 'count';
  quorum_value: number | null;
  passing_rule: 'majority_of_votes_cast' | 'two_thirds' | 'consensus';
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SeatTable {
  id: string;
  tenant_id: string;
  body_id: string;
  user_id: string;
  organization_id: string | null;
  title: string | null;
  voting: boolean;
  term_starts_on: IsoDate;
  term_ends_on: IsoDateOrNull;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingTable {
  id: string;
  tenant_id: string;
  body_id: string;
  title: string;
  starts_at: Timestamp;
  location: string | null;
  status: 'scheduled' | 'in_progress' | 'closed' | 'cancelled';
  opened_at: TimestampOrNull;
  closed_at: TimestampOrNull;
  minutes: string | null;
  minutes_status: ColumnType<'none' | 'draft' | 'approved', 'none' | 'draft' | 'approved' | undefined, 'none' | 'draft' | 'approved'>;
  minutes_approved_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgendaItemTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  position: number;
  title: string;
  description: string | null;
  presenter: string | null;
  duration_minutes: number | null;
}

export interface MeetingAttendanceTable {
  meeting_id: string;
  seat_id: string;
  tenant_id: string;
  status: 'present' | 'absent' | 'excused';
  recorded_at: Timestamp;
  recorded_by: string | null;
}

export interface MeetingAttachmentTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  title: string;
  file_id: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface MotionTable {
  id: string;
  tenant_id: string;
  body_id: string;
  meeting_id: string;
  kind: 'general' | 'approve_minutes' | 'award';
  title: string;
  resolution: string | null;
  minutes_meeting_id: string | null;
  proposal_id: string | null;
  moved_by_seat_id: string | null;
  seconded_by_seat_id: string | null;
  status: 'proposed' | 'open' | 'closed' | 'withdrawn';
  opened_at: TimestampOrNull;
  closed_at: TimestampOrNull;
  outcome: 'passed' | 'failed' | null;
  outcome_reason: string | null;
  tally: ColumnType<unknown, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MotionOrganizationTable {
  motion_id: string;
  organization_id: string;
  tenant_id: string;
}

export interface VoteTable {
  id: string;
  tenant_id: string;
  motion_id: string;
  seat_id: string;
  user_id: string;
  value: 'yes' | 'no' | 'abstain' | 'recused';
  recusal_reasons: ColumnType<unknown, string | null | undefined, string | null>;
  cast_at: Timestamp;
}

export interface InterestDeclarationTable {
  id: string;
  tenant_id: string;
  user_id: string;
  organization_id: string;
  kind: 'employment' | 'board_seat' | 'financial_interest' | 'family';
  description: string | null;
  starts_on: IsoDate;
  ends_on: IsoDateOrNull;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DeclarationAffirmationTable {
  id: string;
  tenant_id: string;
  user_id: string;
  affirmed_at: Timestamp;
  declarations: number;
}

export interface SolicitationTable {
  id: string;
  tenant_id: string;
  initiative_id: string | null;
  body_id: string;
  title: string;
  scope: string;
  budget_cents: number | null;
  deadline: Timestamp;
  status: 'draft' | 'open' | 'review' | 'awarded' | 'cancelled';
  awarded_proposal_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SolicitationCriterionTable {
  id: string;
  tenant_id: string;
  solicitation_id: string;
  position: number;
  name: string;
  description: string | null;
  weight: number;
  max_score: number;
}

export interface SolicitationReviewerTable {
  solicitation_id: string;
  user_id: string;
  tenant_id: string;
}

export interface ProposalTable {
  id: string;
  tenant_id: string;
  solicitation_id: string;
  organization_id: string;
  title: string;
  summary: string | null;
  amount_cents: number | null;
  status: 'submitted' | 'withdrawn';
  submitted_at: Timestamp;
  created_by: string | null;
  updated_at: NullableTimestamp;
  updated_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ProposalAttachmentTable {
  id: string;
  tenant_id: string;
  proposal_id: string;
  title: string;
  file_id: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ProposalScoreTable {
  proposal_id: string;
  criterion_id: string;
  reviewer_id: string;
  tenant_id: string;
  score: number;
  comment: string | null;
  scored_at: Timestamp;
}

export interface StrategyTable {
  id: string;
  tenant_id: string;
  initiative_id: string | null;
  title: string;
  description: string | null;
  status: string;
  owner_id: string | null;
  starts_on: IsoDateOrNull;
  ends_on: IsoDateOrNull;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StrategyObjectiveTable {
  id: string;
  tenant_id: string;
  strategy_id: string;
  position: number;
  title: string;
  description: string | null;
  owner_id: string | null;
  created_at: Timestamp;
}

export interface StrategyIndicatorTable {
  id: string;
  tenant_id: string;
  strategy_id: string;
  name: string;
  indicator_id: string | null;
}

export interface MilestoneTable {
  id: string;
  tenant_id: string;
  strategy_id: string;
  objective_id: string | null;
  title: string;
  description: string | null;
  due_on: IsoDate;
  status: string;
  completed_on: IsoDateOrNull;
  owner_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProgressUpdateTable {
  id: string;
  tenant_id: string;
  strategy_id: string;
  milestone_id: string | null;
  author_id: string | null;
  occurred_on: IsoDate;
  summary: string;
  milestone_status: string | null;
  evidence: JsonOf<unknown>;
  created_at: Timestamp;
}

export interface TaRequestTable {
  id: string;
  tenant_id: string;
  initiative_id: string | null;
  organization_id: string;
  requested_by: string | null;
  topic: string;
  title: string;
  description: string | null;
  urgency: string;
  status: string;
  triage_note: string | null;
  triaged_at: TimestampOrNull;
  assigned_to: string | null;
  due_on: IsoDateOrNull;
  resolution: string | null;
  resolved_at: TimestampOrNull;
  satisfaction: number | null;
  satisfaction_comment: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CapacityEventTable {
  id: string;
  tenant_id: string;
  initiative_id: string | null;
  title: string;
  topic: string;
  description: string | null;
  held_on: IsoDate;
  duration_minutes: number | null;
  facilitator: string | null;
  location: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CapacityAttendanceTable {
  id: string;
  tenant_id: string;
  event_id: string;
  organization_id: string;
  attendee_name: string;
  user_id: string | null;
  attended: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface DB {
  stored_file: StoredFileTable;
  jurisdiction: JurisdictionTable;
  initiative: InitiativeTable;
  region_jurisdiction: RegionJurisdictionTable;
  initiative_partner: InitiativePartnerTable;
  partner_commitment: PartnerCommitmentTable;
  initiative_document: InitiativeDocumentTable;
  governance_body: GovernanceBodyTable;
  seat: SeatTable;
  meeting: MeetingTable;
  agenda_item: AgendaItemTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_attachment: MeetingAttachmentTable;
  proposal_attachment: ProposalAttachmentTable;
  motion: MotionTable;
  motion_organization: MotionOrganizationTable;
  vote: VoteTable;
  interest_declaration: InterestDeclarationTable;
  declaration_affirmation: DeclarationAffirmationTable;
  solicitation: SolicitationTable;
  solicitation_criterion: SolicitationCriterionTable;
  solicitation_reviewer: SolicitationReviewerTable;
  proposal: ProposalTable;
  proposal_score: ProposalScoreTable;
  strategy: StrategyTable;
  strategy_objective: StrategyObjectiveTable;
  strategy_indicator: StrategyIndicatorTable;
  milestone: MilestoneTable;
  progress_update: ProgressUpdateTable;
  ta_request: TaRequestTable;
  capacity_event: CapacityEventTable;
  capacity_attendance: CapacityAttendanceTable;
}

// Outcomes (migrations/20261202T0900_outcomes.ts). Declaration merging adds the new columns and
// tables without touching the lines other modules edit.
type OptionalDate = ColumnType<string | null, string | null | undefined, string | null>;
type Code = ColumnType<string, string | undefined, string>;

export interface CredentialTable {
  program_participation_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SkillGainTable {
  program_participation_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PirlPersonTable {
  participant_id: string;
  tenant_id: string;
  pirl_id: string;
  /** 210a-210g exactly as the file held them ('' for blank). */
  race_ethnicity: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PirlPeriodTable {
  participation_id: string;
  tenant_id: string;
  participant_id: string;
  pirl_id: string;
  adult: Code;
  dislocated_worker: Code;
  youth: Code;
  other_exit_reason: Code;
  training_entered_on: OptionalDate;
  training_completed_on: OptionalDate;
  credential_code: Code;
  employed_q1: Code;
  employed_q2: Code;
  employed_q3: Code;
  employed_q4: Code;
  retained_same_employer: Code;
  wages_q1: Code;
  wages_q2: Code;
  wages_q3: Code;
  wages_q4: Code;
  wages_q2_cents: number | null;
  placement_q2: Code;
  placement_q4: Code;
  import_run_id: string | null;
  source_line: number | null;
  updated_at: Timestamp;
}

export interface WageRecordTable {
  tenant_id: string;
  person_key: string;
  year: number;
  quarter: number;
  employer_fein: string;
  wages_cents: number;
}

export interface WageQuarterTable {
  tenant_id: string;
  year: number;
  quarter: number;
  first_loaded_at: Timestamp;
}

export interface OutcomeTargetTable {
  id: string;
  tenant_id: string;
  indicator: string;
  scope: 'partnership' | 'program' | 'provider' | 'initiative' | 'funding_stream';
  scope_key: Generated<string>;
  program_year: number;
  /** numeric: pg returns it as a string. */
  target: ColumnType<string, number | string, number | string>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DB {
  outcome_target: OutcomeTargetTable;
  pirl_person: PirlPersonTable;
  pirl_period: PirlPeriodTable;
  wage_record: WageRecordTable;
  wage_quarter: WageQuarterTable;
}

// Service directory (HSDS 3.0) and referrals (migrations/20261204T0900_directory.ts).
type Doc = ColumnType<Record<string, unknown>, string, string>;

export interface HsdsOrganizationTable {
  organization_id: string;
  tenant_id: string;
  /** The id HSDS knows the organization by in this tenant (migrations/20261212T1400_hsds_tenant_keys.ts). */
  hsds_id: string;
  doc: Doc;
  updated_at: Timestamp;
}

export interface HsdsProgramTable {
  id: string;
  tenant_id: string;
  organization_id: string | null;
  name: string;
  doc: Doc;
  updated_at: Timestamp;
}

export interface HsdsTaxonomyTable {
  id: string;
  tenant_id: string;
  name: string;
  doc: Doc;
  updated_at: Timestamp;
}

export interface HsdsTaxonomyTermTable {
  id: string;
  tenant_id: string;
  taxonomy_id: string | null;
  parent_id: string | null;
  code: string | null;
  name: string;
  doc: Doc;
  updated_at: Timestamp;
}

export interface HsdsServiceTable {
  id: string;
  tenant_id: string;
  organization_id: string;
  program_id: string | null;
  name: string;
  description: string | null;
  status: string;
  minimum_age: Numeric;
  maximum_age: Numeric;
  populations: Defaulted<string[]>;
  verified_at: NullableTimestamp;
  open_slots: number | null;
  waitlist: number | null;
  self_referral: Defaulted<boolean>;
  reverify_reminded_at: NullableTimestamp;
  doc: Doc;
  search: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HsdsLocationTable {
  id: string;
  tenant_id: string;
  organization_id: string | null;
  name: string | null;
  doc: Doc;
  updated_at: Timestamp;
}

export interface HsdsServiceAtLocationTable {
  id: string;
  tenant_id: string;
  service_id: string;
  location_id: string | null;
  doc: Doc;
  updated_at: Timestamp;
}

/** Phones, schedules, contacts… : one row per (owner, HSDS id). */
export interface HsdsOwnedTable {
  tenant_id: string;
  owner_type: string;
  owner_id: string;
  id: string;
  position: number;
  ref_id: string | null;
  doc: Doc;
}

export interface ReferralTable {
  id: string;
  tenant_id: string;
  participant_id: string | null;
  service_id: string;
  sender_organization_id: string | null;
  sender_user_id: string | null;
  receiving_organization_id: string;
  consent_id: string | null;
  categories: Defaulted<string[]>;
  status: string;
  urgency: string;
  reason: string;
  notes: string | null;
  due_on: NullableDate;
  escalated_at: NullableTimestamp;
  escalation_level: Defaulted<number>;
  decline_reason: string | null;
  suggested_service_id: string | null;
  outcome: string | null;
  self_referral: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  sent_at: Timestamp;
  accepted_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  deleted_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReferralEventTable {
  id: string;
  tenant_id: string;
  referral_id: string;
  at: Timestamp;
  user_id: string | null;
  organization_id: string | null;
  status: string;
  note: string | null;
}

export interface DirectorySettingsTable {
  tenant_id: string;
  hsds_public: Defaulted<boolean>;
  stale_after_days: Defaulted<number>;
  accept_within_business_days: Defaulted<number>;
  escalate_again_after_business_days: number | null;
  reverify_reminder_days: Defaulted<number>;
  updated_at: Timestamp;
}

export interface DB {
  directory_settings: DirectorySettingsTable;
  hsds_organization: HsdsOrganizationTable;
  hsds_program: HsdsProgramTable;
  hsds_taxonomy: HsdsTaxonomyTable;
  hsds_taxonomy_term: HsdsTaxonomyTermTable;
  hsds_service: HsdsServiceTable;
  hsds_location: HsdsLocationTable;
  hsds_service_at_location: HsdsServiceAtLocationTable;
  hsds_phone: HsdsOwnedTable;
  hsds_schedule: HsdsOwnedTable;
  hsds_contact: HsdsOwnedTable;
  hsds_address: HsdsOwnedTable;
  hsds_language: HsdsOwnedTable;
  hsds_cost_option: HsdsOwnedTable;
  hsds_required_document: HsdsOwnedTable;
  hsds_service_area: HsdsOwnedTable;
  hsds_funding: HsdsOwnedTable;
  hsds_accessibility: HsdsOwnedTable;
  hsds_organization_identifier: HsdsOwnedTable;
  hsds_attribute: HsdsOwnedTable;
  hsds_metadata: HsdsOwnedTable;
  referral: ReferralTable;
  referral_event: ReferralEventTable;
}
export type NewReferral = Insertable<ReferralTable>;
export type NewReferralEvent = Insertable<ReferralEventTable>;

// Public self-referral (20261210T1100_self_referral).
export interface SelfReferralRequestTable {
  id: string;
  tenant_id: string;
  service_id: string;
  status: Defaulted<string>;
  first_name: string;
  last_name: string;
  email_enc: string | null;
  phone_enc: string | null;
  place: string;
  preferred_language: string;
  need_enc: string;
  locale: string;
  consented_at: Timestamp;
  submitted_at: Timestamp;
  decided_at: NullableTimestamp;
  decided_by: string | null;
  dismiss_reason: string | null;
  decision_note: string | null;
  participant_id: string | null;
  referral_id: string | null;
}

export interface DB {
  self_referral_request: SelfReferralRequestTable;
}

// Establishments per county of the region, for employer penetration (migrations/20261210T1400_outcomes_more.ts).
export interface RegionEstablishmentTable {
  tenant_id: string;
  county_fips: string;
  establishments: number;
  reference_year: number;
  source: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}
export interface DB {
  region_establishment: RegionEstablishmentTable;
}

// The tenant's holiday calendar, skipped by business-day counts (20261212T1300_holidays_languages).
export interface TenantHolidayTable {
  id: string;
  tenant_id: string;
  day: IsoDate;
  name: string;
  created_at: Timestamp;
}

export interface DB {
  tenant_holiday: TenantHolidayTable;
}
