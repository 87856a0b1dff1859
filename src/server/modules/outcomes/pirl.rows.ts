import { EXIT_REASONS } from '../../../shared/schemas/casework.ts';
import { PIRL_ELEMENTS, type PirlElement, type RowError } from '../../../shared/schemas/outcomes.ts';
import { type RACE, SEX, YES_NO } from '../../../shared/schemas/participants.ts';

// One PIRL row → typed values, or the reasons it is refused (element by element). Pure, so every
// rule is unit-tested without a database. Codes are kept as the text the file held: "0", "9" and
// blank mean different things in PIRL, and an export must write back what came in.

export interface PirlRow {
  line: number;
  pirlId: string;
  dob: string | null;
  sex: keyof typeof SEX | null;
  hispanic: keyof typeof YES_NO | null;
  race: (keyof typeof RACE)[];
  /** 210a-210g as given ('' for blank). */
  raceEthnicity: string[];
  entry: string;
  exit: string | null;
  adult: string;
  dislocatedWorker: string;
  youth: string;
  otherExitReason: string;
  exitReason: keyof typeof EXIT_REASONS | null;
  trainingEntered: string | null;
  trainingCompleted: string | null;
  credentialCode: string;
  credentialDate: string | null;
  skillGains: { element: '1806' | '1807' | '1808' | '1809' | '1810'; date: string }[];
  employed: [string, string, string, string];
  retainedSameEmployer: string;
  wages: [string, string, string, string];
  wagesQ2Cents: number | null;
  placementQ2: string;
  placementQ4: string;
}

/** The header cell of an element: "210(a)", "210A" and " 210a " all name 210a. */
export function elementOf(header: string): PirlElement | null {
  const key = header
    .trim()
    .toLowerCase()
    .replace(/[^0-9a-z]/g, '');
  return (PIRL_ELEMENTS as readonly string[]).includes(key) ? (key as PirlElement) : null;
}

export interface HeaderMap {
  index: Map<PirlElement, number>;
  ignored: string[];
}

export function readHeader(cells: string[]): { header: HeaderMap; errors: RowError[] } {
  const index = new Map<PirlElement, number>();
  const ignored: string[] = [];
  const errors: RowError[] = [];
  cells.forEach((cell, i) => {
    const el = elementOf(cell);
    if (!el) {
      if (cell.trim() !== '') ignored.push(cell.trim().slice(0, 40));
      return;
    }
    if (index.has(el)) errors.push({ line: 1, element: el, reason: 'The column appears twice.' });
    else index.set(el, i);
  });
  for (const required of ['100', '900'] as const) {
    if (!index.has(required))
      errors.push({ line: 1, element: required, reason: 'Required column missing: periods are keyed by (100, 900).' });
  }
  return { header: { index, ignored }, errors };
}

const PIRL_ID = /^[A-Za-z0-9-]{1,40}$/;
const AMOUNT = /^\d{1,9}(\.\d{1,2})?$/;
const ALL_NINES = /^9+(\.9+)?$/;

