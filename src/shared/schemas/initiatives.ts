import { z } from 'zod';
import { initiativeFilter, isoDateTime, pageQuery, uuid } from './common.ts';
import { countyFips, naicsCode } from './organizations.ts';

export const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const INITIATIVE_STATUSES = ['planning', 'active', 'sustaining', 'closed'] as const;
export const JURISDICTION_KINDS = ['county', 'state', 'workforce_area'] as const;
export const PARTNER_ROLES = [
  'lead_employer',
  'training_partner',
  'community_partner',
  'public_agency',
  'funder',
  'union',
  'economic_development',
] as const;
export const COMMITMENT_KINDS = ['hires', 'work_based_learning', 'training_seats', 'funding', 'in_kind', 'data_sharing', 'other'] as const;
export const COMMITMENT_STATUSES = ['committed', 'in_progress', 'fulfilled', 'lapsed'] as const;
export const DOCUMENT_KINDS = ['agreement', 'mou', 'charter', 'report', 'other'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export const stateCode = z.string().regex(/^[A-Z]{2}$/, 'State codes are two capital letters, as OH');

// Counties by FIPS, states by postal code, workforce areas by the code the tenant gave them.
export const regionItem = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('county'), code: countyFips }),
  z.strictObject({ kind: z.literal('state'), code: stateCode }),
  z.strictObject({ kind: z.literal('workforce_area'), code: text(40).min(1) }),
]);
export type RegionItem = z.infer<typeof regionItem>;

export const jurisdiction = z.object({
  id: uuid,
  kind: z.enum(JURISDICTION_KINDS),
  code: z.string(),
  name: z.string(),
  stateCode: z.string().nullable(),
  countyFips: z.array(z.string()),
  /** The member counties of a workforce area with their names, for people (empty for others). */
  counties: z.array(z.object({ fips: z.string(), name: z.string() })),
});
export type Jurisdiction = z.infer<typeof jurisdiction>;

export const workforceAreaBody = z.strictObject({
  code: text(40).min(1),
  name: text(200).min(1),
  stateCode,
  countyFips: z.array(countyFips).min(1).max(200),
});
export type WorkforceAreaBody = z.infer<typeof workforceAreaBody>;
export const workforceAreaPatch = workforceAreaBody.omit({ code: true }).partial();
export const jurisdictionListQuery = pageQuery.extend({ kind: z.enum(JURISDICTION_KINDS).optional(), ...initiativeFilter });

const dateRange = <T extends { startsOn?: string | null; endsOn?: string | null }>(v: T) =>
  !v.startsOn || !v.endsOn || v.endsOn >= v.startsOn;

export const initiativeBody = z
  .strictObject({
    name: text(200).min(1),
    sector: text(100).min(1),
    naicsCodes: z.array(naicsCode).min(1).max(30),
    description: optionalText(4000),
    goals: z.array(text(500).min(1)).max(30).default([]),
    startsOn: isoDate,
    endsOn: isoDate.nullable().optional(),
    status: z.enum(INITIATIVE_STATUSES).default('planning'),
    region: z.array(regionItem).min(1).max(300),
  })
  .refine(dateRange, { path: ['endsOn'], message: 'The end date is before the start date.' });
export type InitiativeBody = z.infer<typeof initiativeBody>;

export const initiativePatch = z
  .strictObject({
    name: text(200).min(1),
    sector: text(100).min(1),
    naicsCodes: z.array(naicsCode).min(1).max(30),
    description: optionalText(4000),
    goals: z.array(text(500).min(1)).max(30),
    startsOn: isoDate,
    endsOn: isoDate.nullable(),
    status: z.enum(INITIATIVE_STATUSES),
    region: z.array(regionItem).min(1).max(300),
  })
  .partial()
  .refine(dateRange, { path: ['endsOn'], message: 'The end date is before the start date.' });
export type InitiativePatch = z.infer<typeof initiativePatch>;

