import { randomUUID } from 'node:crypto';
import type { CappedPage } from '../../../shared/schemas/common.ts';
import {
  type DataCategory,
  type DuplicateCheckResult,
  type IntakeBody,
  type IntakeFields,
  type IntakePatch,
  type Participant,
  type ParticipantListQuery,
  type ParticipantSummary,
  REQUIRED_FOR_COMPLETION,
  type SavedFilter,
  type SavedFilterFilters,
  type TimelineEvent,
} from '../../../shared/schemas/participants.ts';
import type { Tx } from '../../db/tenant.ts';
import { diff } from '../../platform/audit.ts';
import { decrypt, encrypt, type Keyring, keyedHash } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Context, Ops } from '../../platform/http.ts';
import { countyName } from '../codes/codes.service.ts';
import { recordRelease } from '../consent/consent.service.ts';
import { accessTo, mustAccess, mustEdit, type ParticipantAccess, type Viewer, viewerOf } from './participants.policy.ts';
import {
  byNameAndDob,
  bySsnHash,
  caseloadPage,
  coveringConsents,
  deleteSavedFilter,
  findParticipant,
  insertLink,
  insertParticipants,
  insertSavedFilter,
  linkedRecords,
  moveChildren,
  organizationsOf,
  type ParticipantInsert,
  type ParticipantRow,
  refreshParticipantStatus,
  savedFilterByName,
  savedFilters,
  setStatus,
  timelineSources,
  updateParticipant,
  userInTenant,
} from './participants.queries.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const enc = (ring: Keyring, v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : encrypt(ring, v));
const dec = (ring: Keyring, v: string | null) => (v === null ? null : decrypt(ring, v));

/** Keyed hashes for matching; the prefix keeps an SSN and a date from ever colliding. */
export const ssnHashOf = (ring: Keyring, ssn: string) => keyedHash(ring, `ssn:${ssn.replace(/\D/g, '')}`);
export const dobHashOf = (ring: Keyring, dob: string) => keyedHash(ring, `dob:${dob}`);
export const searchNameOf = (first: string, last: string) => `${first} ${last}`.toLowerCase();

/** Columns that hold ciphertext: audit diffs show them as changed, never their values. */
const MASKED = ['ssn_enc', 'dob_enc', 'email_enc', 'phone_enc', 'address_line1_enc', 'address_line2_enc', 'ssn_hash', 'dob_hash'];

/** Intake fields → columns (only the fields given), encrypting and hashing the marked ones. */
export function toColumns(ring: Keyring, b: Partial<IntakeFields>): Record<string, unknown> {
  const map: Record<string, unknown> = {
    first_name: b.firstName,
    middle_name: b.middleName,
    last_name: b.lastName,
    ssn_enc: enc(ring, b.ssn),
    ssn_hash: b.ssn === undefined ? undefined : b.ssn === null ? null : ssnHashOf(ring, b.ssn),
    dob_enc: enc(ring, b.dateOfBirth),
    dob_hash: b.dateOfBirth === undefined ? undefined : b.dateOfBirth === null ? null : dobHashOf(ring, b.dateOfBirth),
    email_enc: enc(ring, b.email),
    phone_enc: enc(ring, b.phone),
    address_line1_enc: enc(ring, b.addressLine1),
    address_line2_enc: enc(ring, b.addressLine2),
    city: b.city,
    state_code: b.stateCode,
    postal_code: b.postalCode,
    county_fips: b.countyFips,
    preferred_language: b.preferredLanguage,
    sex: b.sex,
    hispanic: b.hispanic,
    race: b.race,
    veteran: b.veteran,
    disability: b.disability,
    school_status: b.schoolStatus,
    education_level: b.educationLevel,
    employment_status: b.employmentStatus,
    wage_q1_prior_cents: b.preProgramWages === undefined ? undefined : (b.preProgramWages?.q1PriorCents ?? null),
    wage_q2_prior_cents: b.preProgramWages === undefined ? undefined : (b.preProgramWages?.q2PriorCents ?? null),
    wage_q3_prior_cents: b.preProgramWages === undefined ? undefined : (b.preProgramWages?.q3PriorCents ?? null),
    barriers: b.barriers === undefined ? undefined : [...new Set(b.barriers)],
    public_assistance: b.publicAssistance === undefined ? undefined : [...new Set(b.publicAssistance)],
    family_size: b.familySize,
    annual_family_income_cents: b.annualFamilyIncomeCents,
    selective_service: b.selectiveService,
    authorized_to_work: b.authorizedToWork,
    dislocation: b.dislocation === undefined ? undefined : b.dislocation === null ? null : JSON.stringify(b.dislocation),
    navigator_user_id: b.navigatorUserId,
    external_id: b.externalId,
  };
  return Object.fromEntries(Object.entries(map).filter(([, v]) => v !== undefined));
}

