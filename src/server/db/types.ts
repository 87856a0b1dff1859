import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

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

export interface DB {
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
