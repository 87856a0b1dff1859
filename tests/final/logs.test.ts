import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Runs after every other suite: the captured logs of the whole run must not contain any password,
// session token, CSRF token, reset or invitation token, API token or SSN the tests used.
const LOGS = path.resolve('test-results/logs');
const SECRETS = path.resolve('test-results/secrets');

function readAll(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

describe('logs of the whole test run', () => {
  const logs = readAll(LOGS).join('\n');
  const secrets = [
    ...new Set(
      readAll(SECRETS)
        .flatMap((s) => s.split('\n'))
        .filter((s) => s.length >= 8),
    ),
  ];

  it('were captured (the suites ran and logged)', () => {
    expect(logs.length).toBeGreaterThan(0);
    expect(secrets.length).toBeGreaterThan(3);
  });

  it('contain none of the secrets the tests used', () => {
    const leaked = secrets.filter((s) => logs.includes(s));
    expect(leaked.map((s) => `${s.slice(0, 4)}… (${s.length} chars)`)).toEqual([]);
  });

  it('contain nothing shaped like an SSN', () => {
    expect(logs.match(/\b\d{3}-\d{2}-\d{4}\b/g) ?? []).toEqual([]);
  });
});
