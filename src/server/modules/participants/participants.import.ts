import { createHash, randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { LIMITS } from '../../../shared/limits.ts';
import type { exportQuery, ImportRejectionCode, importStartBody } from '../../../shared/schemas/participants.ts';
import {
  BARRIERS,
  EDUCATION_LEVEL,
  EMPLOYMENT_STATUS,
  IMPORT_FIELDS,
  type ImportField,
  type ImportPreview,
  type ImportRun,
  type IntakeFields,
  intakeFields,
  RACE,
  SCHOOL_STATUS,
  SEX,
} from '../../../shared/schemas/participants.ts';
import type { Tx } from '../../db/tenant.ts';
import { decrypt, encrypt, type Keyring, keyedHash } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type Context, makeOps, type Services } from '../../platform/http.ts';
import { countyName } from '../codes/codes.service.ts';
import { viewerOf } from './participants.policy.ts';
import {
  caseloadDates,
  existingImportKeys,
  existingSsnHashes,
  findImportRun,
  findImportRunForJob,
  insertImportRun,
  insertParticipants,
  listParticipants,
  lockImportRun,
  type ParticipantInsert,
  updateImportRun,
} from './participants.queries.ts';
import { ssnHashOf, toColumns } from './participants.service.ts';

// Participant import (CSV or XLSX) and export. An import is three steps: upload (the file is kept
// encrypted; Braid answers with its columns and a suggested mapping), preview with a mapping (a dry
// run: every row validated, nothing written), then start. Start validates again; in all_or_nothing mode
// a single rejected row stops the run and nothing is written, otherwise a background job writes the
// valid rows in chunks and records its progress, so it can resume. Each row carries an import key
// (external id, or the SSN's keyed hash, or a keyed hash of name and birth date), so running the same
// file again skips the rows already imported instead of creating duplicates.

const MAX_ROWS = 20_000;
const iso = (d: Date | string) => new Date(d).toISOString();

type Cell = string;
interface Sheet {
  headers: string[];
  rows: { line: number; cells: Cell[] }[];
}

async function readSheet(filename: string, bytes: Buffer): Promise<Sheet> {
  const lower = filename.toLowerCase();
  let table: { line: number; cells: string[] }[];
  if (lower.endsWith('.xlsx')) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as never);
    } catch {
      throw new AppError('validation_failed', 'This is not a readable XLSX file.', [
        { field: 'file', code: 'unreadable', message: 'Not a readable XLSX file.' },
      ]);
    }
    const ws = wb.worksheets[0];
    if (!ws)
      throw new AppError('validation_failed', 'The workbook has no sheet.', [{ field: 'file', code: 'empty', message: 'No sheet.' }]);
    table = [];
    ws.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = cellText(cell.value);
      });
      table.push({ line: number, cells: Array.from(cells, (c) => c ?? '') });
    });
  } else if (lower.endsWith('.csv') || lower.endsWith('.txt')) {
    let records: string[][];
    try {
      records = parse(bytes, { bom: true, relax_column_count: true, skip_empty_lines: false });
    } catch (err) {
      throw new AppError('validation_failed', `The CSV could not be read: ${(err as Error).message.split('\n')[0]}`, [
        { field: 'file', code: 'unreadable', message: 'The CSV could not be read.' },
      ]);
    }
    table = records.map((cells, i) => ({ line: i + 1, cells })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  } else {
    throw new AppError('unsupported_media_type', 'Upload a .csv or .xlsx file.');
  }
  if (table.length === 0)
    throw new AppError('validation_failed', 'The file is empty.', [{ field: 'file', code: 'empty', message: 'The file is empty.' }]);
  const headers = table[0].cells.map((h) => h.trim());
  const rows = table.slice(1);
  if (rows.length > MAX_ROWS) throw new AppError('payload_too_large', `At most ${MAX_ROWS} rows per import.`);
  return { headers, rows };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    return '';
  }
  return String(v);
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const SYNONYMS: Record<ImportField, string[]> = {
  externalId: ['externalid', 'id', 'clientid', 'participantid', 'caseid', 'recordid'],
  firstName: ['firstname', 'first', 'givenname'],
  middleName: ['middlename', 'middle', 'middleinitial'],
  lastName: ['lastname', 'last', 'surname', 'familyname'],
  ssn: ['ssn', 'socialsecuritynumber', 'social', 'socialsecurity'],
  dateOfBirth: ['dateofbirth', 'dob', 'birthdate', 'birthday'],
  email: ['email', 'emailaddress'],
  phone: ['phone', 'phonenumber', 'telephone', 'mobile', 'cell'],
  addressLine1: ['addressline1', 'address', 'street', 'streetaddress', 'address1'],
  addressLine2: ['addressline2', 'address2', 'apt', 'unit'],
  city: ['city', 'town'],
  stateCode: ['statecode', 'state', 'st'],
  postalCode: ['postalcode', 'zip', 'zipcode', 'postcode'],
  countyFips: ['countyfips', 'county', 'fips', 'countycode'],
  preferredLanguage: ['preferredlanguage', 'language'],
  sex: ['sex', 'gender'],
  hispanic: ['hispanic', 'hispaniclatino', 'ethnicity'],
  race: ['race', 'races'],
  veteran: ['veteran', 'veteranstatus'],
  disability: ['disability', 'individualwithadisability'],
  schoolStatus: ['schoolstatus'],
  educationLevel: ['educationlevel', 'education', 'highesteducation', 'highestgrade'],
  employmentStatus: ['employmentstatus', 'employment'],
  barriers: ['barriers', 'barrierstoemployment'],
};

