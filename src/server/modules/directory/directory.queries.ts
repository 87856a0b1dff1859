import { sql } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import { organizationInInitiative } from '../../platform/initiative-scope.ts';
import { likePattern, paginate } from '../../platform/pagination.ts';

// The only SQL of directory search and service upkeep. Filters read the HSDS tables (hsds_*).

export interface SearchFilter {
  q?: string;
  termId?: string;
  countyName?: string;
  postcode?: string;
  age?: number;
  population?: string;
  language?: string;
  cost?: 'free' | 'paid';
  /** Open at: two-letter RFC 5545 day code and wall time "HH:MM:SS". */
  openAt?: { day: string; time: string };
  capacity?: boolean;
  staleBefore?: Date;
  organizationId?: string;
  initiativeId?: string;
}

const COLUMNS = [
  'hsds_service.id',
  'hsds_service.name',
  'hsds_service.description',
  'hsds_service.status',
  'hsds_service.organization_id',
  'organization.name as organization_name',
  'hsds_service.minimum_age',
  'hsds_service.maximum_age',
  'hsds_service.populations',
  'hsds_service.open_slots',
  'hsds_service.waitlist',
  'hsds_service.self_referral',
  'hsds_service.verified_at',
] as const;

/** A service's schedules and those of the locations it is offered at. */
const schedulesOf = sql`(SELECT s.doc FROM hsds_schedule s WHERE s.owner_type = 'service' AND s.owner_id = hsds_service.id
  UNION ALL SELECT s.doc FROM hsds_schedule s JOIN hsds_service_at_location sal ON sal.location_id = s.owner_id
    WHERE s.owner_type = 'location' AND sal.service_id = hsds_service.id
  UNION ALL SELECT s.doc FROM hsds_schedule s JOIN hsds_service_at_location sal ON sal.id = s.owner_id
    WHERE s.owner_type = 'service_at_location' AND sal.service_id = hsds_service.id)`;

