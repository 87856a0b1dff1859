import { z } from 'zod';
import {
  cohort,
  cohortBody,
  enrollment,
  enrollmentBody,
  enrollmentPatch,
  participantChildParams,
  participantIdParams,
  trainingProgram,
  trainingProgramBody,
  trainingProgramPatch,
} from '../../../shared/schemas/casework.ts';
import { idParams, initiativeFilter, uuid } from '../../../shared/schemas/common.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { trainingPolicy as policy } from './training.policy.ts';
import * as training from './training.service.ts';

const tags = ['training'];
const programQuery = z.strictObject({
  providerId: uuid.optional(),
  q: z.string().trim().max(200).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Programs whose provider partners in the initiative. */
  ...initiativeFilter,
});

export function registerTrainingRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/training-programs',
      access: policy.read,
      summary: 'Training programs',
      tags,
      query: programQuery,
      response: z.array(trainingProgram),
    },
    async ({ query }, ctx) => training.listProgramsFor(ctx, query),
  );
  r.add(
    {
      method: 'POST',
      url: '/training-programs',
      access: policy.manage,
      summary: 'Add a training program',
      tags,
      body: trainingProgramBody,
      response: trainingProgram,
      status: 201,
    },
    async ({ body }, ctx) => training.createProgram(ctx, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/training-programs/:id',
      access: policy.read,
      summary: 'One training program',
      tags,
      params: idParams,
      response: trainingProgram,
    },
    async ({ params }, ctx) => training.getProgram(ctx, params.id),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/training-programs/:id',
      access: policy.manage,
      summary: 'Change a training program',
      tags,
      params: idParams,
      body: trainingProgramPatch,
      response: trainingProgram,
    },
    async ({ params, body }, ctx) => training.updateProgramFor(ctx, params.id, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/training-programs/:id/cohorts',
      access: policy.read,
      summary: 'Cohorts of a program',
      tags,
      params: idParams,
      response: z.array(cohort),
    },
    async ({ params }, ctx) => training.cohorts(ctx, params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/training-programs/:id/cohorts',
      access: policy.manage,
      summary: 'Add a cohort (with capacity)',
      tags,
      params: idParams,
      body: cohortBody,
      response: cohort,
      status: 201,
    },
    async ({ params, body }, ctx) => training.createCohort(ctx, params.id, body),
  );
  r.add(
    { method: 'GET', url: '/cohorts/:id', access: policy.read, summary: 'One cohort', tags, params: idParams, response: cohort },
    async ({ params }, ctx) => training.getCohort(ctx, params.id),
  );
  r.add(
    {
      method: 'GET',
      url: '/cohorts/:id/enrollments',
      access: policy.readEnrollments,
      summary: 'Roster: the cohort’s participants that the caller may see',
      tags,
      params: idParams,
      response: z.array(
        z.object({
          enrollmentId: uuid,
          participantId: uuid,
          firstName: z.string(),
          lastName: z.string(),
          status: z.enum(['enrolled', 'completed', 'withdrawn']),
          enrolledOn: z.string(),
          completedOn: z.string().nullable(),
        }),
      ),
    },
    async ({ params }, ctx) => training.roster(ctx, params.id),
  );
  r.add(
    {
      method: 'GET',
      url: '/participants/:participantId/enrollments',
      access: policy.readEnrollments,
      summary: 'Training enrollments (PIRL 1811/1813)',
      tags,
      params: participantIdParams,
      response: z.array(enrollment),
    },
    async ({ params }, ctx) => training.enrollmentsFor(ctx, params.participantId),
  );
  r.add(
    {
      method: 'POST',
      url: '/participants/:participantId/enrollments',
      access: policy.manageEnrollments,
      summary: 'Enroll in a cohort (capacity enforced) or a program',
      tags,
      params: participantIdParams,
      body: enrollmentBody,
      response: enrollment,
      status: 201,
    },
    async ({ params, body }, ctx) => training.enroll(ctx, params.participantId, body),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/participants/:participantId/enrollments/:id',
      access: policy.manageEnrollments,
      summary: 'Complete (PIRL 1813) or withdraw',
      tags,
      params: participantChildParams,
      body: enrollmentPatch,
      response: enrollment,
    },
    async ({ params, body }, ctx) => training.setEnrollmentStatus(ctx, params.participantId, params.id, body),
  );
}