export const initiative = z.object({
  id: uuid,
  name: z.string(),
  sector: z.string(),
  naicsCodes: z.array(z.object({ code: z.string(), title: z.string().nullable() })),
  description: z.string().nullable(),
  goals: z.array(z.string()),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  status: z.enum(INITIATIVE_STATUSES),
  region: z.array(jurisdiction),
  /** States the region touches; more than one means it crosses state lines. */
  states: z.array(z.string()),
  crossesStateLines: z.boolean(),
  partnerCount: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Initiative = z.infer<typeof initiative>;

export const initiativeListQuery = pageQuery.extend({
  status: z.enum(INITIATIVE_STATUSES).optional(),
  /** NAICS code or prefix: initiatives whose sector includes it. */
  naics: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
  /** County FIPS: initiatives whose region covers the county (directly, by workforce area, or by state). */
  county: countyFips.optional(),
});

export const partnerBody = z
  .strictObject({
    organizationId: uuid,
    role: z.enum(PARTNER_ROLES),
    agreementSignedOn: isoDate.nullable().optional(),
    agreementStartsOn: isoDate.nullable().optional(),
    agreementEndsOn: isoDate.nullable().optional(),
    notes: optionalText(2000),
  })
  .refine((v) => !v.agreementStartsOn || !v.agreementEndsOn || v.agreementEndsOn >= v.agreementStartsOn, {
    path: ['agreementEndsOn'],
    message: 'The agreement ends before it starts.',
  });
export type PartnerBody = z.infer<typeof partnerBody>;
export const partnerPatch = z.strictObject({
  agreementSignedOn: isoDate.nullable().optional(),
  agreementStartsOn: isoDate.nullable().optional(),
  agreementEndsOn: isoDate.nullable().optional(),
  notes: optionalText(2000),
});
export type PartnerPatch = z.infer<typeof partnerPatch>;

export const commitmentBody = z.strictObject({
  kind: z.enum(COMMITMENT_KINDS),
  description: text(1000).min(1),
  quantity: z.number().int().min(0).max(1_000_000).nullable().optional(),
  amountCents: z.number().int().min(0).max(1e13).nullable().optional(),
  dueOn: isoDate.nullable().optional(),
  status: z.enum(COMMITMENT_STATUSES).default('committed'),
});
export type CommitmentBody = z.infer<typeof commitmentBody>;
export const commitmentPatch = z
  .strictObject({
    kind: z.enum(COMMITMENT_KINDS),
    description: text(1000).min(1),
    quantity: z.number().int().min(0).max(1_000_000).nullable(),
    amountCents: z.number().int().min(0).max(1e13).nullable(),
    dueOn: isoDate.nullable(),
    status: z.enum(COMMITMENT_STATUSES),
  })
  .partial();
export type CommitmentPatch = z.infer<typeof commitmentPatch>;

export const commitment = z.object({
  id: uuid,
  partnerId: uuid,
  kind: z.enum(COMMITMENT_KINDS),
  description: z.string(),
  quantity: z.number().int().nullable(),
  amountCents: z.number().int().nullable(),
  dueOn: z.string().nullable(),
  status: z.enum(COMMITMENT_STATUSES),
});
export type Commitment = z.infer<typeof commitment>;

export const partner = z.object({
  id: uuid,
  initiativeId: uuid,
  organization: z.object({ id: uuid, name: z.string(), kind: z.string() }),
  role: z.enum(PARTNER_ROLES),
  agreementSignedOn: z.string().nullable(),
  agreementStartsOn: z.string().nullable(),
  agreementEndsOn: z.string().nullable(),
  notes: z.string().nullable(),
  commitments: z.array(commitment),
  documentCount: z.number().int(),
});
export type Partner = z.infer<typeof partner>;
export const partnerListQuery = pageQuery.extend({ role: z.enum(PARTNER_ROLES).optional() });

export const initiativePartnerParams = z.strictObject({ id: uuid, partnerId: uuid });
export const initiativeCommitmentParams = z.strictObject({ id: uuid, commitmentId: uuid });
export const initiativeDocumentParams = z.strictObject({ id: uuid, documentId: uuid });

/** Multipart fields sent before the file part of a document upload. */
export const documentFields = z.strictObject({
  title: text(200).min(1),
  kind: z.enum(DOCUMENT_KINDS).default('other'),
  partnerId: uuid.optional(),
});

export const storedFile = z.object({
  filename: z.string(),
  contentType: z.string(),
  byteSize: z.number().int(),
  sha256: z.string(),
});

export const initiativeDocument = z.object({
  id: uuid,
  initiativeId: uuid,
  partnerId: uuid.nullable(),
  title: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  file: storedFile,
  createdBy: z.string().nullable(),
  createdAt: isoDateTime,
});
export type InitiativeDocument = z.infer<typeof initiativeDocument>;
export const documentListQuery = pageQuery.extend({ partnerId: uuid.optional() });

/**
 * The counties an initiative's region covers: the union of counties named directly and those of its
 * workforce areas (each with the jurisdictions it comes through), plus whole states, which are
 * summarised by their county count rather than listed (Ohio alone has 88).
 */
export const regionCoverage = z.object({
  counties: z.array(
    z.object({
      fips: z.string(),
      name: z.string(),
      stateCode: z.string().nullable(),
      via: z.array(z.object({ kind: z.enum(JURISDICTION_KINDS), code: z.string(), name: z.string() })),
    }),
  ),
  wholeStates: z.array(z.object({ code: z.string(), name: z.string(), countyCount: z.number().int() })),
  /** Every county covered, whole states included, each counted once. */
  totalCounties: z.number().int(),
});
export type RegionCoverage = z.infer<typeof regionCoverage>;
