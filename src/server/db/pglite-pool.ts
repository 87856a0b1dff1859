import type { PGlite } from '@electric-sql/pglite';

// A node-postgres-shaped pool over one PGlite instance, so Kysely's PostgresDialect and pg-boss
// run unchanged on the embedded engine. PGlite is a single session: a connection is held
// exclusively from connect() to release(), which serializes transactions the way a pool of one would.

interface QueryResultLike {
  command: string;
  rowCount: number;
  rows: Record<string, unknown>[];
}

export interface PoolClientLike {
  query(sql: string, params?: readonly unknown[]): Promise<QueryResultLike>;
  release(): void;
}

export class PGlitePool {
  private tail: Promise<void> = Promise.resolve();
  private ended = false;
  constructor(readonly pg: PGlite) {}

  async connect(): Promise<PoolClientLike> {
    if (this.ended) throw new Error('database is closed');
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    let released = false;
    return {
      query: (sql, params) => runQuery(this.pg, sql, params),
      release: () => {
        if (!released) {
          released = true;
          release();
        }
      },
    };
  }

  /** One statement or script outside a caller's transaction (pg-boss, migrations). */
  async query(sql: string, params?: readonly unknown[]): Promise<QueryResultLike> {
    const client = await this.connect();
    try {
      return await client.query(sql, params);
    } finally {
      client.release();
    }
  }

  async end(): Promise<void> {
    if (this.ended) return;
    await this.tail;
    this.ended = true;
    await this.pg.close();
  }
}

async function runQuery(pg: PGlite, sql: string, params?: readonly unknown[]): Promise<QueryResultLike> {
  const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
  if (!params || params.length === 0) {
    // exec() accepts multi-statement scripts (pg-boss sends some); the last result is the answer.
    const results = await pg.exec(sql);
    const last = results[results.length - 1];
    return { command, rowCount: last?.affectedRows ?? last?.rows.length ?? 0, rows: (last?.rows ?? []) as Record<string, unknown>[] };
  }
  const result = await pg.query<Record<string, unknown>>(sql, params as unknown[]);
  return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
}
