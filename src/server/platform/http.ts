import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { LIMITS } from '../../shared/limits.ts';
import type { Permission } from '../../shared/roles.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/connect.ts';
import { type Tx, withTenant } from '../db/tenant.ts';
import { type Actor, type AuditInput, appendAudit } from './audit.ts';
import type { Principal, PrincipalResolver } from './auth/principal.ts';
import { type Keyring, safeEqual } from './crypto.ts';
import { AppError } from './errors.ts';
import type { Jobs } from './jobs.ts';

// Route registration: every route declares its access rule, and app.ts keeps the list so the
// authorization matrix test can enumerate every route instead of a hand-written list.

export interface Services {
  config: Config;
  database: Database;
  keyring: Keyring;
  jobs: Jobs;
  principals: PrincipalResolver;
  /** The operator log; never personal data, passwords or tokens. */
  logger: Logger;
  /** Shorthand for an info line. */
  log: (msg: string) => void;
}

/** 'public': no caller needed; 'authenticated': any signed-in user; otherwise a permission. */
export type Access = 'public' | 'authenticated' | Permission;

export interface RegisteredRoute {
  method: string;
  url: string;
  access: Access;
}

/** What a service needs to act for someone in a tenant: from a request, or from the command line. */
export interface Ops {
  services: Services;
  tenantId: string;
  actor: Actor;
  /** One tenant transaction (RLS-bound). Work queued with afterCommit runs once it commits. */
  tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  audit(tx: Tx, input: AuditInput): Promise<void>;
  afterCommit(fn: () => Promise<void>): void;
}

export interface Context extends Ops {
  principal: Principal;
  ip: string;
  userAgent: string | null;
}

/**
 * Ops as a class: its methods live on the prototype, so acting for a request creates one object rather
 * than a closure per method (this runs on every request). Call them as methods (`ops.tx(…)`); do not
 * destructure them, and build a Context with `new RequestContext`, not by spreading.
 */
class RequestOps implements Ops {
  private after: (() => Promise<void>)[] | null = null;
  constructor(
    readonly services: Services,
    readonly tenantId: string,
    readonly actor: Actor,
  ) {}
  tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return withTenant(this.services.database.db, this.tenantId, fn);
  }
  audit(tx: Tx, event: AuditInput): Promise<void> {
    return appendAudit(tx, this.tenantId, this.actor, event);
  }
  afterCommit(fn: () => Promise<void>): void {
    if (this.after) this.after.push(fn);
    else this.after = [fn];
  }
  /** Runs the work queued with afterCommit, in order. */
  async flush(): Promise<void> {
    const after = this.after;
    this.after = null;
    if (after) for (const fn of after) await fn();
  }
}

class RequestContext extends RequestOps implements Context {
  constructor(
    services: Services,
    readonly principal: Principal,
    readonly ip: string,
    readonly userAgent: string | null,
  ) {
    super(services, principal.tenantId, { userId: principal.userId, label: principal.email, ip });
  }
}

export function makeOps(services: Services, tenantId: string, actor: Actor): { ops: Ops; flush(): Promise<void> } {
  const ops = new RequestOps(services, tenantId, actor);
  return { ops, flush: () => ops.flush() };
}

export interface PublicContext {
  services: Services;
  principal: Principal | null;
  ip: string;
  userAgent: string | null;
}

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, R extends Schema> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  access: Access;
  summary: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: 200 | 201 | 202;
}

