import { randomUUID } from 'node:crypto';
import type { OrganizationKind } from '../../../shared/roles.ts';
import type { Consent, ConsentBody, Disclosure } from '../../../shared/schemas/consent.ts';
import type { DataCategory } from '../../../shared/schemas/participants.ts';
import type { Tx } from '../../db/tenant.ts';
import { decrypt, encrypt } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Context, Ops } from '../../platform/http.ts';
import { mustAccess, mustEdit, type ParticipantAccess, type Viewer, viewerOf } from '../participants/participants.policy.ts';
import {
  type ConsentRow,
  consentDocument,
  consentsOf,
  disclosuresOf,
  findConsent,
  insertConsent,
  insertDisclosures,
  organizationNames,
  revokeConsent,
} from './consent.queries.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

function statusOf(r: ConsentRow): Consent['status'] {
  if (r.revoked_at) return 'revoked';
  if (r.expires_on && r.expires_on < new Date().toISOString().slice(0, 10)) return 'expired';
  return 'active';
}

async function present(tx: Tx, rows: ConsentRow[]): Promise<Consent[]> {
  const names = new Map(
    (await organizationNames(tx, [...new Set(rows.flatMap((r) => r.recipient_organization_ids))])).map((o) => [o.id, o.name]),
  );
  return rows.map((r) => ({
    id: r.id,
    participantId: r.participant_id,
    recipientOrganizations: r.recipient_organization_ids.map((id) => ({ id, name: names.get(id) ?? '(removed organization)' })),
    recipientKinds: r.recipient_kinds as OrganizationKind[],
    categories: r.categories as DataCategory[],
    purpose: r.purpose,
    method: r.method,
    signedName: r.signed_name,
    document: r.document_name ? { filename: r.document_name, contentType: r.document_type ?? 'application/octet-stream' } : null,
    givenAt: iso(r.given_at),
    expiresOn: r.expires_on,
    revokedAt: r.revoked_at ? iso(r.revoked_at) : null,
    revokeReason: r.revoke_reason,
    status: statusOf(r),
    createdAt: iso(r.created_at),
  }));
}

/**
 * Writes the disclosure log when a caller outside the owning organization receives a participant's
 * data (through a consent, or under partnership oversight). Owners reading their own case log nothing here;
 * every read is audited separately.
 */
export async function recordRelease(
  ops: Ops,
  tx: Tx,
  viewer: Viewer,
  access: ParticipantAccess,
  categories: readonly DataCategory[] | 'identity',
  action: string,
): Promise<void> {
  if (access.basis === 'owner') return;
  const released = categories === 'identity' ? [] : categories.filter((c) => access.categories.includes(c));
  await insertDisclosures(tx, [
    {
      id: randomUUID(),
      tenant_id: ops.tenantId,
      participant_id: access.participantId,
      recipient_user_id: viewer.userId,
      recipient_label: viewer.label,
      recipient_organization_id: access.recipientOrganizationId,
      categories: released,
      consent_ids: access.consentIds,
      purpose: access.basis === 'consent' ? access.purposes.join('; ') : 'partnership oversight',
      action,
    },
  ]);
}

export async function list(ctx: Context, participantId: string): Promise<Consent[]> {
  return ctx.tx(async (tx) => {
    const viewer = viewerOf(ctx.principal);
    const access = await mustAccess(tx, viewer, participantId);
    let rows = await consentsOf(tx, participantId);
    // A partner sees the consents that let it in, not the participant's other sharing choices.
    if (access.basis === 'consent') rows = rows.filter((r) => access.consentIds.includes(r.id));
    await ctx.audit(tx, { action: 'consent.listed', entityType: 'participant', entityId: participantId, personalData: true });
    return present(tx, rows);
  });
}

