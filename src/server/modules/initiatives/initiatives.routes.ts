import { LIMITS } from '../../../shared/limits.ts';
import { idParams, ok, pageOf } from '../../../shared/schemas/common.ts';
import {
  commitment,
  commitmentBody,
  commitmentPatch,
  documentFields,
  documentListQuery,
  initiative,
  initiativeBody,
  initiativeCommitmentParams,
  initiativeDocument,
  initiativeDocumentParams,
  initiativeListQuery,
  initiativePartnerParams,
  initiativePatch,
  jurisdiction,
  jurisdictionListQuery,
  partner,
  partnerBody,
  partnerListQuery,
  partnerPatch,
  regionCoverage,
  workforceAreaBody,
  workforceAreaPatch,
} from '../../../shared/schemas/initiatives.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { asAttachment, fileResponse, readUpload } from '../../platform/uploads.ts';
import { initiativesPolicy as policy } from './initiatives.policy.ts';
import * as initiatives from './initiatives.service.ts';

const tags = ['initiatives'];

export function registerInitiativeRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/initiatives',
      access: policy.read,
      summary: 'List sector initiatives (filter by status, NAICS code or prefix, county covered)',
      tags,
      query: initiativeListQuery,
      response: pageOf(initiative),
    },
    async ({ query }, ctx) => initiatives.listInitiativePage(ctx, query),
  );
  r.add(
    {
      method: 'GET',
      url: '/initiatives/:id',
      access: policy.read,
      summary: 'One initiative with its region',
      tags,
      params: idParams,
      response: initiative,
    },
    async ({ params }, ctx) => initiatives.getInitiative(ctx, params.id),
  );
  r.add(
    {
      method: 'GET',
      url: '/initiatives/:id/counties',
      access: policy.read,
      summary: 'The counties an initiative covers: named directly, through workforce areas, and whole states',
      tags,
      params: idParams,
      response: regionCoverage,
    },
    async ({ params }, ctx) => initiatives.regionCoverageOf(ctx, params.id),
  );
  r.add(
    {
      method: 'POST',
      url: '/initiatives',
      access: policy.manage,
      summary: 'Start an initiative: sector (NAICS), region (counties, states, workforce areas), goals',
      tags,
      body: initiativeBody,
      response: initiative,
      status: 201,
    },
    async ({ body }, ctx) => initiatives.createInitiative(ctx, body),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/initiatives/:id',
      access: policy.manage,
      summary: 'Change an initiative (a region given replaces the region)',
      tags,
      params: idParams,
      body: initiativePatch,
      response: initiative,
    },
    async ({ params, body }, ctx) => initiatives.updateInitiativeById(ctx, params.id, body),
  );

  r.add(
    {
      method: 'GET',
      url: '/jurisdictions',
      access: policy.read,
      summary: 'Counties, states and workforce areas used in regions',
      tags,
      query: jurisdictionListQuery,
      response: pageOf(jurisdiction),
    },
    async ({ query }, ctx) => initiatives.listJurisdictionPage(ctx, query),
  );
  r.add(
    {
      method: 'POST',
      url: '/jurisdictions',
      access: policy.manage,
      summary: 'Define a local workforce area (code, name, state, counties)',
      tags,
      body: workforceAreaBody,
      response: jurisdiction,
      status: 201,
    },
    async ({ body }, ctx) => initiatives.createWorkforceArea(ctx, body),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/jurisdictions/:id',
      access: policy.manage,
      summary: 'Change a workforce area',
      tags,
      params: idParams,
      body: workforceAreaPatch,
      response: jurisdiction,
    },
    async ({ params, body }, ctx) => initiatives.updateWorkforceArea(ctx, params.id, body),
  );

  r.add(
    {
      method: 'GET',
      url: '/initiatives/:id/partners',
      access: policy.read,
      summary: 'Partners of an initiative with roles, agreement dates and commitments',
      tags,
      params: idParams,
      query: partnerListQuery,
      response: pageOf(partner),
    },
    async ({ params, query }, ctx) => initiatives.listPartnerPage(ctx, params.id, query),
  );
  r.add(
    {
      method: 'POST',
      url: '/initiatives/:id/partners',
      access: policy.manage,
      summary: 'Add a partner organization in a role',
      tags,
      params: idParams,
      body: partnerBody,
      response: partner,
      status: 201,
    },
    async ({ params, body }, ctx) => initiatives.addPartner(ctx, params.id, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/initiatives/:id/partners/:partnerId',
      access: policy.read,
      summary: 'One partner',
      tags,
      params: initiativePartnerParams,
      response: partner,
    },
    async ({ params }, ctx) => initiatives.getPartner(ctx, params.id, params.partnerId),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/initiatives/:id/partners/:partnerId',
      access: policy.manage,
      summary: 'Change agreement dates or notes of a partner',
      tags,
      params: initiativePartnerParams,
      body: partnerPatch,
      response: partner,
    },
    async ({ params, body }, ctx) => initiatives.changePartner(ctx, params.id, params.partnerId, body),
  );
  r.add(
    {
      method: 'DELETE',
      url: '/initiatives/:id/partners/:partnerId',
      access: policy.manage,
      summary: 'Remove a partner (its commitments go with it)',
      tags,
      params: initiativePartnerParams,
      response: ok,
    },
    async ({ params }, ctx) => {
      await initiatives.removePartner(ctx, params.id, params.partnerId);
      return { ok: true as const };
    },
  );
  r.add(
    {
      method: 'POST',
      url: '/initiatives/:id/partners/:partnerId/commitments',
      access: policy.manage,
      summary: 'Record what a partner committed to the initiative',
      tags,
      params: initiativePartnerParams,
      body: commitmentBody,
      response: commitment,
      status: 201,
    },
    async ({ params, body }, ctx) => initiatives.addCommitment(ctx, params.id, params.partnerId, body),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/initiatives/:id/commitments/:commitmentId',
      access: policy.manage,
      summary: 'Change a commitment (status, quantity, due date…)',
      tags,
      params: initiativeCommitmentParams,
      body: commitmentPatch,
      response: commitment,
    },
    async ({ params, body }, ctx) => initiatives.changeCommitment(ctx, params.id, params.commitmentId, body),
  );

  r.add(
    {
      method: 'GET',
      url: '/initiatives/:id/documents',
      access: policy.read,
      summary: 'Agreements and other documents of an initiative',
      tags,
      params: idParams,
      query: documentListQuery,
      response: pageOf(initiativeDocument),
    },
    async ({ params, query }, ctx) => initiatives.listDocumentPage(ctx, params.id, query),
  );
  r.add(
    {
      method: 'POST',
      url: '/initiatives/:id/documents',
      access: policy.manage,
      summary: `Upload a document: multipart/form-data with fields title, kind, partnerId (optional) and then the file part "file" (at most ${LIMITS.documentBytes / 1024 / 1024} MB; PDF, Office, OpenDocument, images, text)`,
      tags,
      params: idParams,
      response: initiativeDocument,
      status: 201,
    },
    async ({ params }, ctx, reply) => {
      // Unknown initiative first (404), before reading a possibly large body.
      await initiatives.getInitiative(ctx, params.id);
      const upload = await readUpload(reply.request, documentFields, LIMITS.documentBytes);
      return initiatives.addDocument(ctx, params.id, upload);
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/initiatives/:id/documents/:documentId/content',
      access: policy.read,
      summary: 'Download a document',
      tags,
      params: initiativeDocumentParams,
      response: fileResponse,
    },
    async ({ params }, ctx, reply) => asAttachment(reply, await initiatives.documentContent(ctx, params.id, params.documentId)),
  );
  r.add(
    {
      method: 'DELETE',
      url: '/initiatives/:id/documents/:documentId',
      access: policy.manage,
      summary: 'Delete a document',
      tags,
      params: initiativeDocumentParams,
      response: ok,
    },
    async ({ params }, ctx) => {
      await initiatives.removeDocument(ctx, params.id, params.documentId);
      return { ok: true as const };
    },
  );
}