type Input<P, Q, B> = { params: Out<P>; query: Out<Q>; body: Out<B> };

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export class RouteRegistry {
  readonly routes: RegisteredRoute[] = [];
  /** Routes that may receive a file; registered together in a scope where multipart is parsed. */
  private fileRoutes: RouteOptions[] | null = null;
  constructor(
    readonly app: FastifyInstance,
    readonly services: Services,
  ) {}

  /** A route that needs a signed-in caller (or 'public' with an optional one). */
  add<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, R extends Schema>(
    spec: RouteSpec<P, Q, B, R>,
    handler: (input: Input<P, Q, B>, ctx: Context, reply: FastifyReply) => Promise<z.input<R>>,
  ): void;
  add<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, R extends Schema>(
    spec: RouteSpec<P, Q, B, R> & { access: 'public' },
    handler: (input: Input<P, Q, B>, ctx: PublicContext, reply: FastifyReply) => Promise<z.input<R>>,
  ): void;
  add(
    spec: RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined, Schema>,
    handler: (input: never, ctx: never, reply: FastifyReply) => Promise<unknown>,
  ): void {
    const services = this.services;
    this.routes.push({ method: spec.method, url: spec.url, access: spec.access });
    const status = spec.status ?? 200;
    const route: RouteOptions = {
      method: spec.method,
      url: spec.url,
      schema: {
        summary: spec.summary,
        tags: spec.tags,
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { querystring: spec.query } : {}),
        ...(spec.body ? { body: spec.body } : {}),
        response: { [status]: spec.response },
        security: spec.access === 'public' ? [] : [{ session: [] }, { bearer: [] }],
      },
      // Before the body is parsed or validated: an anonymous or unpermitted caller learns nothing of the schema.
      // (Hooks take a callback rather than return a promise: they run on every request.)
      onRequest: (req, _reply, done) => {
        authorize(req, spec.access, spec.method);
        done();
      },
      ...(spec.params || spec.query || spec.body
        ? {
            preValidation: (req: FastifyRequest, _reply: FastifyReply, done: () => void) => {
              refuseUnstorableText(req);
              done();
            },
          }
        : {}),
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        const input = { params: req.params, query: req.query, body: req.body } as never;
        const ip = req.ip;
        const userAgent = req.headers['user-agent']?.slice(0, 300) ?? null;
        reply.code(status);
        if (spec.access === 'public') {
          return handler(input, { services, principal: req.principal, ip, userAgent } as never, reply);
        }
        const ctx = new RequestContext(services, req.principal as Principal, ip, userAgent);
        const result = await handler(input, ctx as never, reply);
        await ctx.flush();
        return result;
      },
    };
    // A write without a JSON body is where a file may come (multipart/form-data); only there is
    // multipart parsed, so no other request pays for the plugin's hooks.
    if (spec.method !== 'GET' && spec.method !== 'DELETE' && !spec.body) this.addFileRoute(route);
    else this.app.withTypeProvider<ZodTypeProvider>().route(route);
  }

  private addFileRoute(route: RouteOptions): void {
    if (!this.fileRoutes) {
      const routes: RouteOptions[] = [];
      this.fileRoutes = routes;
      // Runs once the caller's plugin has finished registering, so `routes` is complete by then.
      this.app.register(async (scope) => {
        await scope.register(multipart, { limits: { fileSize: LIMITS.uploadBytes, files: 1, fields: 20 } });
        for (const r of routes) scope.route(r);
      });
    }
    this.fileRoutes.push(route);
  }
}

function authorize(req: FastifyRequest, access: Access, method: string): void {
  if (access === 'public') return;
  const principal = req.principal;
  if (!principal) throw new AppError('unauthenticated', 'Sign in to continue.');
  // Cookie-authenticated writes must echo the session's CSRF token; API tokens are not ambient.
  if (principal.via === 'session' && method !== 'GET') {
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !principal.csrfToken || !safeEqual(sent, principal.csrfToken)) {
      throw new AppError('csrf_failed', 'Missing or wrong CSRF token; reload the page and try again.');
    }
  }
  if (access === 'authenticated') return;
  if (!principal.permissions.has(access)) throw new AppError('forbidden', 'You do not have permission to do this.');
}

// PostgreSQL text cannot hold NUL and jsonb refuses unpaired surrogates; valid JSON can carry both.
// Refused here, by field, so they never reach the database as a 500.
const LONE_SURROGATE = /\p{Cs}/u;
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);
/** The first field holding unstorable text; iterative, so deeply nested JSON cannot exhaust the stack. */
function unstorableField(root: unknown, where: string): string | null {
  const stack: [unknown, string][] = [[root, where]];
  while (stack.length > 0) {
    const [value, field] = stack.pop() as [unknown, string];
    if (typeof value === 'string') {
      if (unstorable(value)) return field;
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (unstorable(key)) return `${field}.${key}`;
        stack.push([inner, `${field}.${key}`]);
      }
    }
  }
  return null;
}

function refuseUnstorableText(req: FastifyRequest): void {
  const field = unstorableField(req.params, 'params') ?? unstorableField(req.query, 'querystring') ?? unstorableField(req.body, 'body');
  if (field) {
    const message = 'Text may not contain NUL characters or unpaired surrogates.';
    throw new AppError('validation_failed', message, [{ field, code: 'invalid_characters', message }]);
  }
}

/** Record-level rule: a record the caller may not see is reported as absent. */
export function mustSee<T>(row: T | undefined | null, what = 'record'): T {
  if (!row) throw new AppError('not_found', `No such ${what}.`);
  return row;
}
