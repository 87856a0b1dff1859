import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../../src/server/config.ts';
import { loadConfig } from '../../src/server/config.ts';
import { boot, type Runtime } from '../../src/server/runtime.ts';
import { seedDemo } from '../../src/server/seed/demo.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/server/seed/demo-partnership.ts';
import type { Role } from '../../src/shared/roles.ts';
import { freshDatabase, type TestDatabase } from './db.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';

// One Braid for a test file: a fresh database (PGlite or PostgreSQL), the demo partnership, a real
// SMTP sink, and the log captured to test-results/logs so the final check can grep it for secrets.

export const LOG_DIR = path.resolve('test-results/logs');
export const SECRETS_DIR = path.resolve('test-results/secrets');

export function rememberSecret(value: string): void {
  fs.mkdirSync(SECRETS_DIR, { recursive: true });
  fs.appendFileSync(path.join(SECRETS_DIR, `${process.pid}.txt`), `${value}\n`);
}

export interface Caller {
  email: string;
  cookie: string;
  csrf: string;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

export interface TestApp {
  rt: Runtime;
  db: TestDatabase;
  smtp: SmtpSink;
  config: Config;
  baseUrl: string;
  tenantId: string;
  /** A signed-in session for a demo user, by role or email. */
  as(who: Role | string): Promise<Caller>;
  fetch(url: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestApp(
  overrides: Partial<Config> = {},
  options: { seed?: boolean; demo?: 'full' | 'light' } = {},
): Promise<TestApp> {
  const db = await freshDatabase();
  const smtp = await startSmtpSink();
  fs.mkdirSync(LOG_DIR, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'braid-test-'));
  const port = 0;
  const config = loadConfig(
    {},
    {
      databaseUrl: db.url,
      dataDir,
      secretKey: randomBytes(32).toString('hex'),
      logLevel: 'info',
      logFile: path.join(LOG_DIR, `${path.basename(dataDir)}.log`),
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: null, pass: null, from: 'Braid <braid@test.local>' },
      signInMaxPerIp: 1000,
      // Recurring upkeep stays off in tests: a test runs it as of a time it controls.
      upkeepMinutes: 0,
      ...overrides,
    },
  );
  const rt = await boot(config, { database: db.database, workers: true, pollingIntervalSeconds: 0.5 });
  await rt.app.listen({ port, host: '127.0.0.1' });
  const address = rt.app.server.address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  rt.services.config.baseUrl = overrides.baseUrl ?? baseUrl;
  rememberSecret(DEMO_PASSWORD);
  const tenantId = options.seed === false ? '' : (await seedDemo(rt.services, undefined, { skipHeavy: options.demo !== 'full' })).tenantId;

  const fetchApp = (url: string, init?: RequestInit) => fetch(`${baseUrl}${url}`, init);

  async function as(who: Role | string): Promise<Caller> {
    const email = who.includes('@') ? who : (DEMO_USERS.find((u) => u.role === who)?.email as string);
    const res = await fetchApp('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
    const cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0];
    rememberSecret(cookie.split('=')[1]);
    const me = (await res.json()) as { csrfToken: string };
    rememberSecret(me.csrfToken);
    return {
      email,
      cookie,
      csrf: me.csrfToken,
      request(method, url, body, headers = {}) {
        return fetchApp(url, {
          method,
          headers: {
            cookie,
            'x-csrf-token': me.csrfToken,
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...headers,
          },
          body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        });
      },
    };
  }

  return {
    rt,
    db,
    smtp,
    config: rt.services.config,
    baseUrl,
    tenantId,
    as,
    fetch: fetchApp,
    async close() {
      await rt.close();
      await db.drop();
      await smtp.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
