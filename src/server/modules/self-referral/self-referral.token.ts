import { createHmac } from 'node:crypto';
import { type Keyring, safeEqual } from '../../platform/crypto.ts';

// The form token: issued with the public page, signed with the server's key, bound to the tenant and
// service. A submission must bring one that is at least a few seconds old (people read and type; a bot
// posts at once) and at most a few hours old (no harvesting tokens for later). No cookies, no third party.

function mac(ring: Keyring, tenantId: string, serviceId: string, issuedAt: number): string {
  return createHmac('sha256', ring.hmacKey).update(`self-referral|${tenantId}|${serviceId}|${issuedAt}`).digest('base64url');
}

export function signFormToken(ring: Keyring, tenantId: string, serviceId: string, issuedAt = Date.now()): string {
  return `${issuedAt}.${mac(ring, tenantId, serviceId, issuedAt)}`;
}

export type TokenCheck = 'ok' | 'invalid' | 'too_fresh' | 'expired';

export function checkFormToken(
  ring: Keyring,
  token: string,
  tenantId: string,
  serviceId: string,
  limits: { minSeconds: number; maxHours: number },
  now = Date.now(),
): TokenCheck {
  const m = /^(\d{13})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return 'invalid';
  const issuedAt = Number(m[1]);
  if (!safeEqual(m[2], mac(ring, tenantId, serviceId, issuedAt))) return 'invalid';
  const age = now - issuedAt;
  if (age < limits.minSeconds * 1000) return 'too_fresh';
  if (age > limits.maxHours * 3600_000) return 'expired';
  return 'ok';
}