const REQUIRED_COLUMNS: Record<(typeof REQUIRED_FOR_COMPLETION)[number], string> = {
  dateOfBirth: 'dob_enc',
  sex: 'sex',
  stateCode: 'state_code',
  countyFips: 'county_fips',
  employmentStatus: 'employment_status',
  educationLevel: 'education_level',
  veteran: 'veteran',
  disability: 'disability',
};

function missingFor(row: Record<string, unknown>): string[] {
  return REQUIRED_FOR_COMPLETION.filter((f) => row[REQUIRED_COLUMNS[f]] === null || row[REQUIRED_COLUMNS[f]] === undefined);
}

function incompleteError(missing: string[]): AppError {
  return new AppError(
    'validation_failed',
    'The intake is missing required fields; save it as a draft or fill them in.',
    missing.map((f) => ({ field: `body.${f}`, code: 'required', message: 'Required to complete the intake.' })),
  );
}

function validateCodes(b: Partial<IntakeFields>) {
  if (b.countyFips && !countyName(b.countyFips)) {
    throw new AppError('validation_failed', 'Unknown county FIPS code.', [
      { field: 'body.countyFips', code: 'unknown_code', message: 'Unknown county FIPS code.' },
    ]);
  }
  if (b.dateOfBirth) {
    const year = Number(b.dateOfBirth.slice(0, 4));
    if (year < 1900 || b.dateOfBirth > new Date().toISOString().slice(0, 10)) {
      throw new AppError('validation_failed', 'The date of birth is not plausible.', [
        { field: 'body.dateOfBirth', code: 'out_of_range', message: 'The date of birth is not plausible.' },
      ]);
    }
  }
}

export function maskSsn(ssn: string | null): string | null {
  return ssn ? `***-**-${ssn.slice(-4)}` : null;
}

export function ageOn(dob: string, on: string): number {
  const [y, m, d] = dob.split('-').map(Number);
  const [oy, om, od] = on.split('-').map(Number);
  return oy - y - (om < m || (om === m && od < d) ? 1 : 0);
}

type LinkRow = Awaited<ReturnType<typeof linkedRecords>>[number];

