import { idParams, pageOf } from '../../../shared/schemas/common.ts';
import {
  publicService,
  publicServiceParams,
  selfReferral,
  selfReferralAcceptBody,
  selfReferralBody,
  selfReferralDismissBody,
  selfReferralListQuery,
  selfReferralReceipt,
  selfReferralSummary,
} from '../../../shared/schemas/self-referral.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { selfReferralPolicy as policy } from './self-referral.policy.ts';
import * as selfReferrals from './self-referral.service.ts';

const tags = ['self-referral'];

export function registerSelfReferralRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/public/self-referral/:tenantSlug/:serviceId',
      access: policy.form,
      summary: 'The public self-referral page of a service (404 unless the service takes self-referrals)',
      tags,
      params: publicServiceParams,
      response: publicService,
    },
    async ({ params }, ctx) => selfReferrals.publicPage(ctx, params.tenantSlug, params.serviceId),
  );
  r.add(
    {
      method: 'POST',
      url: '/public/self-referral/:tenantSlug/:serviceId',
      access: policy.form,
      summary: 'Ask for a service (signed form token, honeypot, rate limited per address and per service)',
      tags,
      params: publicServiceParams,
      body: selfReferralBody,
      response: selfReferralReceipt,
      status: 201,
    },
    async ({ params, body }, ctx) => selfReferrals.submit(ctx, params.tenantSlug, params.serviceId, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/self-referrals',
      access: policy.review,
      summary: 'Self-referral requests to review (pending by default), with search',
      tags,
      query: selfReferralListQuery,
      response: pageOf(selfReferralSummary),
    },
    async ({ query }, ctx) => selfReferrals.list(ctx, query),
  );
  r.add(
    {
      method: 'GET',
      url: '/self-referrals/:id',
      access: policy.review,
      summary: 'One self-referral request with contact details and possible existing participants (audited)',
      tags,
      params: idParams,
      response: selfReferral,
    },
    async ({ params }, ctx) => selfReferrals.get(ctx, params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/self-referrals/:id/accept',
      access: policy.review,
      summary: 'Accept: into an existing or new participant, with the form consent, and refer to the service',
      tags,
      params: idParams,
      body: selfReferralAcceptBody,
      response: selfReferral,
    },
    async ({ params, body }, ctx) => selfReferrals.accept(ctx, params.id, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/self-referrals/:id/dismiss',
      access: policy.review,
      summary: 'Dismiss with a reason (spam, duplicate, not eligible, unreachable, other)',
      tags,
      params: idParams,
      body: selfReferralDismissBody,
      response: selfReferral,
    },
    async ({ params, body }, ctx) => selfReferrals.dismiss(ctx, params.id, body),
  );
}