/** Matching services' ids in the list's order: a page of these is cheap to count and to cut. */
export function searchServiceIds(db: Executor, f: SearchFilter) {
  // No join to organization here: every service has one (foreign key), and the join gave the planner a
  // second table to misestimate against (a language filter ran as a cross product with the organizations,
  // 0.9 s at 10k services). The organization's name is matched by EXISTS where the search asks for it.
  let q = db.selectFrom('hsds_service').select('hsds_service.id');
  if (f.organizationId) q = q.where('hsds_service.organization_id', '=', f.organizationId);
  if (f.initiativeId) q = q.where(organizationInInitiative('hsds_service.organization_id', f.initiativeId));
  if (f.termId) {
    q = q.where(sql<boolean>`EXISTS (SELECT 1 FROM hsds_attribute a WHERE a.owner_type = 'service' AND a.owner_id = hsds_service.id
      AND a.ref_id = ${f.termId}::uuid)`);
  }
  if (f.age !== undefined) {
    q = q.where((eb) =>
      eb.and([
        eb.or([eb('hsds_service.minimum_age', 'is', null), eb('hsds_service.minimum_age', '<=', String(f.age))]),
        eb.or([eb('hsds_service.maximum_age', 'is', null), eb('hsds_service.maximum_age', '>=', String(f.age))]),
      ]),
    );
  }
  // A service that names no population is open to all.
  if (f.population)
    q = q.where(sql<boolean>`(cardinality(hsds_service.populations) = 0 OR ${f.population} = ANY(hsds_service.populations))`);
  if (f.language) {
    q = q.where(sql<boolean>`EXISTS (SELECT 1 FROM hsds_language l WHERE l.owner_type = 'service' AND l.owner_id = hsds_service.id
      AND (lower(l.doc->>'code') = lower(${f.language}) OR l.doc->>'name' ILIKE ${f.language}))`);
  }
  if (f.cost === 'free')
    q = q.where(sql<boolean>`NOT EXISTS (SELECT 1 FROM hsds_cost_option c WHERE c.owner_type = 'service'
    AND c.owner_id = hsds_service.id AND coalesce((c.doc->>'amount')::numeric, 0) > 0)`);
  if (f.cost === 'paid')
    q = q.where(sql<boolean>`EXISTS (SELECT 1 FROM hsds_cost_option c WHERE c.owner_type = 'service'
    AND c.owner_id = hsds_service.id AND coalesce((c.doc->>'amount')::numeric, 0) > 0)`);
  if (f.capacity) q = q.where('hsds_service.open_slots', '>', 0);
  if (f.staleBefore) {
    q = q.where((eb) => eb.or([eb('hsds_service.verified_at', 'is', null), eb('hsds_service.verified_at', '<', f.staleBefore as Date)]));
  }
  if (f.openAt) {
    const { day, time } = f.openAt;
    q = q.where(sql<boolean>`EXISTS (SELECT 1 FROM ${schedulesOf} AS sch(doc)
      WHERE (sch.doc->>'byday' IS NULL OR ${day} = ANY(string_to_array(replace(upper(sch.doc->>'byday'), ' ', ''), ',')))
        AND (sch.doc->>'opens_at')::time <= ${time}::time AND (sch.doc->>'closes_at')::time > ${time}::time)`);
  }
  if (f.countyName || f.postcode) {
    // Serves the place: no service area at all (open to anyone), a service area naming the county or
    // postcode, or (postcode) a location of the service at that postcode.
    const needle = (f.postcode ?? f.countyName ?? '').toUpperCase();
    q =
      q.where(sql<boolean>`(NOT EXISTS (SELECT 1 FROM hsds_service_area sa WHERE sa.owner_type = 'service' AND sa.owner_id = hsds_service.id)
      OR EXISTS (SELECT 1 FROM hsds_service_area sa WHERE sa.owner_type = 'service' AND sa.owner_id = hsds_service.id
        AND position(${needle} IN upper(coalesce(sa.doc->>'name', '') || ' ' || coalesce(sa.doc->>'description', '') || ' ' || coalesce(sa.doc->>'extent', ''))) > 0)
      OR EXISTS (SELECT 1 FROM hsds_address ad JOIN hsds_service_at_location sal ON sal.location_id = ad.owner_id
        WHERE ad.owner_type = 'location' AND sal.service_id = hsds_service.id AND upper(ad.doc->>'postal_code') = ${needle}))`);
  }
  if (f.q) {
    const term = f.q;
    q = q
      .where(
        sql<boolean>`(hsds_service.search @@ websearch_to_tsquery('english', ${term}) OR hsds_service.name % ${term}
          OR EXISTS (SELECT 1 FROM organization o WHERE o.id = hsds_service.organization_id AND o.name ILIKE ${likePattern(term)}))`,
      )
      .orderBy(
        sql`ts_rank(hsds_service.search, websearch_to_tsquery('english', ${term})) + similarity(hsds_service.name, ${term})`,
        'desc',
      );
  }
  return q.orderBy('hsds_service.name').orderBy('hsds_service.id');
}

/**
 * The entries shown for the given services. Languages and cost are read per row, so they are read for a
 * page of ids only: computed beside count(*) over () they ran for every match (seconds at 10k services).
 */
