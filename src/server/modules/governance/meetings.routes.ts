import { LIMITS } from '../../../shared/limits.ts';
import { idParams, pageOf } from '../../../shared/schemas/common.ts';
import {
  agendaBody,
  attachmentFields,
  attendanceBody,
  meeting,
  meetingAttachmentParams,
  meetingBody,
  meetingListQuery,
  meetingPatch,
  meetingSummary,
  motion,
  motionBody,
} from '../../../shared/schemas/governance.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { asAttachment, fileResponse, readUpload } from '../../platform/uploads.ts';
import { governancePolicy as policy, viewerOf } from './governance.policy.ts';
import * as meetings from './meetings.service.ts';
import * as motions from './motions.service.ts';

const tags = ['governance'];

export function registerMeetingRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/governance/meetings',
      access: policy.participate,
      summary: 'Meetings of the bodies the caller may see (filter by body, status, dates, initiative)',
      tags,
      query: meetingListQuery,
      response: pageOf(meetingSummary),
    },
    async ({ query }, ctx) => meetings.listMeetingPage(ctx, viewerOf(ctx), query),
  );
  r.add(
    {
      method: 'GET',
      url: '/governance/meetings/:id',
      access: policy.participate,
      summary: 'A meeting: agenda, attendance with live quorum, minutes, attachments, motions',
      tags,
      params: idParams,
      response: meeting,
    },
    async ({ params }, ctx) => meetings.getMeeting(ctx, viewerOf(ctx), params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/governance/bodies/:id/meetings',
      access: policy.manage,
      summary: 'Schedule a meeting of a body, with its agenda',
      tags,
      params: idParams,
      body: meetingBody,
      response: meeting,
      status: 201,
    },
    async ({ params, body }, ctx) => meetings.scheduleMeeting(ctx, viewerOf(ctx), params.id, body),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/governance/meetings/:id',
      access: policy.manage,
      summary: 'Change a meeting or write its minutes (approved minutes are final)',
      tags,
      params: idParams,
      body: meetingPatch,
      response: meeting,
    },
    async ({ params, body }, ctx) => meetings.changeMeeting(ctx, viewerOf(ctx), params.id, body),
  );
  r.add(
    {
      method: 'PUT',
      url: '/governance/meetings/:id/agenda',
      access: policy.manage,
      summary: 'Replace the agenda (items in order)',
      tags,
      params: idParams,
      body: agendaBody,
      response: meeting,
    },
    async ({ params, body }, ctx) => meetings.setAgenda(ctx, viewerOf(ctx), params.id, body),
  );
  r.add(
    {
      method: 'PUT',
      url: '/governance/meetings/:id/attendance',
      access: policy.manage,
      summary: 'Record attendance of seats (present, absent, excused); quorum is recomputed',
      tags,
      params: idParams,
      body: attendanceBody,
      response: meeting,
    },
    async ({ params, body }, ctx) => meetings.recordAttendance(ctx, viewerOf(ctx), params.id, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/governance/meetings/:id/check-in',
      access: policy.participate,
      summary: 'Mark yourself present at a meeting in progress',
      tags,
      params: idParams,
      response: meeting,
    },
    async ({ params }, ctx) => meetings.checkIn(ctx, viewerOf(ctx), params.id),
  );
  for (const [action, to, summary] of [
    ['open', 'in_progress', 'Open the meeting (votes can then be opened)'],
    ['close', 'closed', 'Close the meeting: open votes close with their computed outcome; no vote is accepted after'],
    ['cancel', 'cancelled', 'Cancel a scheduled meeting'],
  ] as const) {
    r.add(
      {
        method: 'POST',
        url: `/governance/meetings/:id/${action}`,
        access: policy.manage,
        summary,
        tags,
        params: idParams,
        response: meeting,
      },
      async ({ params }, ctx) => meetings.setMeetingStatus(ctx, viewerOf(ctx), params.id, to),
    );
  }
  r.add(
    {
      method: 'POST',
      url: '/governance/meetings/:id/motions',
      access: policy.manage,
      summary: 'Put a motion before the meeting (optionally concerning organizations, or approving earlier minutes)',
      tags,
      params: idParams,
      body: motionBody,
      response: motion,
      status: 201,
    },
    async ({ params, body }, ctx) => motions.createMotion(ctx, viewerOf(ctx), params.id, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/governance/meetings/:id/attachments',
      access: policy.manage,
      summary: `Attach a document: multipart/form-data with the field title, then the file part "file" (at most ${LIMITS.documentBytes / 1024 / 1024} MB)`,
      tags,
      params: idParams,
      response: meeting,
      status: 201,
    },
    async ({ params }, ctx, reply) => {
      const viewer = viewerOf(ctx);
      await meetings.assertMeeting(ctx, viewer, params.id);
      const upload = await readUpload(reply.request, attachmentFields, LIMITS.documentBytes);
      return meetings.addAttachment(ctx, viewer, params.id, upload);
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/governance/meetings/:id/attachments/:attachmentId/content',
      access: policy.participate,
      summary: 'Download a meeting attachment',
      tags,
      params: meetingAttachmentParams,
      response: fileResponse,
    },
    async ({ params }, ctx, reply) =>
      asAttachment(reply, await meetings.attachmentContent(ctx, viewerOf(ctx), params.id, params.attachmentId)),
  );
  r.add(
    {
      method: 'DELETE',
      url: '/governance/meetings/:id/attachments/:attachmentId',
      access: policy.manage,
      summary: 'Remove a meeting attachment',
      tags,
      params: meetingAttachmentParams,
      response: meeting,
    },
    async ({ params }, ctx) => meetings.removeAttachment(ctx, viewerOf(ctx), params.id, params.attachmentId),
  );
}
