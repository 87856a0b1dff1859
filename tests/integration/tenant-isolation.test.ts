import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/server/db/tenant.ts';
import type { DB } from '../../src/server/db/types.ts';
import { createIn as createOrganization } from '../../src/server/modules/organizations/organizations.service.ts';
import { createTenant } from '../../src/server/modules/tenants/tenants.queries.ts';
import { createWithPassword } from '../../src/server/modules/users/users.service.ts';
import { makeOps } from '../../src/server/platform/http.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-partnership.ts';
import { type Caller, rememberSecret, startTestApp, type TestApp } from '../support/app.ts';
import { expectProblem, rowCounts, tenantTables } from '../support/checks.ts';

// Two partnerships in one deployment. Row-level security must keep them apart even when a query
// forgets its tenant filter, and the API must answer an id of the other tenant as if it did not exist.

// The platform tables every deployment has; later modules add theirs and are picked up from the catalog.
const PLATFORM_TENANT_TABLES = ['api_token', 'audit_event', 'membership', 'organization', 'session', 'user', 'user_token'];

let t: TestApp;
let db: Kysely<DB>;
let tenantA: string;
const tenantB = randomUUID();
let orgB: string;
let userB: string;
let membershipB: string;
let adminA: Caller;
let adminB: Caller;

beforeAll(async () => {
  t = await startTestApp();
  db = t.db.database.db;
  tenantA = t.tenantId;
  await createTenant(db, { id: tenantB, slug: 'bravo-partnership', name: 'Bravo Manufacturing Partnership' });
  const { ops, flush } = makeOps(t.rt.services, tenantB, { userId: null, label: 'test setup' });
  await ops.tx(async (tx) => {
    orgB = await createOrganization(ops, tx, { name: 'Bravo Precision Machining', kind: 'employer', naics: '332710' });
    userB = await createWithPassword(ops, tx, {
      email: 'admin@bravo.test',
      name: 'Bea Bravo',
      password: DEMO_PASSWORD,
      organizationId: orgB,
      role: 'admin',
    });
  });
  await flush();
  membershipB = (await db.selectFrom('membership').select('id').where('user_id', '=', userB).executeTakeFirstOrThrow()).id;

  // Give both tenants a row in every platform table: sessions, API tokens, invitations, audit events.
  adminA = await t.as('admin');
  adminB = await t.as('admin@bravo.test');
  for (const [caller, org, email] of [
    [adminA, null, 'new-a@demo.braid.test'],
    [adminB, orgB, 'new-b@bravo.test'],
  ] as const) {
    const token = await caller.request('POST', '/api/account/tokens', { name: 'isolation test' });
    expect(token.status).toBe(201);
    rememberSecret(((await token.json()) as { token: string }).token);
    const organizationId =
      org ?? (await db.selectFrom('organization').select('id').where('tenant_id', '=', tenantA).executeTakeFirstOrThrow()).id;
    const invited = await caller.request('POST', '/api/users/invitations', {
      email,
      name: 'New Person',
      organizationId,
      role: 'navigator',
    });
    expect(invited.status).toBe(201);
  }
});
afterAll(() => t?.close());

async function tenantIdsIn(tx: Kysely<DB>, table: string): Promise<string[]> {
  const { rows } = await sql<{ tenant_id: string }>`SELECT tenant_id::text AS tenant_id FROM ${sql.table(table)}`.execute(tx);
  return rows.map((r) => r.tenant_id);
}

