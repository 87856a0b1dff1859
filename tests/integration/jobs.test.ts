import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Jobs, startJobs } from '../../src/server/platform/jobs.ts';
import { until } from '../support/checks.ts';
import { freshDatabase, type TestDatabase, testEngine } from '../support/db.ts';

// Background work runs on pg-boss: on the embedded engine in one process, and on PostgreSQL shared
// by any number of processes, each job run exactly once.

let tdb: TestDatabase;
let jobs: Jobs;
beforeAll(async () => {
  tdb = await freshDatabase();
  jobs = await startJobs(tdb.database, { pollingIntervalSeconds: 0.5 });
});
afterAll(async () => {
  await jobs?.stop();
  await tdb?.drop();
});

describe(`jobs on ${testEngine()}`, () => {
  it('runs a sent job once, with its data, and marks it completed', async () => {
    const queue = `test.once.${randomUUID().slice(0, 8)}`;
    const runs: { id: string; data: Record<string, unknown> }[] = [];
    await jobs.work(queue, async (data, id) => {
      runs.push({ id, data });
    });
    const id = await jobs.send(queue, { greeting: 'hello', n: 7 });
    expect(id).toEqual(expect.any(String));
    const done = await until(async () => {
      const job = await jobs.boss.getJobById(queue, id as string);
      return job?.state === 'completed' ? job : null;
    });
    expect(done.retryCount).toBe(0);
    expect(runs).toEqual([{ id, data: { greeting: 'hello', n: 7 } }]);
  });

  it('works through a backlog back to back, not one job per polling interval', async () => {
    // With a five-minute polling interval, only fetching again at once after a job lets this finish.
    const slow = await startJobs(tdb.database, { pollingIntervalSeconds: 300 });
    try {
      const queue = `test.backlog.${randomUUID().slice(0, 8)}`;
      for (let n = 0; n < 5; n++) await slow.send(queue, { n });
      const seen: number[] = [];
      await slow.work(queue, async (data) => {
        seen.push(Number(data.n));
      });
      await until(async () => seen.length === 5);
      expect(seen.sort()).toEqual([0, 1, 2, 3, 4]);
    } finally {
      await slow.stop();
    }
  });
});

describe.skipIf(testEngine() !== 'postgres')('two processes on one PostgreSQL queue', () => {
  const workers: ChildProcessWithoutNullStreams[] = [];
  afterAll(() => {
    for (const w of workers) if (w.exitCode === null) w.kill();
  });

  function startWorker(name: string, queue: string): Promise<ChildProcessWithoutNullStreams> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/job-worker.ts', tdb.url as string, name, queue], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    workers.push(child);
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    return new Promise((resolve, reject) => {
      child.stdout.on('data', (d) => {
        if (String(d).includes('ready')) resolve(child);
      });
      child.on('exit', (code) => reject(new Error(`worker ${name} exited (${code}) before it was ready: ${err}`)));
    });
  }

  const stop = (child: ChildProcessWithoutNullStreams) =>
    new Promise<number | null>((resolve) => {
      child.on('exit', (code) => resolve(code));
      child.stdin.write('stop\n');
    });

  it('runs each of 200 jobs exactly once, and both processes take part', async () => {
    const db = tdb.database;
    const queue = `test.shared.${randomUUID().slice(0, 8)}`;
    await db.executeSql('CREATE TABLE job_run (job_id uuid PRIMARY KEY, n int NOT NULL, worker text NOT NULL, runs int NOT NULL)');
    await jobs.boss.createQueue(queue);
    const [a, b] = await Promise.all([startWorker('worker-a', queue), startWorker('worker-b', queue)]);

    const ids = new Set<string>();
    for (let n = 0; n < 200; n++) ids.add((await jobs.send(queue, { n })) as string);
    expect(ids.size).toBe(200);

    await until(async () => {
      const { rows } = await db.executeSql('SELECT count(*)::int AS n FROM job_run');
      return Number(rows[0].n) >= 200;
    });
    await until(async () => {
      const { rows } = await db.executeSql(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = 'completed'`, [queue]);
      return Number(rows[0].n) === 200;
    });
    expect(await Promise.all([stop(a), stop(b)])).toEqual([0, 0]);

    const { rows: runs } = await db.executeSql('SELECT job_id::text AS id, n, worker, runs FROM job_run ORDER BY n');
    expect(runs.map((r) => r.n)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(new Set(runs.map((r) => r.id))).toEqual(ids);
    expect(runs.filter((r) => Number(r.runs) !== 1)).toEqual([]);
    const byWorker = new Map<string, number>();
    for (const r of runs) byWorker.set(String(r.worker), (byWorker.get(String(r.worker)) ?? 0) + 1);
    expect([...byWorker.keys()].sort()).toEqual(['worker-a', 'worker-b']);
    for (const count of byWorker.values()) expect(count).toBeGreaterThan(0);

    const { rows: states } = await db.executeSql(
      'SELECT state, count(*)::int AS n, max(retry_count)::int AS retries FROM pgboss.job WHERE name = $1 GROUP BY state',
      [queue],
    );
    expect(states).toEqual([{ state: 'completed', n: 200, retries: 0 }]);
  });
});