export function suggestMapping(headers: string[]): Partial<Record<ImportField, string>> {
  const out: Partial<Record<ImportField, string>> = {};
  for (const field of IMPORT_FIELDS) {
    const hit = headers.find((h) => SYNONYMS[field].includes(norm(h)));
    if (hit) out[field] = hit;
  }
  return out;
}

// ---- Cell values → intake values (lenient about spelling, strict about meaning)

function dateValue(v: string): string | undefined {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (m) return `${m[3]}-${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}`;
  return undefined;
}

function codeValue<T extends Record<string, string | number | null>>(
  codes: T,
  v: string,
  aliases: Record<string, keyof T> = {},
): keyof T | undefined {
  const n = norm(v);
  for (const key of Object.keys(codes)) if (norm(key) === n) return key;
  for (const [key, code] of Object.entries(codes)) if (code !== null && String(code) === v.trim()) return key;
  return aliases[n];
}
const YES_NO_ALIASES = {
  y: 'yes',
  yes: 'yes',
  true: 'yes',
  '1': 'yes',
  n: 'no',
  no: 'no',
  false: 'no',
  '0': 'no',
  '9': 'not_disclosed',
} as const;

/** Why a row was rejected: a stable code and its parameters (the web app words them in the user's language). */
type Rejection = { code: ImportRejectionCode; params: Record<string, string | number> };

class RowError extends Error {
  constructor(
    readonly field: string,
    readonly rejection: Rejection,
    reason: string,
  ) {
    super(reason);
  }
}

/** Format errors of these fields have a code of their own, which says what the value should look like. */
const FORMAT_CODES: Partial<Record<string, ImportRejectionCode>> = {
  ssn: 'ssn_format',
  dateOfBirth: 'not_a_date',
  stateCode: 'state_code',
  postalCode: 'postal_code',
  preferredLanguage: 'language_code',
  email: 'email',
};

/** The code of a zod issue on an intake field, with only the rule's parameters (never the cell value). */
function rejectionOf(issue: z.core.$ZodIssue): Rejection {
  const field = String(issue.path[0] ?? '');
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? { code: 'required', params: {} }
          : { code: 'too_short', params: { min: Number(issue.minimum) } };
      return { code: 'too_small', params: { min: Number(issue.minimum) } };
    case 'too_big':
      return issue.origin === 'string'
        ? { code: 'too_long', params: { max: Number(issue.maximum) } }
        : { code: 'too_big', params: { max: Number(issue.maximum) } };
    case 'invalid_type':
      return { code: issue.input === undefined ? 'required' : 'invalid', params: {} };
    case 'invalid_format':
      return { code: FORMAT_CODES[field] ?? 'invalid_format', params: {} };
    case 'invalid_union':
      // email: the address rule or an empty cell; the first branch says what was wrong.
      return issue.errors[0]?.[0] ? rejectionOf({ ...issue.errors[0][0], path: issue.path }) : { code: 'invalid', params: {} };
    case 'custom':
      return { code: field === 'ssn' ? 'ssn_invalid' : 'invalid', params: {} };
    default:
      return { code: 'invalid', params: {} };
  }
}