function present(ring: Keyring, r: ParticipantRow, access: ParticipantAccess, links: { row: LinkRow; visible: boolean }[]): Participant {
  const has = (c: DataCategory) => access.categories.includes(c);
  const internal = access.basis !== 'consent';
  return {
    id: r.id,
    status: r.status,
    firstName: r.first_name,
    middleName: r.middle_name,
    lastName: r.last_name,
    ownerOrganization: { id: r.owner_organization_id, name: r.owner_organization_name },
    navigator: r.navigator_user_id && r.navigator_name ? { id: r.navigator_user_id, name: r.navigator_name } : null,
    access: { basis: access.basis, categories: access.categories, canEdit: access.canEdit },
    ssnMasked: internal ? maskSsn(dec(ring, r.ssn_enc)) : null,
    contact: has('contact')
      ? {
          email: dec(ring, r.email_enc),
          phone: dec(ring, r.phone_enc),
          addressLine1: dec(ring, r.address_line1_enc),
          addressLine2: dec(ring, r.address_line2_enc),
          city: r.city,
          stateCode: r.state_code,
          postalCode: r.postal_code,
          countyFips: r.county_fips,
          countyName: countyName(r.county_fips),
          preferredLanguage: r.preferred_language,
        }
      : null,
    demographics: has('demographics')
      ? {
          dateOfBirth: dec(ring, r.dob_enc),
          sex: r.sex as never,
          hispanic: r.hispanic as never,
          race: r.race as never,
          veteran: r.veteran as never,
          disability: r.disability as never,
          barriers: r.barriers as never,
        }
      : null,
    education: has('education_training') ? { schoolStatus: r.school_status as never, educationLevel: r.education_level as never } : null,
    employment: has('employment_wages')
      ? {
          employmentStatus: r.employment_status as never,
          preProgramWages: {
            q1PriorCents: r.wage_q1_prior_cents,
            q2PriorCents: r.wage_q2_prior_cents,
            q3PriorCents: r.wage_q3_prior_cents,
          },
        }
      : null,
    eligibilityFacts: internal
      ? {
          publicAssistance: r.public_assistance as never,
          familySize: r.family_size,
          annualFamilyIncomeCents: r.annual_family_income_cents === null ? null : Number(r.annual_family_income_cents),
          selectiveService: r.selective_service as never,
          authorizedToWork: r.authorized_to_work,
          dislocation: (r.dislocation as never) ?? null,
        }
      : null,
    externalId: internal ? r.external_id : null,
    missingForCompletion: missingFor(r as unknown as Record<string, unknown>),
    links: internal
      ? links.map(({ row, visible }) => ({
          participantId: row.other_id,
          reason: row.reason,
          visible,
          name: visible ? `${row.first_name} ${row.last_name}` : null,
          organizationName: visible ? row.organization_name : null,
          createdAt: iso(row.created_at),
        }))
      : [],
    mergedIntoId: r.merged_into_id,
    intakeCompletedAt: r.intake_completed_at ? iso(r.intake_completed_at) : null,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

async function load(ctx: Ops, tx: Tx, viewer: Viewer, access: ParticipantAccess): Promise<Participant> {
  const row = await findParticipant(tx, access.participantId);
  if (!row) throw notFound('participant');
  const links = access.basis === 'consent' ? [] : await linkedRecords(tx, row.id);
  const withVisibility = [];
  for (const l of links) withVisibility.push({ row: l, visible: (await accessTo(tx, viewer, l.other_id)) !== null });
  return present(ctx.services.keyring, row, access, withVisibility);
}

// ---- Duplicates

async function findDuplicates(
  ctx: Ops,
  tx: Tx,
  viewer: Viewer,
  input: { firstName: string; lastName: string; dateOfBirth?: string | null; ssn?: string | null },
  exclude?: string,
): Promise<DuplicateCheckResult & { hiddenSsnMatchIds: string[] }> {
  const ring = ctx.services.keyring;
  const rows = [
    ...(input.ssn ? (await bySsnHash(tx, ssnHashOf(ring, input.ssn))).map((r) => ({ ...r, matchedOn: 'ssn' as const })) : []),
    ...(input.dateOfBirth
      ? (await byNameAndDob(tx, searchNameOf(input.firstName, input.lastName), dobHashOf(ring, input.dateOfBirth))).map((r) => ({
          ...r,
          matchedOn: 'name_and_date_of_birth' as const,
        }))
      : []),
  ];
  const seen = new Set<string>();
  const result: DuplicateCheckResult & { hiddenSsnMatchIds: string[] } = { candidates: [], hiddenMatches: 0, hiddenSsnMatchIds: [] };
  for (const r of rows) {
    if (seen.has(r.id) || r.id === exclude) continue;
    seen.add(r.id);
    const access = await accessTo(tx, viewer, r.id);
    if (!access) {
      result.hiddenMatches++;
      if (r.matchedOn === 'ssn') result.hiddenSsnMatchIds.push(r.id);
      continue;
    }
    result.candidates.push({
      participantId: r.id,
      matchedOn: r.matchedOn,
      score: Math.round(Number(r.score) * 100) / 100,
      firstName: r.first_name,
      lastName: r.last_name,
      dateOfBirth: access.categories.includes('demographics') ? dec(ring, r.dob_enc) : null,
      organizationName: r.organization_name,
      status: r.status,
    });
  }
  return result;
}

export async function checkDuplicates(ctx: Context, input: Parameters<typeof findDuplicates>[3]): Promise<DuplicateCheckResult> {
  return ctx.tx(async (tx) => {
    const { hiddenSsnMatchIds: _, ...result } = await findDuplicates(ctx, tx, viewerOf(ctx.principal), input);
    await ctx.audit(tx, {
      action: 'participant.duplicate_check',
      entityType: 'participant',
      personalData: true,
      details: { candidates: result.candidates.map((c) => c.participantId), hiddenMatches: result.hiddenMatches },
    });
    return result;
  });
}

// ---- Intake

async function ownerFor(tx: Tx, viewer: Viewer, requested: string | undefined): Promise<string> {
  if (requested) {
    if (viewer.ownerOrgIds.includes(requested)) return requested;
    if (viewer.all && viewer.canManage && (await organizationsOf(tx, [requested])).length === 1) return requested;
    throw new AppError('validation_failed', 'You cannot open cases for this organization.', [
      { field: 'body.ownerOrganizationId', code: 'not_allowed', message: 'You cannot open cases for this organization.' },
    ]);
  }
  if (viewer.ownerOrgIds.length === 1) return viewer.ownerOrgIds[0];
  throw new AppError('validation_failed', 'Choose the organization that holds this case.', [
    { field: 'body.ownerOrganizationId', code: 'required', message: 'Choose the organization that holds this case.' },
  ]);
}

async function checkNavigator(tx: Tx, id: string | null | undefined) {
  if (id && !(await userInTenant(tx, id))) {
    throw new AppError('validation_failed', 'No such navigator.', [
      { field: 'body.navigatorUserId', code: 'not_found', message: 'No such user.' },
    ]);
  }
}

export async function create(ctx: Context, body: IntakeBody): Promise<Participant> {
  const ring = ctx.services.keyring;
  validateCodes(body);
  return ctx.tx(async (tx) => {
    const viewer = viewerOf(ctx.principal);
    const owner = await ownerFor(tx, viewer, body.ownerOrganizationId);
    await checkNavigator(tx, body.navigatorUserId);
    const dupes = await findDuplicates(ctx, tx, viewer, body);
    if (dupes.candidates.length > 0 && !body.confirmNotDuplicate && !body.linkToParticipantId) {
      throw new AppError(
        'duplicate_suspected',
        'This person may already have a record. Open it, link to it, or confirm this is someone else.',
        dupes.candidates.map((c) => ({ field: 'body', code: `duplicate_${c.matchedOn}`, message: c.participantId })),
      );
    }
    if (body.linkToParticipantId) await mustAccess(tx, viewer, body.linkToParticipantId);
    const id = randomUUID();
    const columns = toColumns(ring, body);
    const missing = missingFor(columns);
    if (body.complete && missing.length) throw incompleteError(missing);
    const row = {
      id,
      tenant_id: ctx.tenantId,
      owner_organization_id: owner,
      status: body.complete ? 'applicant' : 'draft',
      navigator_user_id: body.navigatorUserId ?? (viewer.ownerOrgIds.includes(owner) ? ctx.principal.userId : null),
      intake_completed_at: body.complete ? new Date() : null,
      created_by: ctx.principal.userId,
      ...columns,
    } as ParticipantInsert;
    await insertParticipants(tx, [row]);
    const links: { other: string; reason: 'same_person' | 'ssn_match' }[] = [];
    if (body.linkToParticipantId) links.push({ other: body.linkToParticipantId, reason: 'same_person' });
    for (const c of dupes.candidates) if (c.matchedOn === 'ssn') links.push({ other: c.participantId, reason: 'ssn_match' });
    for (const other of dupes.hiddenSsnMatchIds) links.push({ other, reason: 'ssn_match' });
    for (const l of links) {
      if (l.other === id) continue;
      await insertLink(tx, {
        id: randomUUID(),
        tenant_id: ctx.tenantId,
        a: id,
        b: l.other,
        reason: l.reason,
        note: null,
        created_by: ctx.principal.userId,
      });
    }
    await ctx.audit(tx, {
      action: 'participant.created',
      entityType: 'participant',
      entityId: id,
      details: {
        status: row.status,
        ownerOrganizationId: owner,
        fields: Object.keys(columns).filter((k) => !k.endsWith('_hash')),
        links: links.map((l) => ({ participantId: l.other, reason: l.reason })),
      },
    });
    const access = await mustAccess(tx, viewer, id);
    return load(ctx, tx, viewer, access);
  });
}

export async function update(ctx: Context, id: string, patch: IntakePatch): Promise<Participant> {
  const ring = ctx.services.keyring;
  validateCodes(patch);
  return ctx.tx(async (tx) => {
    const viewer = viewerOf(ctx.principal);
    const access = await mustEdit(tx, viewer, id);
    const before = await findParticipant(tx, id);
    if (!before) throw notFound('participant');
    if (before.status === 'merged') throw new AppError('conflict', 'This record was merged into another; change that one.');
    await checkNavigator(tx, patch.navigatorUserId);
    const { complete, ...fields } = patch;
    const columns = toColumns(ring, fields);
    const after = { ...before, ...columns } as Record<string, unknown>;
    const missing = missingFor(after);
    if (complete && missing.length) throw incompleteError(missing);
    if (complete && before.status === 'draft') {
      columns.status = 'applicant';
      columns.intake_completed_at = new Date();
    }
    // Ciphertexts differ on every write; compare plaintexts so an unchanged field is not reported.
    const beforePlain: Record<string, unknown> = { ...before };
    for (const col of ['ssn_enc', 'dob_enc', 'email_enc', 'phone_enc', 'address_line1_enc', 'address_line2_enc'] as const) {
      if (col in columns) {
        const old = dec(ring, before[col]);
        const next = columns[col] === null ? null : decrypt(ring, columns[col] as string);
        if (old === next) {
          delete columns[col];
          delete columns[col.replace('_enc', '_hash')];
        } else beforePlain[col] = '(changed)';
      }
    }
    const changes = diff(beforePlain, columns, MASKED);
    if (Object.keys(changes).length > 0) {
      await updateParticipant(tx, id, columns);
      await ctx.audit(tx, { action: 'participant.updated', entityType: 'participant', entityId: id, details: { changes } });
    }
    return load(ctx, tx, viewer, access);
  });
}

export async function get(ctx: Context, id: string): Promise<Participant> {
  return ctx.tx(async (tx) => {
    const viewer = viewerOf(ctx.principal);
    const access = await mustAccess(tx, viewer, id);
    const result = await load(ctx, tx, viewer, access);
    await ctx.audit(tx, {
      action: 'participant.viewed',
      entityType: 'participant',
      entityId: id,
      personalData: true,
      details: { basis: access.basis, categories: access.categories },
    });
    await recordRelease(ctx, tx, viewer, access, access.categories, 'viewed record');
    return result;
  });
}

export async function list(ctx: Context, query: ParticipantListQuery): Promise<CappedPage<ParticipantSummary>> {
  return ctx.tx(async (tx) => {
    const viewer = viewerOf(ctx.principal);
    const { page, pageSize, mine, ...filters } = query;
    const f = { ...filters, mineUserId: mine ? ctx.principal.userId : undefined };
    const found = await caseloadPage(tx, viewer, f, { offset: (page - 1) * pageSize, limit: pageSize });
    const items: ParticipantSummary[] = found.rows.map((r) => ({
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      status: r.status,
      ownerOrganizationId: r.owner_organization_id,
      ownerOrganizationName: r.owner_organization_name,
      navigatorName: r.navigator_name,
      entryDate: r.entry_date,
      exitDate: r.exit_date,
      lastServiceDate: r.last_service_date,
      basis: viewer.ownerOrgIds.includes(r.owner_organization_id) ? 'owner' : viewer.all ? 'partnership' : 'consent',
    }));
    if (items.length > 0) {
      await ctx.audit(tx, {
        action: 'participant.listed',
        entityType: 'participant',
        personalData: true,
        details: { count: items.length, page, filters: { ...filters, q: filters.q ? '(search)' : undefined } },
      });
    }
    // Names shown to another organization are a release too.
    for (const item of items) {
      if (item.basis === 'owner') continue;
      const access = await accessTo(tx, viewer, item.id);
      if (access) await recordRelease(ctx, tx, viewer, access, 'identity', 'listed');
    }
    return { items, page, pageSize, total: found.total, totalCapped: found.totalCapped };
  });
}

export async function reveal(
  ctx: Context,
  id: string,
  field: 'ssn' | 'dateOfBirth',
  reason: string,
): Promise<{ field: typeof field; value: string | null }> {
  return ctx.tx(async (tx) => {
    const viewer = viewerOf(ctx.principal);
    const access = await mustAccess(tx, viewer, id);
    if (access.basis === 'consent') throw notFound('participant');
    const row = await findParticipant(tx, id);
    if (!row) throw notFound('participant');
    const value = dec(ctx.services.keyring, field === 'ssn' ? row.ssn_enc : row.dob_enc);
    await ctx.audit(tx, {
      action: 'participant.revealed',
      entityType: 'participant',
      entityId: id,
      personalData: true,
      details: { field, reason },
    });
    await recordRelease(ctx, tx, viewer, { ...access, purposes: [reason] }, ['demographics'], `revealed ${field}`);
    return { field, value };
  });
}

export async function link(ctx: Context, id: string, otherId: string, note: string | undefined): Promise<Participant> {
  if (id === otherId) throw new AppError('validation_failed', 'A record cannot be linked to itself.');
  return ctx.tx(async (tx) => {
    const viewer = viewerOf(ctx.principal);
    const access = await mustEdit(tx, viewer, id);
    await mustAccess(tx, viewer, otherId);
    await insertLink(tx, {
      id: randomUUID(),
      tenant_id: ctx.tenantId,
      a: id,
      b: otherId,
      reason: 'same_person',
      note: note ?? null,
      created_by: ctx.principal.userId,
    });
    await ctx.audit(tx, {
      action: 'participant.linked',
      entityType: 'participant',
      entityId: id,
      details: { otherParticipantId: otherId },
    });
    return load(ctx, tx, viewer, access);
  });
}

/** Admin merge: the source's history moves to the survivor; the source stays, marked merged, for the record. */
export async function merge(ctx: Context, id: string, intoId: string, reason: string): Promise<Participant> {
  if (id === intoId) throw new AppError('validation_failed', 'A record cannot be merged into itself.');
  return ctx.tx(async (tx) => {
    const viewer = viewerOf(ctx.principal);
    const source = await findParticipant(tx, id);
    const target = await findParticipant(tx, intoId);
    if (!source || !(await accessTo(tx, viewer, id))) throw notFound('participant');
    if (!target || !(await accessTo(tx, viewer, intoId))) throw notFound('participant');
    if (source.status === 'merged' || target.status === 'merged') throw new AppError('conflict', 'One of these records is already merged.');
    const moved = await moveChildren(tx, id, intoId);
    await updateParticipant(tx, id, { status: 'merged', merged_into_id: intoId, import_key: null });
    const statuses = ['draft', 'applicant', 'exited', 'enrolled'] as const;
    const best = statuses[Math.max(statuses.indexOf(source.status as never), statuses.indexOf(target.status as never))];
    if (best !== target.status) await setStatus(tx, intoId, best);
    await insertLink(tx, {
      id: randomUUID(),
      tenant_id: ctx.tenantId,
      a: id,
      b: intoId,
      reason: 'same_person',
      note: `merged: ${reason}`,
      created_by: ctx.principal.userId,
    });
    for (const [entity, role] of [
      [id, 'merged_away'],
      [intoId, 'survivor'],
    ] as const) {
      await ctx.audit(tx, {
        action: 'participant.merged',
        entityType: 'participant',
        entityId: entity,
        details: { role, sourceId: id, targetId: intoId, reason, moved },
      });
    }
    const access = await mustAccess(tx, viewer, intoId);
    return load(ctx, tx, viewer, access);
  });
}

// ---- Timeline

/** A case note shows in the timeline as its first characters; the notes tab has the whole text. */
const NOTE_EXCERPT = 280;

export async function timeline(ctx: Context, id: string): Promise<TimelineEvent[]> {
  return ctx.tx(async (tx) => {
    const viewer = viewerOf(ctx.principal);
    const access = await mustAccess(tx, viewer, id);
    const has = (c: DataCategory) => access.categories.includes(c);
    const internal = access.basis !== 'consent';
    const row = await findParticipant(tx, id);
    if (!row) throw notFound('participant');
    const s = await timelineSources(tx, id);
    const events: TimelineEvent[] = [
      { at: iso(row.created_at), kind: 'intake_started', title: 'Intake started', detail: null, entityId: id },
    ];
    if (row.intake_completed_at)
      events.push({ at: iso(row.intake_completed_at), kind: 'intake_completed', title: 'Intake completed', detail: null, entityId: id });
    if (internal) {
      for (const c of s.consents) {
        events.push({ at: iso(c.given_at), kind: 'consent_given', title: 'Consent given', detail: c.purpose, entityId: c.id });
        if (c.revoked_at)
          events.push({ at: iso(c.revoked_at), kind: 'consent_revoked', title: 'Consent revoked', detail: c.purpose, entityId: c.id });
      }
      for (const d of s.determinations) {
        events.push({
          at: iso(d.determined_at),
          kind: 'eligibility_determined',
          title: `Eligibility: ${d.name}`,
          detail: d.result,
          entityId: d.id,
        });
      }
    }
    if (has('education_training')) {
      for (const p of s.participations) {
        events.push({ at: p.entry_date, kind: 'program_entry', title: 'Entered program', detail: null, entityId: p.id });
        if (p.exit_date)
          events.push({ at: p.exit_date, kind: 'program_exit', title: 'Exited program', detail: p.exit_reason, entityId: p.id });
      }
      for (const v of s.services) {
        events.push({
          at: v.service_date,
          kind: v.status === 'scheduled' ? 'service_scheduled' : 'service',
          title: v.activity,
          detail: v.category,
          entityId: v.id,
        });
      }
      for (const e of s.enrollments) {
        events.push({ at: e.enrolled_on, kind: 'training_enrolled', title: e.name, detail: null, entityId: e.id });
        if (e.completed_on) events.push({ at: e.completed_on, kind: 'training_completed', title: e.name, detail: null, entityId: e.id });
        if (e.withdrawn_on) events.push({ at: e.withdrawn_on, kind: 'training_withdrawn', title: e.name, detail: null, entityId: e.id });
      }
      for (const c of s.credentials) events.push({ at: c.attained_on, kind: 'credential', title: c.title, detail: null, entityId: c.id });
      for (const g of s.skillGains) events.push({ at: g.achieved_on, kind: 'skill_gain', title: g.type, detail: null, entityId: g.id });
    }
    if (has('assessments')) {
      for (const a of s.assessments) events.push({ at: a.assessed_on, kind: 'assessment', title: a.type, detail: a.level, entityId: a.id });
      for (const p of s.plans) events.push({ at: iso(p.created_at), kind: 'plan', title: p.title, detail: null, entityId: p.id });
    }
    if (has('employment_wages')) {
      for (const j of s.jobs) {
        events.push({ at: j.start_date, kind: 'employment_started', title: j.employer_name, detail: j.job_title, entityId: j.id });
        if (j.end_date)
          events.push({ at: j.end_date, kind: 'employment_ended', title: j.employer_name, detail: j.job_title, entityId: j.id });
      }
      for (const f of s.followUps) {
        events.push({
          at: f.completed_at ? iso(f.completed_at) : f.window_start,
          kind: f.status === 'scheduled' ? 'follow_up_due' : 'follow_up',
          title: `Follow-up, quarter ${f.quarter_after_exit} after exit`,
          detail: f.status,
          entityId: f.id,
        });
      }
    }
    // Case notes follow the notes tab's rule: the author's organization reads its own; another
    // organization's notes only under a consent naming the reader's organization that covers case notes.
    let foreignNotes = 0;
    if (has('case_notes') && s.notes.length > 0) {
      const myOrgs = new Set(ctx.principal.organizationIds);
      const consented =
        s.notes.some((n) => !myOrgs.has(n.author_organization_id)) &&
        (await coveringConsents(tx, id, viewer.recipientOrgIds)).some((c) => c.categories.includes('case_notes'));
      for (const n of s.notes) {
        const own = myOrgs.has(n.author_organization_id);
        if (!own && !consented) continue;
        if (!own) foreignNotes++;
        const body = decrypt(ctx.services.keyring, n.body_enc);
        events.push({
          at: iso(n.created_at),
          kind: 'case_note',
          title: `${n.author_label}, ${n.organization_name}`,
          detail: body.length > NOTE_EXCERPT ? `${body.slice(0, NOTE_EXCERPT).trimEnd()}…` : body,
          entityId: n.id,
        });
      }
    }
    // Dates sort before timestamps of the same day; the order within a day is stable by kind.
    events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.kind.localeCompare(b.kind)));
    await ctx.audit(tx, {
      action: 'participant.timeline_viewed',
      entityType: 'participant',
      entityId: id,
      personalData: true,
      details: { basis: access.basis },
    });
    await recordRelease(ctx, tx, viewer, access, access.categories, 'viewed timeline');
    // Another organization's notes read by the owner are a release to the owner, as in the notes tab.
    if (foreignNotes > 0 && access.basis === 'owner')
      await recordRelease(ctx, tx, viewer, { ...access, basis: 'consent' }, ['case_notes'], 'viewed case notes in the timeline');
    return events;
  });
}

