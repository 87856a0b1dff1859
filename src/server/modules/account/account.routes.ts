import { z } from 'zod';
import {
  apiTokenInfo,
  changePasswordBody,
  createApiTokenBody,
  createdApiToken,
  profile,
  sessionInfo,
  updateProfileBody,
} from '../../../shared/schemas/account.ts';
import { idParams, ok } from '../../../shared/schemas/common.ts';
import { clearSessionCookie } from '../../platform/auth/cookies.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { accountPolicy } from './account.policy.ts';
import * as account from './account.service.ts';

const tags = ['account'];
const access = accountPolicy.manageOwn;

export function registerAccountRoutes(r: RouteRegistry): void {
  r.add(
    { method: 'GET', url: '/account/profile', access, summary: 'Your profile (name, email, language, phone)', tags, response: profile },
    async (_i, ctx) => account.profile(ctx),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/account/profile',
      access,
      summary: 'Change your name, language or phone',
      tags,
      body: updateProfileBody,
      response: ok,
    },
    async ({ body }, ctx) => {
      await account.changeProfile(ctx, body);
      return { ok: true as const };
    },
  );
  r.add(
    {
      method: 'POST',
      url: '/account/password',
      access,
      summary: 'Change your password (signs out your other sessions)',
      tags,
      body: changePasswordBody,
      response: ok,
    },
    async ({ body }, ctx) => {
      await account.changePassword(ctx, body);
      return { ok: true as const };
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/account/sessions',
      access,
      summary: 'Your active sessions',
      tags,
      response: z.object({ items: z.array(sessionInfo) }),
    },
    async (_i, ctx) => ({ items: await account.sessions(ctx) }),
  );
  r.add(
    { method: 'DELETE', url: '/account/sessions/:id', access, summary: 'End one of your sessions', tags, params: idParams, response: ok },
    async ({ params }, ctx) => {
      await account.endSession(ctx, params.id);
      return { ok: true as const };
    },
  );
  r.add(
    {
      method: 'POST',
      url: '/account/sessions/revoke-all',
      access,
      summary: 'Sign out everywhere, this session included',
      tags,
      response: z.object({ ended: z.number().int() }),
    },
    async (_i, ctx, reply) => {
      const ended = await account.signOutEverywhere(ctx);
      clearSessionCookie(reply, ctx.services.config);
      return { ended };
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/account/tokens',
      access,
      summary: 'Your personal API tokens',
      tags,
      response: z.object({ items: z.array(apiTokenInfo) }),
    },
    async (_i, ctx) => ({ items: await account.tokens(ctx) }),
  );
  r.add(
    {
      method: 'POST',
      url: '/account/tokens',
      access,
      summary: 'Create a personal API token (shown once)',
      tags,
      body: createApiTokenBody,
      response: createdApiToken,
      status: 201,
    },
    async ({ body }, ctx) => account.createToken(ctx, body),
  );
  r.add(
    { method: 'DELETE', url: '/account/tokens/:id', access, summary: 'Revoke a personal API token', tags, params: idParams, response: ok },
    async ({ params }, ctx) => {
      await account.deleteToken(ctx, params.id);
      return { ok: true as const };
    },
  );
}
