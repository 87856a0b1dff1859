import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/server/db/connect.ts';

// A fresh, empty database for one test file: in-memory PGlite, or a new PostgreSQL database on the
// server named by TEST_DATABASE_URL (dropped again on close).
export type TestEngine = 'pglite' | 'postgres';

export function testEngine(): TestEngine {
  return process.env.BRAID_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
}

export interface TestDatabase {
  database: Database;
  url: string | null;
  drop(): Promise<void>;
}

export async function freshDatabase(engine: TestEngine = testEngine()): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const database = await openDatabase({});
    return { database, url: null, drop: () => database.close() };
  }
  const admin = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!admin) throw new Error('BRAID_TEST_ENGINE=postgres needs TEST_DATABASE_URL');
  const name = `braid_t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close().catch(() => {});
      await dropDatabaseByUrl(url.toString());
    },
  };
}

/** Drops a database created by freshDatabase('postgres'). */
export async function dropDatabaseByUrl(url: string): Promise<void> {
  const admin = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  const name = new URL(url).pathname.slice(1);
  if (!admin || !/^braid_t_[0-9a-f]+$/.test(name)) return;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
}