// ---- Saved filters

export async function listSavedFilters(ctx: Context): Promise<SavedFilter[]> {
  const rows = await ctx.tx((tx) => savedFilters(tx, ctx.principal.userId));
  return rows.map((r) => ({ id: r.id, name: r.name, filters: r.filters as SavedFilterFilters, createdAt: iso(r.created_at) }));
}

export async function saveFilter(ctx: Context, name: string, filters: SavedFilterFilters): Promise<SavedFilter> {
  return ctx.tx(async (tx) => {
    if (await savedFilterByName(tx, ctx.principal.userId, name)) {
      throw new AppError('conflict', 'You already have a filter with this name.', [
        { field: 'body.name', code: 'taken', message: 'Name taken.' },
      ]);
    }
    const id = randomUUID();
    await insertSavedFilter(tx, { id, tenant_id: ctx.tenantId, user_id: ctx.principal.userId, name, filters: JSON.stringify(filters) });
    return { id, name, filters, createdAt: new Date().toISOString() };
  });
}

export async function removeFilter(ctx: Context, id: string): Promise<void> {
  const ok = await ctx.tx((tx) => deleteSavedFilter(tx, ctx.principal.userId, id));
  if (!ok) throw notFound('saved filter');
}

// ---- For the other supply-side modules: one call opens a participant's data for reading or writing.

