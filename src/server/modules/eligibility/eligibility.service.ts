import { randomUUID } from 'node:crypto';
import type {
  Determination,
  Evaluation,
  FundingStream,
  FundingStreamBody,
  RuleDefinition,
  SourceType,
} from '../../../shared/schemas/eligibility.ts';
import { ruleDefinition } from '../../../shared/schemas/eligibility.ts';
import type { Tx } from '../../db/tenant.ts';
import { decrypt } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Context, Ops } from '../../platform/http.ts';
import { mustAccess, viewerOf } from '../participants/participants.policy.ts';
import { findParticipant } from '../participants/participants.queries.ts';
import {
  determinationsOf,
  findStream,
  insertDetermination,
  insertRule,
  insertStream,
  listStreams,
  maxVersion,
  ruleVersions,
  type StreamRow,
  setCurrentRule,
  streamByName,
  streamsByIds,
} from './eligibility.queries.ts';
import { builtInRule, evaluateRule, factsOf, type IntakeFacts } from './eligibility.rules.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const today = () => new Date().toISOString().slice(0, 10);

function present(r: StreamRow): FundingStream {
  return {
    id: r.id,
    name: r.name,
    sourceType: r.source_type as SourceType,
    description: r.description,
    active: r.active,
    ruleVersion: r.version ?? null,
    rule: (r.definition as RuleDefinition | null) ?? null,
    createdAt: iso(r.created_at),
  };
}

export async function list(ctx: Context): Promise<FundingStream[]> {
  const rows = await ctx.tx((tx) => listStreams(tx).execute());
  return rows.map(present);
}

export async function get(ctx: Context, id: string): Promise<FundingStream> {
  const row = await ctx.tx((tx) => findStream(tx, id));
  if (!row) throw notFound('funding stream');
  return present(row);
}

/** Creates a funding stream with version 1 of its rule (used by the API and the demo seed). */
export async function createIn(ops: Ops, tx: Tx, body: FundingStreamBody, createdBy: string | null): Promise<string> {
  if (await streamByName(tx, body.name)) {
    throw new AppError('conflict', 'A funding stream with this name exists.', [
      { field: 'body.name', code: 'taken', message: 'Name taken.' },
    ]);
  }
  const rule = body.builtInRule ? builtInRule(body.builtInRule, body.ruleParams) : (body.rule as RuleDefinition);
  const id = randomUUID();
  const ruleId = randomUUID();
  await insertStream(tx, {
    id,
    tenant_id: ops.tenantId,
    name: body.name,
    source_type: body.sourceType,
    description: body.description ?? null,
  });
  await insertRule(tx, {
    id: ruleId,
    tenant_id: ops.tenantId,
    funding_stream_id: id,
    version: 1,
    definition: JSON.stringify(rule),
    created_by: createdBy,
  });
  await setCurrentRule(tx, id, ruleId);
  await ops.audit(tx, {
    action: 'funding_stream.created',
    entityType: 'funding_stream',
    entityId: id,
    details: { name: body.name, sourceType: body.sourceType, rule: rule.builtIn ?? 'custom' },
  });
  return id;
}

export async function create(ctx: Context, body: FundingStreamBody): Promise<FundingStream> {
  const id = await ctx.tx((tx) => createIn(ctx, tx, body, ctx.principal.userId));
  return get(ctx, id);
}

/** A new rule version; earlier determinations keep pointing at the version they used. */
export async function newVersion(ctx: Context, id: string, rule: RuleDefinition): Promise<FundingStream> {
  ruleDefinition.parse(rule);
  await ctx.tx(async (tx) => {
    if (!(await findStream(tx, id))) throw notFound('funding stream');
    const version = (await maxVersion(tx, id)) + 1;
    const ruleId = randomUUID();
    await insertRule(tx, {
      id: ruleId,
      tenant_id: ctx.tenantId,
      funding_stream_id: id,
      version,
      definition: JSON.stringify(rule),
      created_by: ctx.principal.userId,
    });
    await setCurrentRule(tx, id, ruleId);
    await ctx.audit(tx, { action: 'funding_stream.rule_versioned', entityType: 'funding_stream', entityId: id, details: { version } });
  });
  return get(ctx, id);
}

export async function versions(ctx: Context, id: string) {
  const rows = await ctx.tx(async (tx) => {
    if (!(await findStream(tx, id))) throw notFound('funding stream');
    return ruleVersions(tx, id);
  });
  return rows.map((r) => ({ version: r.version, rule: r.definition as RuleDefinition, createdAt: iso(r.created_at) }));
}

// ---- Evaluation

