import type { ColumnType } from 'kysely';

// Employer needs surveys (migrations/20261210T0900_surveys.ts). Kept by hand, merged into DB.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;
/** jsonb: written as JSON text, read back parsed. */
type Jsonb = ColumnType<unknown, string, string>;

export interface NeedsSurveyTable {
  id: string;
  tenant_id: string;
  title: string;
  intro: string | null;
  closes_on: ColumnType<string | null, string | null | undefined, string | null>;
  token_days: Defaulted<number>;
  sections: Jsonb;
  status: Defaulted<string>;
  sent_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SurveyRecipientTable {
  id: string;
  tenant_id: string;
  survey_id: string;
  contact_id: string;
  organization_id: string;
  token_hash: Buffer;
  expires_at: Timestamp;
  sent_at: Timestamp;
  reminded_at: NullableTimestamp;
  reminders: Defaulted<number>;
  opened_at: NullableTimestamp;
  responded_at: NullableTimestamp;
}

export interface SurveyResponseTable {
  id: string;
  tenant_id: string;
  survey_id: string;
  recipient_id: string;
  organization_id: string;
  answers: Jsonb;
  submitted_at: Timestamp;
}

declare module './types.ts' {
  interface DB {
    needs_survey: NeedsSurveyTable;
    survey_recipient: SurveyRecipientTable;
    survey_response: SurveyResponseTable;
  }
}