/**
 * The caller may read this category of the participant (404 otherwise); the read is audited as a read of
 * personal data and, for another organization, written to the disclosure log.
 */
export async function openForRead(
  ctx: Context,
  tx: Tx,
  participantId: string,
  category: DataCategory,
  what: string,
): Promise<ParticipantAccess> {
  const viewer = viewerOf(ctx.principal);
  const access = await mustAccess(tx, viewer, participantId);
  if (!access.categories.includes(category)) throw notFound('participant');
  await ctx.audit(tx, {
    action: `${what}.viewed`,
    entityType: 'participant',
    entityId: participantId,
    personalData: true,
    details: { basis: access.basis },
  });
  await recordRelease(ctx, tx, viewer, access, [category], `viewed ${what.replace(/_/g, ' ')}`);
  return access;
}

/** The caller may change this participant's case (owner organization or partnership staff with manage), or 404. */
export async function openForWrite(ctx: Context, tx: Tx, participantId: string): Promise<ParticipantAccess> {
  const access = await mustEdit(tx, viewerOf(ctx.principal), participantId);
  const row = await findParticipant(tx, participantId);
  if (row?.status === 'merged') throw new AppError('conflict', 'This record was merged into another; record case work there.');
  return access;
}

/** Status follows participation: enrolled while one is open, exited once all are closed. */
export async function refreshStatus(tx: Tx, participantId: string): Promise<void> {
  await refreshParticipantStatus(tx, participantId);
}
