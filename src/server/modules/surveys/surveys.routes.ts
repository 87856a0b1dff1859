import { codeList } from '../../../shared/schemas/codes.ts';
import { idParams, ok } from '../../../shared/schemas/common.ts';
import {
  occupationSearchBody,
  publicSurvey,
  recipientList,
  remindResult,
  sendBody,
  sendResult,
  submitBody,
  survey,
  surveyBody,
  surveyContacts,
  surveyPage,
  surveyQuery,
  surveyResponseList,
  surveyResults,
  tokenBody,
} from '../../../shared/schemas/surveys.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { fileResponse } from '../../platform/uploads.ts';
import { surveysPolicy as policy } from './surveys.policy.ts';
import * as surveys from './surveys.service.ts';

const tags = ['surveys'];

export function registerSurveyRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/surveys',
      access: policy.read,
      summary: 'Employer needs surveys',
      tags,
      query: surveyQuery,
      response: surveyPage,
    },
    async ({ query }, ctx) => surveys.list(ctx, query),
  );
  r.add(
    {
      method: 'POST',
      url: '/surveys',
      access: policy.manage,
      summary: 'Create a survey (a draft)',
      tags,
      body: surveyBody,
      response: survey,
      status: 201,
    },
    async ({ body }, ctx) => surveys.create(ctx, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/surveys/contacts',
      access: policy.manage,
      summary: 'Active employer contacts a survey can be sent to',
      tags,
      response: surveyContacts,
    },
    async (_i, ctx) => surveys.contacts(ctx),
  );
  r.add(
    {
      method: 'GET',
      url: '/surveys/:id',
      access: policy.read,
      summary: 'A survey with its questions',
      tags,
      params: idParams,
      response: survey,
    },
    async ({ params }, ctx) => surveys.get(ctx, params.id),
  );
  r.add(
    {
      method: 'PUT',
      url: '/surveys/:id',
      access: policy.manage,
      summary: 'Replace a draft survey’s title, introduction, dates and questions',
      tags,
      params: idParams,
      body: surveyBody,
      response: survey,
    },
    async ({ params, body }, ctx) => surveys.update(ctx, params.id, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/surveys/:id/send',
      access: policy.manage,
      summary: 'Email a one-time link to each chosen employer contact (contacts who already have one are skipped)',
      tags,
      params: idParams,
      body: sendBody,
      response: sendResult,
    },
    async ({ params, body }, ctx) => surveys.send(ctx, params.id, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/surveys/:id/remind',
      access: policy.manage,
      summary: 'Email a fresh link to every recipient who has not answered (their earlier link stops working)',
      tags,
      params: idParams,
      response: remindResult,
    },
    async ({ params }, ctx) => surveys.remind(ctx, params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/surveys/:id/close',
      access: policy.manage,
      summary: 'Close a survey: its links stop working',
      tags,
      params: idParams,
      response: survey,
    },
    async ({ params }, ctx) => surveys.close(ctx, params.id),
  );
  r.add(
    {
      method: 'GET',
      url: '/surveys/:id/recipients',
      access: policy.manage,
      summary: 'Who the survey went to: sent, opened, responded, expired',
      tags,
      params: idParams,
      response: recipientList,
    },
    async ({ params }, ctx) => surveys.recipientList(ctx, params.id),
  );
  r.add(
    {
      method: 'GET',
      url: '/surveys/:id/results',
      access: policy.read,
      summary: 'Response rate and answers combined across employers',
      tags,
      params: idParams,
      response: surveyResults,
    },
    async ({ params }, ctx) => surveys.results(ctx, params.id),
  );
  r.add(
    {
      method: 'GET',
      url: '/surveys/:id/responses',
      access: policy.manage,
      summary: 'Each employer’s answers (audited)',
      tags,
      params: idParams,
      response: surveyResponseList,
    },
    async ({ params }, ctx) => surveys.responseList(ctx, params.id),
  );
  r.add(
    {
      method: 'GET',
      url: '/surveys/:id/responses/export',
      access: policy.manage,
      summary: 'Each employer’s answers as CSV, one line per answer (formula cells escaped; audited)',
      tags,
      params: idParams,
      response: fileResponse,
    },
    async ({ params }, ctx, reply) => {
      const csv = await surveys.exportCsv(ctx, params.id);
      reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="survey-responses-${params.id}.csv"`);
      return Buffer.from(csv, 'utf8');
    },
  );

  // The respondent's side: no account, the one-time token in the body (never in a URL).
  r.add(
    {
      method: 'POST',
      url: '/public/surveys/open',
      access: 'public',
      summary: 'The survey behind an emailed link (410 when used or expired, 404 when unknown)',
      tags,
      body: tokenBody,
      response: publicSurvey,
    },
    async ({ body }, ctx) => surveys.openSurvey(ctx, body.token),
  );
  r.add(
    {
      method: 'POST',
      url: '/public/surveys/occupations',
      access: 'public',
      summary: 'Search SOC 2018 occupations while answering a survey',
      tags,
      body: occupationSearchBody,
      response: codeList,
    },
    async ({ body }, ctx) => surveys.searchOccupations(ctx, body.token, body.q),
  );
  r.add(
    {
      method: 'POST',
      url: '/public/surveys/submit',
      access: 'public',
      summary: 'Submit the answers; the link then stops working',
      tags,
      body: submitBody,
      response: ok,
    },
    async ({ body }, ctx) => surveys.submit(ctx, body.token, body.answers),
  );
}
