import { type Kysely, sql } from 'kysely';

// Public self-referral (issue 6): a person asks for a service through its public form; the request waits
// for the intermediary's review, which turns it into a participant and a referral, or dismisses it.
// Contact details and the free-text need are personal data: encrypted by the app (crypto.ts), never here.
// Names stay in clear text, as on participant, so the review queue can be searched.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE self_referral_request (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenant(id),
      service_id uuid NOT NULL REFERENCES hsds_service(id),
      status text NOT NULL DEFAULT 'pending_review' CHECK (status IN ('pending_review', 'accepted', 'dismissed')),
      first_name text NOT NULL,
      last_name text NOT NULL,
      email_enc text,
      phone_enc text,
      place text NOT NULL,
      preferred_language text NOT NULL,
      need_enc text NOT NULL,
      locale text NOT NULL CHECK (locale IN ('en', 'es')),
      consented_at timestamptz NOT NULL,
      submitted_at timestamptz NOT NULL DEFAULT now(),
      decided_at timestamptz,
      decided_by uuid REFERENCES "user"(id),
      dismiss_reason text CHECK (dismiss_reason IN ('spam', 'duplicate', 'not_eligible', 'unreachable', 'other')),
      decision_note text,
      participant_id uuid REFERENCES participant(id),
      referral_id uuid REFERENCES referral(id),
      CHECK (email_enc IS NOT NULL OR phone_enc IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX self_referral_queue_idx ON self_referral_request (tenant_id, status, submitted_at DESC, id)`.execute(db);
  await sql`CREATE INDEX self_referral_service_idx ON self_referral_request (service_id)`.execute(db);
  await sql`ALTER TABLE self_referral_request ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`ALTER TABLE self_referral_request FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`CREATE POLICY tenant_isolation ON self_referral_request
      USING (tenant_id = braid_current_tenant()) WITH CHECK (tenant_id = braid_current_tenant())`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Braid migrations are forward-only');
}
