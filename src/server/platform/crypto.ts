import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Personal-data crypto. Marked fields are stored as "v1.<keyId>.<base64(iv|tag|ciphertext)>" under
// AES-256-GCM, so keys can rotate (`braid keys rotate`) and a flipped byte fails authentication.
// Matching uses a keyed HMAC so equal values can be found without decrypting.

export interface Keyring {
  /** Key id used for new ciphertexts. */
  currentId: string;
  keys: Map<string, Buffer>;
  /** HMAC key, derived from the first key ever used so hashes stay stable across rotations. */
  hmacKey: Buffer;
}

const VERSION = 'v1';

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('BRAID_SECRET_KEY must be 32 bytes, as 64 hex digits or base64');
  return key;
}

/**
 * Key file format: one key per line, newest last; the first line's key also seeds the HMAC.
 * BRAID_SECRET_KEY may hold the same list separated by commas.
 */
export function loadKeyring(secret: string | null, dataDir: string): Keyring {
  let lines: string[];
  if (secret) {
    lines = secret.split(',');
  } else {
    const file = path.join(dataDir, 'secret.key');
    if (!fs.existsSync(file)) {
      fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    }
    lines = fs.readFileSync(file, 'utf8').split('\n');
  }
  const keys = lines
    .map((l) => l.trim())
    .filter(Boolean)
    .map(parseKey);
  if (keys.length === 0) throw new Error('no encryption key configured');
  return keyringOf(keys);
}

export function keyringOf(keys: Buffer[]): Keyring {
  const map = new Map(keys.map((k) => [keyIdOf(k), k] as const));
  return {
    currentId: keyIdOf(keys[keys.length - 1]),
    keys: map,
    hmacKey: createHmac('sha256', keys[0]).update('braid-hmac').digest(),
  };
}

/** Adds a new key to the data-dir key file and returns the new keyring. */
export function addKeyToFile(dataDir: string): Keyring {
  const file = path.join(dataDir, 'secret.key');
  fs.appendFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  return loadKeyring(null, dataDir);
}

export function encrypt(ring: Keyring, plaintext: string): string {
  const key = ring.keys.get(ring.currentId) as Buffer;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(ring.currentId));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}.${ring.currentId}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export class DecryptionError extends Error {}

export function decrypt(ring: Keyring, stored: string): string {
  const [version, keyId, payload] = stored.split('.');
  if (version !== VERSION || !keyId || !payload) throw new DecryptionError('not a Braid ciphertext');
  const key = ring.keys.get(keyId);
  if (!key) throw new DecryptionError(`unknown key id ${keyId}`);
  const raw = Buffer.from(payload, 'base64');
  if (raw.length < 28) throw new DecryptionError('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(keyId));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptionError('ciphertext failed authentication (tampered or wrong key)');
  }
}

export function needsRotation(ring: Keyring, stored: string): boolean {
  return stored.split('.')[1] !== ring.currentId;
}

/** Keyed hash for matching (e.g. SSN de-duplication). Normalise before hashing. */
export function keyedHash(ring: Keyring, value: string): string {
  return createHmac('sha256', ring.hmacKey).update(value).digest('hex');
}

/** Random tokens and their storage hashes (sessions, API tokens, invitation links). */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
