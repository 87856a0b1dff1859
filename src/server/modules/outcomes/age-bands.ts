import { sql } from 'kysely';
import type { AgeBand } from '../../../shared/schemas/outcomes.ts';
import type { Executor } from '../../db/tenant.ts';
import { decrypt, type Keyring } from '../../platform/crypto.ts';

// Age at program entry, for disaggregation by age band. Birth dates are encrypted (DESIGN.md §4), so the
// database cannot group by them: Node decrypts the birth dates of the periods a report may count, works
// out each period's band, and hands the database only (period id, band) pairs. No birth date or age
// leaves this function; the bands are as coarse as the report shows them.

/** Whole years on `on` (a birthday counts on the day itself; 29 February birthdays on 1 March). */
export function ageOn(dob: string, on: string): number {
  const [y, m, d] = dob.split('-').map(Number);
  const [oy, om, od] = on.split('-').map(Number);
  return oy - y - (om < m || (om === m && od < d) ? 1 : 0);
}

export function ageBand(age: number): AgeBand {
  if (age < 18) return 'under_18';
  if (age <= 24) return '18_24';
  if (age <= 34) return '25_34';
  if (age <= 44) return '35_44';
  if (age <= 54) return '45_54';
  return '55_plus';
}

export interface PeriodBands {
  ids: string[];
  bands: string[];
}

/**
 * The band of every period that may fall in a report whose earliest cohort starts on `since` (periods
 * that exited before then are in none of its cohorts), for people with a birth date. Others are unknown.
 */
export async function periodAgeBands(db: Executor, ring: Keyring, p: { tenantId: string; since: string }): Promise<PeriodBands> {
  const { rows } = await sql<{ id: string; entry: string; dob_enc: string }>`
    SELECT pp.id, to_char(pp.entry_date, 'YYYY-MM-DD') AS entry, pa.dob_enc
    FROM program_participation pp JOIN participant pa ON pa.id = pp.participant_id
    WHERE pp.tenant_id = ${p.tenantId} AND pa.dob_enc IS NOT NULL
      AND (pp.exit_date IS NULL OR pp.exit_date >= ${p.since}::date)`.execute(db);
  const out: PeriodBands = { ids: [], bands: [] };
  for (const r of rows) {
    const dob = decrypt(ring, r.dob_enc);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dob)) continue;
    out.ids.push(r.id);
    out.bands.push(ageBand(ageOn(dob, r.entry)));
  }
  return out;
}
