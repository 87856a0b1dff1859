import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { FieldError } from '../../../shared/errors.ts';
import { AppError } from '../../platform/errors.ts';
import { CHILDREN, type Kind } from './hsds.model.ts';
import { HSDS_DIR } from './hsds.schemas.ts';

// The HSDS 3.0 tabular format: a Frictionless data package (datapackage.json) with one CSV per table.
// The tables, their columns and column types come from the official schemas themselves (each carries
// its CSV `path`, `datapackage_metadata` and `tabular_required`), so this file holds no copy of the spec.
// A CSV row is a record's one-to-one fields plus the ids of what it belongs to (a phone's service_id,
// location_id…; an attribute's link_id; a metadata entry's resource_id).

type Doc = Record<string, unknown>;

export interface Field {
  name: string;
  type: 'string' | 'number' | 'integer' | 'boolean';
  format?: string;
  unique: boolean;
}

export interface Table {
  kind: string;
  path: string;
  order: number;
  description: string;
  fields: Field[];
  /** Columns HSDS requires in the tabular format only (the JSON nesting says the same by position). */
  tabularRequired: string[];
  /** Column → the kind it points at, for the columns that say which record this one belongs to. */
  links: Record<string, Kind>;
}

const SCHEMA_DIR = path.join(HSDS_DIR, 'schema');

let tables: Table[] | null = null;

/** Every HSDS table, in the specification's datapackage order. */
export function hsdsTables(): Table[] {
  if (tables) return tables;
  const out: Table[] = [];
  for (const file of fs.readdirSync(SCHEMA_DIR)) {
    if (!file.endsWith('.json') || file === 'openapi.json') continue;
    const s = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8'));
    if (typeof s.path !== 'string') continue;
    const fields: Field[] = [];
    for (const [name, p] of Object.entries(s.properties as Record<string, Doc>)) {
      if (!['string', 'number', 'integer', 'boolean'].includes(String(p.type))) continue;
      fields.push({
        name,
        type: p.type as Field['type'],
        ...(typeof p.format === 'string' ? { format: p.format } : {}),
        unique: Boolean((p.constraints as { unique?: boolean } | undefined)?.unique),
      });
    }
    const kind = String(s.name);
    // An owned record names each kind that nests it by `<kind>_id` (phones.csv: service_id, contact_id…).
    const links: Record<string, Kind> = {};
    for (const [parent, children] of Object.entries(CHILDREN)) {
      if (Object.values(children).some((c) => c.kind === kind && c.many) && fields.some((f) => f.name === `${parent}_id`))
        links[`${parent}_id`] = parent as Kind;
    }
    out.push({
      kind,
      path: s.path,
      order: Number(s.datapackage_metadata?.order ?? 99),
      description: String(s.description ?? ''),
      fields,
      tabularRequired: Array.isArray(s.tabular_required) ? s.tabular_required : [],
      links,
    });
  }
  tables = out.sort((a, b) => a.order - b.order);
  return tables;
}

export function tableOf(kind: string): Table {
  const t = hsdsTables().find((x) => x.kind === kind);
  if (!t) throw new Error(`No HSDS table for ${kind}`);
  return t;
}

const FRICTIONLESS_FORMATS = new Set(['uri', 'email', 'uuid']);

/** datapackage.json for the package: every table, its fields, primary key and references. */
export function dataPackage(extraColumns: Map<string, string[]>): Doc {
  return {
    name: 'hsds',
    title: 'Human Services Data Specification 3.0 data package',
    profile: 'tabular-data-package',
    created: new Date().toISOString(),
    resources: hsdsTables().map((t) => ({
      name: t.kind,
      path: t.path,
      description: t.description,
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      schema: {
        fields: [
          ...t.fields.map((f) => ({
            name: f.name,
            type: f.type,
            ...(f.format && FRICTIONLESS_FORMATS.has(f.format) ? { format: f.format } : {}),
            constraints: { required: f.name === 'id' || t.tabularRequired.includes(f.name), unique: f.unique },
          })),
          ...(extraColumns.get(t.kind) ?? []).map((name) => ({ name, type: 'string' })),
        ],
        primaryKey: 'id',
        foreignKeys: Object.entries(t.links).map(([column, kind]) => ({
          fields: column,
          reference: { resource: kind, fields: 'id' },
        })),
      },
    })),
  };
}

// ---- CSV ----

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV: a header row, CRLF line ends, quoted where a value needs it. */
export function toCsv(columns: string[], rows: Doc[]): string {
  const lines = [columns.map(cell).join(',')];
  for (const r of rows) lines.push(columns.map((c) => cell(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export interface CsvRow {
  file: string;
  line: number;
  values: Record<string, string>;
}

/** Parses one CSV of the package; a malformed file is reported with its line. */
export function fromCsv(file: string, text: string): { columns: string[]; rows: CsvRow[]; errors: FieldError[] } {
  try {
    const records = parse(text, { bom: true, skip_empty_lines: true, relax_quotes: false, info: true }) as {
      record: string[];
      info: { lines: number };
    }[];
    if (records.length === 0) return { columns: [], rows: [], errors: [] };
    const columns = (records[0] as { record: string[] }).record.map((c) => c.trim());
    const rows = records.slice(1).map(({ record, info }) => ({
      file,
      line: info.lines,
      values: Object.fromEntries(columns.map((c, i) => [c, record[i] ?? ''])),
    }));
    return { columns, rows, errors: [] };
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    return {
      columns: [],
      rows: [],
      errors: [{ field: `${file}:${e.lines ?? 1}`, code: 'csv', message: e.message ?? 'This is not a well-formed CSV file.' }],
    };
  }
}

/** A CSV cell as the JSON value its column's type says; a value that is not one stays text, so the schema reports it. */
export function typed(field: Field | undefined, value: string): unknown {
  if (!field || field.type === 'string') return value;
  if (field.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) ? n : value;
}

// ---- zip ----

export function zipPackage(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])), { level: 6 });
}

/** The text files of a zip, by base name (a package may sit in a folder inside the zip). */
export function unzipPackage(bytes: Uint8Array, maxBytes: number): Map<string, string> {
  let entries: Record<string, Uint8Array>;
  try {
    let total = 0;
    entries = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > maxBytes) throw new AppError('file_too_large', 'The package unpacks to more than an import may hold.');
        return !f.name.endsWith('/') && !f.name.startsWith('__MACOSX/');
      },
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('validation_failed', 'The file is not a zip archive.', [
      { field: 'file', code: 'zip', message: 'Upload the HSDS data package as a .zip file.' },
    ]);
  }
  const out = new Map<string, string>();
  for (const [name, data] of Object.entries(entries)) out.set(path.posix.basename(name), strFromU8(data));
  return out;
}
