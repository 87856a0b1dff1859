import { sql } from 'kysely';
import type { OrganizationKind } from '../../../shared/roles.ts';
import type { Executor } from '../../db/tenant.ts';
import type { NewOrganization } from '../../db/types.ts';
import { whereOrganizationInInitiative } from '../../platform/initiative-scope.ts';
import { likePattern } from '../../platform/pagination.ts';

export const ORGANIZATION_COLUMNS = [
  'organization.id',
  'organization.name',
  'organization.kind',
  'organization.description',
  'organization.ein',
  'organization.naics',
  'organization.email',
  'organization.website',
  'organization.phone',
  'organization.address_line1',
  'organization.city',
  'organization.state_code',
  'organization.postal_code',
  'organization.county_fips',
  'organization.created_at',
  'organization.updated_at',
] as const;

function withMemberCount(db: Executor) {
  return db
    .selectFrom('organization')
    .select(ORGANIZATION_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('membership')
        .select(sql<number>`count(DISTINCT membership.user_id)`.as('n'))
        .whereRef('membership.organization_id', '=', 'organization.id')
        .as('member_count'),
    );
}

export function listOrganizations(db: Executor, filter: { q?: string; kind?: OrganizationKind; initiativeId?: string }) {
  let q = withMemberCount(db);
  if (filter.kind) q = q.where('organization.kind', '=', filter.kind);
  q = whereOrganizationInInitiative(q, 'organization.id', filter.initiativeId);
  if (filter.q) {
    const term = filter.q;
    // Substring match on name or EIN, ranked by trigram similarity so near spellings come first.
    q = q
      .where((eb) =>
        eb.or([
          eb('organization.name', 'ilike', likePattern(term)),
          eb('organization.ein', 'like', likePattern(term)),
          sql<boolean>`organization.name % ${term}`,
        ]),
      )
      .orderBy(sql`similarity(organization.name, ${term})`, 'desc');
  }
  return q.orderBy('organization.name').orderBy('organization.id');
}

export function findOrganization(db: Executor, id: string) {
  return withMemberCount(db).where('organization.id', '=', id).executeTakeFirst();
}

export async function insertOrganization(db: Executor, row: NewOrganization) {
  await db.insertInto('organization').values(row).execute();
}

export async function updateOrganization(db: Executor, id: string, patch: Partial<NewOrganization>) {
  await db
    .updateTable('organization')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}
