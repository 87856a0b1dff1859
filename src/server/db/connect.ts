import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlitePool } from './pglite-pool.ts';
import type { DB } from './types.ts';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  engine: Engine;
  /** Kysely over the owner connection. Modules never use it directly: they get a tenant transaction. */
  db: Kysely<DB>;
  /** Plain SQL on its own connection, for pg-boss and scripts. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** Subscribe to a NOTIFY channel (session revocation across processes). */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  describe(): string;
  close(): Promise<void>;
}

// Same JS shapes on both engines: bigint counts as numbers, dates as 'YYYY-MM-DD' strings.
const INT8 = 20;
const DATE = 1082;

export interface OpenOptions {
  databaseUrl?: string | null;
  /** PGlite data folder; null for an in-memory database (tests). */
  dataDir?: string | null;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPGlite(options.dataDir ?? null);
}

async function openPGlite(dataDir: string | null): Promise<Database> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pgDir = dataDir ? path.join(dataDir, 'pgdata') : undefined;
  const instance = await PGlite.create({
    dataDir: pgDir,
    extensions: { pg_trgm },
    parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v },
    serializers: {},
  });
  void pgliteTypes;
  const pool = new PGlitePool(instance);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as never }) });
  return {
    engine: 'pglite',
    db,
    executeSql: (text, values) => pool.query(text, values),
    async listen(channel, onMessage) {
      const unsub = await instance.listen(channel, onMessage);
      return async () => unsub();
    },
    describe: () => `PGlite (embedded) at ${pgDir ?? 'memory'}`,
    async close() {
      await db.destroy();
      await pool.end();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const typeParsers = {
    getTypeParser(oid: number, format?: string) {
      if (oid === INT8) return (v: string) => Number(v);
      if (oid === DATE) return (v: string) => v;
      return pg.types.getTypeParser(oid, format as 'text');
    },
  };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: typeParsers as never });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Nothing to log that helps.
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const safeUrl = new URL(url);
  safeUrl.password = safeUrl.password ? '***' : '';
  return {
    engine: 'postgres',
    db,
    async executeSql(text, values) {
      const r = await pool.query(text, values);
      const last = Array.isArray(r) ? r[r.length - 1] : r;
      return { rows: last.rows };
    },
    async listen(channel, onMessage) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notification', (msg) => {
        if (msg.channel === channel) onMessage(msg.payload ?? '');
      });
      client.on('error', () => {});
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        await client.end().catch(() => {});
      };
    },
    describe: () => `PostgreSQL at ${safeUrl.toString()}`,
    async close() {
      await db.destroy();
    },
  };
}
