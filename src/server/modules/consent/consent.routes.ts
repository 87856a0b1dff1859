import { z } from 'zod';
import { participantChildParams, participantIdParams } from '../../../shared/schemas/casework.ts';
import { consent, consentBody, disclosure, revokeBody } from '../../../shared/schemas/consent.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { consentPolicy as policy } from './consent.policy.ts';
import * as consents from './consent.service.ts';

const tags = ['consent'];

export function registerConsentRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/participants/:participantId/consents',
      access: policy.read,
      summary: "A participant's consents to share",
      tags,
      params: participantIdParams,
      response: z.array(consent),
    },
    async ({ params }, ctx) => consents.list(ctx, params.participantId),
  );
  r.add(
    {
      method: 'POST',
      url: '/participants/:participantId/consents',
      access: policy.manage,
      summary: 'Record a consent (signed in the app with a typed name, or a scanned paper form)',
      tags,
      params: participantIdParams,
      body: consentBody,
      response: consent,
      status: 201,
    },
    async ({ params, body }, ctx) => consents.create(ctx, params.participantId, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/participants/:participantId/consents/:id/revoke',
      access: policy.manage,
      summary: 'Revoke a consent; sharing stops with the next request',
      tags,
      params: participantChildParams,
      body: revokeBody,
      response: consent,
    },
    async ({ params, body }, ctx) => consents.revoke(ctx, params.participantId, params.id, body.reason),
  );
  r.add(
    {
      method: 'GET',
      url: '/participants/:participantId/consents/:id/document',
      access: policy.manage,
      summary: 'The scanned paper consent form',
      tags,
      params: participantChildParams,
      response: z.object({ filename: z.string(), contentType: z.string(), base64: z.string() }),
    },
    async ({ params }, ctx) => consents.document(ctx, params.participantId, params.id),
  );
  r.add(
    {
      method: 'GET',
      url: '/participants/:participantId/disclosures',
      access: policy.manage,
      summary: 'The disclosure log: every release of this participant’s data to another organization',
      tags,
      params: participantIdParams,
      response: z.array(disclosure),
    },
    async ({ params }, ctx) => consents.disclosures(ctx, params.participantId),
  );
}
