import { type Kysely, sql } from 'kysely';

// Escalation of overdue referrals and re-verification reminders for stale directory entries (issue 6).
// Frozen: never import app code.
export async function up(db: Kysely<any>): Promise<void> {
  // 0: not escalated; 1: escalated to the intermediary when first found overdue; 2: escalated again
  // after escalate_again_after_business_days more business days. The level makes the job idempotent.
  await sql`ALTER TABLE referral ADD COLUMN escalation_level smallint NOT NULL DEFAULT 0
      CHECK (escalation_level BETWEEN 0 AND 2)`.execute(db);
  await sql`CREATE INDEX referral_escalation_idx ON referral (tenant_id, escalation_level, due_on) WHERE status = 'sent'`.execute(db);
  // When the owners were last reminded to re-verify the entry: at most one reminder per interval.
  await sql`ALTER TABLE hsds_service ADD COLUMN reverify_reminded_at timestamptz`.execute(db);
  await sql`ALTER TABLE directory_settings
      ADD COLUMN escalate_again_after_business_days integer CHECK (escalate_again_after_business_days BETWEEN 1 AND 60),
      ADD COLUMN reverify_reminder_days integer NOT NULL DEFAULT 30 CHECK (reverify_reminder_days BETWEEN 1 AND 365)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Braid migrations are forward-only');
}
