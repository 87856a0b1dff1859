import { z } from 'zod';
import { participantIdParams } from '../../../shared/schemas/casework.ts';
import { idParams } from '../../../shared/schemas/common.ts';
import {
  determination,
  determineBody,
  evaluateBody,
  evaluation,
  fundingStream,
  fundingStreamBody,
  ruleDefinition,
  ruleVersionBody,
} from '../../../shared/schemas/eligibility.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { eligibilityPolicy as policy } from './eligibility.policy.ts';
import * as eligibility from './eligibility.service.ts';

const tags = ['eligibility'];

export function registerEligibilityRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/funding-streams',
      access: policy.read,
      summary: 'Funding streams and their current eligibility rules',
      tags,
      response: z.array(fundingStream),
    },
    async (_i, ctx) => eligibility.list(ctx),
  );
  r.add(
    {
      method: 'POST',
      url: '/funding-streams',
      access: policy.manage,
      summary: 'Add a funding stream with a built-in or custom eligibility rule (version 1)',
      tags,
      body: fundingStreamBody,
      response: fundingStream,
      status: 201,
    },
    async ({ body }, ctx) => eligibility.create(ctx, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/funding-streams/:id',
      access: policy.read,
      summary: 'One funding stream',
      tags,
      params: idParams,
      response: fundingStream,
    },
    async ({ params }, ctx) => eligibility.get(ctx, params.id),
  );
  r.add(
    {
      method: 'GET',
      url: '/funding-streams/:id/rules',
      access: policy.read,
      summary: 'Every version of the stream’s eligibility rule, newest first',
      tags,
      params: idParams,
      response: z.array(z.object({ version: z.number().int(), rule: ruleDefinition, createdAt: z.string() })),
    },
    async ({ params }, ctx) => eligibility.versions(ctx, params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/funding-streams/:id/rules',
      access: policy.manage,
      summary: 'Publish a new version of the eligibility rule',
      tags,
      params: idParams,
      body: ruleVersionBody,
      response: fundingStream,
      status: 201,
    },
    async ({ params, body }, ctx) => eligibility.newVersion(ctx, params.id, body.rule),
  );
  r.add(
    {
      method: 'POST',
      url: '/participants/:participantId/eligibility/evaluate',
      access: policy.evaluate,
      summary: 'Evaluate eligibility at a date (nothing is recorded): result, reasons, evidence to collect',
      tags,
      params: participantIdParams,
      body: evaluateBody,
      response: z.array(evaluation),
    },
    async ({ params, body }, ctx) => eligibility.evaluate(ctx, params.participantId, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/participants/:participantId/eligibility/determinations',
      access: policy.evaluate,
      summary: 'Record an eligibility determination (who, when, rule version, result, reasons)',
      tags,
      params: participantIdParams,
      body: determineBody,
      response: determination,
      status: 201,
    },
    async ({ params, body }, ctx) => eligibility.determine(ctx, params.participantId, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/participants/:participantId/eligibility/determinations',
      access: policy.readDeterminations,
      summary: 'A participant’s recorded determinations, newest first',
      tags,
      params: participantIdParams,
      response: z.array(determination),
    },
    async ({ params }, ctx) => eligibility.determinations(ctx, params.participantId),
  );
}
