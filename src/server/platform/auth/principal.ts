import type { Kysely } from 'kysely';
import type { Permission, Role } from '../../../shared/roles.ts';
import { permissionsFor } from '../../../shared/roles.ts';
import type { Database } from '../../db/connect.ts';
import { withTenant } from '../../db/tenant.ts';
import type { DB } from '../../db/types.ts';
import { tokenHash } from '../crypto.ts';
import {
  findLiveApiToken,
  findLiveSession,
  loadIdentity,
  tenantForApiTokenHash,
  tenantForSessionHash,
  touchApiToken,
  touchSession,
} from './principal.queries.ts';

// Who is calling. Resolved from the session cookie or a Bearer API token, cached briefly in memory so
// an authenticated request costs no database round trip; revocation purges the cache at once, in
// this process directly and in every other process through NOTIFY.

export interface Principal {
  via: 'session' | 'token';
  credentialId: string;
  userId: string;
  email: string;
  name: string;
  locale: 'en' | 'es';
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  memberships: { id: string; organizationId: string; organizationName: string; role: Role }[];
  organizationIds: string[];
  csrfToken: string | null;
  expiresAt: Date;
}

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

interface CacheEntry {
  principal: Principal;
  checkedAt: number;
  lastSeenAt: number;
  lastWrittenAt: number;
}

const CACHE_MS = 5_000;
const TOUCH_EVERY_MS = 60_000;
export const AUTH_CHANNEL = 'braid_auth';

export class PrincipalResolver {
  private cache = new Map<string, CacheEntry>();
  /** Tokens that matched nothing, remembered briefly so a flood of made-up cookies costs no queries. */
  private unknown = new Map<string, number>();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly database: Database,
    private readonly policy: SessionPolicy,
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.database.listen(AUTH_CHANNEL, (payload) => this.purgeLocal(payload));
  }
  async stop(): Promise<void> {
    await this.unlisten?.();
  }

  private get db(): Kysely<DB> {
    return this.database.db;
  }

  /** payload "user:<id>" or "credential:<id>". */
  purgeLocal(payload: string): void {
    const [kind, id] = payload.split(':');
    for (const [key, entry] of this.cache) {
      if ((kind === 'user' && entry.principal.userId === id) || (kind === 'credential' && entry.principal.credentialId === id)) {
        this.cache.delete(key);
      }
    }
  }

  async fromSessionToken(token: string): Promise<Principal | null> {
    return this.resolve(`s:${token}`, token, 'session');
  }

  async fromApiToken(token: string): Promise<Principal | null> {
    return this.resolve(`t:${token}`, token, 'token');
  }

  /**
   * The caller a session token stands for when it was checked within the last few seconds, without
   * waiting: most requests end here, and the request hook can then go on synchronously.
   * `undefined` means "not known right now": resolve it with fromSessionToken.
   */
  cachedSession(token: string): Principal | undefined {
    return this.recent(`s:${token}`, Date.now());
  }

  /** The cached caller when it was checked within CACHE_MS and is still alive; marks it seen. */
  private recent(cacheKey: string, now: number): Principal | undefined {
    const cached = this.cache.get(cacheKey);
    if (!cached || now - cached.checkedAt >= CACHE_MS || !this.alive(cached, now)) return undefined;
    cached.lastSeenAt = now;
    return cached.principal;
  }

  private async resolve(cacheKey: string, token: string, via: 'session' | 'token'): Promise<Principal | null> {
    const now = Date.now();
    const known = this.recent(cacheKey, now);
    if (known) return known;
    const cached = this.cache.get(cacheKey);
    // Safe to remember: a token is issued before anyone can present it, so an unknown one never turns valid.
    const missedAt = this.unknown.get(cacheKey);
    if (missedAt !== undefined && now - missedAt < CACHE_MS) return null;
    const hash = tokenHash(token);
    const tenantId = await withTenant(this.db, null, (tx) =>
      via === 'session' ? tenantForSessionHash(tx, hash) : tenantForApiTokenHash(tx, hash),
    );
    if (!tenantId) {
      this.cache.delete(cacheKey);
      if (this.unknown.size > 10_000) this.unknown.clear();
      this.unknown.set(cacheKey, now);
      return null;
    }
    const entry = await withTenant(this.db, tenantId, async (tx) => {
      const credential = via === 'session' ? await findLiveSession(tx, hash) : await findLiveApiToken(tx, hash);
      if (!credential) return null;
      const identity = await loadIdentity(tx, credential.user_id);
      if (identity?.user.status !== 'active') return null;
      let expiresAt: Date;
      let lastSeenAt: number;
      let csrfToken: string | null = null;
      if (via === 'session') {
        const s = credential as NonNullable<Awaited<ReturnType<typeof findLiveSession>>>;
        expiresAt = new Date(s.expires_at);
        lastSeenAt = Math.max(new Date(s.last_seen_at).getTime(), cached?.lastSeenAt ?? 0);
        csrfToken = s.csrf_token;
        if (now - lastSeenAt > this.policy.idleMinutes * 60_000 || expiresAt.getTime() <= now) return null;
        if (now - new Date(s.last_seen_at).getTime() > TOUCH_EVERY_MS) await touchSession(tx, s.id);
      } else {
        const t = credential as NonNullable<Awaited<ReturnType<typeof findLiveApiToken>>>;
        expiresAt = t.expires_at ? new Date(t.expires_at) : new Date(8.64e15);
        lastSeenAt = now;
        if (expiresAt.getTime() <= now) return null;
        if (!t.last_used_at || now - new Date(t.last_used_at).getTime() > TOUCH_EVERY_MS) await touchApiToken(tx, t.id);
      }
      const roles = [...new Set(identity.memberships.map((m) => m.role as Role))];
      const principal: Principal = {
        via,
        credentialId: credential.id,
        userId: identity.user.id,
        email: identity.user.email,
        name: identity.user.name,
        locale: identity.user.locale,
        tenantId: identity.user.tenant_id,
        tenantSlug: identity.user.tenant_slug,
        tenantName: identity.user.tenant_name,
        roles,
        permissions: new Set(permissionsFor(roles)),
        memberships: identity.memberships.map((m) => ({
          id: m.id,
          organizationId: m.organization_id,
          organizationName: m.organization_name,
          role: m.role as Role,
        })),
        organizationIds: [...new Set(identity.memberships.map((m) => m.organization_id))],
        csrfToken,
        expiresAt,
      };
      return { principal, checkedAt: now, lastSeenAt: now, lastWrittenAt: now } satisfies CacheEntry;
    });
    if (!entry) {
      this.cache.delete(cacheKey);
      return null;
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(cacheKey, entry);
    return entry.principal;
  }

  private alive(entry: CacheEntry, now: number): boolean {
    if (entry.principal.expiresAt.getTime() <= now) return false;
    if (entry.principal.via === 'session' && now - entry.lastSeenAt > this.policy.idleMinutes * 60_000) return false;
    return true;
  }
}