function toIntake(mapping: Partial<Record<ImportField, string>>, headers: string[], cells: string[]): Record<string, unknown> {
  const get = (f: ImportField): string | undefined => {
    const header = mapping[f];
    if (!header) return undefined;
    const v = (cells[headers.indexOf(header)] ?? '').trim();
    return v === '' ? undefined : v;
  };
  const out: Record<string, unknown> = {};
  for (const f of [
    'externalId',
    'firstName',
    'middleName',
    'lastName',
    'email',
    'phone',
    'addressLine1',
    'addressLine2',
    'city',
  ] as const) {
    const v = get(f);
    if (v !== undefined) out[f] = v;
  }
  const ssn = get('ssn');
  if (ssn !== undefined) out.ssn = ssn;
  const dob = get('dateOfBirth');
  if (dob !== undefined) {
    const d = dateValue(dob);
    if (!d) throw new RowError('dateOfBirth', { code: 'not_a_date', params: {} }, 'Not a date (use YYYY-MM-DD or MM/DD/YYYY).');
    out.dateOfBirth = d;
  }
  const state = get('stateCode');
  if (state !== undefined) out.stateCode = state.toUpperCase();
  const zip = get('postalCode');
  if (zip !== undefined) out.postalCode = /^\d{4}$/.test(zip) ? `0${zip}` : zip;
  const county = get('countyFips');
  if (county !== undefined) {
    const fips = county.padStart(5, '0');
    if (!countyName(fips)) throw new RowError('countyFips', { code: 'unknown_county', params: {} }, 'Unknown county FIPS code.');
    out.countyFips = fips;
  }
  const lang = get('preferredLanguage');
  if (lang !== undefined) out.preferredLanguage = { english: 'en', spanish: 'es', espanol: 'es' }[norm(lang)] ?? lang.toLowerCase();
  const coded: [ImportField, Record<string, string | number | null>, Record<string, string>][] = [
    ['sex', SEX, { m: 'male', f: 'female', man: 'male', woman: 'female' }],
    ['hispanic', { yes: '1', no: '0', not_disclosed: '9' }, YES_NO_ALIASES],
    ['veteran', { yes: '1', no: '0', not_disclosed: '9' }, YES_NO_ALIASES],
    ['disability', { yes: '1', no: '0', not_disclosed: '9' }, YES_NO_ALIASES],
    ['schoolStatus', SCHOOL_STATUS, {}],
    ['educationLevel', EDUCATION_LEVEL, { hs: 'high_school_diploma', ged: 'high_school_equivalency', hse: 'high_school_equivalency' }],
    ['employmentStatus', EMPLOYMENT_STATUS, {}],
  ];
  for (const [field, codes, aliases] of coded) {
    const v = get(field);
    if (v === undefined) continue;
    const key = codeValue(codes, v, aliases);
    if (!key) {
      const expected = Object.keys(codes).join(', ');
      throw new RowError(field, { code: 'unknown_value', params: { expected } }, `Unknown value; expected one of ${expected}.`);
    }
    out[field] = key;
  }
  for (const [field, codes] of [
    ['race', RACE],
    ['barriers', BARRIERS],
  ] as const) {
    const v = get(field);
    if (v === undefined) continue;
    const items = v
      .split(/[;,|]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const keysOut: string[] = [];
    for (const item of items) {
      const key = codeValue(codes as Record<string, string | number | null>, item);
      if (!key) throw new RowError(field, { code: 'unknown_list_value', params: {} }, 'Unknown value in the list.');
      keysOut.push(key as string);
    }
    out[field] = keysOut;
  }
  return out;
}

// ---- Runs

type RunRow = NonNullable<Awaited<ReturnType<typeof findImportRun>>>;

function presentRun(r: RunRow): ImportRun {
  const headers = r.headers as string[];
  return {
    id: r.id,
    filename: r.filename,
    status: r.status,
    headers,
    suggestedMapping: suggestMapping(headers),
    totalRows: r.total_rows,
    processedRows: r.processed_rows,
    importedRows: r.imported_rows,
    skippedRows: r.skipped_rows,
    rejectedRows: r.rejected_rows,
    // Runs checked before reasons had codes carry only the English reason.
    errors: (r.errors as Partial<ImportRun['errors'][number]>[]).slice(0, 1000).map((e) => ({
      line: e.line ?? 0,
      field: e.field ?? 'row',
      code: e.code ?? 'invalid',
      params: e.params ?? {},
      reason: e.reason ?? '',
    })),
    createdAt: iso(r.created_at),
    finishedAt: r.finished_at ? iso(r.finished_at) : null,
  };
}

export async function upload(ctx: Context, filename: string, contentType: string, bytes: Buffer): Promise<ImportRun> {
  if (bytes.length > LIMITS.uploadBytes) throw new AppError('payload_too_large', 'The file is too large.');
  const sheet = await readSheet(filename, bytes);
  return ctx.tx(async (tx) => {
    const id = randomUUID();
    await insertImportRun(tx, {
      id,
      tenant_id: ctx.tenantId,
      kind: 'participants',
      filename: filename.slice(0, 200),
      content_type: contentType.slice(0, 100),
      // The file holds SSNs and birth dates: it is stored only as ciphertext, and dropped when the run ends.
      content_enc: encrypt(ctx.services.keyring, bytes.toString('base64')),
      file_sha256: createHash('sha256').update(bytes).digest('hex'),
      status: 'uploaded',
      headers: JSON.stringify(sheet.headers),
      total_rows: sheet.rows.length,
      errors: '[]',
      created_by: ctx.principal.userId,
    });
    await ctx.audit(tx, {
      action: 'import.uploaded',
      entityType: 'import_run',
      entityId: id,
      details: { kind: 'participants', rows: sheet.rows.length },
    });
    return presentRun((await findImportRun(tx, id))!);
  });
}

export async function get(ctx: Context, id: string): Promise<ImportRun> {
  const row = await ctx.tx((tx) => findImportRun(tx, id));
  if (row?.kind !== 'participants') throw notFound('import');
  return presentRun(row);
}

export async function rejectedReport(ctx: Context, id: string): Promise<string> {
  const run = await get(ctx, id);
  return toCsv(
    ['line', 'field', 'reason'],
    run.errors.map((e) => [String(e.line), e.field, e.reason]),
  );
}

interface ValidRow {
  line: number;
  key: string;
  ssnHash: string | null;
  intake: IntakeFields;
}

type StartBody = z.infer<typeof importStartBody>;

interface RunOptions {
  mapping: StartBody['mapping'];
  ownerOrganizationId: string;
  mode: StartBody['mode'];
}

/** The mapping names real columns and the name fields; the owner is one the caller may file cases under. */
function checkStart(ctx: Context, headers: string[], body: StartBody): RunOptions {
  for (const [field, header] of Object.entries(body.mapping)) {
    if (!headers.includes(header)) {
      throw new AppError('validation_failed', `No column "${header}" in the file.`, [
        { field: `body.mapping.${field}`, code: 'unknown_column', message: `No column "${header}".` },
      ]);
    }
  }
  for (const f of ['firstName', 'lastName'] as const) {
    if (!body.mapping[f])
      throw new AppError('validation_failed', 'Map the name columns.', [
        { field: `body.mapping.${f}`, code: 'required', message: 'Required.' },
      ]);
  }
  const viewer = viewerOf(ctx.principal);
  const owner = body.ownerOrganizationId ?? (viewer.ownerOrgIds.length === 1 ? viewer.ownerOrgIds[0] : undefined);
  if (!owner)
    throw new AppError('validation_failed', 'Choose the organization that holds these cases.', [
      { field: 'body.ownerOrganizationId', code: 'required', message: 'Required.' },
    ]);
  // A navigator files cases only under their own organization; partnership staff under any.
  if (!viewer.all && !viewer.ownerOrgIds.includes(owner))
    throw new AppError('validation_failed', 'You can only import into your own organization.', [
      { field: 'body.ownerOrganizationId', code: 'not_allowed', message: 'Not your organization.' },
    ]);
  return { mapping: body.mapping, ownerOrganizationId: owner, mode: body.mode };
}

/** Every row checked; the result depends only on the file and the mapping, so the job can recompute it. */
function validateRows(ring: Keyring, sheet: Sheet, mapping: RunOptions['mapping']) {
  const errors: ImportRun['errors'] = [];
  const valid: ValidRow[] = [];
  const keysSeen = new Map<string, number>();
  for (const { line, cells } of sheet.rows) {
    try {
      const raw = toIntake(mapping, sheet.headers, cells);
      const parsed = intakeFields.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          errors.push({ line, field: issue.path.join('.') || 'row', ...rejectionOf(issue), reason: issue.message });
        continue;
      }
      const intake = parsed.data;
      const ssnHash = intake.ssn ? ssnHashOf(ring, intake.ssn) : null;
      const key = intake.externalId
        ? `ext:${intake.externalId}`
        : ssnHash
          ? `ssn:${ssnHash}`
          : `nd:${keyedHash(ring, `import:${intake.firstName.toLowerCase()}|${intake.lastName.toLowerCase()}|${intake.dateOfBirth ?? ''}`)}`;
      const earlier = keysSeen.get(key);
      if (earlier !== undefined) {
        errors.push({
          line,
          field: intake.externalId ? 'externalId' : 'row',
          code: 'duplicate_in_file',
          params: { line: earlier },
          reason: `Same person as line ${earlier}.`,
        });
        continue;
      }
      keysSeen.set(key, line);
      valid.push({ line, key, ssnHash, intake });
    } catch (err) {
      if (err instanceof RowError) errors.push({ line, field: err.field, ...err.rejection, reason: err.message });
      else throw err;
    }
  }
  return { errors, valid, rejected: new Set(errors.map((e) => e.line)).size };
}