async function intakeFacts(ctx: Ops, tx: Tx, participantId: string): Promise<IntakeFacts> {
  const r = await findParticipant(tx, participantId);
  if (!r) throw notFound('participant');
  return {
    dateOfBirth: r.dob_enc ? decrypt(ctx.services.keyring, r.dob_enc) : null,
    sex: r.sex,
    stateCode: r.state_code,
    countyFips: r.county_fips,
    barriers: r.barriers,
    publicAssistance: r.public_assistance,
    employmentStatus: r.employment_status,
    schoolStatus: r.school_status,
    educationLevel: r.education_level,
    veteran: r.veteran,
    disability: r.disability,
    selectiveService: r.selective_service,
    authorizedToWork: r.authorized_to_work,
    familySize: r.family_size,
    annualFamilyIncomeCents: r.annual_family_income_cents === null ? null : Number(r.annual_family_income_cents),
    dislocation: (r.dislocation as IntakeFacts['dislocation']) ?? null,
  };
}

/** Eligibility facts are the owning organization's (and the partnership's), never a consent recipient's. */
async function mustSeeFacts(ctx: Context, tx: Tx, participantId: string) {
  const access = await mustAccess(tx, viewerOf(ctx.principal), participantId);
  if (access.basis === 'consent') throw notFound('participant');
  return access;
}

function evaluateStream(stream: StreamRow, facts: ReturnType<typeof factsOf>, asOf: string): Evaluation {
  const rule = stream.definition as RuleDefinition;
  const r = evaluateRule(rule, facts);
  return {
    fundingStreamId: stream.id,
    fundingStreamName: stream.name,
    ruleVersion: stream.version ?? 0,
    asOf,
    ...r,
  };
}

export async function evaluate(
  ctx: Context,
  participantId: string,
  body: { fundingStreamIds?: string[]; asOf?: string },
): Promise<Evaluation[]> {
  const asOf = body.asOf ?? today();
  return ctx.tx(async (tx) => {
    await mustSeeFacts(ctx, tx, participantId);
    const facts = factsOf(await intakeFacts(ctx, tx, participantId), asOf);
    const streams = body.fundingStreamIds
      ? await streamsByIds(tx, body.fundingStreamIds)
      : (await listStreams(tx).execute()).filter((s) => s.active);
    if (body.fundingStreamIds && streams.length !== new Set(body.fundingStreamIds).size) throw notFound('funding stream');
    await ctx.audit(tx, {
      action: 'eligibility.evaluated',
      entityType: 'participant',
      entityId: participantId,
      personalData: true,
      details: { asOf, fundingStreamIds: streams.map((s) => s.id) },
    });
    return streams.filter((s) => s.definition).map((s) => evaluateStream(s, facts, asOf));
  });
}

export async function determine(
  ctx: Context,
  participantId: string,
  body: { fundingStreamId: string; asOf?: string; note?: string },
): Promise<Determination> {
  const asOf = body.asOf ?? today();
  return ctx.tx(async (tx) => {
    const access = await mustSeeFacts(ctx, tx, participantId);
    if (!access.canEdit) throw notFound('participant');
    const stream = await findStream(tx, body.fundingStreamId);
    if (!stream?.current_rule_id) throw notFound('funding stream');
    const facts = factsOf(await intakeFacts(ctx, tx, participantId), asOf);
    const e = evaluateStream(stream, facts, asOf);
    const id = randomUUID();
    await insertDetermination(tx, {
      id,
      tenant_id: ctx.tenantId,
      participant_id: participantId,
      funding_stream_id: stream.id,
      rule_id: stream.current_rule_id,
      rule_version: e.ruleVersion,
      as_of: asOf,
      result: e.result,
      priority: e.priority?.level ?? null,
      reasons: JSON.stringify({ reasons: e.reasons, priority: e.priority, missingFacts: e.missingFacts }),
      evidence: JSON.stringify(e.evidence),
      note: body.note ?? null,
      determined_by: ctx.principal.userId,
    });
    await ctx.audit(tx, {
      action: 'eligibility.determined',
      entityType: 'participant',
      entityId: participantId,
      details: { determinationId: id, fundingStreamId: stream.id, ruleVersion: e.ruleVersion, result: e.result, asOf },
    });
    return { ...e, id, participantId, determinedBy: ctx.principal.name, determinedAt: new Date().toISOString(), note: body.note ?? null };
  });
}

export async function determinations(ctx: Context, participantId: string): Promise<Determination[]> {
  return ctx.tx(async (tx) => {
    await mustSeeFacts(ctx, tx, participantId);
    const rows = await determinationsOf(tx, participantId);
    await ctx.audit(tx, { action: 'eligibility.listed', entityType: 'participant', entityId: participantId, personalData: true });
    return rows.map((r) => {
      const stored = r.reasons as { reasons: Evaluation['reasons']; priority: Evaluation['priority']; missingFacts: string[] };
      return {
        id: r.id,
        participantId: r.participant_id,
        fundingStreamId: r.funding_stream_id,
        fundingStreamName: r.funding_stream_name,
        ruleVersion: r.rule_version,
        asOf: r.as_of,
        result: r.result,
        priority: stored.priority ?? null,
        reasons: stored.reasons ?? [],
        evidence: r.evidence as string[],
        missingFacts: stored.missingFacts ?? [],
        determinedBy: r.determined_by_name,
        determinedAt: iso(r.determined_at),
        note: r.note,
      };
    });
  });
}
