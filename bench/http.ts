// `npm run bench:http`: requests per second of Braid's authenticated GET /api/me against a bare
// node:http server, measured in the same run on the same machine. The bare server answers with the
// very bytes Braid sent (status, headers, body) so both runs cost the client the same and the ratio
// measures Braid's own work. Goal: Braid ≥ 0.5× bare node. Each server runs in its own process.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { ROOT, waitFor } from './lib.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** CPU seconds (user + system) a process has used so far, from /proc: robust to other load. */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

async function run(title: string, url: string, headers: Record<string, string> = {}, pid?: number) {
  // A short warm-up so JIT and caches settle before the measured run.
  await autocannon({ url, connections: CONNECTIONS, duration: 1, headers });
  const cpuBefore = cpuSeconds(pid);
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  const cpuPerRequest = (cpuSeconds(pid) - cpuBefore) / r.requests.total;
  const line = `${title.padEnd(34)} ${r.requests.average.toFixed(0).padStart(8)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   server CPU ${(cpuPerRequest * 1e6).toFixed(1)} µs/request   non-2xx ${r.non2xx}   errors ${r.errors}`;
  console.log(line);
  return { ...r, cpuPerRequest };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'braid-bench-'));
const braid = spawn(process.execPath, [path.join(ROOT, 'bin/braid.js'), 'serve', '--port', '3402', '--seed-demo-if-empty'], {
  cwd: ROOT,
  env: { ...process.env, BRAID_DATA_DIR: dataDir, BRAID_LOG_LEVEL: 'warn', DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '' },
  stdio: ['ignore', 'pipe', 'pipe'],
});

let bare: ChildProcess = braid;
try {
  await waitFor(braid, /Braid is running/);
  const signIn = await fetch('http://127.0.0.1:3402/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.braid.test', password: 'care-pathways-2026' }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status}`);
  const cookie = signIn.headers.getSetCookie()[0].split(';')[0];
  const sample = await fetch('http://127.0.0.1:3402/api/me', { headers: { cookie } });
  const sampleHeaders = Object.fromEntries(
    [...sample.headers].filter(([k]) => !['date', 'connection', 'keep-alive', 'content-length'].includes(k)),
  );
  const sampleBody = await sample.text();
  bare = spawn(
    process.execPath,
    [
      '-e',
      `const h = ${JSON.stringify(sampleHeaders)}; const b = ${JSON.stringify(sampleBody)};
      require('node:http').createServer((req, res) => { res.writeHead(200, h); res.end(b); }).listen(3401, '127.0.0.1', () => console.log('bare ready'));`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitFor(bare, /bare ready/);
  console.log(
    `node ${process.version}, ${os.cpus().length} cores, ${CONNECTIONS} connections, ${DURATION} s per run, Braid on ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`,
  );
  // Alternate the two servers over several rounds: the machine is shared and noisy, so the ratio is
  // taken per round (same moment, same load) and the median round is reported.
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const b = await run(`round ${round}: bare node:http`, 'http://127.0.0.1:3401/', {}, bare.pid);
    const m = await run(`round ${round}: Braid GET /api/me`, 'http://127.0.0.1:3402/api/me', { cookie }, braid.pid);
    if (m.non2xx > 0) throw new Error('Braid answered non-2xx during the run');
    ratios.push(m.requests.average / b.requests.average);
    cpuRatios.push(b.cpuPerRequest / m.cpuPerRequest);
    console.log(`round ${round}: throughput ratio ${ratios.at(-1)?.toFixed(2)}×, CPU-per-request ratio ${cpuRatios.at(-1)?.toFixed(2)}×`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const m = median(ratios);
  console.log(
    `median throughput ratio Braid / bare: ${m.toFixed(2)}× over ${ROUNDS} rounds (goal ≥ 0.50×) ${m >= 0.5 ? 'MET' : 'NOT MET'}`,
  );
  // Server CPU per request is what other load on a shared machine disturbs least.
  console.log(`median CPU-per-request ratio bare / Braid: ${median(cpuRatios).toFixed(2)}×`);
} finally {
  bare.kill();
  braid.kill();
  await new Promise((r) => setTimeout(r, 500));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
