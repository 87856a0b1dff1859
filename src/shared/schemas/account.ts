import { z } from 'zod';
import { LOCALES } from '../roles.ts';
import { isoDateTime, password, uuid } from './common.ts';

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: password,
});
export const phone = z
  .string()
  .trim()
  .regex(/^[+()\d\s.-]{7,25}$/, 'Use digits, spaces and + ( ) . - only');
export const updateProfileBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  locale: z.enum(LOCALES).optional(),
  /** Encrypted at rest; null clears it. */
  phone: phone.nullable().optional(),
});
export const profile = z.object({
  name: z.string(),
  email: z.string(),
  locale: z.enum(LOCALES),
  phone: z.string().nullable(),
});
export type Profile = z.infer<typeof profile>;

export const sessionInfo = z.object({
  id: uuid,
  createdAt: isoDateTime,
  lastSeenAt: isoDateTime,
  expiresAt: isoDateTime,
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfo>;

export const apiTokenInfo = z.object({
  id: uuid,
  name: z.string(),
  prefix: z.string(),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
  expiresAt: isoDateTime.nullable(),
});
export type ApiTokenInfo = z.infer<typeof apiTokenInfo>;
export const createApiTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(366).nullable().default(90),
});
export const createdApiToken = apiTokenInfo.extend({ token: z.string() });
