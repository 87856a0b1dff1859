// A separate Braid process that works one job queue on a shared PostgreSQL database (jobs.test.ts).
// Usage: node --import tsx tests/support/job-worker.ts <database url> <worker name> <queue>
// Each job it runs is recorded in job_run; "stop" on stdin ends it gracefully.
import { openDatabase } from '../../src/server/db/connect.ts';
import { startJobs } from '../../src/server/platform/jobs.ts';

const [url, worker, queue] = process.argv.slice(2);
const database = await openDatabase({ databaseUrl: url, poolSize: 3 });
const jobs = await startJobs(database, { pollingIntervalSeconds: 0.5 });
let first = true;

await jobs.work(queue, async (data, jobId) => {
  await database.executeSql(
    `INSERT INTO job_run (job_id, n, worker, runs) VALUES ($1, $2, $3, 1)
     ON CONFLICT (job_id) DO UPDATE SET runs = job_run.runs + 1`,
    [jobId, data.n, worker],
  );
  if (first) {
    // Hold the first job until the other process has run one too, so both provably share the queue.
    first = false;
    for (;;) {
      const { rows } = await database.executeSql('SELECT count(DISTINCT worker)::int AS n FROM job_run');
      if (Number(rows[0].n) >= 2) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
});
process.stdout.write('ready\n');

process.stdin.on('data', async (chunk) => {
  if (!String(chunk).includes('stop')) return;
  await jobs.stop();
  await database.close();
  process.exit(0);
});
