import { type Kysely, sql } from 'kysely';

// Who set a job order's current status: a person ('user'), the hires reaching the openings ('hires'), or
// the closing date passing ('closing_date'). Only a status the system set may be undone by the system:
// a job order someone marked filled by hand never reopens because a hire was withdrawn. Frozen: never
// import app code.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE job_order ADD COLUMN status_set_by text NOT NULL DEFAULT 'user'
      CHECK (status_set_by IN ('user', 'hires', 'closing_date'))`.execute(db);
  // The upkeep looks for open orders whose closing date has passed.
  await sql`CREATE INDEX job_order_closing_idx ON job_order (closes_on) WHERE status = 'open' AND closes_on IS NOT NULL`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Braid migrations are forward-only');
}