/** Valid rows already on file: same import key, or the same SSN under any record. */
async function alreadyOnFile(tx: Tx, rows: ValidRow[]): Promise<(v: ValidRow) => boolean> {
  const keys = new Set(
    (
      await existingImportKeys(
        tx,
        rows.map((v) => v.key),
      )
    ).map((r) => r.import_key),
  );
  const ssns = new Set(
    (
      await existingSsnHashes(
        tx,
        rows.flatMap((v) => (v.ssnHash ? [v.ssnHash] : [])),
      )
    ).map((r) => r.ssn_hash),
  );
  return (v) => keys.has(v.key) || (v.ssnHash !== null && ssns.has(v.ssnHash));
}

async function openRun(ctx: Context, id: string) {
  const run = await ctx.tx((tx) => findImportRun(tx, id));
  if (run?.kind !== 'participants') throw notFound('import');
  if (!run.content_enc || run.status === 'completed')
    throw new AppError('conflict', 'This import has finished; upload the file again to re-run it.');
  if (run.status === 'importing') throw new AppError('conflict', 'This import is already running.');
  const sheet = await readSheet(run.filename, Buffer.from(decrypt(ctx.services.keyring, run.content_enc), 'base64'));
  return { run, sheet };
}

/**
 * Dry run: validate every row with this mapping and count what would happen, writing nothing but the
 * rejected rows onto the run (so its report can be downloaded before anything is imported).
 */
