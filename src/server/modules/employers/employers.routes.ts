import { z } from 'zod';
import { idParams } from '../../../shared/schemas/common.ts';
import {
  candidateReferral,
  commitment,
  commitmentBody,
  contact,
  contactBody,
  contactPatch,
  employerChildParams,
  employerDashboard,
  employerDashboardQuery,
  employerDetail,
  employerPage,
  employerProfileBody,
  employerQuery,
  employerService,
  employerServiceBody,
  fulfilmentBody,
  interaction,
  interactionBody,
  interactionPatch,
  jobOrder,
  jobOrderBody,
  jobOrderPage,
  jobOrderPatch,
  jobOrderQuery,
  jobPreference,
  jobPreferenceBody,
  livingWage,
  livingWageBody,
  locationBody,
  locationPatch,
  matchQuery,
  matchResult,
  qualityAggregates,
  referralBody,
  referralPatch,
} from '../../../shared/schemas/employers.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import * as dashboards from './employer-dashboard.service.ts';
import { employersPolicy as policy } from './employers.policy.ts';
import * as employers from './employers.service.ts';
import * as jobs from './job-orders.service.ts';
import { match } from './matching.service.ts';
import * as referrals from './referrals.service.ts';

const tags = ['employers'];
const participantParams = z.strictObject({ participantId: z.uuid() });

