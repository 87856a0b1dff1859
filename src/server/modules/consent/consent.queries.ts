import type { Insertable } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { ConsentTable, DisclosureTable } from '../../db/types.ts';

const CONSENT_COLUMNS = [
  'id',
  'participant_id',
  'recipient_organization_ids',
  'recipient_kinds',
  'categories',
  'purpose',
  'method',
  'signed_name',
  'document_name',
  'document_type',
  'given_at',
  'expires_on',
  'revoked_at',
  'revoke_reason',
  'created_at',
] as const;

export function consentsOf(db: Executor, participantId: string) {
  return db
    .selectFrom('consent')
    .select(CONSENT_COLUMNS)
    .where('participant_id', '=', participantId)
    .orderBy('given_at', 'desc')
    .orderBy('id')
    .execute();
}
export type ConsentRow = Awaited<ReturnType<typeof consentsOf>>[number];

export function findConsent(db: Executor, participantId: string, id: string) {
  return db
    .selectFrom('consent')
    .select(CONSENT_COLUMNS)
    .where('participant_id', '=', participantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function consentDocument(db: Executor, participantId: string, id: string) {
  return db
    .selectFrom('consent')
    .select(['document_enc', 'document_name', 'document_type'])
    .where('participant_id', '=', participantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertConsent(db: Executor, row: Insertable<ConsentTable>) {
  await db.insertInto('consent').values(row).execute();
}

export async function revokeConsent(db: Executor, id: string, by: string | null, reason: string) {
  await db.updateTable('consent').set({ revoked_at: new Date(), revoked_by: by, revoke_reason: reason }).where('id', '=', id).execute();
}

export function organizationNames(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organization').select(['id', 'name']).where('id', 'in', ids).execute();
}

export async function insertDisclosures(db: Executor, rows: Insertable<DisclosureTable>[]) {
  if (rows.length === 0) return;
  await db.insertInto('disclosure').values(rows).execute();
}

export function disclosuresOf(db: Executor, participantId: string) {
  return db
    .selectFrom('disclosure')
    .leftJoin('organization', 'organization.id', 'disclosure.recipient_organization_id')
    .select([
      'disclosure.id',
      'disclosure.released_at',
      'disclosure.recipient_label',
      'disclosure.recipient_organization_id',
      'organization.name as organization_name',
      'disclosure.categories',
      'disclosure.purpose',
      'disclosure.action',
    ])
    .where('disclosure.participant_id', '=', participantId)
    .orderBy('disclosure.released_at', 'desc')
    .orderBy('disclosure.id')
    .limit(500)
    .execute();
}

/** Unrevoked consents that end within `days` days, of the given owners' participants (null: all). */
export function expiringConsents(db: Executor, ownerOrgIds: string[] | null, days: number) {
  const today = new Date().toISOString().slice(0, 10);
  const until = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  let q = db
    .selectFrom('consent')
    .innerJoin('participant', 'participant.id', 'consent.participant_id')
    .select(['consent.id', 'consent.participant_id', 'consent.expires_on', 'participant.first_name', 'participant.last_name'])
    .where('consent.revoked_at', 'is', null)
    .where('consent.expires_on', '>=', today)
    .where('consent.expires_on', '<=', until);
  if (ownerOrgIds) {
    if (ownerOrgIds.length === 0) return Promise.resolve([]);
    q = q.where('participant.owner_organization_id', 'in', ownerOrgIds);
  }
  return q.orderBy('consent.expires_on').orderBy('consent.id').limit(50).execute();
}
