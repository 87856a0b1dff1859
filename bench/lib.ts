// What the benchmark scripts share: a scratch PostgreSQL database, Braid started on it, fixed-rate
// load and the percentile arithmetic. Benchmarks are not part of `npm test`; see docs/benchmarks.md.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const ROOT = path.resolve(import.meta.dirname, '..');

/** "node v20…, 2 cores, load average …": printed first, since every figure depends on it. */
export function machineLine(): string {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  return `node ${process.version}, ${os.cpus().length} cores, load average ${load}`;
}

/** Resolves once the child prints `pattern`; rejects with its last output if it exits first. */
export function waitFor(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${seen.slice(-800)}`)));
  });
}

/** `braid serve` on the given database, the demo partnership loaded if it is empty; resolves when it listens. */
export async function serveBraid(databaseUrl: string, port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/braid.js'), 'serve', '--port', String(port), '--seed-demo-if-empty'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      BRAID_DATA_DIR: dataDir,
      BRAID_LOG_LEVEL: 'warn',
      BRAID_SIGNIN_MAX_PER_IP: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitFor(child, /Braid is running/);
  return child;
}

/** A scratch database `<prefix>_<random>` on the admin server; returns its name and URL. */
export async function createDatabase(adminUrl: string, prefix: string): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return { name, url: databaseUrl(adminUrl, name) };
}

/** The admin server's URL pointing at another database on it. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

export const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};

export const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/**
 * Open-loop load at a fixed rate: each call starts on schedule whether or not earlier ones finished, so a
 * query that cannot keep up shows as growing latency instead of a politely lowered rate.
 */
export async function fixedRate(rate: number, seconds: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  const total = rate * seconds;
  const latencies: number[] = [];
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      fn(i).then(() => {
        latencies.push(performance.now() - due);
      }),
    );
  }
  await Promise.all(pending);
  return latencies;
}
