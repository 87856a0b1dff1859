import { z } from 'zod';
import { LOCALES, PERMISSIONS, ROLES } from '../roles.ts';
import { email, isoDateTime, password, uuid } from './common.ts';

export const signInBody = z.strictObject({ email, password: z.string().min(1).max(1024) });
export type SignInBody = z.infer<typeof signInBody>;

export const passwordResetRequestBody = z.strictObject({ email });
export const tokenPasswordBody = z.strictObject({
  token: z.string().min(20).max(200),
  password,
});
export type TokenPasswordBody = z.infer<typeof tokenPasswordBody>;

export const invitationInfo = z.object({ email: z.string(), name: z.string(), tenantName: z.string(), locale: z.enum(LOCALES) });
export type InvitationInfo = z.infer<typeof invitationInfo>;
export const invitationTokenQuery = z.strictObject({ token: z.string().min(20).max(200) });
export const acceptInvitationBody = tokenPasswordBody.extend({ name: z.string().trim().min(1).max(200) });

export const membershipSummary = z.object({
  id: uuid,
  organizationId: uuid,
  organizationName: z.string(),
  role: z.enum(ROLES),
});

export const me = z.object({
  user: z.object({
    id: uuid,
    email: z.string(),
    name: z.string(),
    locale: z.enum(LOCALES),
  }),
  tenant: z.object({ id: uuid, slug: z.string(), name: z.string() }),
  roles: z.array(z.enum(ROLES)),
  permissions: z.array(z.enum(PERMISSIONS)),
  memberships: z.array(membershipSummary),
  csrfToken: z.string(),
  sessionExpiresAt: isoDateTime,
});
export type Me = z.infer<typeof me>;
