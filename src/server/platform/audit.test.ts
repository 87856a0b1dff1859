import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOG_DIR } from '../../../tests/support/app.ts';
import { freshDatabase, type TestDatabase, testEngine } from '../../../tests/support/db.ts';
import { openDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { withTenant } from '../db/tenant.ts';
import { createTenant } from '../modules/tenants/tenants.queries.ts';
import { appendAudit, diff, eventHash, verifyAudit } from './audit.ts';

// These tests run the real command line, which boots Braid and loads the whole demo: allow it time
// on a loaded machine. (A limit, not a measurement.)
vi.setConfig({ testTimeout: 180_000 });

// The audit trail is append-only (a trigger refuses UPDATE, DELETE and TRUNCATE, even for the owner)
// and hash-chained, so a change made around the trigger is found by `braid audit verify`.

let tdb: TestDatabase;
const tenantId = randomUUID();
const otherTenant = randomUUID();
const actor = { userId: null, label: 'audit test', ip: '192.0.2.7' };

beforeAll(async () => {
  tdb = await freshDatabase();
  await migrateToLatest(tdb.database.db);
  await createTenant(tdb.database.db, { id: tenantId, slug: 'audit-test', name: 'Audit Test' });
  await createTenant(tdb.database.db, { id: otherTenant, slug: 'audit-other', name: 'Audit Other' });
});
afterAll(() => tdb?.drop());

const db = () => tdb.database.db;
const events = (tenant = tenantId) => db().selectFrom('audit_event').selectAll().where('tenant_id', '=', tenant).orderBy('seq').execute();
const append = (tenant: string, action: string, details: Record<string, unknown> = {}) =>
  withTenant(db(), tenant, (tx) => appendAudit(tx, tenant, actor, { action, entityType: 'organization', entityId: randomUUID(), details }));

/** Changes the table the way only someone with the owner's credentials could: around the trigger. */
async function tamper(run: () => Promise<unknown>): Promise<void> {
  await sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update`.execute(db());
  try {
    await run();
  } finally {
    await sql`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update`.execute(db());
  }
}

describe('appending', () => {
  it('writes events with consecutive sequence numbers, each linked to the hash of the one before', async () => {
    await append(tenantId, 'organization.created', { name: 'Acme' });
    await append(otherTenant, 'organization.created', { name: 'Other' });
    await append(tenantId, 'organization.updated', { changes: { name: { from: 'Acme', to: 'Acme Inc' } } });
    await append(tenantId, 'organization.updated', { nested: { b: 1, a: [1, 'two', null] } });

    const rows = await events();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0].prev_hash).toBe('0'.repeat(64));
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(rows[2].prev_hash).toBe(rows[1].hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(3);
    for (const r of rows) expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]).toMatchObject({ actor_label: 'audit test', ip: '192.0.2.7', action: 'organization.created' });
    // Each tenant has its own chain.
    expect((await events(otherTenant)).map((r) => r.seq)).toEqual([1]);
    expect(await verifyAudit(db())).toEqual({ events: 4, problems: [] });
  });

  it('keeps one unbroken chain when many writers append at once', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => append(tenantId, 'organization.updated', { i })));
    const rows = await events();
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    expect((await verifyAudit(db())).problems).toEqual([]);
  });

  it('hashes content canonically: key order does not matter, any value change does', () => {
    const base = {
      tenantId,
      seq: 1,
      occurredAt: '2026-01-01T00:00:00.000Z',
      actorUserId: null,
      actorLabel: 'x',
      action: 'a',
      entityType: 'e',
      entityId: null,
      personalData: false,
      details: { a: 1, b: 2 },
      ip: null,
    };
    const h = eventHash('0'.repeat(64), base);
    expect(eventHash('0'.repeat(64), { ...base, details: { b: 2, a: 1 } })).toBe(h);
    expect(eventHash('0'.repeat(64), { ...base, details: { a: 1, b: 3 } })).not.toBe(h);
    expect(eventHash('0'.repeat(64), { ...base, personalData: true })).not.toBe(h);
    expect(eventHash('1'.repeat(64), base)).not.toBe(h);
  });

  it('records what changed on update, masking encrypted fields', () => {
    expect(
      diff({ name: 'A', phone_enc: 'v1.x.old', city: 'Elyria' }, { name: 'B', phone_enc: 'v1.x.new', city: 'Elyria' }, ['phone_enc']),
    ).toEqual({ name: { from: 'A', to: 'B' }, phone_enc: { from: '***', to: '***' } });
  });
});

describe('the database refuses changes', () => {
  it('refuses UPDATE, DELETE and TRUNCATE even for the owner (superuser) connection', async () => {
    const before = await events();
    await expect(sql`UPDATE audit_event SET action = 'rewritten' WHERE tenant_id = ${tenantId}`.execute(db())).rejects.toThrow(
      /append-only \(UPDATE refused\)/,
    );
    await expect(sql`DELETE FROM audit_event WHERE tenant_id = ${tenantId}`.execute(db())).rejects.toThrow(
      /append-only \(DELETE refused\)/,
    );
    await expect(sql`TRUNCATE audit_event`.execute(db())).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
    expect(await events()).toEqual(before);
  });
});

describe('verification', () => {
  it('names the one event whose content was changed behind the trigger', async () => {
    const victim = (await events())[1];
    await tamper(() => sql`UPDATE audit_event SET details = '{"name":"Forged"}' WHERE id = ${victim.id}`.execute(db()));
    const { problems } = await verifyAudit(db());
    expect(problems).toEqual([{ tenantId, id: victim.id, seq: victim.seq, reason: 'content does not match its hash' }]);
    // Put it back so the later cases start from an intact chain.
    await tamper(() => sql`UPDATE audit_event SET details = ${JSON.stringify(victim.details)} WHERE id = ${victim.id}`.execute(db()));
    expect((await verifyAudit(db())).problems).toEqual([]);
  });

  it('finds a deleted event: the next one reports the gap and the broken link', async () => {
    const rows = await events();
    const [removed, next] = [rows[2], rows[3]];
    await tamper(() => sql`DELETE FROM audit_event WHERE id = ${removed.id}`.execute(db()));
    const { problems } = await verifyAudit(db());
    expect(problems.map((p) => [p.id, p.seq, p.reason])).toEqual([
      [next.id, next.seq, `sequence gap: expected ${removed.seq}`],
      [next.id, next.seq, 'previous-hash link broken'],
    ]);
  });
});

describe('braid audit verify (the real command line)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'braid-audit-cli-'));
  let cliDb: TestDatabase | null = null;
  afterAll(async () => {
    await cliDb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // On the PGlite project the CLI works on an embedded data folder; on the PostgreSQL project, on a server database.
  const env = (): NodeJS.ProcessEnv => {
    const base: NodeJS.ProcessEnv = {
      ...process.env,
      BRAID_DATA_DIR: dataDir,
      BRAID_LOG_FILE: path.join(LOG_DIR, `cli-${path.basename(dataDir)}.log`),
    };
    delete base.DATABASE_URL;
    delete base.BRAID_SECRET_KEY;
    delete base.SMTP_HOST;
    if (cliDb?.url) base.DATABASE_URL = cliDb.url;
    return base;
  };

  function braid(...args: string[]): Promise<{ code: number | null; out: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/braid.js', ...args], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.stderr.on('data', (d) => {
        out += d;
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });
  }

  async function openCliDatabase() {
    return cliDb ? openDatabase({ databaseUrl: cliDb.url }) : openDatabase({ dataDir });
  }

  it('reports an intact trail with exit code 0, then names the tampered event with exit code 2', async () => {
    fs.mkdirSync(LOG_DIR, { recursive: true });
    if (testEngine() === 'postgres') cliDb = await freshDatabase();
    const seeded = await braid('seed', '--demo');
    expect(seeded.out).toContain('Demo partnership loaded.');
    expect(seeded.code).toBe(0);

    const ok = await braid('audit', 'verify');
    expect(ok.out).toMatch(/Audit trail intact: \d+ events verified\./);
    expect(ok.code).toBe(0);

    // PGlite is single-process: open the folder, tamper, close it again before the CLI runs.
    const database = await openCliDatabase();
    let victim: { id: number; seq: number; tenant_id: string };
    try {
      victim = await database.db
        .selectFrom('audit_event')
        .select(['id', 'seq', 'tenant_id'])
        .where('action', '=', 'user.created')
        .orderBy('seq')
        .limit(1)
        .executeTakeFirstOrThrow();
      await sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update`.execute(database.db);
      await sql`UPDATE audit_event SET actor_label = 'someone else' WHERE id = ${victim.id}`.execute(database.db);
      await sql`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update`.execute(database.db);
    } finally {
      await database.close();
    }

    const bad = await braid('audit', 'verify');
    expect(bad.out).toContain(
      `TAMPERED tenant ${victim.tenant_id} event id ${victim.id} (seq ${victim.seq}): content does not match its hash`,
    );
    expect(bad.out).toContain('1 problem(s)');
    expect(bad.code).toBe(2);
  });
});