export function serviceEntries(db: Executor, ids: string[]) {
  return db
    .selectFrom('hsds_service')
    .innerJoin('organization', 'organization.id', 'hsds_service.organization_id')
    .select(COLUMNS)
    .select([
      sql<string[]>`ARRAY(SELECT DISTINCT coalesce(l.doc->>'name', l.doc->>'code') FROM hsds_language l
        WHERE l.owner_type = 'service' AND l.owner_id = hsds_service.id)`.as('languages'),
      sql<boolean>`NOT EXISTS (SELECT 1 FROM hsds_cost_option c WHERE c.owner_type = 'service' AND c.owner_id = hsds_service.id
        AND coalesce((c.doc->>'amount')::numeric, 0) > 0)`.as('free'),
    ])
    .where('hsds_service.id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
}

/** One page of a search: ids first, then the entries of that page in the same order. */
export async function searchServicesPage(db: Executor, f: SearchFilter, page: number, pageSize: number) {
  const p = await paginate(searchServiceIds(db, f), page, pageSize);
  const rows = await serviceEntries(
    db,
    p.items.map((r) => r.id),
  ).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { ...p, items: p.items.flatMap((r) => byId.get(r.id) ?? []) };
}

export type ServiceRow = Awaited<ReturnType<ReturnType<typeof serviceEntries>['execute']>>[number];

export function findService(db: Executor, id: string) {
  return serviceEntries(db, [id]).select(['hsds_service.doc']).executeTakeFirst();
}

export async function updateService(
  db: Executor,
  id: string,
  patch: Partial<{
    name: string;
    description: string | null;
    status: string;
    minimum_age: number | null;
    maximum_age: number | null;
    populations: string[];
    open_slots: number | null;
    waitlist: number | null;
    self_referral: boolean;
    verified_at: Date;
    doc: string;
  }>,
) {
  await db
    .updateTable('hsds_service')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export function staleServicesOf(db: Executor, organizationIds: string[] | null, before: Date) {
  let q = db
    .selectFrom('hsds_service')
    .select(['id', 'name', 'verified_at'])
    .where((eb) => eb.or([eb('verified_at', 'is', null), eb('verified_at', '<', before)]))
    .where('status', '=', 'active');
  if (organizationIds)
    q = q.where('organization_id', 'in', organizationIds.length ? organizationIds : ['00000000-0000-0000-0000-000000000000']);
  return q.orderBy('verified_at').limit(50).execute();
}

/** Active entries not verified since `staleBefore` whose owners were not reminded since `remindedBefore`. */
export function servicesToRemind(db: Executor, staleBefore: Date, remindedBefore: Date) {
  return (
    db
      .selectFrom('hsds_service')
      .innerJoin('organization', 'organization.id', 'hsds_service.organization_id')
      .select([
        'hsds_service.id',
        'hsds_service.name',
        'hsds_service.organization_id',
        'organization.name as organization_name',
        'hsds_service.verified_at',
      ])
      .where('hsds_service.status', '=', 'active')
      .where((eb) => eb.or([eb('hsds_service.verified_at', 'is', null), eb('hsds_service.verified_at', '<', staleBefore)]))
      .where((eb) =>
        eb.or([eb('hsds_service.reverify_reminded_at', 'is', null), eb('hsds_service.reverify_reminded_at', '<', remindedBefore)]),
      )
      .orderBy('hsds_service.organization_id')
      .orderBy('hsds_service.verified_at')
      .orderBy('hsds_service.id')
      // A second worker skips what the first is reminding about.
      .forUpdate('hsds_service')
      .skipLocked()
      .execute()
  );
}

export async function markReminded(db: Executor, ids: string[], at: Date) {
  if (ids.length === 0) return;
  await db.updateTable('hsds_service').set({ reverify_reminded_at: at }).where('id', 'in', ids).execute();
}

/** Home: how many active entries of each organization need re-verification. */
export async function staleCounts(db: Executor, organizationIds: string[], staleBefore: Date) {
  if (organizationIds.length === 0) return [];
  const rows = await db
    .selectFrom('hsds_service')
    .innerJoin('organization', 'organization.id', 'hsds_service.organization_id')
    .select(['organization.id', 'organization.name', (eb) => eb.fn.countAll<string>().as('n')])
    .where('hsds_service.organization_id', 'in', organizationIds)
    .where('hsds_service.status', '=', 'active')
    .where((eb) => eb.or([eb('hsds_service.verified_at', 'is', null), eb('hsds_service.verified_at', '<', staleBefore)]))
    .groupBy(['organization.id', 'organization.name'])
    .orderBy('organization.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, count: Number(r.n) }));
}
