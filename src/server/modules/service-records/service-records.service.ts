import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  type bulkServiceBody,
  isQualifying,
  SERVICE_ACTIVITIES,
  type ServiceRecord,
  type serviceBody,
} from '../../../shared/schemas/casework.ts';
import type { Tx } from '../../db/tenant.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Context } from '../../platform/http.ts';
import { accessTo, viewerOf } from '../participants/participants.policy.ts';
import { openForRead, openForWrite } from '../participants/participants.service.ts';
import {
  cohortExists,
  cohortParticipants,
  findService,
  fundingStreamExists,
  insertServices,
  organizationExists,
  type ServiceRow,
  servicesOf,
  updateService,
} from './service-records.queries.ts';

// The services log (docs/service-taxonomy.md). The category and "qualifying" (does it keep a
// participation open?) come from the taxonomy, never from the caller.

const iso = (d: Date | string) => new Date(d).toISOString();
type ServiceInput = z.output<typeof serviceBody>;

function present(r: ServiceRow): ServiceRecord {
  return {
    id: r.id,
    participantId: r.participant_id,
    activity: r.activity as ServiceRecord['activity'],
    category: r.category as ServiceRecord['category'],
    qualifying: r.qualifying,
    serviceDate: r.service_date,
    status: r.status,
    hours: r.hours === null ? null : Number(r.hours),
    providerOrganization: r.provider_organization_id ? { id: r.provider_organization_id, name: r.provider_name ?? '' } : null,
    staffName: r.staff_name,
    costCents: r.cost_cents,
    fundingStreamId: r.funding_stream_id,
    note: r.note,
    batchId: r.batch_id,
    createdAt: iso(r.created_at),
  };
}

async function checkReferences(tx: Tx, b: ServiceInput) {
  if (b.providerOrganizationId && !(await organizationExists(tx, b.providerOrganizationId))) {
    throw new AppError('validation_failed', 'No such organization.', [
      { field: 'body.providerOrganizationId', code: 'not_found', message: 'No such organization.' },
    ]);
  }
  if (b.fundingStreamId && !(await fundingStreamExists(tx, b.fundingStreamId))) {
    throw new AppError('validation_failed', 'No such funding stream.', [
      { field: 'body.fundingStreamId', code: 'not_found', message: 'No such funding stream.' },
    ]);
  }
  const today = new Date().toISOString().slice(0, 10);
  if (b.status === 'completed' && b.serviceDate > today) {
    throw new AppError('validation_failed', 'A completed service cannot be in the future; record it as scheduled.', [
      { field: 'body.serviceDate', code: 'future', message: 'Schedule future services.' },
    ]);
  }
}

function rowFor(ctx: Context, participantId: string, b: ServiceInput, batchId: string | null) {
  return {
    id: randomUUID(),
    tenant_id: ctx.tenantId,
    participant_id: participantId,
    activity: b.activity,
    category: SERVICE_ACTIVITIES[b.activity],
    qualifying: isQualifying(b.activity),
    service_date: b.serviceDate,
    status: b.status,
    hours: b.hours ?? null,
    provider_organization_id: b.providerOrganizationId ?? null,
    staff_user_id: ctx.principal.userId,
    cost_cents: b.costCents ?? null,
    funding_stream_id: b.fundingStreamId ?? null,
    note: b.note ?? null,
    batch_id: batchId,
    created_by: ctx.principal.userId,
  };
}

export async function list(ctx: Context, participantId: string): Promise<ServiceRecord[]> {
  return ctx.tx(async (tx) => {
    await openForRead(ctx, tx, participantId, 'education_training', 'service');
    return (await servicesOf(tx, participantId)).map(present);
  });
}

export async function create(ctx: Context, participantId: string, body: ServiceInput): Promise<ServiceRecord> {
  return ctx.tx(async (tx) => {
    await openForWrite(ctx, tx, participantId);
    await checkReferences(tx, body);
    const row = rowFor(ctx, participantId, body, null);
    await insertServices(tx, [row]);
    await ctx.audit(tx, {
      action: 'service.recorded',
      entityType: 'participant',
      entityId: participantId,
      details: { serviceId: row.id, activity: body.activity, serviceDate: body.serviceDate, status: body.status },
    });
    return present((await findService(tx, participantId, row.id))!);
  });
}

export async function update(
  ctx: Context,
  participantId: string,
  id: string,
  patch: { status?: 'completed' | 'scheduled' | 'cancelled'; serviceDate?: string; note?: string | null },
): Promise<ServiceRecord> {
  return ctx.tx(async (tx) => {
    await openForWrite(ctx, tx, participantId);
    const before = await findService(tx, participantId, id);
    if (!before) throw notFound('service');
    const status = patch.status ?? before.status;
    const date = patch.serviceDate ?? before.service_date;
    if (status === 'completed' && date > new Date().toISOString().slice(0, 10)) {
      throw new AppError('validation_failed', 'A completed service cannot be in the future.', [
        { field: 'body.serviceDate', code: 'future', message: 'Not in the future.' },
      ]);
    }
    await updateService(tx, id, {
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.serviceDate ? { service_date: patch.serviceDate } : {}),
      ...(patch.note !== undefined ? { note: patch.note } : {}),
    });
    await ctx.audit(tx, {
      action: 'service.updated',
      entityType: 'participant',
      entityId: participantId,
      details: { serviceId: id, ...patch },
    });
    return present((await findService(tx, participantId, id))!);
  });
}

/** One service for a whole cohort or a list of participants, in one transaction. */
export async function bulk(
  ctx: Context,
  body: z.output<typeof bulkServiceBody>,
): Promise<{ batchId: string; created: number; participantIds: string[] }> {
  return ctx.tx(async (tx) => {
    let ids: string[];
    if (body.cohortId) {
      if (!(await cohortExists(tx, body.cohortId))) throw notFound('cohort');
      ids = (await cohortParticipants(tx, body.cohortId)).map((r) => r.participant_id);
    } else {
      ids = [...new Set(body.participantIds ?? [])];
    }
    if (ids.length === 0)
      throw new AppError('validation_failed', 'Nobody to record the service for.', [
        { field: 'body.participantIds', code: 'empty', message: 'No participants.' },
      ]);
    const viewer = viewerOf(ctx.principal);
    const refused: string[] = [];
    for (const id of ids) {
      const access = await accessTo(tx, viewer, id);
      if (!access?.canEdit) refused.push(id);
    }
    // All or nothing: one participant the caller may not change stops the batch, without saying who exists.
    if (refused.length) {
      throw new AppError(
        'validation_failed',
        'You cannot record services for some of these participants.',
        refused.map((id) => ({ field: 'body.participantIds', code: 'not_found', message: id })),
      );
    }
    const { cohortId: _c, participantIds: _p, ...service } = body;
    await checkReferences(tx, service);
    const batchId = randomUUID();
    await insertServices(
      tx,
      ids.map((id) => rowFor(ctx, id, service, batchId)),
    );
    await ctx.audit(tx, {
      action: 'service.bulk_recorded',
      entityType: 'service_batch',
      entityId: batchId,
      details: { activity: body.activity, serviceDate: body.serviceDate, cohortId: body.cohortId ?? null, participantIds: ids },
    });
    return { batchId, created: ids.length, participantIds: ids };
  });
}