/** YYYYMMDD → YYYY-MM-DD, or null when it is not a calendar date. */
export function pirlDate(v: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Dollars as PIRL writes them → cents; null for blank or "not available" (all 9s). */
export function wageCents(v: string): number | null {
  if (v === '' || ALL_NINES.test(v)) return null;
  const [whole, frac = ''] = v.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

const CODES: Partial<Record<PirlElement, readonly string[]>> = {
  '201': ['1', '2', '9'],
  '210a': ['0', '1', '9'],
  '210b': ['0', '1', '9'],
  '210c': ['0', '1', '9'],
  '210d': ['0', '1', '9'],
  '210e': ['0', '1', '9'],
  '210f': ['0', '1', '9'],
  '210g': ['0', '1', '9'],
  '903': ['0', '1', '2', '3'],
  '904': ['0', '1', '2', '3', '4'],
  '905': ['0', '1', '2', '3'],
  '923': ['0', '1', '2', '3', '4', '5', '6', '7'],
  '1800': ['0', '1', '2', '3', '4', '5', '6', '7'],
  '1600': ['0', '1', '2', '3', '9'],
  '1602': ['0', '1', '2', '3', '9'],
  '1604': ['0', '1', '2', '3', '9'],
  '1606': ['0', '1', '2', '3', '9'],
  '1618': ['0', '1'],
  '1900': ['0', '1', '2', '3', '9'],
  '1901': ['0', '1', '2', '3', '9'],
};
const DATES: PirlElement[] = ['200', '900', '901', '1811', '1813', '1801', '1806', '1807', '1808', '1809', '1810'];
const AMOUNTS: PirlElement[] = ['1703', '1704', '1705', '1706'];
const RACE_ELEMENTS = ['210b', '210c', '210d', '210e', '210f'] as const;
const RACE_BY_ELEMENT: Record<(typeof RACE_ELEMENTS)[number], keyof typeof RACE> = {
  '210b': 'american_indian_alaska_native',
  '210c': 'asian',
  '210d': 'black',
  '210e': 'native_hawaiian_pacific_islander',
  '210f': 'white',
};
const SEX_BY_CODE = Object.fromEntries(Object.entries(SEX).map(([k, v]) => [v, k])) as Record<string, keyof typeof SEX>;
const YES_NO_BY_CODE = Object.fromEntries(Object.entries(YES_NO).map(([k, v]) => [v, k])) as Record<string, keyof typeof YES_NO>;
const EXIT_REASON_BY_CODE = Object.fromEntries(Object.entries(EXIT_REASONS).map(([k, v]) => [v, k])) as Record<
  string,
  keyof typeof EXIT_REASONS
>;
const CODE_HINT: Partial<Record<PirlElement, string>> = {
  '201': '1 male, 2 female, 9 not self-identified',
  '904': '0-3, or 4 for incumbent-worker training only',
  '923': '0-7',
  '1800': '0 none, 1-7 credential types',
};

/** Validates one data row. Every refused element is reported, not only the first. */
export function parseRow(header: HeaderMap, cells: string[], line: number): { row: PirlRow | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const raw = (el: PirlElement): string => {
    const i = header.index.get(el);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const fail = (element: string, reason: string) => errors.push({ line, element, reason });
  const dates = new Map<PirlElement, string | null>();
  for (const el of DATES) {
    const v = raw(el);
    if (v === '') {
      dates.set(el, null);
      continue;
    }
    const d = pirlDate(v);
    if (!d) fail(el, `"${v.slice(0, 20)}" is not a date (YYYYMMDD).`);
    dates.set(el, d);
  }
  for (const [el, allowed] of Object.entries(CODES) as [PirlElement, readonly string[]][]) {
    const v = raw(el);
    if (v !== '' && !allowed.includes(v)) fail(el, `"${v.slice(0, 20)}" is not a valid code (${CODE_HINT[el] ?? allowed.join(', ')}).`);
  }
  for (const el of AMOUNTS) {
    const v = raw(el);
    if (v !== '' && !ALL_NINES.test(v) && !AMOUNT.test(v)) fail(el, `"${v.slice(0, 20)}" is not an amount in dollars (as 5250.75).`);
  }
  const pirlId = raw('100');
  if (pirlId === '') fail('100', 'Required: the unique individual identifier.');
  else if (!PIRL_ID.test(pirlId)) fail('100', 'Use 1-40 letters, digits or hyphens.');
  const entry = dates.get('900') ?? null;
  if (raw('900') === '') fail('900', 'Required: the date of program entry.');
  const exit = dates.get('901') ?? null;
  if (entry && exit && exit < entry) fail('901', 'The exit date is before the entry date (900).');
  const credentialCode = raw('1800');
  const credentialDate = dates.get('1801') ?? null;
  if (/^[1-7]$/.test(credentialCode) && raw('1801') === '') fail('1801', 'Required when 1800 names a credential.');
  if (raw('1801') !== '' && !/^[1-7]$/.test(credentialCode)) fail('1800', 'A credential date (1801) needs a credential type 1-7.');
  if (errors.length > 0 || !entry) return { row: null, errors };

  const raceEthnicity = (['210a', '210b', '210c', '210d', '210e', '210f', '210g'] as const).map(raw);
  const skillGains: PirlRow['skillGains'] = [];
  for (const el of ['1806', '1807', '1808', '1809', '1810'] as const) {
    const d = dates.get(el);
    if (d) skillGains.push({ element: el, date: d });
  }
  const wages = [raw('1703'), raw('1704'), raw('1705'), raw('1706')] as PirlRow['wages'];
  const row: PirlRow = {
    line,
    pirlId,
    dob: dates.get('200') ?? null,
    sex: SEX_BY_CODE[raw('201')] ?? null,
    hispanic: YES_NO_BY_CODE[raw('210a')] ?? null,
    race: RACE_ELEMENTS.filter((el) => raw(el) === '1').map((el) => RACE_BY_ELEMENT[el]),
    raceEthnicity,
    entry,
    exit,
    adult: raw('903'),
    dislocatedWorker: raw('904'),
    youth: raw('905'),
    otherExitReason: raw('923'),
    exitReason: EXIT_REASON_BY_CODE[raw('923')] ?? null,
    trainingEntered: dates.get('1811') ?? null,
    trainingCompleted: dates.get('1813') ?? null,
    credentialCode,
    credentialDate,
    skillGains,
    employed: [raw('1600'), raw('1602'), raw('1604'), raw('1606')],
    retainedSameEmployer: raw('1618'),
    wages,
    wagesQ2Cents: wageCents(wages[1]),
    placementQ2: raw('1900'),
    placementQ4: raw('1901'),
  };
  return { row, errors };
}

/** YYYY-MM-DD → YYYYMMDD ('' for null). */
export const toPirlDate = (d: string | null | undefined) => (d ? d.replace(/-/g, '') : '');