export async function preview(ctx: Context, id: string, body: StartBody): Promise<ImportPreview> {
  const { run, sheet } = await openRun(ctx, id);
  const options = checkStart(ctx, run.headers as string[], body);
  const { errors, valid, rejected } = validateRows(ctx.services.keyring, sheet, options.mapping);
  return ctx.tx(async (tx) => {
    const onFile = await alreadyOnFile(tx, valid);
    const existing = valid.filter(onFile).length;
    await updateImportRun(tx, id, { rejected_rows: rejected, errors: JSON.stringify(errors.slice(0, 5000)) });
    return {
      totalRows: sheet.rows.length,
      validRows: valid.length,
      newRows: valid.length - existing,
      alreadyImportedRows: existing,
      rejectedRows: rejected,
      errors: errors.slice(0, 1000),
    };
  });
}

export const PARTICIPANT_IMPORT_QUEUE = 'participants.import';

/**
 * Validate, then hand the writing to a background job (the page polls the run for progress). In
 * all_or_nothing mode a rejected row stops here and nothing is written.
 */
export async function start(ctx: Context, id: string, body: StartBody): Promise<ImportRun> {
  const { run, sheet } = await openRun(ctx, id);
  const options = checkStart(ctx, run.headers as string[], body);
  const { errors, rejected } = validateRows(ctx.services.keyring, sheet, options.mapping);
  return ctx.tx(async (tx) => {
    if (rejected > 0 && options.mode === 'all_or_nothing') {
      await updateImportRun(tx, id, {
        status: 'rejected',
        processed_rows: sheet.rows.length,
        imported_rows: 0,
        skipped_rows: 0,
        rejected_rows: rejected,
        errors: JSON.stringify(errors.slice(0, 5000)),
        finished_at: new Date(),
      });
      await ctx.audit(tx, { action: 'import.rejected', entityType: 'import_run', entityId: id, details: { rejected } });
      return presentRun((await findImportRun(tx, id))!);
    }
    await updateImportRun(tx, id, {
      status: 'importing',
      options: JSON.stringify(options),
      processed_rows: 0,
      imported_rows: 0,
      skipped_rows: 0,
      rejected_rows: rejected,
      errors: JSON.stringify(errors.slice(0, 5000)),
      finished_at: null,
    });
    await ctx.audit(tx, { action: 'import.started', entityType: 'import_run', entityId: id, details: { rejected, mode: options.mode } });
    ctx.afterCommit(async () => {
      await ctx.services.jobs.send(PARTICIPANT_IMPORT_QUEUE, { tenantId: ctx.tenantId, runId: id }, { singletonKey: id });
    });
    return presentRun((await findImportRun(tx, id))!);
  });
}

