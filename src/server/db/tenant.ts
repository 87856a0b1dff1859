import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from './types.ts';

export type Tx = Transaction<DB>;
export type Executor = Kysely<DB> | Tx;

// Every request's database work runs here: one transaction, as the braid_app role (which row-level
// security binds), with the tenant set for that transaction only. A query that forgets its tenant
// filter still sees nothing of another tenant.
export async function withTenant<T>(db: Kysely<DB>, tenantId: string | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('role', 'braid_app', true), set_config('braid.tenant_id', ${tenantId ?? ''}, true)`.execute(tx);
    return fn(tx);
  });
}
