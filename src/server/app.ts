import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { FieldError, Problem } from '../shared/errors.ts';
import { ERROR_STATUS, type ErrorCode } from '../shared/errors.ts';
import { LIMITS } from '../shared/limits.ts';
import { registerAccountRoutes } from './modules/account/account.routes.ts';
import { registerAuditRoutes } from './modules/audit/audit.routes.ts';
import { registerAuthRoutes } from './modules/auth/auth.routes.ts';
import { registerCaseworkRoutes } from './modules/casework/casework.routes.ts';
import { registerCodeRoutes } from './modules/codes/codes.routes.ts';
import { registerConsentRoutes } from './modules/consent/consent.routes.ts';
import { registerDirectoryRoutes } from './modules/directory/directory.routes.ts';
import { registerEligibilityRoutes } from './modules/eligibility/eligibility.routes.ts';
import { registerEmployerRoutes } from './modules/employers/employers.routes.ts';
import { registerEnrollmentRoutes } from './modules/enrollment/enrollment.routes.ts';
import { registerGovernanceRoutes } from './modules/governance/governance.routes.ts';
import { registerHolidayRoutes } from './modules/holidays/holidays.routes.ts';
import { registerHomeRoutes } from './modules/home/home.routes.ts';
import { registerHsdsApiRoutes, registerHsdsRoutes } from './modules/hsds/hsds.routes.ts';
import { registerInitiativeRoutes } from './modules/initiatives/initiatives.routes.ts';
import { registerOrganizationRoutes } from './modules/organizations/organizations.routes.ts';
import { registerOutcomeRoutes } from './modules/outcomes/outcomes.routes.ts';
import { registerParticipantRoutes } from './modules/participants/participants.routes.ts';
import { registerReferralReportRoutes } from './modules/referrals/referrals.reports.routes.ts';
import { registerReferralRoutes } from './modules/referrals/referrals.routes.ts';
import { registerSelfReferralRoutes } from './modules/self-referral/self-referral.routes.ts';
import { registerServiceRecordRoutes } from './modules/service-records/service-records.routes.ts';
import { registerStrategyRoutes } from './modules/strategies/strategies.routes.ts';
import { registerSurveyRoutes } from './modules/surveys/surveys.routes.ts';
import { registerTaRoutes } from './modules/ta/ta.routes.ts';
import { registerTrainingRoutes } from './modules/training/training.routes.ts';
import { registerUserRoutes } from './modules/users/users.routes.ts';
import { SESSION_COOKIE, sessionTokenOf } from './platform/auth/cookies.ts';
import { AppError } from './platform/errors.ts';
import { RouteRegistry, type Services } from './platform/http.ts';
import { serializerCompiler } from './platform/serializer.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface BuiltApp {
  app: FastifyInstance;
  registry: RouteRegistry;
}

