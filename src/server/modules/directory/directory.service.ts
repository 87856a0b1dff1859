import type { Page } from '../../../shared/schemas/common.ts';
import type {
  DirectorySearchQuery,
  DirectoryService,
  DirectoryServiceDetail,
  DirectoryServicePatch,
} from '../../../shared/schemas/directory.ts';
import { diff } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Context } from '../../platform/http.ts';
import { countyName } from '../codes/codes.service.ts';
import { directorySettings } from '../hsds/hsds.queries.ts';
import { canEditService } from './directory.policy.ts';
import { findService, type SearchFilter, type ServiceRow, searchServicesPage, updateService } from './directory.queries.ts';

// Directory search for navigators, and upkeep of entries by their owners.

const DAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
/** Schedules are wall-clock times where the partnership works; the demo region is in Ohio. */
export const DIRECTORY_TIME_ZONE = 'America/New_York';

/** Day code and wall time of an instant (or of a local ISO date-time as given). */
export function wallClock(at: Date | string): { day: string; time: string } {
  if (typeof at === 'string') {
    const d = new Date(`${at.slice(0, 19)}Z`);
    return { day: DAY_CODES[d.getUTCDay()], time: d.toISOString().slice(11, 19) };
  }
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: DIRECTORY_TIME_ZONE,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return { day: get('weekday').slice(0, 2).toUpperCase(), time: `${get('hour')}:${get('minute')}:${get('second')}` };
}

function present(r: ServiceRow, staleBefore: Date, p: Principal): DirectoryService {
  const verified = r.verified_at ? new Date(r.verified_at) : null;
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    status: r.status,
    organization: { id: r.organization_id, name: r.organization_name },
    minimumAge: r.minimum_age === null ? null : Number(r.minimum_age),
    maximumAge: r.maximum_age === null ? null : Number(r.maximum_age),
    populations: r.populations,
    languages: r.languages.filter(Boolean),
    free: r.free,
    openSlots: r.open_slots,
    waitlist: r.waitlist,
    selfReferral: r.self_referral,
    verifiedAt: verified ? verified.toISOString() : null,
    stale: !verified || verified < staleBefore,
    canEdit: canEditService(p, r.organization_id),
  };
}

async function staleBefore(ctx: Context): Promise<Date> {
  const settings = await ctx.tx((tx) => directorySettings(tx));
  return new Date(Date.now() - (settings?.stale_after_days ?? 180) * 86_400_000);
}

export async function search(ctx: Context, query: DirectorySearchQuery): Promise<Page<DirectoryService>> {
  const before = await staleBefore(ctx);
  const filter: SearchFilter = {
    q: query.q || undefined,
    termId: query.termId,
    countyName: query.countyFips ? (countyName(query.countyFips) ?? '').replace(/,.*$/, '') || undefined : undefined,
    postcode: query.postcode || undefined,
    age: query.age,
    population: query.population,
    language: query.language,
    cost: query.cost,
    openAt: query.openNow ? wallClock(query.openAt ?? new Date()) : undefined,
    capacity: query.capacity,
    staleBefore: query.stale ? before : undefined,
    organizationId: query.organizationId,
    initiativeId: query.initiativeId,
  };
  const page = await ctx.tx((tx) => searchServicesPage(tx, filter, query.page, query.pageSize));
  return { ...page, items: page.items.map((r) => present(r, before, ctx.principal)) };
}

export async function get(ctx: Context, id: string): Promise<DirectoryServiceDetail> {
  const before = await staleBefore(ctx);
  const row = await ctx.tx((tx) => findService(tx, id));
  if (!row) throw notFound('service');
  return { ...present(row, before, ctx.principal), hsds: row.doc };
}

export async function update(ctx: Context, id: string, body: DirectoryServicePatch): Promise<DirectoryServiceDetail> {
  await ctx.tx(async (tx) => {
    const row = await findService(tx, id);
    if (!row) throw notFound('service');
    if (!canEditService(ctx.principal, row.organization_id))
      throw new AppError('forbidden', 'Only the organization that offers this service, or the intermediary, may change it.');
    // HSDS fields are kept in the HSDS record too, so the HSDS API shows the change.
    const doc: Record<string, unknown> = { ...row.doc };
    if (body.name !== undefined) doc.name = body.name;
    if (body.description !== undefined) doc.description = body.description;
    if (body.status !== undefined) doc.status = body.status;
    if (body.minimumAge !== undefined) {
      if (body.minimumAge === null) delete doc.minimum_age;
      else doc.minimum_age = body.minimumAge;
    }
    if (body.maximumAge !== undefined) {
      if (body.maximumAge === null) delete doc.maximum_age;
      else doc.maximum_age = body.maximumAge;
    }
    const columns = Object.fromEntries(
      Object.entries({
        name: body.name,
        description: body.description,
        status: body.status,
        minimum_age: body.minimumAge,
        maximum_age: body.maximumAge,
        populations: body.populations,
        open_slots: body.openSlots,
        waitlist: body.waitlist,
        self_referral: body.selfReferral,
      }).filter(([, v]) => v !== undefined),
    );
    const changes = diff(row as unknown as Record<string, unknown>, columns);
    // Any change by the owner confirms the entry.
    await updateService(tx, id, {
      ...columns,
      doc: JSON.stringify({ ...doc, last_modified: new Date().toISOString() }),
      verified_at: new Date(),
    });
    await ctx.audit(tx, { action: 'directory.service_updated', entityType: 'hsds_service', entityId: id, details: { changes } });
  });
  return get(ctx, id);
}

export async function verify(ctx: Context, id: string): Promise<DirectoryServiceDetail> {
  await ctx.tx(async (tx) => {
    const row = await findService(tx, id);
    if (!row) throw notFound('service');
    if (!canEditService(ctx.principal, row.organization_id))
      throw new AppError('forbidden', 'Only the organization that offers this service, or the intermediary, may verify it.');
    await updateService(tx, id, { verified_at: new Date() });
    await ctx.audit(tx, { action: 'directory.service_verified', entityType: 'hsds_service', entityId: id });
  });
  return get(ctx, id);
}
