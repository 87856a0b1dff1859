import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { LIMITS } from '../../shared/limits.ts';
import { AppError } from './errors.ts';

// NIST SP 800-63B: length, no composition rules, refuse known-common passwords.
const LIST_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data/common-passwords.txt');
let common: Set<string> | null = null;

function commonPasswords(): Set<string> {
  if (!common) {
    common = new Set(
      fs
        .readFileSync(LIST_FILE, 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#')),
    );
  }
  return common;
}

export function checkPasswordPolicy(password: string, field = 'body.password', context: string[] = []): void {
  if (password.length < LIMITS.passwordMin) {
    throw new AppError('weak_password', `Use at least ${LIMITS.passwordMin} characters.`, [
      { field, code: 'too_short', message: `Use at least ${LIMITS.passwordMin} characters.` },
    ]);
  }
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower) || context.some((c) => c && lower.includes(c.toLowerCase()))) {
    throw new AppError('weak_password', 'This password is too common or too easy to guess.', [
      { field, code: 'common', message: 'This password is too common or too easy to guess.' },
    ]);
  }
}

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { algorithm: 2 as Algorithm /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummyHash: Promise<string> | null = null;

/** Verifies; when there is no stored hash, spends the same time so timing does not reveal accounts. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    dummyHash ??= hashPassword('braid-timing-equaliser-password');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