export async function buildApp(services: Services): Promise<BuiltApp> {
  const { config } = services;
  const https = config.baseUrl.startsWith('https://');
  const app = Fastify({
    bodyLimit: LIMITS.bodyBytes,
    trustProxy: config.trustProxy,
    // Braid logs through services.logger (platform/logger.ts), not Fastify's per-request loggers.
    logger: false,
  });
  if (config.logLevel === 'debug') {
    // Request-by-request lines only when debugging, and then by method and path alone.
    app.addHook('onResponse', async (req, reply) => {
      services.logger.debug(
        { method: req.method, path: req.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
        'request',
      );
    });
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a cross-site HTML form cannot send it, which closes login-CSRF and text/plain tricks.
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler((error: FastifyError, req, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) {
      services.logger.error(
        { method: req.method, path: req.url.split('?')[0], err: { message: error.message, code: error.code, stack: error.stack } },
        'request failed',
      );
    }
    if (error instanceof AppError && error.headers) reply.headers(error.headers);
    if (problem.code === 'rate_limited' && !reply.getHeader('retry-after')) reply.header('Retry-After', '60');
    reply.code(problem.status).type('application/problem+json').header('Cache-Control', 'no-store').send(problem);
  });

  // Security headers, computed once. (@fastify/helmet computed them per request and halved throughput.)
  const headers = securityHeaders(https);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Braid API', version: '0.1.0', description: 'Everything the Braid web app does, it does through this API.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token (Account → API tokens)' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // swagger-ui's own policy allows same-origin framing and always upgrades to https, which breaks the
    // docs on a plain-http deployment: frame by no one, upgrade only when served over https.
    transformStaticCSP: (header) => {
      const csp = header.replace("frame-ancestors 'self'", "frame-ancestors 'none'");
      return https ? csp : csp.replace(/\s*upgrade-insecure-requests;?/, '');
    },
    uiConfig: { docExpansion: 'list' },
  });

  const apiHeaders = { ...headers, 'cache-control': 'no-store' };
  // One hook for every request: security headers, then, for the API, who is calling. Written with a
  // callback, not async: a session checked in the last few seconds is known at once (the common case),
  // and the request then goes on without waiting for a promise.
  app.addHook('onRequest', (req, reply, done) => {
    req.principal = null;
    if (!req.url.startsWith('/api/')) {
      reply.headers(headers);
      return done();
    }
    reply.headers(apiHeaders);
    const authz = req.headers.authorization;
    if (authz) {
      const match = /^Bearer\s+(\S{20,200})$/.exec(authz);
      if (!match) return done(new AppError('unauthenticated', 'Malformed Authorization header.'));
      services.principals.fromApiToken(match[1]).then((principal) => {
        req.principal = principal;
        done(principal ? undefined : new AppError('unauthenticated', 'The API token is not valid.'));
      }, done);
      return;
    }
    const token = sessionTokenOf(req);
    if (!token || token.length > 200) return done();
    const known = services.principals.cachedSession(token);
    if (known) {
      req.principal = known;
      return done();
    }
    services.principals.fromSessionToken(token).then((principal) => {
      req.principal = principal;
      done();
    }, done);
  });

  const registry = new RouteRegistry(app, services);
  await app.register(
    async (api) => {
      const scoped = new RouteRegistry(api, services);
      registerAuthRoutes(scoped);
      registerAccountRoutes(scoped);
      registerHomeRoutes(scoped);
      registerUserRoutes(scoped);
      registerOrganizationRoutes(scoped);
      registerCodeRoutes(scoped);
      registerAuditRoutes(scoped);
      registerInitiativeRoutes(scoped);
      registerGovernanceRoutes(scoped);
      registerStrategyRoutes(scoped);
      registerTaRoutes(scoped);
      registerParticipantRoutes(scoped);
      registerConsentRoutes(scoped);
      registerEligibilityRoutes(scoped);
      registerEnrollmentRoutes(scoped);
      registerServiceRecordRoutes(scoped);
      registerEmployerRoutes(scoped);
      registerTrainingRoutes(scoped);
      registerCaseworkRoutes(scoped);
      registerOutcomeRoutes(scoped);
      registerHsdsRoutes(scoped);
      registerDirectoryRoutes(scoped);
      registerReferralRoutes(scoped);
      registerSelfReferralRoutes(scoped);
      registerSurveyRoutes(scoped);
      registerReferralReportRoutes(scoped);
      registerHolidayRoutes(scoped);
      registry.routes.push(...scoped.routes.map((r) => ({ ...r, url: `/api${r.url}` })));
    },
    { prefix: '/api' },
  );

  // The HSDS 3.0 API, per tenant, outside /api (other systems read it with HSDS clients).
  registerHsdsApiRoutes(registry);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  registry.routes.push({ method: 'GET', url: '/healthz', access: 'public' });

  const hasWeb = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: false, maxAge: '1h' });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET' || !hasWeb) {
      const problem = toProblem(new AppError('not_found', `No route ${req.method} ${req.url.split('?')[0]}.`));
      return reply.code(404).type('application/problem+json').send(problem);
    }
    // The single-page app owns every other path.
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });

  return { app, registry };
}

function securityHeaders(https: boolean): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // Mantine sets style attributes at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
    ...(https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

const PROBLEM_BASE = 'https://braid.dev/problems/';

function problemOf(code: ErrorCode, title: string, errors?: FieldError[], detail?: string): Problem {
  return {
    type: `${PROBLEM_BASE}${code}`,
    title,
    status: ERROR_STATUS[code],
    code,
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
  };
}

export function toProblem(error: unknown): Problem {
  if (error instanceof AppError) return { ...problemOf(error.code, error.message, error.errors), ...error.extensions };
  const err = error as FastifyError & { validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const errors: FieldError[] = [];
    for (const v of err.validation) {
      // The zod provider hands each issue over AJV-style: code in keyword, path in instancePath.
      const base = [where, ...v.instancePath.split('/').filter(Boolean)].join('.');
      const keys = (v.params as { keys?: string[] }).keys;
      if (v.keyword === 'unrecognized_keys' && keys) {
        for (const key of keys) errors.push({ field: `${base}.${key}`, code: 'unknown_field', message: `Unknown field "${key}".` });
      } else {
        errors.push({ field: base, code: v.keyword, message: v.message ?? 'Invalid value.' });
      }
    }
    return problemOf('validation_failed', 'Some fields need attention.', errors);
  }
  if (isResponseSerializationError(err)) return problemOf('internal', 'The server produced an invalid response.');
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return problemOf('payload_too_large', 'The request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problemOf('unsupported_media_type', 'Send JSON (Content-Type: application/json).');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problemOf('malformed_request', 'The request body is not valid JSON.');
  }
  if (err instanceof SyntaxError || err.statusCode === 400) return problemOf('malformed_request', 'The request could not be read.');
  if (err.statusCode === 413) return problemOf('payload_too_large', 'The request body is too large.');
  if (err.statusCode === 415) return problemOf('unsupported_media_type', 'Send JSON (Content-Type: application/json).');
  if (err.statusCode === 429) return problemOf('rate_limited', 'Too many requests; try again later.');
  if (err.statusCode === 404) return problemOf('not_found', 'Not found.');
  return problemOf('internal', 'Something went wrong on our side. It has been logged.');
}
