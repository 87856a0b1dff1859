import { z } from 'zod';

// Query parameters of the HSDS 3.0 API (openapi.json components/parameters), and Braid's HSDS import.
// The API is for other systems, so parameters it does not know are ignored rather than refused.

const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

export const hsdsTenantParams = z.strictObject({ tenant: z.string().min(1).max(100) });
export const hsdsRecordParams = z.strictObject({ tenant: z.string().min(1).max(100), id: z.string().min(1).max(100) });

const paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(500).default(50),
  search: z.string().trim().max(200).optional(),
  format: z.enum(['json']).optional(),
};
const id = z.uuid().optional();
const filters = {
  taxonomy_term_id: id,
  taxonomy_id: id,
  organization_id: id,
  modified_after: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  full: flag,
};

export const hsdsServiceQuery = z.object({ ...paging, ...filters, minimal: flag });
export const hsdsServiceAtLocationQuery = z.object({
  ...paging,
  ...filters,
  postcode: z.string().trim().max(20).optional(),
  proximity: z.coerce.number().min(0).optional(),
});
export const hsdsOrganizationQuery = z.object({ ...paging, full: flag, full_service: flag });
export const hsdsOrganizationRecordQuery = z.object({ full_service: flag });
export const hsdsTaxonomyQuery = z.object({ ...paging });
export const hsdsTaxonomyTermQuery = z.object({ ...paging, taxonomy_id: id, top_only: flag, parent_id: id });

/** An HSDS document, validated against the official JSON schemas on the server (not by zod). */
export const hsdsDocument = z.unknown();
export const hsdsPage = z.object({
  total_items: z.number().int(),
  total_pages: z.number().int(),
  page_number: z.number().int(),
  size: z.number().int(),
  first_page: z.boolean(),
  last_page: z.boolean(),
  empty: z.boolean(),
  contents: z.array(z.unknown()),
});
export const hsdsRoot = z.object({ version: z.string(), profile: z.string(), openapi_url: z.string() });

export const HSDS_IMPORT_KINDS = [
  'service',
  'organization',
  'service_at_location',
  'location',
  'program',
  'taxonomy',
  'taxonomy_term',
] as const;
export const hsdsImportQuery = z.strictObject({ type: z.enum(HSDS_IMPORT_KINDS) });
export const hsdsImportResult = z.object({ documents: z.number().int(), records: z.record(z.string(), z.number().int()) });
export type HsdsImportResult = z.infer<typeof hsdsImportResult>;
export const hsdsPackageImportResult = z.object({
  files: z.array(z.string()),
  rows: z.number().int(),
  records: z.record(z.string(), z.number().int()),
});
export type HsdsPackageImportResult = z.infer<typeof hsdsPackageImportResult>;
export const hsdsExportQuery = z.strictObject({ type: z.enum(['service', 'organization', 'taxonomy', 'taxonomy_term']) });

export const directorySettings = z.object({
  hsdsPublic: z.boolean(),
  staleAfterDays: z.number().int().min(1).max(3650),
  acceptWithinBusinessDays: z.number().int().min(1).max(60),
  /** A referral still unanswered this many business days after its first escalation is escalated again; null: never. */
  escalateAgainAfterBusinessDays: z.number().int().min(1).max(60).nullable(),
  /** Owners of a stale entry are reminded by email at most once per this many days. */
  reverifyReminderDays: z.number().int().min(1).max(365),
});
export type DirectorySettings = z.infer<typeof directorySettings>;
export const directorySettingsPatch = directorySettings.partial().strict();
