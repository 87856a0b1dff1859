import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../shared/errors.ts';
import { ORGANIZATION_KINDS, ROLES } from '../../shared/roles.ts';
import { TASK_KINDS } from '../../shared/schemas/home.ts';
import { USER_STATUSES } from '../../shared/schemas/users.ts';
import { EN as en, ES as es } from './resources.ts';

// Every string a person reads comes from en/es (shell and locales/<area>.<lang>.json), so they must say the same things.

function flatten(tree: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') for (const [k, v] of flatten(value, name)) out.set(k, v);
    else out.set(name, value);
  }
  return out;
}

const EN = flatten(en);
const ES = flatten(es);
const has = (key: string) => EN.has(key) || EN.has(`${key}_one`);

/** The literal keys in t('…') calls of the web app's source. */
function keysInSource(): Set<string> {
  const keys = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
        for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.]+)'/g)) keys.add(m[1]);
      }
    }
  };
  walk(path.resolve(import.meta.dirname, '..'));
  return keys;
}

describe('translations', () => {
  it('have exactly the same keys in English and Spanish', () => {
    expect([...ES.keys()].filter((k) => !EN.has(k))).toEqual([]);
    expect([...EN.keys()].filter((k) => !ES.has(k))).toEqual([]);
  });

  it('have no empty or non-text values', () => {
    for (const map of [EN, ES]) {
      const bad = [...map].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
      expect(bad).toEqual([]);
    }
  });

  it('use the same {{placeholders}} in both languages', () => {
    const placeholders = (v: unknown) => [...String(v).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const differ = [...EN].filter(([k, v]) => placeholders(v).join() !== placeholders(ES.get(k)).join()).map(([k]) => k);
    expect(differ).toEqual([]);
  });

  it('name every error code, role, organization kind, user status and home task', () => {
    const needed = [
      ...Object.keys(ERROR_STATUS).map((c) => `errors.${c}`),
      ...ROLES.flatMap((r) => [`roles.${r}`, `roleDescriptions.${r}`]),
      ...ORGANIZATION_KINDS.map((k) => `organizationKinds.${k}`),
      ...USER_STATUSES.map((s) => `userStatus.${s}`),
      ...TASK_KINDS.flatMap((k) => ['text', 'due', 'action'].map((part) => `home.tasks.${k}.${part}`)),
      ...['too_short', 'common', 'taken', 'unknown_field', 'wrong_password', 'unknown_code', 'not_found'].map((c) => `fieldErrors.${c}`),
    ];
    expect(needed.filter((k) => !has(k))).toEqual([]);
  });

  it('contain every key the source code asks for', () => {
    const missing = [...keysInSource()].filter((k) => !has(k));
    expect(missing).toEqual([]);
  });
});
