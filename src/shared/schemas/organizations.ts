import { z } from 'zod';
import { ORGANIZATION_KINDS } from '../roles.ts';
import { initiativeFilter, isoDateTime, pageQuery, uuid } from './common.ts';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const ein = z
  .string()
  .trim()
  .regex(/^\d{2}-?\d{7}$/, 'EIN is nine digits, as 12-3456789')
  .transform((v) => `${v.replace('-', '').slice(0, 2)}-${v.replace('-', '').slice(2)}`);
export const naicsCode = z.string().regex(/^\d{2,6}$/, 'NAICS codes are 2 to 6 digits');
export const countyFips = z.string().regex(/^\d{5}$/, 'County FIPS codes are 5 digits');

export const organizationBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(ORGANIZATION_KINDS),
  description: optionalText(2000),
  ein: ein.nullable().optional(),
  naics: naicsCode.nullable().optional(),
  email: z
    .email()
    .max(254)
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  // Web addresses only: a javascript: or data: "website" would become a link in the directory.
  website: z
    .url({ protocol: /^https?$/, error: 'Use a web address starting with https:// or http://' })
    .max(500)
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  phone: optionalText(40),
  addressLine1: optionalText(200),
  city: optionalText(100),
  stateCode: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  postalCode: z
    .string()
    .regex(/^\d{5}(-\d{4})?$/)
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  countyFips: countyFips.nullable().optional(),
});
export type OrganizationBody = z.infer<typeof organizationBody>;
export const organizationPatch = organizationBody.partial();

export const organization = z.object({
  id: uuid,
  name: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  description: z.string().nullable(),
  ein: z.string().nullable(),
  naics: z.string().nullable(),
  naicsTitle: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  phone: z.string().nullable(),
  addressLine1: z.string().nullable(),
  city: z.string().nullable(),
  stateCode: z.string().nullable(),
  postalCode: z.string().nullable(),
  countyFips: z.string().nullable(),
  countyName: z.string().nullable(),
  memberCount: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Organization = z.infer<typeof organization>;

export const organizationListQuery = pageQuery.extend({ kind: z.enum(ORGANIZATION_KINDS).optional(), ...initiativeFilter });
