import { expect } from 'vitest';
import type { Caller } from './app.ts';

// A complete participant, created through the API by `who` (a navigator, usually) in their own caseload.

/** Creates a complete adult participant in Ohio and returns its id; `extra` overrides or adds fields. */
export async function createParticipant(
  who: Caller,
  firstName: string,
  lastName: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await who.request('POST', '/api/participants', {
    firstName,
    lastName,
    dateOfBirth: '1990-05-06',
    sex: 'female',
    stateCode: 'OH',
    countyFips: '39035',
    employmentStatus: 'unemployed',
    educationLevel: 'high_school_diploma',
    veteran: 'no',
    disability: 'no',
    complete: true,
    confirmNotDuplicate: true,
    ...extra,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()).id;
}
