import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../db/tenant.ts';

// Fixed-window counters in the database, so every app process shares them.
export interface Hit {
  count: number;
  retryAfterSeconds: number;
}

export function bucketKey(kind: string, value: string): string {
  return `${kind}:${createHash('sha256').update(value).digest('hex').slice(0, 32)}`;
}

export async function hit(db: Executor, key: string, windowSeconds: number): Promise<Hit> {
  const { rows } = await sql<{ count: number; window_start: Date }>`
    INSERT INTO rate_limit_bucket (key, window_start, count) VALUES (${key}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit_bucket.window_start < now() - make_interval(secs => ${windowSeconds})
                   THEN 1 ELSE rate_limit_bucket.count + 1 END,
      window_start = CASE WHEN rate_limit_bucket.window_start < now() - make_interval(secs => ${windowSeconds})
                   THEN now() ELSE rate_limit_bucket.window_start END
    RETURNING count, window_start`.execute(db);
  const row = rows[0];
  const elapsed = (Date.now() - new Date(row.window_start).getTime()) / 1000;
  return { count: row.count, retryAfterSeconds: Math.max(1, Math.ceil(windowSeconds - elapsed)) };
}

export async function peek(db: Executor, key: string, windowSeconds: number): Promise<Hit> {
  const { rows } = await sql<{ count: number; window_start: Date }>`
    SELECT count, window_start FROM rate_limit_bucket
    WHERE key = ${key} AND window_start >= now() - make_interval(secs => ${windowSeconds})`.execute(db);
  if (rows.length === 0) return { count: 0, retryAfterSeconds: 0 };
  const elapsed = (Date.now() - new Date(rows[0].window_start).getTime()) / 1000;
  return { count: rows[0].count, retryAfterSeconds: Math.max(1, Math.ceil(windowSeconds - elapsed)) };
}

export async function clear(db: Executor, key: string): Promise<void> {
  await sql`DELETE FROM rate_limit_bucket WHERE key = ${key}`.execute(db);
}
