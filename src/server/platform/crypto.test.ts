import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rememberSecret, startTestApp, type TestApp } from '../../../tests/support/app.ts';
import { testEngine } from '../../../tests/support/db.ts';
import { linkIn } from '../../../tests/support/smtp-sink.ts';
import { DEMO_PASSWORD } from '../seed/demo-partnership.ts';
import { verifyAudit } from './audit.ts';
import { addKeyToFile, DecryptionError, decrypt, encrypt, keyedHash, keyIdOf, keyringOf, loadKeyring } from './crypto.ts';
import { ENCRYPTED_COLUMNS, reencryptAll } from './key-rotation.ts';

// Personal data is sealed with AES-256-GCM under a key kept outside the database. Tampering is
// detected, keys rotate without losing data or matching hashes, and no plaintext reaches a dump.

const k1 = randomBytes(32);
const k2 = randomBytes(32);

function flipByte(stored: string, index: number): string {
  const [v, id, payload] = stored.split('.');
  const raw = Buffer.from(payload, 'base64');
  raw[index] ^= 0x01;
  return `${v}.${id}.${raw.toString('base64')}`;
}

describe('sealing values', () => {
  it('round-trips text, including empty and non-ASCII text, with a fresh IV each time', () => {
    const ring = keyringOf([k1]);
    for (const text of ['123-45-6789', '', 'José Núñez · 電話 📞 +1 (216) 555-0199']) {
      const sealed = encrypt(ring, text);
      expect(sealed).toMatch(new RegExp(`^v1\\.${ring.currentId}\\.[A-Za-z0-9+/=]+$`));
      expect(sealed).not.toContain(text || '\u0000');
      expect(decrypt(ring, sealed)).toBe(text);
    }
    expect(encrypt(ring, 'same')).not.toBe(encrypt(ring, 'same'));
  });

  it('throws DecryptionError when any byte of IV, tag or ciphertext is flipped', () => {
    const ring = keyringOf([k1]);
    const sealed = encrypt(ring, 'a value worth protecting');
    // 0 = IV, 15 = auth tag, 30 = ciphertext body
    for (const index of [0, 15, 30]) {
      expect(() => decrypt(ring, flipByte(sealed, index))).toThrow(DecryptionError);
    }
  });

  it('binds the key id: relabelling a ciphertext with another known key fails authentication', () => {
    const ring = keyringOf([k1, k2]);
    const sealed = encrypt(ring, 'bound to its key');
    const relabelled = sealed.replace(`.${keyIdOf(k2)}.`, `.${keyIdOf(k1)}.`);
    expect(() => decrypt(ring, relabelled)).toThrow(DecryptionError);
  });

  it('throws DecryptionError for an unknown key id and for text that is not a Braid ciphertext', () => {
    const sealed = encrypt(keyringOf([k2]), 'x');
    expect(() => decrypt(keyringOf([k1]), sealed)).toThrow(DecryptionError);
    expect(() => decrypt(keyringOf([k1]), sealed)).toThrow(/unknown key id/);
    for (const junk of ['plain text', 'v2.abc.def', 'v1..', `v1.${keyIdOf(k1)}.AAAA`]) {
      expect(() => decrypt(keyringOf([k1]), junk)).toThrow(DecryptionError);
    }
  });

  it('keeps the keyed hash stable across a key rotation, and distinct per value and per first key', () => {
    expect(keyedHash(keyringOf([k1]), '123456789')).toBe(keyedHash(keyringOf([k1, k2]), '123456789'));
    expect(keyedHash(keyringOf([k1]), '123456789')).not.toBe(keyedHash(keyringOf([k1]), '123456780'));
    expect(keyedHash(keyringOf([k2]), '123456789')).not.toBe(keyedHash(keyringOf([k1]), '123456789'));
    expect(keyedHash(keyringOf([k1]), '123456789')).not.toContain('123456789');
    // Old ciphertexts still open after rotation; new ones use the newest key.
    const old = encrypt(keyringOf([k1]), 'before rotation');
    const rotated = keyringOf([k1, k2]);
    expect(decrypt(rotated, old)).toBe('before rotation');
    expect(rotated.currentId).toBe(keyIdOf(k2));
  });
});

describe('the key file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'braid-keys-'));
  const dataDir = path.join(dir, 'data');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is created on first use with mode 0600 in a 0700 folder, and read back unchanged', () => {
    const ring = loadKeyring(null, dataDir);
    const file = path.join(dataDir, 'secret.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(loadKeyring(null, dataDir).currentId).toBe(ring.currentId);
  });

  it('gains a new key on rotation, stays 0600, and still opens old values with the same keyed hash', () => {
    const before = loadKeyring(null, dataDir);
    const sealed = encrypt(before, '216-555-0101');
    const after = addKeyToFile(dataDir);
    expect(after.currentId).not.toBe(before.currentId);
    expect(after.keys.size).toBe(2);
    expect(fs.statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(decrypt(after, sealed)).toBe('216-555-0101');
    expect(keyedHash(after, 'x')).toBe(keyedHash(before, 'x'));
  });

  it('takes keys from BRAID_SECRET_KEY (comma-separated, newest last) without writing a file', () => {
    const elsewhere = path.join(dir, 'env-only');
    const ring = loadKeyring(`${k1.toString('hex')},${k2.toString('base64')}`, elsewhere);
    expect(ring.currentId).toBe(keyIdOf(k2));
    expect(ring.keys.size).toBe(2);
    expect(fs.existsSync(path.join(elsewhere, 'secret.key'))).toBe(false);
    expect(() => loadKeyring('too-short', elsewhere)).toThrow(/32 bytes/);
  });
});

