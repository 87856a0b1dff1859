import { z } from 'zod';
import {
  assessment,
  assessmentBody,
  caseNote,
  caseNoteBody,
  credential,
  credentialBody,
  employmentBody,
  employmentRecord,
  participantChildParams,
  participantIdParams,
  plan,
  planBody,
  planGoalPatch,
  planStepBody,
  planStepPatch,
  skillGain,
  skillGainBody,
} from '../../../shared/schemas/casework.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { caseworkPolicy as policy } from './casework.policy.ts';
import * as casework from './casework.service.ts';

const tags = ['case work'];

export function registerCaseworkRoutes(r: RouteRegistry): void {
  const pair = <R extends z.ZodType, B extends z.ZodType>(
    path: string,
    what: string,
    item: R,
    body: B,
    read: (ctx: Parameters<typeof casework.assessments>[0], id: string) => Promise<z.input<R>[]>,
    write: (ctx: Parameters<typeof casework.assessments>[0], id: string, b: z.output<B>) => Promise<z.input<R>>,
  ) => {
    r.add(
      {
        method: 'GET',
        url: `/participants/:participantId/${path}`,
        access: policy.read,
        summary: `${what} of a participant`,
        tags,
        params: participantIdParams,
        response: z.array(item),
      },
      async ({ params }, ctx) => read(ctx, params.participantId),
    );
    r.add(
      {
        method: 'POST',
        url: `/participants/:participantId/${path}`,
        access: policy.manage,
        summary: `Record ${what.toLowerCase()}`,
        tags,
        params: participantIdParams,
        body,
        response: item,
        status: 201,
      },
      async ({ params, body: b }, ctx) => write(ctx, params.participantId, b as z.output<B>),
    );
  };
  pair(
    'assessments',
    'Assessments (TABE, CASAS, career interests…)',
    assessment,
    assessmentBody,
    casework.assessments,
    casework.addAssessment,
  );
  pair('plans', 'Individual plans with goals (SOC 2018) and steps', plan, planBody, casework.plans, casework.addPlan);
  pair('credentials', 'Credentials (PIRL 1800/1801)', credential, credentialBody, casework.credentials, casework.addCredential);
  pair('skill-gains', 'Measurable skill gains (PIRL 1806–1810)', skillGain, skillGainBody, casework.skillGains, casework.addSkillGain);
  pair('employment', 'Employment records', employmentRecord, employmentBody, casework.employment, casework.addEmployment);
  pair('notes', 'Case notes (author organization only, unless consented)', caseNote, caseNoteBody, casework.notes, (ctx, id, b) =>
    casework.addNote(ctx, id, b.body),
  );

  r.add(
    {
      method: 'PATCH',
      url: '/participants/:participantId/plan-steps/:id',
      access: policy.manage,
      summary: 'Mark a plan step done or dropped, or move its due date',
      tags,
      params: participantChildParams,
      body: planStepPatch,
      response: z.array(plan),
    },
    async ({ params, body }, ctx) => casework.changeStep(ctx, params.participantId, params.id, body),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/participants/:participantId/plan-goals/:id',
      access: policy.manage,
      summary: 'Mark a goal achieved or dropped',
      tags,
      params: participantChildParams,
      body: planGoalPatch,
      response: z.array(plan),
    },
    async ({ params, body }, ctx) => casework.changeGoal(ctx, params.participantId, params.id, body.status),
  );
  r.add(
    {
      method: 'POST',
      url: '/participants/:participantId/plan-goals/:id/steps',
      access: policy.manage,
      summary: 'Add a step to a goal',
      tags,
      params: participantChildParams,
      body: planStepBody,
      response: z.array(plan),
      status: 201,
    },
    async ({ params, body }, ctx) => casework.addPlanStep(ctx, params.participantId, params.id, body),
  );
}
