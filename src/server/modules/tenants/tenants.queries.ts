import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

// Tenants are created by operators (command line), on the owner connection: braid_app may not
// insert into tenant.
export function findTenantBySlug(db: Kysely<DB>, slug: string) {
  return db.selectFrom('tenant').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}

export function listTenants(db: Kysely<DB>) {
  return db.selectFrom('tenant').select(['id', 'slug', 'name', 'created_at']).orderBy('slug').execute();
}

export async function createTenant(db: Kysely<DB>, row: { id: string; slug: string; name: string }) {
  await db.insertInto('tenant').values(row).execute();
}