export async function create(ctx: Context, participantId: string, body: ConsentBody): Promise<Consent> {
  return ctx.tx(async (tx) => {
    await mustEdit(tx, viewerOf(ctx.principal), participantId);
    const known = await organizationNames(tx, body.recipientOrganizationIds);
    const missing = body.recipientOrganizationIds.filter((id) => !known.some((k) => k.id === id));
    if (missing.length) {
      throw new AppError('validation_failed', 'No such organization.', [
        { field: 'body.recipientOrganizationIds', code: 'not_found', message: `No such organization: ${missing.join(', ')}` },
      ]);
    }
    let documentEnc: string | null = null;
    if (body.document) {
      const bytes = Buffer.from(body.document.base64, 'base64');
      if (bytes.length === 0) {
        throw new AppError('validation_failed', 'The uploaded form is empty.', [
          { field: 'body.document.base64', code: 'empty', message: 'The uploaded form is empty.' },
        ]);
      }
      documentEnc = encrypt(ctx.services.keyring, bytes.toString('base64'));
    }
    const id = randomUUID();
    await insertConsent(tx, {
      id,
      tenant_id: ctx.tenantId,
      participant_id: participantId,
      recipient_organization_ids: [...new Set(body.recipientOrganizationIds)],
      recipient_kinds: [...new Set(body.recipientKinds)],
      categories: [...new Set(body.categories)],
      purpose: body.purpose,
      method: body.method,
      signed_name: body.method === 'signed_in_app' ? (body.signedName ?? null) : null,
      document_enc: documentEnc,
      document_name: body.document?.filename ?? null,
      document_type: body.document?.contentType ?? null,
      given_at: body.givenAt ?? new Date(),
      expires_on: body.expiresOn ?? null,
      recorded_by: ctx.principal.userId,
    });
    await ctx.audit(tx, {
      action: 'consent.recorded',
      entityType: 'participant',
      entityId: participantId,
      details: {
        consentId: id,
        recipientOrganizationIds: body.recipientOrganizationIds,
        recipientKinds: body.recipientKinds,
        categories: body.categories,
        method: body.method,
        expiresOn: body.expiresOn ?? null,
      },
    });
    return (await present(tx, [(await findConsent(tx, participantId, id))!]))[0];
  });
}

export async function revoke(ctx: Context, participantId: string, consentId: string, reason: string): Promise<Consent> {
  return ctx.tx(async (tx) => {
    await mustEdit(tx, viewerOf(ctx.principal), participantId);
    const row = await findConsent(tx, participantId, consentId);
    if (!row) throw notFound('consent');
    if (row.revoked_at) throw new AppError('conflict', 'This consent is already revoked.');
    await revokeConsent(tx, consentId, ctx.principal.userId, reason);
    await ctx.audit(tx, { action: 'consent.revoked', entityType: 'participant', entityId: participantId, details: { consentId, reason } });
    return (await present(tx, [(await findConsent(tx, participantId, consentId))!]))[0];
  });
}

export async function document(ctx: Context, participantId: string, consentId: string) {
  return ctx.tx(async (tx) => {
    await mustEdit(tx, viewerOf(ctx.principal), participantId);
    const row = await consentDocument(tx, participantId, consentId);
    if (!row?.document_enc) throw notFound('consent form');
    await ctx.audit(tx, {
      action: 'consent.document_viewed',
      entityType: 'participant',
      entityId: participantId,
      personalData: true,
      details: { consentId },
    });
    return {
      filename: row.document_name ?? 'consent',
      contentType: row.document_type ?? 'application/octet-stream',
      base64: decrypt(ctx.services.keyring, row.document_enc),
    };
  });
}

export async function disclosures(ctx: Context, participantId: string): Promise<Disclosure[]> {
  return ctx.tx(async (tx) => {
    await mustEdit(tx, viewerOf(ctx.principal), participantId);
    const rows = await disclosuresOf(tx, participantId);
    return rows.map((r) => ({
      id: r.id,
      releasedAt: iso(r.released_at),
      recipient: r.recipient_label,
      recipientOrganization: r.recipient_organization_id ? { id: r.recipient_organization_id, name: r.organization_name ?? '' } : null,
      categories: r.categories as DataCategory[],
      purpose: r.purpose,
      action: r.action,
    }));
  });
}
