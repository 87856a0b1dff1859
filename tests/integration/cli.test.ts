import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rememberSecret } from '../support/app.ts';
import { dropDatabaseByUrl, freshDatabase, type TestDatabase, testEngine } from '../support/db.ts';

// These tests run the real command line (a Node process per command, several per test) and load the demo:
// allow them time on a loaded machine. (A hang guard, not a measurement.)
vi.setConfig({ testTimeout: 600_000 });

// The `braid` command line, run as a user would run it, against PGlite (a data folder) or PostgreSQL.
const run = promisify(execFile);
const BIN = path.resolve('bin/braid.js');
let dataDir: string;
let pg: TestDatabase | null = null;

async function braid(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, BRAID_DATA_DIR: dataDir, DATABASE_URL: pg?.url ?? '', BRAID_LOG_LEVEL: 'warn', ...env },
      timeout: 170_000,
    });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'braid-cli-'));
  if (testEngine() === 'postgres') {
    pg = await freshDatabase('postgres');
    await pg.database.close();
  }
});
afterAll(async () => {
  if (pg) {
    await dropDatabaseByUrl(pg.url as string);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('braid command line', () => {
  it('has help for every command', async () => {
    const top = await braid(['--help']);
    for (const cmd of ['serve', 'migrate', 'seed', 'tenant', 'user', 'audit', 'db', 'keys']) expect(top.out).toContain(cmd);
    const serve = await braid(['serve', '--help']);
    expect(serve.out).toMatch(/--port/);
    expect(serve.out).toMatch(/--host/);
    const user = await braid(['user', '--help']);
    for (const sub of ['create', 'invite', 'disable']) expect(user.out).toContain(sub);
  });

  it('migrates idempotently and reports the database', async () => {
    const first = await braid(['migrate']);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Applied: .*platform/);
    const again = await braid(['migrate']);
    expect(again.out).toContain('Already up to date.');
    const info = await braid(['db', 'info']);
    expect(info.out).toMatch(testEngine() === 'postgres' ? /PostgreSQL at postgres:\/\// : /PGlite \(embedded\)/);
    expect(info.out).toMatch(/applied\s+\d{8}T\d{4}_platform/);
  });

  it('loads the demo once; a second run changes nothing', async () => {
    const first = await braid(['seed', '--demo']);
    expect(first.code).toBe(0);
    expect(first.out).toContain('Demo partnership loaded.');
    expect(first.out).toContain('admin@demo.braid.test');
    const second = await braid(['seed', '--demo']);
    expect(second.out).toContain('already present');
    if (testEngine() === 'pglite') {
      // The encryption key was generated on first use, readable by its owner only.
      expect(fs.statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    }
  });

  it('creates tenants and people, and needs --tenant once there are several', async () => {
    expect((await braid(['tenant', 'create', 'river-mfg', '--name', 'River Valley Manufacturing Partnership'])).out).toContain('created');
    expect((await braid(['tenant', 'create', 'river-mfg', '--name', 'Again'])).code).toBe(1);
    const list = await braid(['tenant', 'list']);
    expect(list.out).toMatch(/neo-health/);
    expect(list.out).toMatch(/river-mfg/);

    const password = 'granite orchard compass 31';
    rememberSecret(password);
    const ambiguous = await braid(
      ['user', 'create', '--email', 'ops@braid.test', '--name', 'Ops', '--org', 'Lakeshore Workforce Partners', '--role', 'admin'],
      { BRAID_PASSWORD: password },
    );
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.out).toContain('--tenant');
    const noPassword = await braid([
      'user',
      'create',
      '--tenant',
      'neo-health',
      '--email',
      'ops@braid.test',
      '--name',
      'Ops',
      '--org',
      'Lakeshore Workforce Partners',
      '--role',
      'admin',
    ]);
    expect(noPassword.out).toContain('BRAID_PASSWORD');
    const created = await braid(
      [
        'user',
        'create',
        '--tenant',
        'neo-health',
        '--email',
        'ops@braid.test',
        '--name',
        'Ops Person',
        '--org',
        'lakeshore workforce partners',
        '--role',
        'admin',
      ],
      { BRAID_PASSWORD: password },
    );
    expect(created.code).toBe(0);
    expect(created.out).toContain('Created ops@braid.test');
    expect(created.out).not.toContain(password);
    const badRole = await braid([
      'user',
      'create',
      '--tenant',
      'neo-health',
      '--email',
      'x@braid.test',
      '--name',
      'X',
      '--org',
      'x',
      '--role',
      'wizard',
    ]);
    expect(badRole.code).not.toBe(0);
    expect(badRole.out).toMatch(/Allowed choices/);

    const disabled = await braid(['user', 'disable', '--tenant', 'neo-health', '--email', 'ops@braid.test']);
    expect(disabled.out).toContain('Disabled ops@braid.test');
  });

  it('rotates keys: a new key id, and the audit chain stays intact', async () => {
    const rotated = await braid(['keys', 'rotate']);
    expect(rotated.code).toBe(0);
    expect(rotated.out).toMatch(/New key [0-9a-f]{8}/);
    if (testEngine() === 'pglite') {
      expect(fs.readFileSync(path.join(dataDir, 'secret.key'), 'utf8').trim().split('\n')).toHaveLength(2);
    }
    const verify = await braid(['audit', 'verify']);
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/intact: \d+ events verified/);
  });
});
