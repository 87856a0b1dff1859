import {
  acceptInvitationBody,
  invitationInfo,
  invitationTokenQuery,
  me,
  passwordResetRequestBody,
  signInBody,
  tokenPasswordBody,
} from '../../../shared/schemas/auth.ts';
import { ok } from '../../../shared/schemas/common.ts';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from '../../platform/auth/cookies.ts';
import { AppError } from '../../platform/errors.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { authPolicy } from './auth.policy.ts';
import {
  acceptInvitation,
  completePasswordReset,
  lookupInvitation,
  presentMe,
  requestPasswordReset,
  signIn,
  signOut,
} from './auth.service.ts';

const tags = ['auth'];

export function registerAuthRoutes(r: RouteRegistry): void {
  const { services } = r;

  r.add(
    {
      method: 'POST',
      url: '/auth/sign-in',
      access: authPolicy.signIn,
      summary: 'Sign in with email and password',
      tags,
      body: signInBody,
      response: me,
    },
    async ({ body }, ctx, reply) => {
      const session = await signIn(services, body, {
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        previousToken: sessionTokenOf(reply.request),
      });
      setSessionCookie(reply, services.config, session.token, session.expiresAt);
      const principal = await services.principals.fromSessionToken(session.token);
      if (!principal) throw new AppError('internal', 'Session could not be opened.');
      return presentMe(principal);
    },
  );

  r.add(
    { method: 'POST', url: '/auth/sign-out', access: authPolicy.signOut, summary: 'End this session', tags, response: ok },
    async (_input, ctx, reply) => {
      const token = sessionTokenOf(reply.request);
      if (token) await signOut(services, token, ctx.ip);
      clearSessionCookie(reply, services.config);
      return { ok: true as const };
    },
  );

  r.add(
    {
      method: 'GET',
      url: '/me',
      access: authPolicy.me,
      summary: 'The signed-in user, their tenant, roles and permissions',
      tags,
      response: me,
    },
    async (_input, ctx) => presentMe(ctx.principal),
  );

  r.add(
    {
      method: 'POST',
      url: '/auth/password-reset/request',
      access: authPolicy.requestPasswordReset,
      summary: 'Email a password-reset link (answers the same whether or not the account exists)',
      tags,
      body: passwordResetRequestBody,
      response: ok,
    },
    async ({ body }, ctx) => {
      await requestPasswordReset(services, body.email, ctx.ip);
      return { ok: true as const };
    },
  );

  r.add(
    {
      method: 'POST',
      url: '/auth/password-reset/complete',
      access: authPolicy.completePasswordReset,
      summary: 'Set a new password with a reset link; ends every session',
      tags,
      body: tokenPasswordBody,
      response: ok,
    },
    async ({ body }, ctx) => {
      await completePasswordReset(services, body, ctx.ip);
      return { ok: true as const };
    },
  );

  r.add(
    {
      method: 'POST',
      url: '/auth/invitation/lookup',
      access: authPolicy.lookupInvitation,
      summary: 'Who an invitation link is for',
      tags,
      body: invitationTokenQuery,
      response: invitationInfo,
    },
    async ({ body }) => lookupInvitation(services, body.token),
  );

  r.add(
    {
      method: 'POST',
      url: '/auth/invitation/accept',
      access: authPolicy.acceptInvitation,
      summary: 'Accept an invitation: set name and password, and sign in',
      tags,
      body: acceptInvitationBody,
      response: me,
    },
    async ({ body }, ctx, reply) => {
      const session = await acceptInvitation(services, body, { ip: ctx.ip, userAgent: ctx.userAgent });
      setSessionCookie(reply, services.config, session.token, session.expiresAt);
      const principal = await services.principals.fromSessionToken(session.token);
      if (!principal) throw new AppError('internal', 'Session could not be opened.');
      return presentMe(principal);
    },
  );
}
