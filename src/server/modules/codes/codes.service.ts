import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

// NAICS 2022, SOC 2018 and county FIPS code lists shipped in data/codes (see data/codes/SOURCES.md),
// loaded once into memory: a few thousand rows each.
const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data/codes');

export interface Code {
  code: string;
  title: string;
  state?: string;
}

function read(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(path.join(DIR, file)), { columns: true, skip_empty_lines: true });
}

let naics: Code[] | null = null;
let soc: Code[] | null = null;
let counties: Code[] | null = null;

export function naicsCodes(): Code[] {
  naics ??= read('naics2022_all.csv')
    // The source's extra "99 Unknown" rows are not NAICS codes.
    .filter((r) => /^\d{2,6}$/.test(r.code) && !r.code.startsWith('99'))
    .map((r) => ({ code: r.code, title: r.title }));
  return naics;
}

export function socCodes(): Code[] {
  soc ??= read('soc2018_all.csv').map((r) => ({ code: r.code, title: r.title }));
  return soc;
}

export function countyCodes(): Code[] {
  counties ??= read('us_state_county_fips.csv')
    .filter((r) => r.state !== 'NA' && Number(r.fips) % 1000 !== 0)
    .map((r) => ({ code: r.fips.padStart(5, '0'), title: `${r.name}, ${r.state}`, state: r.state }));
  return counties;
}

let states: Code[] | null = null;

/** US states, DC and territories by postal code (data/codes/us_state_fips.csv). */
export function stateCodes(): Code[] {
  states ??= read('us_state_fips.csv').map((r) => ({ code: r.state_abbr, title: r.state_name, state: r.state_abbr }));
  return states;
}

export const stateName = (code: string | null) => (code ? (stateCodes().find((s) => s.code === code)?.title ?? null) : null);

let countyStates: Map<string, string> | null = null;
/** The postal code of the state a county FIPS code belongs to. */
export function countyState(fips: string): string | null {
  countyStates ??= new Map(countyCodes().map((c) => [c.code, c.state as string]));
  return countyStates.get(fips) ?? null;
}

const byCode = new Map<string, Map<string, string>>();
function index(kind: 'naics' | 'soc' | 'county'): Map<string, string> {
  let map = byCode.get(kind);
  if (!map) {
    const list = kind === 'naics' ? naicsCodes() : kind === 'soc' ? socCodes() : countyCodes();
    map = new Map(list.map((c) => [c.code, c.title]));
    byCode.set(kind, map);
  }
  return map;
}

export const naicsTitle = (code: string | null) => (code ? (index('naics').get(code) ?? null) : null);
export const socTitle = (code: string | null) => (code ? (index('soc').get(code) ?? null) : null);
export const countyName = (fips: string | null) => (fips ? (index('county').get(fips) ?? null) : null);

/** Code prefix matches first, then words of the title; at most `limit` results. */
export function searchCodes(list: Code[], q: string, limit = 20, state?: string): Code[] {
  const term = q.trim().toLowerCase();
  const pool = state ? list.filter((c) => c.state === state) : list;
  if (!term) return pool.slice(0, limit);
  const compact = term.replace(/[^0-9]/g, '');
  const byCodePrefix = compact.length >= 2 ? pool.filter((c) => c.code.replace(/[^0-9]/g, '').startsWith(compact)) : [];
  const words = term.split(/\s+/);
  const byTitle = pool.filter((c) => words.every((w) => c.title.toLowerCase().includes(w)));
  const seen = new Set<string>();
  const out: Code[] = [];
  for (const c of [...byCodePrefix, ...byTitle]) {
    if (seen.has(c.code)) continue;
    seen.add(c.code);
    out.push(c);
    if (out.length >= limit) break;
  }
  return out;
}
