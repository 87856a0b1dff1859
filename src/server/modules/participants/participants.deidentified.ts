import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { deidentifiedExportQuery } from '../../../shared/schemas/participants.ts';
import { decrypt, keyedHash } from '../../platform/crypto.ts';
import type { Context } from '../../platform/http.ts';
import { countyName } from '../codes/codes.service.ts';
import { SMALL_CELL } from '../outcomes/outcomes.policy.ts';
import { escapeCell, toCsv } from './participants.import.ts';
import { deidentifiedRows } from './participants.queries.ts';

// The analyst's participant-level file (DESIGN.md §1: analysts and funders see no identified data).
// One row per participant with no direct identifier at all: no name, SSN, birth date, street, city,
// ZIP, email, phone, external id or Braid id. What stays is what outcome analysis needs, coarsened:
//   - a pseudonymous id, HMAC(secret key, tenant + participant id): the same person gets the same id in
//     every export (so files can be compared over time), and without the key it cannot be reversed or
//     recomputed from a Braid id;
//   - the age band at the export date instead of the birth date; the county instead of the address;
//     entry and exit quarters instead of dates.
// Small cells: the quasi-identifiers (county, age band, sex, ethnicity, race) together can single a
// person out. Each row must share its combination with at least SMALL_CELL - 1 others; where it does
// not, the most identifying attributes are suppressed ('*') one after another — race, then county,
// then age band, then sex and ethnicity — until it does.

export const SUPPRESSED = '*';
const AGE_BANDS: [number, string][] = [
  [14, 'under 14'],
  [18, '14-17'],
  [25, '18-24'],
  [35, '25-34'],
  [45, '35-44'],
  [55, '45-54'],
  [65, '55-64'],
  [Number.POSITIVE_INFINITY, '65+'],
];

export function ageBand(dob: string | null, on: Date): string {
  if (!dob) return '';
  const [y, m, d] = dob.split('-').map(Number);
  let age = on.getUTCFullYear() - y;
  if (on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d)) age--;
  return AGE_BANDS.find(([limit]) => age < limit)?.[1] ?? '';
}

const quarter = (date: string | null) => (date ? `${date.slice(0, 4)}Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}` : '');

export interface QuasiIdentifiers {
  county: string;
  ageBand: string;
  sex: string;
  hispanic: string;
  race: string;
}

/** Suppress quasi-identifiers, in order, until every row's combination is shared by at least k rows. */
export function protectSmallCells<T extends QuasiIdentifiers>(rows: T[], k: number): T[] {
  const steps: (keyof QuasiIdentifiers)[][] = [['race'], ['county'], ['ageBand'], ['sex', 'hispanic']];
  const out = rows.map((r) => ({ ...r }));
  const keyOf = (r: T) => `${r.county}|${r.ageBand}|${r.sex}|${r.hispanic}|${r.race}`;
  for (const fields of steps) {
    const counts = new Map<string, number>();
    for (const r of out) counts.set(keyOf(r), (counts.get(keyOf(r)) ?? 0) + 1);
    const small = out.filter((r) => (counts.get(keyOf(r)) ?? 0) < k);
    if (small.length === 0) break;
    for (const r of small) for (const f of fields) (r as QuasiIdentifiers)[f] = SUPPRESSED;
  }
  return out;
}

const HEADERS = [
  'pseudo_id',
  'status',
  'organization',
  'county_fips',
  'county',
  'age_band',
  'sex',
  'hispanic',
  'race',
  'veteran',
  'disability',
  'education_level',
  'employment_status_at_entry',
  'barriers',
  'entry_quarter',
  'exit_quarter',
];

export async function exportDeidentified(
  ctx: Context,
  query: z.infer<typeof deidentifiedExportQuery>,
): Promise<{ contentType: string; filename: string; body: Buffer | string }> {
  const { format, ...filters } = query;
  const ring = ctx.services.keyring;
  const now = new Date();
  const rows = await ctx.tx(async (tx) => {
    const list = await deidentifiedRows(tx, filters);
    // Birth dates are decrypted to compute the band: a read of personal data, audited as such.
    await ctx.audit(tx, {
      action: 'participant.exported_deidentified',
      entityType: 'participant',
      personalData: true,
      details: { format, count: list.length, filters, k: SMALL_CELL },
    });
    return list;
  });
  const people = protectSmallCells(
    rows.map((r) => ({
      row: r,
      county: r.county_fips ?? '',
      ageBand: ageBand(r.dob_enc ? decrypt(ring, r.dob_enc) : null, now),
      sex: r.sex ?? '',
      hispanic: r.hispanic ?? '',
      race: [...r.race].sort().join(';'),
    })),
    SMALL_CELL,
  );
  const data = people.map((p) => [
    keyedHash(ring, `deidentified:${ctx.tenantId}:${p.row.id}`).slice(0, 20),
    p.row.status,
    p.row.organization_name,
    p.county,
    p.county === SUPPRESSED ? SUPPRESSED : (countyName(p.county) ?? ''),
    p.ageBand,
    p.sex,
    p.hispanic,
    p.race,
    p.row.veteran ?? '',
    p.row.disability ?? '',
    p.row.education_level ?? '',
    p.row.employment_status ?? '',
    [...p.row.barriers].sort().join(';'),
    quarter(p.row.entry_date),
    quarter(p.row.exit_date),
  ]);
  // Row order would otherwise follow creation order, which can hint at who is who.
  data.sort((a, b) => a[0].localeCompare(b[0]));
  const stamp = now.toISOString().slice(0, 10);
  if (format === 'csv')
    return { contentType: 'text/csv; charset=utf-8', filename: `participants-deidentified-${stamp}.csv`, body: toCsv(HEADERS, data) };
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Participants (de-identified)');
  ws.addRow(HEADERS);
  for (const r of data) ws.addRow(r.map(escapeCell));
  ws.getRow(1).font = { bold: true };
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `participants-deidentified-${stamp}.xlsx`,
    body: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
