#!/usr/bin/env node
// `npm test`: typecheck, lint, build the web app, then every test suite (unit + integration on PGlite,
// again on PostgreSQL when TEST_DATABASE_URL is set, browser journeys), then the log check.
// Ends with one summary line: "Summary: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);
process.env.TZ = 'UTC';
const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function step(name, cmd, args, env = {}) {
  process.stdout.write(`\n▶ ${name}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(name, cmd, args) {
  if (step(name, cmd, args)) results.passed++;
  else {
    results.failed++;
    failures.push(name);
  }
}

function vitest(name, projects) {
  const out = path.join(root, 'test-results', `${name}.json`);
  fs.rmSync(out, { force: true });
  const args = [
    'vitest',
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ];
  const ok = step(`tests: ${name}`, 'npx', args);
  if (!fs.existsSync(out)) {
    results.failed++;
    failures.push(`${name} (no report)`);
    return;
  }
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  results.passed += report.numPassedTests;
  results.failed += report.numFailedTests;
  results.skipped += report.numPendingTests + report.numTodoTests;
  if (report.numFailedTests > 0 || report.numFailedTestSuites > 0 || !ok) {
    if (report.numFailedTests === 0) results.failed += Math.max(1, report.numFailedTestSuites);
    failures.push(name);
  }
}

fs.rmSync('test-results', { recursive: true, force: true });
fs.mkdirSync('test-results', { recursive: true });

check('typecheck (tsc --noEmit)', 'npx', ['tsc', '--noEmit']);
check('lint (biome, zero warnings)', 'npx', ['biome', 'check', '--error-on-warnings', '.']);
check('build web app (vite build)', 'npx', ['vite', 'build', '--logLevel', 'warn']);
const projects = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])];
vitest('unit-and-integration', projects);
vitest('browser', ['e2e']);
vitest('log-check', ['final']);

const line = `Summary: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`;
process.stdout.write(`\n${failures.length ? `Failed: ${failures.join('; ')}\n` : ''}${line}\n`);
process.exit(results.failed > 0 || failures.length > 0 ? 1 : 0);
