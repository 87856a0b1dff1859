import { z } from 'zod';
import { LIMITS } from '../../../shared/limits.ts';
import {
  directorySettings,
  directorySettingsPatch,
  hsdsDocument,
  hsdsExportQuery,
  hsdsImportQuery,
  hsdsImportResult,
  hsdsOrganizationQuery,
  hsdsOrganizationRecordQuery,
  hsdsPackageImportResult,
  hsdsPage,
  hsdsRecordParams,
  hsdsRoot,
  hsdsServiceAtLocationQuery,
  hsdsServiceQuery,
  hsdsTaxonomyQuery,
  hsdsTaxonomyTermQuery,
  hsdsTenantParams,
} from '../../../shared/schemas/hsds.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { flatServiceAtLocations, idsPage, openTenant, pageOf, record, run } from './hsds.api.ts';
import { exportPackage, importPackage } from './hsds.package.service.ts';
import { hsdsPolicy as policy } from './hsds.policy.ts';
import * as q from './hsds.queries.ts';
import * as hsds from './hsds.service.ts';

const tags = ['directory'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Under /api: import, export and settings. */
export function registerHsdsRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'POST',
      url: '/directory/hsds/import',
      access: policy.curate,
      summary: 'Import HSDS 3.0 JSON (one record, a list, or an HSDS page); all or nothing, same ids update',
      tags,
      query: hsdsImportQuery,
      body: hsdsDocument,
      response: hsdsImportResult,
    },
    async ({ query, body }, ctx) => hsds.importDocuments(ctx, query.type, body),
  );
  r.add(
    {
      method: 'GET',
      url: '/directory/hsds/export',
      access: policy.read,
      summary: 'Export the directory as an HSDS 3.0 list document of fully nested records',
      tags,
      query: hsdsExportQuery,
      response: hsdsPage,
    },
    async ({ query }, ctx) => hsds.exportAll(ctx, query.type),
  );
  r.add(
    {
      method: 'POST',
      url: '/directory/hsds/package',
      access: policy.curate,
      summary:
        'Import an HSDS 3.0 tabular data package (multipart, field "file": a zip of datapackage.json and the CSVs); all or nothing, same ids update',
      tags,
      response: hsdsPackageImportResult,
    },
    async (_input, ctx, reply) => {
      const req = reply.request;
      if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the package as multipart/form-data with a "file" part.');
      const part = await req.file({ limits: { fileSize: LIMITS.uploadBytes, files: 1 } });
      if (!part)
        throw new AppError('validation_failed', 'Choose a file to upload.', [
          { field: 'file', code: 'required', message: 'Choose a file.' },
        ]);
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw new AppError('file_too_large', 'The package is larger than an upload may be.');
      return importPackage(ctx, bytes);
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/directory/hsds/package',
      access: policy.read,
      summary: 'Export the directory as an HSDS 3.0 tabular data package (zip of datapackage.json and one CSV per table)',
      tags,
      response: z.any(),
    },
    async (_input, ctx, reply) => {
      const out = await exportPackage(ctx);
      reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="${out.filename}"`);
      return reply.send(out.body);
    },
  );
  r.add(
    { method: 'GET', url: '/directory/settings', access: policy.read, summary: 'Directory settings', tags, response: directorySettings },
    async (_input, ctx) => hsds.getSettings(ctx),
  );
  r.add(
    {
      method: 'PATCH',
      url: '/directory/settings',
      access: policy.curate,
      summary: 'Change directory settings (HSDS API access, staleness, acceptance deadline)',
      tags,
      body: directorySettingsPatch,
      response: directorySettings,
    },
    async ({ body }, ctx) => hsds.updateSettings(ctx, body),
  );
}

const hsdsTags = ['hsds'];
const doc = z.unknown();

/** The HSDS 3.0 API, outside /api: /hsds/<tenant slug>/… */
export function registerHsdsApiRoutes(r: RouteRegistry): void {
  const s = r.services;
  const tenantOf = (slug: string, reply: { request: { headers: { authorization?: string } } }) =>
    openTenant(s, slug, reply.request.headers.authorization);
  const checkId = (id: string, what: string) => {
    if (!UUID.test(id)) throw notFound(what);
  };

  r.add(
    {
      method: 'GET',
      url: '/hsds/:tenant',
      access: policy.api,
      summary: 'HSDS API: about this API',
      tags: hsdsTags,
      params: hsdsTenantParams,
      response: hsdsRoot,
    },
    async ({ params }, _ctx, reply) => {
      await tenantOf(params.tenant, reply);
      return {
        version: '3.0.1',
        profile: 'https://docs.openreferral.org/en/v3.0/hsds/overview.html',
        openapi_url: 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json',
      };
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/hsds/:tenant/services',
      access: policy.api,
      summary: 'HSDS API: services',
      tags: hsdsTags,
      params: hsdsTenantParams,
      query: hsdsServiceQuery,
      response: hsdsPage,
    },
    async ({ params, query }, _ctx, reply) => {
      const tenantId = await tenantOf(params.tenant, reply);
      return run(s, tenantId, async (tx, a) => {
        const { ids, total } = await idsPage(q.serviceIds(tx, filterOf(query)), query);
        const contents = query.full ? await a.many('service', ids) : await a.flat('service', ids);
        if (query.minimal) {
          return pageOf(
            total,
            query,
            contents.map((c) => pick(c, ['id', 'name', 'status', 'last_modified'])),
          );
        }
        return pageOf(total, query, contents);
      });
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/hsds/:tenant/services/:id',
      access: policy.api,
      summary: 'HSDS API: one service, fully nested',
      tags: hsdsTags,
      params: hsdsRecordParams,
      response: doc,
    },
    async ({ params }, _ctx, reply) => {
      const tenantId = await tenantOf(params.tenant, reply);
      checkId(params.id, 'service');
      return run(s, tenantId, (_tx, a) => record(a, 'service', params.id));
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/hsds/:tenant/organizations',
      access: policy.api,
      summary: 'HSDS API: organizations',
      tags: hsdsTags,
      params: hsdsTenantParams,
      query: hsdsOrganizationQuery,
      response: hsdsPage,
    },
    async ({ params, query }, _ctx, reply) => {
      const tenantId = await tenantOf(params.tenant, reply);
      return run(s, tenantId, async (tx, a) => {
        const { ids, total } = await idsPage(q.directoryOrganizationIds(tx, query), query);
        if (query.full_service) return pageOf(total, query, await a.many('organization', ids));
        if (query.full) return pageOf(total, query, await a.many('organization', ids, ['services']));
        return pageOf(total, query, await a.flat('organization', ids));
      });
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/hsds/:tenant/organizations/:id',
      access: policy.api,
      summary: 'HSDS API: one organization, fully nested',
      tags: hsdsTags,
      params: hsdsRecordParams,
      query: hsdsOrganizationRecordQuery,
      response: doc,
    },
    async ({ params, query }, _ctx, reply) => {
      const tenantId = await tenantOf(params.tenant, reply);
      checkId(params.id, 'organization');
      return run(s, tenantId, async (tx, a) => {
        const listed = await q.directoryOrganizationIds(tx, { id: params.id }).executeTakeFirst();
        if (!listed) throw notFound('organization');
        const org = await record(a, 'organization', params.id);
        // Without full_service, the services array holds each service's one-to-one fields only.
        if (!query.full_service && Array.isArray(org.services)) {
          org.services = await a.flat(
            'service',
            (org.services as { id: string }[]).map((x) => x.id),
          );
        }
        return org;
      });
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/hsds/:tenant/service_at_locations',
      access: policy.api,
      summary: 'HSDS API: services at locations',
      tags: hsdsTags,
      params: hsdsTenantParams,
      query: hsdsServiceAtLocationQuery,
      response: hsdsPage,
    },
    async ({ params, query }, _ctx, reply) => {
      const tenantId = await tenantOf(params.tenant, reply);
      return run(s, tenantId, async (tx, a) => {
        const { ids, total } = await idsPage(q.serviceAtLocationIds(tx, { ...filterOf(query), postcode: query.postcode }), query);
        const contents = query.full ? await a.many('service_at_location', ids) : await flatServiceAtLocations(a, ids);
        return pageOf(total, query, contents);
      });
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/hsds/:tenant/service_at_locations/:id',
      access: policy.api,
      summary: 'HSDS API: one service at a location, fully nested',
      tags: hsdsTags,
      params: hsdsRecordParams,
      response: doc,
    },
    async ({ params }, _ctx, reply) => {
      const tenantId = await tenantOf(params.tenant, reply);
      checkId(params.id, 'service at location');
      return run(s, tenantId, (_tx, a) => record(a, 'service_at_location', params.id));
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/hsds/:tenant/taxonomies',
      access: policy.api,
      summary: 'HSDS API: taxonomies',
      tags: hsdsTags,
      params: hsdsTenantParams,
      query: hsdsTaxonomyQuery,
      response: hsdsPage,
    },
    async ({ params, query }, _ctx, reply) => {
      const tenantId = await tenantOf(params.tenant, reply);
      return run(s, tenantId, async (tx, a) => {
        const { ids, total } = await idsPage(q.taxonomyIds(tx, query), query);
        return pageOf(total, query, await a.many('taxonomy', ids));
      });
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/hsds/:tenant/taxonomies/:id',
      access: policy.api,
      summary: 'HSDS API: one taxonomy',
      tags: hsdsTags,
      params: hsdsRecordParams,
      response: doc,
    },
    async ({ params }, _ctx, reply) => {
      const tenantId = await tenantOf(params.tenant, reply);
      checkId(params.id, 'taxonomy');
      return run(s, tenantId, (_tx, a) => record(a, 'taxonomy', params.id));
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/hsds/:tenant/taxonomy_terms',
      access: policy.api,
      summary: 'HSDS API: taxonomy terms',
      tags: hsdsTags,
      params: hsdsTenantParams,
      query: hsdsTaxonomyTermQuery,
      response: hsdsPage,
    },
    async ({ params, query }, _ctx, reply) => {
      const tenantId = await tenantOf(params.tenant, reply);
      return run(s, tenantId, async (tx, a) => {
        const { ids, total } = await idsPage(
          q.taxonomyTermIds(tx, {
            search: query.search,
            taxonomyId: query.taxonomy_id,
            topOnly: query.top_only,
            parentId: query.parent_id,
          }),
          query,
        );
        return pageOf(total, query, await a.many('taxonomy_term', ids));
      });
    },
  );
  r.add(
    {
      method: 'GET',
      url: '/hsds/:tenant/taxonomy_terms/:id',
      access: policy.api,
      summary: 'HSDS API: one taxonomy term',
      tags: hsdsTags,
      params: hsdsRecordParams,
      response: doc,
    },
    async ({ params }, _ctx, reply) => {
      const tenantId = await tenantOf(params.tenant, reply);
      checkId(params.id, 'taxonomy term');
      return run(s, tenantId, (_tx, a) => record(a, 'taxonomy_term', params.id));
    },
  );
}

function filterOf(query: {
  search?: string;
  taxonomy_term_id?: string;
  taxonomy_id?: string;
  organization_id?: string;
  modified_after?: string;
}): q.ServiceFilter {
  return {
    search: query.search || undefined,
    taxonomyTermId: query.taxonomy_term_id,
    taxonomyId: query.taxonomy_id,
    organizationId: query.organization_id,
    modifiedAfter: query.modified_after ? new Date(query.modified_after) : undefined,
  };
}

function pick(doc: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.filter((k) => doc[k] !== undefined).map((k) => [k, doc[k]]));
}
