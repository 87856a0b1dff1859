import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Tx } from '../db/tenant.ts';
import type { DB } from '../db/types.ts';

// Append-only, hash-chained audit log, one chain per tenant. The database refuses UPDATE and DELETE
// (trigger); the chain makes any change made around that trigger visible to `braid audit verify`.

export interface Actor {
  userId: string | null;
  label: string;
  ip?: string | null;
}

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** True when the event is a read or release of personal data. */
  personalData?: boolean;
  details?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

interface ChainFields {
  tenantId: string;
  seq: number;
  occurredAt: string;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  personalData: boolean;
  details: unknown;
  ip: string | null;
}

export function eventHash(prevHash: string, f: ChainFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical(f)).digest('hex');
}

export async function appendAudit(tx: Tx, tenantId: string, actor: Actor, input: AuditInput): Promise<void> {
  // Serialise appends per tenant so the chain has no forks; the lock ends with the transaction.
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`audit:${tenantId}`}, 0))`.execute(tx);
  const last = await tx
    .selectFrom('audit_event')
    .select(['seq', 'hash'])
    .where('tenant_id', '=', tenantId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const fields: ChainFields = {
    tenantId,
    seq: (last?.seq ?? 0) + 1,
    occurredAt: new Date().toISOString(),
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    personalData: input.personalData ?? false,
    details: input.details ?? {},
    ip: actor.ip ?? null,
  };
  const prevHash = last?.hash ?? GENESIS;
  await tx
    .insertInto('audit_event')
    .values({
      tenant_id: tenantId,
      seq: fields.seq,
      occurred_at: fields.occurredAt,
      actor_user_id: fields.actorUserId,
      actor_label: fields.actorLabel,
      action: fields.action,
      entity_type: fields.entityType,
      entity_id: fields.entityId,
      personal_data: fields.personalData,
      details: JSON.stringify(fields.details),
      ip: fields.ip,
      prev_hash: prevHash,
      hash: eventHash(prevHash, fields),
    })
    .execute();
}

/** Fields that changed, for update events; encrypted or secret fields are reported as changed, never shown. */
export function diff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  masked: readonly string[] = [],
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (after[key] === undefined) continue;
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (canonical(a) !== canonical(b)) {
      out[key] = masked.includes(key) ? { from: '***', to: '***' } : { from: a, to: b };
    }
  }
  return out;
}

export interface VerifyProblem {
  tenantId: string;
  id: number;
  seq: number;
  reason: string;
}

/** Walks every tenant's chain (run as the owner, outside RLS). Streams in batches. */
export async function verifyAudit(db: Kysely<DB>): Promise<{ events: number; problems: VerifyProblem[] }> {
  const tenants = await db.selectFrom('tenant').select('id').execute();
  const problems: VerifyProblem[] = [];
  let events = 0;
  for (const { id: tenantId } of tenants) {
    let prev = GENESIS;
    let expectedSeq = 1;
    let afterSeq = 0;
    for (;;) {
      const rows = await db
        .selectFrom('audit_event')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(1000)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        events++;
        afterSeq = row.seq;
        const fields: ChainFields = {
          tenantId: row.tenant_id,
          seq: row.seq,
          occurredAt: new Date(row.occurred_at).toISOString(),
          actorUserId: row.actor_user_id,
          actorLabel: row.actor_label,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          personalData: row.personal_data,
          details: row.details,
          ip: row.ip,
        };
        if (row.seq !== expectedSeq) {
          problems.push({ tenantId, id: row.id, seq: row.seq, reason: `sequence gap: expected ${expectedSeq}` });
        }
        if (row.prev_hash !== prev) {
          problems.push({ tenantId, id: row.id, seq: row.seq, reason: 'previous-hash link broken' });
        }
        if (eventHash(row.prev_hash, fields) !== row.hash) {
          problems.push({ tenantId, id: row.id, seq: row.seq, reason: 'content does not match its hash' });
        }
        prev = row.hash;
        expectedSeq = row.seq + 1;
      }
    }
  }
  return { events, problems };
}