describe('row-level security in the database', () => {
  it('guards every table that carries tenant_id with ENABLE + FORCE row-level security and a policy', async () => {
    const tables = await tenantTables(db);
    expect(tables).toEqual(expect.arrayContaining(PLATFORM_TENANT_TABLES));
    const { rows } = await sql<{ name: string; enabled: boolean; forced: boolean; policies: number }>`
      SELECT c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
        (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`.execute(db);
    const unguarded = tables.filter((name) => {
      const row = rows.find((r) => r.name === name);
      return !row?.enabled || !row.forced || row.policies === 0;
    });
    expect(unguarded).toEqual([]);
  });

  it('the other tenant really has rows in every platform table (so the checks below can fail)', async () => {
    for (const table of PLATFORM_TENANT_TABLES) {
      const all = await tenantIdsIn(db, table);
      expect(all.filter((id) => id === tenantB).length, table).toBeGreaterThan(0);
      expect(all.filter((id) => id === tenantA).length, table).toBeGreaterThan(0);
    }
  });

  it('a query with no tenant filter inside withTenant(A) returns only tenant A rows, on every tenant table', async () => {
    for (const table of await tenantTables(db)) {
      const seen = await withTenant(db, tenantA, (tx) => tenantIdsIn(tx, table));
      expect(
        seen.filter((id) => id !== tenantA),
        table,
      ).toEqual([]);
      if (PLATFORM_TENANT_TABLES.includes(table)) expect(seen.length, table).toBeGreaterThan(0);
    }
    const orgs = await withTenant(db, tenantA, (tx) => tx.selectFrom('organization').selectAll().execute());
    expect(orgs.map((o) => o.name)).not.toContain('Bravo Precision Machining');
    const users = await withTenant(db, tenantA, (tx) => tx.selectFrom('user').selectAll().execute());
    expect(users.map((u) => u.email)).not.toContain('admin@bravo.test');
    const tenants = await withTenant(db, tenantA, (tx) => tx.selectFrom('tenant').selectAll().execute());
    expect(tenants.map((x) => x.id)).toEqual([tenantA]);
  });

  it('withTenant(null) sees no tenant rows at all', async () => {
    for (const table of [...(await tenantTables(db)), 'tenant']) {
      const { rows } = await withTenant(db, null, (tx) =>
        sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(tx),
      );
      expect(rows[0].n, table).toBe(0);
    }
  });

  it('refuses to insert a row carrying another tenant id', async () => {
    const insertOrg = withTenant(db, tenantA, (tx) =>
      tx.insertInto('organization').values({ id: randomUUID(), tenant_id: tenantB, name: 'Smuggled Org', kind: 'employer' }).execute(),
    );
    await expect(insertOrg).rejects.toThrow(/row-level security/);
    const insertAudit = withTenant(db, tenantA, (tx) =>
      tx
        .insertInto('audit_event')
        .values({
          tenant_id: tenantB,
          seq: 999_999,
          occurred_at: new Date(),
          actor_user_id: null,
          actor_label: 'intruder',
          action: 'x',
          entity_type: 'x',
          entity_id: null,
          personal_data: false,
          details: '{}',
          ip: null,
          prev_hash: '0',
          hash: '0',
        })
        .execute(),
    );
    await expect(insertAudit).rejects.toThrow(/row-level security/);
    // Moving one of A's own rows into B is refused too (the policy's WITH CHECK).
    const move = withTenant(db, tenantA, (tx) =>
      tx.updateTable('organization').set({ tenant_id: tenantB }).where('tenant_id', '=', tenantA).execute(),
    );
    await expect(move).rejects.toThrow(/row-level security/);
    const owner = await db.selectFrom('organization').select('name').where('tenant_id', '=', tenantB).execute();
    expect(owner.map((o) => o.name)).toEqual(['Bravo Precision Machining']);
  });

  it("cannot change or delete another tenant's rows: they are simply not there", async () => {
    const updated = await withTenant(db, tenantA, (tx) =>
      tx.updateTable('organization').set({ name: 'Renamed by A' }).where('id', '=', orgB).executeTakeFirst(),
    );
    expect(Number(updated.numUpdatedRows)).toBe(0);
    const deleted = await withTenant(db, tenantA, (tx) => tx.deleteFrom('membership').where('id', '=', membershipB).executeTakeFirst());
    expect(Number(deleted.numDeletedRows)).toBe(0);
    expect((await db.selectFrom('organization').select('name').where('id', '=', orgB).executeTakeFirstOrThrow()).name).toBe(
      'Bravo Precision Machining',
    );
    expect(await db.selectFrom('membership').select('id').where('id', '=', membershipB).executeTakeFirst()).toBeDefined();
  });

  it('the braid_app role cannot UPDATE, DELETE or TRUNCATE audit_event, even its own tenant rows', async () => {
    const before = await db.selectFrom('audit_event').select(['id', 'hash']).orderBy('id').execute();
    await expect(withTenant(db, tenantA, (tx) => tx.updateTable('audit_event').set({ action: 'rewritten' }).execute())).rejects.toThrow(
      /permission denied/,
    );
    await expect(withTenant(db, tenantA, (tx) => tx.deleteFrom('audit_event').execute())).rejects.toThrow(/permission denied/);
    await expect(withTenant(db, tenantA, (tx) => sql`TRUNCATE audit_event`.execute(tx))).rejects.toThrow(/permission denied/);
    expect(await db.selectFrom('audit_event').select(['id', 'hash']).orderBy('id').execute()).toEqual(before);
  });

  it('leaves no role or tenant behind on the connection after a tenant transaction, committed or failed', async () => {
    await withTenant(db, tenantA, async () => {});
    await expect(
      withTenant(db, tenantA, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    for (let i = 0; i < 3; i++) {
      const { rows } = await sql<{ role: string; tenant: string | null }>`
        SELECT current_user AS role, nullif(current_setting('braid.tenant_id', true), '') AS tenant`.execute(db);
      expect(rows[0].role).not.toBe('braid_app');
      expect(rows[0].tenant).toBeNull();
    }
  });
});

describe('the API, given an id from another tenant', () => {
  it("answers 404 for another tenant's organization, and changes nothing", async () => {
    const before = await rowCounts(db);
    await expectProblem(await adminA.request('GET', `/api/organizations/${orgB}`), 404, 'not_found');
    await expectProblem(await adminA.request('PATCH', `/api/organizations/${orgB}`, { name: 'Taken over' }), 404, 'not_found');
    expect(await rowCounts(db)).toEqual(before);
    expect((await db.selectFrom('organization').select('name').where('id', '=', orgB).executeTakeFirstOrThrow()).name).toBe(
      'Bravo Precision Machining',
    );
    // The owner of the record still sees it: the 404 is isolation, not a missing row.
    expect((await adminB.request('GET', `/api/organizations/${orgB}`)).status).toBe(200);
  });

  it("answers 404 for another tenant's user on every user route, and changes nothing", async () => {
    const before = await rowCounts(db);
    const orgA = (await db.selectFrom('organization').select('id').where('tenant_id', '=', tenantA).executeTakeFirstOrThrow()).id;
    await expectProblem(await adminA.request('GET', `/api/users/${userB}`), 404, 'not_found');
    await expectProblem(await adminA.request('POST', `/api/users/${userB}/disable`), 404, 'not_found');
    await expectProblem(await adminA.request('POST', `/api/users/${userB}/resend-invitation`), 404, 'not_found');
    await expectProblem(
      await adminA.request('POST', `/api/users/${userB}/memberships`, { organizationId: orgA, role: 'admin' }),
      404,
      'not_found',
    );
    await expectProblem(await adminA.request('DELETE', `/api/users/${userB}/memberships/${membershipB}`), 404, 'not_found');
    expect(await rowCounts(db)).toEqual(before);
    expect((await db.selectFrom('user').select('status').where('id', '=', userB).executeTakeFirstOrThrow()).status).toBe('active');
    expect((await adminB.request('GET', '/api/me')).status).toBe(200);
  });

  it("refuses another tenant's organization as the target of a membership or invitation", async () => {
    const before = await rowCounts(db);
    const me = (await (await adminA.request('GET', '/api/me')).json()) as { user: { id: string } };
    const add = await expectProblem(
      await adminA.request('POST', `/api/users/${me.user.id}/memberships`, { organizationId: orgB, role: 'director' }),
      400,
      'validation_failed',
    );
    expect(add.errors?.map((e) => e.field)).toEqual(['body.organizationId']);
    await expectProblem(
      await adminA.request('POST', '/api/users/invitations', {
        email: 'spy@demo.braid.test',
        name: 'Spy',
        organizationId: orgB,
        role: 'admin',
      }),
      400,
      'validation_failed',
    );
    expect(await rowCounts(db)).toEqual(before);
  });

  it('lists and searches show nothing of the other tenant', async () => {
    const orgs = (await (await adminA.request('GET', '/api/organizations?q=Bravo&pageSize=100')).json()) as { items: { id: string }[] };
    expect(orgs.items.map((o) => o.id)).not.toContain(orgB);
    const users = (await (await adminA.request('GET', '/api/users?q=bravo&pageSize=100')).json()) as { items: { email: string }[] };
    expect(users.items.map((u) => u.email)).toEqual([]);
    const audit = (await (await adminA.request('GET', `/api/audit?entityId=${orgB}`)).json()) as { total: number };
    expect(audit.total).toBe(0);
    // …while B sees exactly its own organization and audit trail.
    const own = (await (await adminB.request('GET', '/api/organizations?pageSize=100')).json()) as { items: { id: string }[] };
    expect(own.items.map((o) => o.id)).toEqual([orgB]);
    const ownAudit = (await (await adminB.request('GET', `/api/audit?entityId=${orgB}`)).json()) as { total: number };
    expect(ownAudit.total).toBeGreaterThan(0);
  });
});
