import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FieldError } from '../../../shared/errors.ts';

// The official HSDS 3.0 schemas (data/hsds-3.0/schema, unchanged) compiled once with ajv. Imports,
// exports and every HSDS API response are checked against them.

export const HSDS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data/hsds-3.0');
const SCHEMA_DIR = path.join(HSDS_DIR, 'schema');

let ajv: Ajv2020 | null = null;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv2020 {
  if (ajv) return ajv;
  // strict: false — the HSDS schemas carry Frictionless Data keywords (name, constraints, datapackage_metadata).
  const a = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  (addFormats as unknown as (a: Ajv2020) => void)(a);
  for (const file of fs.readdirSync(SCHEMA_DIR)) {
    if (!file.endsWith('.json') || file === 'openapi.json') continue;
    a.addSchema(JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8')), file);
  }
  ajv = a;
  return a;
}

export function schemaValidator(file: string): ValidateFunction {
  let fn = compiled.get(file);
  if (!fn) {
    fn = instance().getSchema(file);
    if (!fn) throw new Error(`No HSDS schema ${file}`);
    compiled.set(file, fn);
  }
  return fn;
}

/** JSON pointer → `a[0].b` */
export function pointerToPath(pointer: string): string {
  let out = '';
  for (const part of pointer.split('/').filter(Boolean)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(key) ? `[${key}]` : out ? `.${key}` : key;
  }
  return out;
}

export function ajvErrors(errors: ErrorObject[] | null | undefined, prefix: string): FieldError[] {
  return (errors ?? []).map((e) => {
    let where = pointerToPath(e.instancePath);
    const missing = (e.params as { missingProperty?: string }).missingProperty;
    if (e.keyword === 'required' && missing) where = where ? `${where}.${missing}` : missing;
    const field = [prefix, where].filter(Boolean).join(where.startsWith('[') ? '' : '.');
    return { field, code: e.keyword, message: e.message ?? 'Invalid value.' };
  });
}

/** Validates one HSDS record of `kind` (e.g. "service") against <kind>.json; errors carry paths under `prefix`. */
export function validateRecord(kind: string, doc: unknown, prefix: string): FieldError[] {
  const fn = schemaValidator(`${kind}.json`);
  return fn(doc) ? [] : ajvErrors(fn.errors, prefix);
}

// The API's response schemas point at the specification's "compiled" schemas online; Braid validates
// with the same local files (a compiled schema is the plain one with its $refs inlined).
const REMOTE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';
const LOCAL: Record<string, string> = {
  'compiled/service.json': 'service.json',
  'compiled/service_list.json': 'service.json',
  'compiled/organization.json': 'organization.json',
  'compiled/organization_list.json': 'organization.json',
  'compiled/service_at_location.json': 'service_at_location.json',
  'compiled/service_at_location_list.json': 'service_at_location.json',
  'taxonomy.json': 'taxonomy.json',
  'taxonomy_term.json': 'taxonomy_term.json',
};

/** The 200 response schema of one HSDS API path (e.g. "/services/{id}") from openapi.json, as an ajv validator. */
export function apiResponseValidator(apiPath: string): ValidateFunction {
  const key = `openapi:${apiPath}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const openapi = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, 'openapi.json'), 'utf8'));
  const page = openapi.components.schemas.Page;
  let schema = openapi.paths[apiPath].get.responses['200'].content['application/json'].schema;
  // openapi.json gives /service_at_locations/{id} the service schema, a slip in the specification:
  // the endpoint returns a service_at_location, so that is what it is checked against.
  if (apiPath === '/service_at_locations/{id}') schema = { $ref: `${REMOTE}compiled/service_at_location.json` };
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && v === '#/components/schemas/Page') return resolve(page);
      if (k === '$ref' && typeof v === 'string' && v.startsWith(REMOTE)) {
        const local = LOCAL[v.slice(REMOTE.length)];
        if (!local) throw new Error(`No local schema for ${v}`);
        out[k] = local;
      } else out[k] = resolve(v);
    }
    return out;
  };
  const fn = instance().compile(resolve(schema) as object);
  compiled.set(key, fn);
  return fn;
}