const CHUNK_ROWS = 200;

/**
 * The background half of an import. Rows go in, in file order, in chunks: each chunk's participants and
 * the run's progress commit in one transaction, so a crashed or retried job resumes after the last
 * committed chunk, and the import keys (unique per tenant) keep any replay from creating a duplicate.
 */
export async function runImport(
  services: Services,
  tenantId: string,
  runId: string,
  options: { chunkRows?: number; afterChunk?: (processed: number) => void } = {},
): Promise<void> {
  const chunkRows = options.chunkRows ?? CHUNK_ROWS;
  const probe = makeOps(services, tenantId, { userId: null, label: 'participant import' }).ops;
  const run = await probe.tx((tx) => findImportRunForJob(tx, runId));
  if (run?.kind !== 'participants' || run.status !== 'importing' || !run.content_enc) return;
  const { ops } = makeOps(services, tenantId, { userId: run.created_by, label: 'participant import' });
  const opts = run.options as unknown as RunOptions;
  let sheet: Sheet;
  try {
    sheet = await readSheet(run.filename, Buffer.from(decrypt(services.keyring, run.content_enc), 'base64'));
  } catch (err) {
    // A file that cannot be decrypted or read (say, the key was rotated away) will not improve on retry:
    // the run fails now, so the page stops waiting and says so. Other errors are retried and resume.
    await ops.tx(async (tx) => {
      await updateImportRun(tx, runId, { status: 'failed', finished_at: new Date(), content_enc: null });
      await ops.audit(tx, { action: 'import.failed', entityType: 'import_run', entityId: runId, details: { reason: (err as Error).name } });
    });
    return;
  }
  const { valid, rejected } = validateRows(services.keyring, sheet, opts.mapping);
  const validByLine = new Map(valid.map((v) => [v.line, v]));

  let processed = run.processed_rows;
  while (processed < sheet.rows.length) {
    processed = await ops.tx(async (tx) => {
      // Locked, so two workers on one run take turns; whichever comes second sees the progress made.
      const current = await lockImportRun(tx, runId);
      if (current?.status !== 'importing') return sheet.rows.length;
      const from = current.processed_rows;
      const slice = sheet.rows.slice(from, from + chunkRows);
      const rows = slice.flatMap((r) => validByLine.get(r.line) ?? []);
      const onFile = await alreadyOnFile(tx, rows);
      const toInsert: ParticipantInsert[] = [];
      let skipped = 0;
      for (const v of rows) {
        if (onFile(v)) {
          skipped++;
          continue;
        }
        toInsert.push(participantRow(services.keyring, tenantId, opts.ownerOrganizationId, run.created_by, v));
      }
      await insertParticipants(tx, toInsert);
      await updateImportRun(tx, runId, {
        processed_rows: from + slice.length,
        imported_rows: current.imported_rows + toInsert.length,
        skipped_rows: current.skipped_rows + skipped,
      });
      return from + slice.length;
    });
    options.afterChunk?.(processed);
  }

  await ops.tx(async (tx) => {
    const current = await lockImportRun(tx, runId);
    if (current?.status !== 'importing') return;
    await updateImportRun(tx, runId, { status: 'completed', finished_at: new Date(), content_enc: null });
    await ops.audit(tx, {
      action: 'participant.imported',
      entityType: 'import_run',
      entityId: runId,
      details: {
        imported: current.imported_rows,
        skipped: current.skipped_rows,
        rejected,
        ownerOrganizationId: opts.ownerOrganizationId,
      },
    });
  });
}

