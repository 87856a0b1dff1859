import type { Insertable } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { SelfReferralRequestTable } from '../../db/types.ts';
import { likePattern } from '../../platform/pagination.ts';

// The only SQL of self-referral.

/** A service that takes self-referrals, as the public page shows it; nothing else is public. */
export function publicService(db: Executor, serviceId: string) {
  return db
    .selectFrom('hsds_service')
    .innerJoin('organization', 'organization.id', 'hsds_service.organization_id')
    .select(['hsds_service.id', 'hsds_service.name', 'hsds_service.description', 'organization.name as organization_name'])
    .where('hsds_service.id', '=', serviceId)
    .where('hsds_service.self_referral', '=', true)
    .where('hsds_service.status', '=', 'active')
    .executeTakeFirst();
}

export function tenantName(db: Executor) {
  return db.selectFrom('tenant').select(['name']).executeTakeFirst();
}

export async function insertRequest(db: Executor, row: Insertable<SelfReferralRequestTable>) {
  await db.insertInto('self_referral_request').values(row).execute();
}

function base(db: Executor) {
  return db
    .selectFrom('self_referral_request as r')
    .innerJoin('hsds_service as s', 's.id', 'r.service_id')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .select([
      'r.id',
      'r.status',
      'r.first_name',
      'r.last_name',
      'r.place',
      'r.preferred_language',
      'r.submitted_at',
      's.id as service_id',
      's.name as service_name',
      'o.id as organization_id',
      'o.name as organization_name',
    ]);
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

export function listRequests(db: Executor, f: { status: string; serviceId?: string; q?: string }) {
  let q = base(db).where('r.status', '=', f.status);
  if (f.serviceId) q = q.where('r.service_id', '=', f.serviceId);
  if (f.q) {
    const like = likePattern(f.q.toLowerCase());
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', [eb.fn('concat_ws', [eb.val(' '), eb.ref('r.first_name'), eb.ref('r.last_name')])]), 'like', like),
        eb(eb.fn('lower', [eb.ref('s.name')]), 'like', like),
        eb(eb.fn('lower', [eb.ref('r.place')]), 'like', like),
      ]),
    );
  }
  return q.orderBy('r.submitted_at', 'desc').orderBy('r.id');
}

export function findRequest(db: Executor, id: string) {
  return base(db)
    .select([
      'r.email_enc',
      'r.phone_enc',
      'r.need_enc',
      'r.locale',
      'r.consented_at',
      'r.decided_at',
      'r.dismiss_reason',
      'r.decision_note',
      'r.participant_id',
      'r.referral_id',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** Decides a pending request; false when someone decided it first. */
export async function decide(
  db: Executor,
  id: string,
  patch: {
    status: 'accepted' | 'dismissed';
    decided_by: string;
    dismiss_reason?: string | null;
    decision_note?: string | null;
    participant_id?: string | null;
    referral_id?: string | null;
  },
): Promise<boolean> {
  const rows = await db
    .updateTable('self_referral_request')
    .set({ ...patch, decided_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'pending_review')
    .returning('id')
    .execute();
  return rows.length === 1;
}

export async function pending(db: Executor): Promise<{ n: number; oldest: Date | null }> {
  const row = await db
    .selectFrom('self_referral_request')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('submitted_at').as('oldest')])
    .where('status', '=', 'pending_review')
    .executeTakeFirst();
  return { n: Number(row?.n ?? 0), oldest: row?.oldest ? new Date(row.oldest as Date) : null };
}