export function registerEmployerRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/employers',
      access: policy.read,
      summary: 'Employers (organizations of kind employer)',
      tags,
      query: employerQuery,
      response: employerPage,
    },
    async ({ query }, ctx) => employers.list(ctx, query),
  );
  r.add(
    {
      method: 'GET',
      url: '/employers/dashboard',
      access: policy.read,
      summary: 'Openings, referrals, hires and fills by employer and occupation; fill trend; employers served; placement quality',
      tags,
      query: employerDashboardQuery,
      response: employerDashboard,
    },
    async ({ query }, ctx) => dashboards.dashboard(ctx, query),
  );
  r.add(
    {
      method: 'GET',
      url: '/employers/job-quality',
      access: policy.read,
      summary: 'Job-quality score of the job orders the dashboard counts (same window and initiative), by employer and occupation',
      tags,
      query: employerDashboardQuery,
      response: qualityAggregates,
    },
    async ({ query }, ctx) => dashboards.qualityAggregates(ctx, query),
  );
  r.add(
    {
      method: 'GET',
      url: '/employers/:id',
      access: policy.read,
      summary: 'One employer with its profile and locations',
      tags,
      params: idParams,
      response: employerDetail,
    },
    async ({ params }, ctx) => employers.detail(ctx, params.id),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/employers/:id',
      access: policy.manage,
      summary: 'Change an employer profile (NAICS, FEIN, UI account, size, role, owner)',
      tags,
      params: idParams,
      body: employerProfileBody,
      response: employerDetail,
    },
    async ({ params, body }, ctx) => employers.updateProfile(ctx, params.id, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/employers/:id/locations',
      access: policy.manage,
      summary: 'Add a location',
      tags,
      params: idParams,
      body: locationBody,
      response: employerDetail,
      status: 201,
    },
    async ({ params, body }, ctx) => employers.addLocation(ctx, params.id, body),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/employers/:id/locations/:childId',
      access: policy.manage,
      summary: 'Change a location',
      tags,
      params: employerChildParams,
      body: locationPatch,
      response: employerDetail,
    },
    async ({ params, body }, ctx) => employers.changeLocation(ctx, params.id, params.childId, body),
  );
  r.add(
    {
      method: 'DELETE',
      url: '/employers/:id/locations/:childId',
      access: policy.manage,
      summary: 'Remove a location no job order names',
      tags,
      params: employerChildParams,
      response: employerDetail,
    },
    async ({ params }, ctx) => employers.removeLocation(ctx, params.id, params.childId),
  );
  r.add(
    {
      method: 'GET',
      url: '/employers/:id/contacts',
      access: policy.read,
      summary: 'Contacts',
      tags,
      params: idParams,
      response: z.array(contact),
    },
    async ({ params }, ctx) => employers.contacts(ctx, params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/employers/:id/contacts',
      access: policy.manage,
      summary: 'Add a contact',
      tags,
      params: idParams,
      body: contactBody,
      response: contact,
      status: 201,
    },
    async ({ params, body }, ctx) => employers.addContact(ctx, params.id, body),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/employers/:id/contacts/:childId',
      access: policy.manage,
      summary: 'Change a contact',
      tags,
      params: employerChildParams,
      body: contactPatch,
      response: contact,
    },
    async ({ params, body }, ctx) => employers.changeContact(ctx, params.id, params.childId, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/employers/:id/interactions',
      access: policy.read,
      summary: 'Interactions log',
      tags,
      params: idParams,
      response: z.array(interaction),
    },
    async ({ params }, ctx) => employers.interactions(ctx, params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/employers/:id/interactions',
      access: policy.manage,
      summary: 'Log an interaction, with an optional follow-up for its owner',
      tags,
      params: idParams,
      body: interactionBody,
      response: interaction,
      status: 201,
    },
    async ({ params, body }, ctx) => employers.logInteraction(ctx, params.id, body),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/employers/:id/interactions/:childId',
      access: policy.manage,
      summary: 'Mark a follow-up done (or not)',
      tags,
      params: employerChildParams,
      body: interactionPatch,
      response: interaction,
    },
    async ({ params, body }, ctx) => employers.markFollowUp(ctx, params.id, params.childId, body.followUpDone),
  );
  r.add(
    {
      method: 'GET',
      url: '/employers/:id/services',
      access: policy.read,
      summary: 'Employer services',
      tags,
      params: idParams,
      response: z.array(employerService),
    },
    async ({ params }, ctx) => employers.services(ctx, params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/employers/:id/services',
      access: policy.manage,
      summary: 'Record an employer service',
      tags,
      params: idParams,
      body: employerServiceBody,
      response: employerService,
      status: 201,
    },
    async ({ params, body }, ctx) => employers.addService(ctx, params.id, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/employers/:id/commitments',
      access: policy.read,
      summary: 'Commitments and their fulfilment',
      tags,
      params: idParams,
      response: z.array(commitment),
    },
    async ({ params }, ctx) => employers.commitments(ctx, params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/employers/:id/commitments',
      access: policy.manage,
      summary: 'Record a commitment',
      tags,
      params: idParams,
      body: commitmentBody,
      response: commitment,
      status: 201,
    },
    async ({ params, body }, ctx) => employers.addCommitment(ctx, params.id, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/employers/:id/commitments/:childId/fulfilments',
      access: policy.manage,
      summary: 'Record (part) fulfilment of a commitment',
      tags,
      params: employerChildParams,
      body: fulfilmentBody,
      response: commitment,
      status: 201,
    },
    async ({ params, body }, ctx) => employers.fulfil(ctx, params.id, params.childId, body),
  );

  r.add(
    {
      method: 'GET',
      url: '/living-wages',
      access: policy.read,
      summary: 'Living wage by county and household type',
      tags,
      response: z.array(livingWage),
    },
    async (_i, ctx) => employers.livingWageTable(ctx),
  );
  r.add(
    {
      method: 'PUT',
      url: '/living-wages',
      access: policy.livingWages,
      summary: 'Set one living wage',
      tags,
      body: livingWageBody,
      response: z.array(livingWage),
    },
    async ({ body }, ctx) => employers.setLivingWage(ctx, body),
  );

  r.add(
    {
      method: 'GET',
      url: '/job-orders',
      access: policy.readJobs,
      summary: 'Job orders (employer users: their own)',
      tags,
      query: jobOrderQuery,
      response: jobOrderPage,
    },
    async ({ query }, ctx) => jobs.list(ctx, query),
  );
  r.add(
    {
      method: 'POST',
      url: '/job-orders',
      access: policy.manageJobs,
      summary: 'Post a job order',
      tags,
      body: jobOrderBody,
      response: jobOrder,
      status: 201,
    },
    async ({ body }, ctx) => jobs.create(ctx, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/job-orders/:id',
      access: policy.readJobs,
      summary: 'One job order with its quality score',
      tags,
      params: idParams,
      response: jobOrder,
    },
    async ({ params }, ctx) => jobs.get(ctx, params.id),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/job-orders/:id',
      access: policy.manageJobs,
      summary: 'Change a job order',
      tags,
      params: idParams,
      body: jobOrderPatch,
      response: jobOrder,
    },
    async ({ params, body }, ctx) => jobs.update(ctx, params.id, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/job-orders/:id/candidates',
      access: policy.match,
      summary: 'Consented participants ranked by fit, with reasons',
      tags,
      params: idParams,
      query: matchQuery,
      response: matchResult,
    },
    async ({ params, query }, ctx) => match(ctx, params.id, query.limit),
  );
  r.add(
    {
      method: 'GET',
      url: '/job-orders/:id/referrals',
      access: policy.decide,
      summary: 'Candidates referred to a job order (consented fields only)',
      tags,
      params: idParams,
      response: z.array(candidateReferral),
    },
    async ({ params }, ctx) => referrals.listForJobOrder(ctx, params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/job-orders/:id/referrals',
      access: policy.refer,
      summary: 'Refer a consented participant (the release is logged)',
      tags,
      params: idParams,
      body: referralBody,
      response: candidateReferral,
      status: 201,
    },
    async ({ params, body }, ctx) => referrals.refer(ctx, params.id, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/candidate-referrals/:id',
      access: policy.decide,
      summary: 'One candidate referral',
      tags,
      params: idParams,
      response: candidateReferral,
    },
    async ({ params }, ctx) => referrals.get(ctx, params.id),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/candidate-referrals/:id',
      access: policy.decide,
      summary: 'Move a candidate through the pipeline; a hire records the job',
      tags,
      params: idParams,
      body: referralPatch,
      response: candidateReferral,
    },
    async ({ params, body }, ctx) => referrals.decide(ctx, params.id, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/participants/:participantId/job-preferences',
      access: 'participants.read',
      summary: 'What work the participant is looking for',
      tags,
      params: participantParams,
      response: jobPreference,
    },
    async ({ params }, ctx) => referrals.preference(ctx, params.participantId),
  );
  r.add(
    {
      method: 'PUT',
      url: '/participants/:participantId/job-preferences',
      access: 'participants.manage',
      summary: 'Set target occupations, shifts and wage expectation',
      tags,
      params: participantParams,
      body: jobPreferenceBody,
      response: jobPreference,
    },
    async ({ params, body }, ctx) => referrals.setPreference(ctx, params.participantId, body),
  );
}
