import { z } from 'zod';
import { initiativeFilter, pageQuery, uuid } from './common.ts';

// Directory search and service entries as navigators and partner staff see them (issue 6).

export const POPULATIONS = [
  'youth',
  'adults',
  'older_adults',
  'veterans',
  'families',
  'people_with_disabilities',
  'justice_involved',
  'immigrants_refugees',
  'low_income',
] as const;
export const population = z.enum(POPULATIONS);

const flag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');

export const directorySearchQuery = pageQuery.extend({
  termId: uuid.optional(),
  countyFips: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  postcode: z.string().trim().max(20).optional(),
  age: z.coerce.number().int().min(0).max(120).optional(),
  population: population.optional(),
  language: z.string().trim().min(2).max(40).optional(),
  cost: z.enum(['free', 'paid']).optional(),
  openNow: flag,
  /** The moment "open now" is judged at (local wall time, ISO); defaults to now. */
  openAt: z.iso.datetime({ local: true }).optional(),
  capacity: flag,
  stale: flag,
  organizationId: uuid.optional(),
  /** Services of organizations partnering in the initiative. */
  ...initiativeFilter,
});
export type DirectorySearchQuery = z.infer<typeof directorySearchQuery>;

export const directoryService = z.object({
  id: uuid,
  name: z.string(),
  description: z.string().nullable(),
  status: z.string(),
  organization: z.object({ id: uuid, name: z.string() }),
  minimumAge: z.number().nullable(),
  maximumAge: z.number().nullable(),
  populations: z.array(z.string()),
  languages: z.array(z.string()),
  free: z.boolean(),
  openSlots: z.number().int().nullable(),
  waitlist: z.number().int().nullable(),
  selfReferral: z.boolean(),
  verifiedAt: z.string().nullable(),
  stale: z.boolean(),
  canEdit: z.boolean(),
});
export type DirectoryService = z.infer<typeof directoryService>;

export const directoryServiceDetail = directoryService.extend({
  hsds: z.record(z.string(), z.unknown()),
});
export type DirectoryServiceDetail = z.infer<typeof directoryServiceDetail>;

export const directoryServicePatch = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(4000).optional(),
  status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']).optional(),
  minimumAge: z.number().int().min(0).max(120).nullable().optional(),
  maximumAge: z.number().int().min(0).max(120).nullable().optional(),
  populations: z.array(population).max(POPULATIONS.length).optional(),
  openSlots: z.number().int().min(0).max(100_000).nullable().optional(),
  waitlist: z.number().int().min(0).max(100_000).nullable().optional(),
  selfReferral: z.boolean().optional(),
});
export type DirectoryServicePatch = z.infer<typeof directoryServicePatch>;
