// Synthetic PIRL and UI wage files of any size, deterministic (the same arguments give the same bytes).
//   node --import tsx bench/wioa-data.ts --periods 1000000 --wages 10000000 --out .bench-data
// writes pirl-<periods>.csv and wages-<wages>.csv. Periods belong to persons (one in five has a
// second period); exits spread over 2021-2025 so every cohort of program years 2022-2025 is populated;
// programs, exclusions, credentials, skill gains, supplemental codes and youth placements all occur.
// Wage records are spread evenly over the persons, consecutive quarters around their exit, one or two
// employers each, every key unique.

import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';

const PIRL_HEADER =
  '100,200,201,210a,210b,210c,210d,210e,210f,210g,900,901,903,904,905,923,1811,1813,1800,1801,1806,1807,1808,1809,1810,1600,1602,1604,1606,1618,1703,1704,1705,1706,1900,1901';

/** A small, fast, seedable generator (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const BASE = Date.UTC(2020, 0, 1);
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
const personId = (i: number) => `S${i.toString(36).toUpperCase().padStart(6, '0')}`;

export function personsFor(periods: number): number {
  return Math.max(1, Math.round(periods / 1.2));
}

async function writeLines(file: string, header: string, count: number, line: (i: number) => string): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(`${header}\n`);
  let buf: string[] = [];
  for (let i = 0; i < count; i++) {
    buf.push(line(i));
    if (buf.length === 5000) {
      if (!out.write(`${buf.join('\n')}\n`)) await once(out, 'drain');
      buf = [];
    }
  }
  if (buf.length) out.write(`${buf.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
}

/** Exit date (ms) of period i, or null; shared with the wage generator so wages land around exits. */
function exitOf(i: number): number | null {
  const r = rng(i * 7919 + 13);
  const entry = BASE + Math.floor(r() * 5 * 365) * DAY;
  if (r() < 0.1) return null;
  return entry + Math.floor(30 + r() * 400) * DAY;
}

export async function generatePirl(file: string, periods: number): Promise<void> {
  const persons = personsFor(periods);
  await writeLines(file, PIRL_HEADER, periods, (i) => {
    const r = rng(i * 7919 + 13);
    const entry = BASE + Math.floor(r() * 5 * 365) * DAY;
    const noExit = r() < 0.1;
    const exitMs = entry + Math.floor(30 + r() * 400) * DAY;
    const exit = noExit ? null : exitMs;
    // Persons 0..persons-1 have a first period; the rest are second periods of earlier persons.
    const person = i < persons ? i : (i * 2654435761) % persons;
    const pr = rng(person * 31 + 7);
    const dob = ymd(BASE - Math.floor((18 + pr() * 40) * 365) * DAY);
    const sex = ['1', '2', '9'][Math.floor(pr() * 3)];
    const flags = ['0', pr() < 0.1 ? '1' : '', pr() < 0.1 ? '1' : '', pr() < 0.3 ? '1' : '', '', pr() < 0.5 ? '1' : '0', ''];
    const prog = r();
    const adult = prog < 0.45 ? '1' : prog < 0.5 ? '2' : '';
    const dw = prog >= 0.45 && prog < 0.75 ? (r() < 0.05 ? '4' : '1') : '';
    const youth = prog >= 0.72 ? '1' : '';
    const x = r();
    const r923 = x < 0.02 ? String(1 + Math.floor(r() * 5)) : x < 0.03 ? '7' : '';
    const trained = r() < 0.5;
    const t1811 = trained ? entry + Math.floor(r() * 20) * DAY : null;
    const t1813 = trained && exit && r() < 0.6 ? Math.min(exit, (t1811 as number) + 120 * DAY) : null;
    const cred = trained && r() < 0.5 ? String(1 + Math.floor(r() * 7)) : '';
    const credDate = cred ? (exit ?? entry + 200 * DAY) - Math.floor(r() * 60) * DAY : null;
    const msg = trained && r() < 0.4 ? (t1811 as number) + Math.floor(r() * 300) * DAY : null;
    const msgType = Math.floor(r() * 5);
    const sup = () => (r() < 0.1 ? ['0', '1', '2', '3', '9'][Math.floor(r() * 5)] : '');
    const w = () => (r() < 0.05 ? (r() < 0.2 ? '999999.99' : (2000 + r() * 8000).toFixed(2)) : '');
    const place = () => (youth && r() < 0.2 ? ['0', '1', '2', '3', '9'][Math.floor(r() * 5)] : '');
    const cells = [
      personId(person),
      dob,
      sex,
      ...flags,
      ymd(entry),
      exit ? ymd(exit) : '',
      adult,
      dw,
      youth,
      r923,
      t1811 ? ymd(t1811) : '',
      t1813 ? ymd(t1813) : '',
      cred,
      credDate ? ymd(Math.max(credDate, entry)) : '',
      ...[0, 1, 2, 3, 4].map((k) => (msg && k === msgType ? ymd(msg) : '')),
      sup(),
      sup(),
      sup(),
      sup(),
      r() < 0.05 ? (r() < 0.5 ? '1' : '0') : '',
      w(),
      w(),
      w(),
      w(),
      place(),
      place(),
    ];
    return cells.join(',');
  });
}

export async function generateWages(file: string, wages: number, periods: number): Promise<void> {
  const persons = personsFor(periods);
  const per = Math.max(1, Math.floor(wages / persons));
  const extra = wages - per * persons;
  await writeLines(file, 'person_id,employer_fein,year,quarter,wages', wages, (i) => {
    // Records are grouped by person: person p owns records [start(p), start(p) + n(p)).
    const p = i < extra * (per + 1) ? Math.floor(i / (per + 1)) : extra + Math.floor((i - extra * (per + 1)) / per);
    const k = i < extra * (per + 1) ? i % (per + 1) : (i - extra * (per + 1)) % per;
    const n = p < extra ? per + 1 : per;
    const exit = exitOf(p) ?? BASE + 3 * 365 * DAY;
    const d = new Date(exit);
    const q0 = d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3) - 2;
    const q = q0 + k;
    const r = rng(p * 104729 + k);
    // Half the people change employer half-way; a few quarters have no earnings.
    const switches = p % 2 === 0 && k >= Math.floor(n / 2);
    const fein = `${String(10 + (p % 89)).padStart(2, '0')}-${String((p * 7 + (switches ? 3 : 0)) % 10_000_000).padStart(7, '0')}`;
    const wagesDollars = r() < 0.05 ? '0' : (1500 + r() * 9000).toFixed(2);
    return `${personId(p)},${fein},${Math.floor(q / 4)},${(q % 4) + 1},${wagesDollars}`;
  });
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('wioa-data.ts')) {
  const arg = (name: string, def: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : def;
  };
  const outIdx = process.argv.indexOf('--out');
  const out = outIdx > 0 ? process.argv[outIdx + 1] : '.bench-data';
  const periods = arg('periods', 1000);
  const wages = arg('wages', 10_000);
  fs.mkdirSync(out, { recursive: true });
  const t0 = Date.now();
  await generatePirl(path.join(out, `pirl-${periods}.csv`), periods);
  await generateWages(path.join(out, `wages-${wages}.csv`), wages, periods);
  console.log(`wrote ${periods} periods and ${wages} wage records to ${out} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
