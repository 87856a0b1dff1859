import { z } from 'zod';
import { ORGANIZATION_KINDS } from '../roles.ts';
import { isoDateTime, uuid } from './common.ts';
import { dataCategory, isoDate } from './participants.ts';

// A participant's consent to share their record with other organizations. It drives every
// cross-organization view: a partner sees a participant only while a consent covers its organization
// (by id or by kind), and only the categories consented. Revocation takes effect on the next request.

export const consentBody = z
  .strictObject({
    recipientOrganizationIds: z.array(uuid).max(50).default([]),
    recipientKinds: z.array(z.enum(ORGANIZATION_KINDS)).max(9).default([]),
    categories: z.array(dataCategory).min(1).max(6),
    purpose: z.string().trim().min(3).max(500),
    method: z.enum(['signed_in_app', 'paper']),
    /** signed_in_app: the participant types their full name. */
    signedName: z.string().trim().min(2).max(200).optional(),
    /** paper: the scanned form, base64 (PDF, PNG or JPEG). */
    document: z
      .strictObject({
        filename: z.string().trim().min(1).max(200),
        contentType: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
        base64: z.string().max(700_000),
      })
      .optional(),
    givenAt: z.iso.datetime({ offset: true }).optional(),
    expiresOn: isoDate.nullable().optional(),
  })
  .refine((b) => b.recipientOrganizationIds.length + b.recipientKinds.length > 0, {
    message: 'Name at least one organization or kind of organization.',
    path: ['recipientOrganizationIds'],
  })
  .refine((b) => b.method !== 'signed_in_app' || !!b.signedName, {
    message: 'The participant types their name to sign.',
    path: ['signedName'],
  })
  .refine((b) => b.method !== 'paper' || !!b.document, { message: 'Upload the signed paper form.', path: ['document'] });
export type ConsentBody = z.infer<typeof consentBody>;

export const revokeBody = z.strictObject({ reason: z.string().trim().min(3).max(500) });

export const consent = z.object({
  id: uuid,
  participantId: uuid,
  recipientOrganizations: z.array(z.object({ id: uuid, name: z.string() })),
  recipientKinds: z.array(z.enum(ORGANIZATION_KINDS)),
  categories: z.array(dataCategory),
  purpose: z.string(),
  method: z.enum(['signed_in_app', 'paper']),
  signedName: z.string().nullable(),
  document: z.object({ filename: z.string(), contentType: z.string() }).nullable(),
  givenAt: isoDateTime,
  expiresOn: z.string().nullable(),
  revokedAt: isoDateTime.nullable(),
  revokeReason: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
  createdAt: isoDateTime,
});
export type Consent = z.infer<typeof consent>;

export const disclosure = z.object({
  id: uuid,
  releasedAt: isoDateTime,
  recipient: z.string(),
  recipientOrganization: z.object({ id: uuid, name: z.string() }).nullable(),
  categories: z.array(dataCategory),
  purpose: z.string(),
  action: z.string(),
});
export type Disclosure = z.infer<typeof disclosure>;
