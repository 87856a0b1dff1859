import type { Access } from '../../platform/http.ts';

// The calendar decides referral deadlines, so it is set by those who set them (the directory settings'
// acceptance deadline and escalation: directory.manage). Anyone who works with the directory may read it.
export const holidaysPolicy = {
  read: 'directory.read',
  manage: 'directory.manage',
} as const satisfies Record<string, Access>;