describe('encrypted columns in the database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const db = () => t.db.database.db;

  it('lists only columns that exist', async () => {
    for (const { table, column } of ENCRYPTED_COLUMNS) {
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = ${table} AND column_name = ${column}`.execute(db());
      expect(rows[0].n, `${table}.${column}`).toBe(1);
    }
  });

  it('never shows a plaintext value, password or token in a dump of every table', async () => {
    // The phone goes in and comes back out through the API, sealed at rest.
    const phone = `+1 (216) 555-${String(Math.floor(Math.random() * 9000) + 1000)}`;
    const navigator = await t.as('navigator');
    expect((await navigator.request('PATCH', '/api/account/profile', { phone })).status).toBe(200);
    expect(((await (await navigator.request('GET', '/api/account/profile')).json()) as { phone: string }).phone).toBe(phone);
    const sealed = (
      await db().selectFrom('user').select('phone_enc').where('email', '=', 'navigator@demo.braid.test').executeTakeFirstOrThrow()
    ).phone_enc as string;
    expect(decrypt(t.rt.services.keyring, sealed)).toBe(phone);

    // Secrets that really pass through the database: a session, an API token, a reset link (queued as a job).
    const caller = await t.as('analyst');
    const created = await caller.request('POST', '/api/account/tokens', { name: 'dump test' });
    const apiToken = ((await created.json()) as { token: string }).token;
    rememberSecret(apiToken);
    await t.fetch('/api/auth/password-reset/request', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'funder@demo.braid.test' }),
    });
    const resetToken = new URL(linkIn(await t.smtp.waitFor('funder@demo.braid.test'))).hash.replace('#token=', '');
    rememberSecret(resetToken);
    const sessionToken = caller.cookie.split('=')[1];
    const secrets = { phone, apiToken, resetToken, sessionToken, password: DEMO_PASSWORD };

    const { rows: tables } = await sql<{ schema: string; name: string }>`
      SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`.execute(db());
    expect(tables.map((x) => x.schema)).toEqual(expect.arrayContaining(['public', 'pgboss']));
    let dump = '';
    for (const { schema, name } of tables) {
      const { rows } = await sql<{ j: string }>`SELECT row_to_json(x)::text AS j FROM ${sql.table(`${schema}.${name}`)} x`.execute(db());
      dump += `${rows.map((r) => r.j).join('\n')}\n`;
    }
    // The dump is real: it holds the sealed value and the queued email job.
    expect(dump).toContain(sealed);
    expect(dump).toContain('mail.send');
    for (const [what, value] of Object.entries(secrets)) expect(dump.includes(value), what).toBe(false);

    if (testEngine() === 'postgres' && t.db.url) {
      let pgDump: string | null = null;
      try {
        pgDump = (await promisify(execFile)('pg_dump', ['--data-only', '--no-owner', t.db.url], { maxBuffer: 256 * 1024 * 1024 })).stdout;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      if (pgDump !== null) {
        expect(pgDump).toContain(sealed);
        for (const [what, value] of Object.entries(secrets)) expect(pgDump.includes(value), `pg_dump: ${what}`).toBe(false);
      }
    }
  });

  it('re-encrypts every value under a newly added key; values still open and the audit trail records it', async () => {
    const oldRing = t.rt.services.keyring;
    const firstKey = oldRing.keys.get(oldRing.currentId) as Buffer;
    const users = await db().selectFrom('user').select(['id', 'email']).orderBy('email').execute();
    const plain = new Map(users.map((u, i) => [u.id, `216-555-${String(1000 + i)}`]));
    for (const [id, value] of plain) {
      await db()
        .updateTable('user')
        .set({ phone_enc: encrypt(oldRing, value) })
        .where('id', '=', id)
        .execute();
    }

    const newRing = keyringOf([firstKey, randomBytes(32)]);
    expect(await reencryptAll(t.db.database, newRing)).toBe(users.length);

    const after = await db().selectFrom('user').select(['id', 'phone_enc']).execute();
    for (const row of after) {
      expect(row.phone_enc?.startsWith(`v1.${newRing.currentId}.`)).toBe(true);
      expect(decrypt(newRing, row.phone_enc as string)).toBe(plain.get(row.id));
      expect(() => decrypt(oldRing, row.phone_enc as string)).toThrow(DecryptionError);
    }
    const rotated = await db().selectFrom('audit_event').select('details').where('action', '=', 'keys.rotated').execute();
    expect(rotated.map((r) => r.details)).toEqual([{ reencrypted: users.length }]);
    expect((await verifyAudit(db())).problems).toEqual([]);
    // Nothing left to do on a second run.
    expect(await reencryptAll(t.db.database, newRing)).toBe(0);
  });
});
