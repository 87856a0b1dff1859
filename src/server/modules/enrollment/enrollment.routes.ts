import { z } from 'zod';
import {
  exitBody,
  followUp,
  followUpAttemptBody,
  followUpResultBody,
  participantChildParams,
  participantIdParams,
  participation,
  participationBody,
} from '../../../shared/schemas/casework.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { enrollmentPolicy as policy } from './enrollment.policy.ts';
import * as enrollment from './enrollment.service.ts';

const tags = ['participation'];

export function registerEnrollmentRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/participants/:participantId/participations',
      access: policy.read,
      summary: 'Periods of participation (PIRL 900/901/923), with the proposed exit when one is due',
      tags,
      params: participantIdParams,
      response: z.array(participation),
    },
    async ({ params }, ctx) => enrollment.list(ctx, params.participantId),
  );
  r.add(
    {
      method: 'POST',
      url: '/participants/:participantId/participations',
      access: policy.manage,
      summary: 'Enroll: open a period of participation in one or more programs (funding streams)',
      tags,
      params: participantIdParams,
      body: participationBody,
      response: participation,
      status: 201,
    },
    async ({ params, body }, ctx) => enrollment.enter(ctx, params.participantId, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/participants/:participantId/participations/:id/exit',
      access: policy.manage,
      summary: 'Confirm an exit (by default at the proposed date); schedules follow-ups in quarters 2 and 4 after exit',
      tags,
      params: participantChildParams,
      body: exitBody,
      response: participation,
    },
    async ({ params, body }, ctx) => enrollment.exit(ctx, params.participantId, params.id, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/participants/:participantId/follow-ups',
      access: policy.read,
      summary: 'Follow-ups after exit, with attempts and results',
      tags,
      params: participantIdParams,
      response: z.array(followUp),
    },
    async ({ params }, ctx) => enrollment.followUps(ctx, params.participantId),
  );
  r.add(
    {
      method: 'POST',
      url: '/participants/:participantId/follow-ups/:id/attempts',
      access: policy.manage,
      summary: 'Record a follow-up attempt (reached or not)',
      tags,
      params: participantChildParams,
      body: followUpAttemptBody,
      response: z.array(followUp),
      status: 201,
    },
    async ({ params, body }, ctx) => enrollment.recordAttempt(ctx, params.participantId, params.id, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/participants/:participantId/follow-ups/:id/result',
      access: policy.manage,
      summary: 'Close a follow-up with its result',
      tags,
      params: participantChildParams,
      body: followUpResultBody,
      response: z.array(followUp),
    },
    async ({ params, body }, ctx) => enrollment.recordResult(ctx, params.participantId, params.id, body),
  );
}