export function importJobHandler(services: Services) {
  return async (data: Record<string, unknown>) => runImport(services, String(data.tenantId), String(data.runId));
}

function participantRow(ring: Keyring, tenantId: string, owner: string, createdBy: string | null, v: ValidRow): ParticipantInsert {
  const columns = toColumns(ring, v.intake);
  const complete = ['dob_enc', 'sex', 'state_code', 'county_fips', 'employment_status', 'education_level', 'veteran', 'disability'].every(
    (c) => columns[c] !== undefined && columns[c] !== null,
  );
  return {
    id: randomUUID(),
    tenant_id: tenantId,
    owner_organization_id: owner,
    status: complete ? 'applicant' : 'draft',
    intake_completed_at: complete ? new Date() : null,
    import_key: v.key,
    created_by: createdBy,
    ...columns,
  } as ParticipantInsert;
}

// ---- Export

/** A cell a spreadsheet would evaluate (=, +, -, @, tab, CR) is prefixed with an apostrophe. */
export function escapeCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export function toCsv(headers: string[], rows: string[][]): string {
  const quote = (v: string) => {
    const e = escapeCell(v);
    return /[",\r\n]/.test(e) ? `"${e.replace(/"/g, '""')}"` : e;
  };
  return `${[headers, ...rows].map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}

const EXPORT_LIMIT = 10_000;

export async function exportList(
  ctx: Context,
  query: z.infer<typeof exportQuery>,
): Promise<{ contentType: string; filename: string; body: Buffer | string }> {
  const { format, mine, ...filters } = query;
  const viewer = viewerOf(ctx.principal);
  const rows = await ctx.tx(async (tx) => {
    const list = await listParticipants(tx, viewer, { ...filters, mineUserId: mine ? ctx.principal.userId : undefined })
      .select(['participant.external_id', 'participant.city', 'participant.county_fips'])
      .limit(EXPORT_LIMIT)
      .execute();
    const dates = await caseloadDates(
      tx,
      list.map((r) => r.id),
    );
    await ctx.audit(tx, {
      action: 'participant.exported',
      entityType: 'participant',
      personalData: true,
      details: { format, count: list.length, filters: { ...filters, q: filters.q ? '(search)' : undefined } },
    });
    return list.map((r) => ({ ...r, ...(dates.get(r.id) ?? { entry_date: null, exit_date: null, last_service_date: null }) }));
  });
  const headers = [
    'id',
    'external_id',
    'first_name',
    'last_name',
    'status',
    'organization',
    'navigator',
    'entry_date',
    'exit_date',
    'last_service_date',
    'city',
    'county_fips',
  ];
  const data = rows.map((r) => [
    r.id,
    r.external_id ?? '',
    r.first_name,
    r.last_name,
    r.status,
    r.owner_organization_name,
    r.navigator_name ?? '',
    r.entry_date ?? '',
    r.exit_date ?? '',
    r.last_service_date ?? '',
    r.city ?? '',
    r.county_fips ?? '',
  ]);
  const stamp = new Date().toISOString().slice(0, 10);
  if (format === 'csv')
    return { contentType: 'text/csv; charset=utf-8', filename: `participants-${stamp}.csv`, body: toCsv(headers, data) };
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Participants');
  ws.addRow(headers);
  // Every cell is written as text (never a formula), and escaped as in CSV for when it is re-saved as CSV.
  for (const r of data) ws.addRow(r.map(escapeCell));
  ws.getRow(1).font = { bold: true };
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `participants-${stamp}.xlsx`,
    body: buffer,
  };
}
