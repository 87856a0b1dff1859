import { idParams, ok } from '../../../shared/schemas/common.ts';
import {
  referral,
  referralBody,
  referralDeleteBody,
  referralListQuery,
  referralPage,
  referralStep,
} from '../../../shared/schemas/referrals.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { referralsPolicy as policy } from './referrals.policy.ts';
import * as referrals from './referrals.service.ts';

const tags = ['referrals'];

export function registerReferralRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'POST',
      url: '/referrals',
      access: policy.send,
      summary: 'Refer a participant to a service (consent must cover the receiver and data)',
      tags,
      body: referralBody,
      response: referral,
      status: 201,
    },
    async ({ body }, ctx) => referrals.send(ctx, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/referrals',
      access: policy.read,
      summary: "Referrals received (inbox) or sent (outbox) by the caller's organizations",
      tags,
      query: referralListQuery,
      response: referralPage,
    },
    async ({ query }, ctx) => referrals.list(ctx, query),
  );
  r.add(
    {
      method: 'GET',
      url: '/referrals/:id',
      access: policy.read,
      summary: 'One referral with its timeline',
      tags,
      params: idParams,
      response: referral,
    },
    async ({ params }, ctx) => referrals.get(ctx, params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/referrals/:id/status',
      access: policy.read,
      summary: 'Accept, decline, start, complete, not complete or reopen a referral',
      tags,
      params: idParams,
      body: referralStep,
      response: referral,
    },
    async ({ params, body }, ctx) => referrals.step(ctx, params.id, body),
  );
  r.add(
    {
      method: 'DELETE',
      url: '/referrals/:id',
      access: policy.delete,
      summary: 'Delete a mistaken referral (reason audited)',
      tags,
      params: idParams,
      body: referralDeleteBody,
      response: ok,
    },
    async ({ params, body }, ctx) => referrals.remove(ctx, params.id, body.reason),
  );
}
