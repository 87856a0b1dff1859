import { z } from 'zod';
import { LOCALES, ROLES } from '../roles.ts';
import { membershipSummary } from './auth.ts';
import { email, isoDateTime, pageQuery, uuid } from './common.ts';

export const USER_STATUSES = ['active', 'invited', 'disabled'] as const;

export const userSummary = z.object({
  id: uuid,
  email: z.string(),
  name: z.string(),
  status: z.enum(USER_STATUSES),
  locale: z.enum(LOCALES),
  lastSignInAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  memberships: z.array(membershipSummary),
});
export type UserSummary = z.infer<typeof userSummary>;

export const userListQuery = pageQuery.extend({
  status: z.enum(USER_STATUSES).optional(),
  role: z.enum(ROLES).optional(),
  organizationId: uuid.optional(),
});

export const inviteUserBody = z.strictObject({
  email,
  name: z.string().trim().min(1).max(200),
  organizationId: uuid,
  role: z.enum(ROLES),
  locale: z.enum(LOCALES).default('en'),
});
export type InviteUserBody = z.infer<typeof inviteUserBody>;

export const membershipBody = z.strictObject({ organizationId: uuid, role: z.enum(ROLES) });
export const membershipParams = z.strictObject({ id: uuid, membershipId: uuid });
