import PgBoss from 'pg-boss';
import type { Database } from '../db/connect.ts';

// Background work on pg-boss, on both engines: PGlite through the pool adapter's executeSql.
// Handlers are registered by name; any number of app processes can share one PostgreSQL queue.

export type JobHandler = (data: Record<string, unknown>, jobId: string) => Promise<void>;

export interface Jobs {
  send(
    name: string,
    data: Record<string, unknown>,
    options?: { singletonKey?: string; startAfter?: Date; singletonSeconds?: number },
  ): Promise<string | null>;
  work(name: string, handler: JobHandler): Promise<void>;
  stop(): Promise<void>;
  boss: PgBoss;
}

export interface JobOptions {
  /** How often an idle worker looks for work. */
  pollingIntervalSeconds?: number;
  /** Only enqueue; no workers (CLI commands). */
  workers?: boolean;
}

export async function startJobs(database: Database, options: JobOptions = {}): Promise<Jobs> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => database.executeSql(text, values) },
    schema: 'pgboss',
    supervise: options.workers !== false,
    schedule: false,
  });
  boss.on('error', (err) => {
    process.emitWarning(`background job error: ${err.message}`);
  });
  await boss.start();
  const created = new Set<string>();
  const ensureQueue = async (name: string) => {
    if (created.has(name)) return;
    if (!(await boss.getQueue(name))) await boss.createQueue(name).catch(() => {});
    created.add(name);
  };
  const polling = options.pollingIntervalSeconds ?? 1;
  return {
    boss,
    async send(name, data, sendOptions = {}) {
      await ensureQueue(name);
      return boss.send(name, data, { retryLimit: 3, retryDelay: 5, retryBackoff: true, ...sendOptions });
    },
    async work(name, handler) {
      if (options.workers === false) return;
      await ensureQueue(name);
      let workerId = '';
      workerId = await boss.work<Record<string, unknown>>(name, { pollingIntervalSeconds: polling, batchSize: 1 }, async (jobs) => {
        for (const job of jobs) await handler(job.data, job.id);
        // pg-boss waits a full polling interval after every fetch; with work in hand, fetch again at once.
        boss.notifyWorker(workerId);
      });
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
  };
}

/**
 * Recurring work: every `minutes` (and once at start), enqueue one `name` job. pg-boss's singleton slot
 * lets only one such job into the queue per interval however many app processes run this timer, so the
 * work runs once per interval across the deployment. Returns a stop function.
 */
export function every(jobs: Jobs, name: string, minutes: number, onError: (err: Error) => void): () => void {
  const enqueue = () => {
    jobs.send(name, {}, { singletonKey: name, singletonSeconds: Math.max(1, Math.round(minutes * 60)) }).catch(onError);
  };
  enqueue();
  const timer = setInterval(enqueue, minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
