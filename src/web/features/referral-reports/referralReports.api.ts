import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import type { ReferralReport } from '../../../shared/schemas/referral-reports.ts';
import { api, withQuery } from '../../api/client.ts';
import { initiativeParam } from '../initiatives/initiatives.api.ts';

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
export const referralReportsSearch = z.object({
  from: date,
  to: date,
  organizationId: z.uuid().optional().catch(undefined),
  serviceId: z.uuid().optional().catch(undefined),
  initiativeId: initiativeParam,
});
export type ReferralReportsSearch = z.infer<typeof referralReportsSearch>;

const params = (s: ReferralReportsSearch) => ({
  from: s.from,
  to: s.to,
  organizationId: s.organizationId,
  serviceId: s.serviceId,
  initiativeId: s.initiativeId,
});

export const referralReportQuery = (s: ReferralReportsSearch) =>
  queryOptions({
    queryKey: ['referrals', 'reports', s],
    queryFn: () => api.get<ReferralReport>('/referrals/reports', params(s)),
    placeholderData: keepPreviousData,
  });

/** The completion-rate table as CSV, same filters; a plain link so the browser downloads it. */
export const organizationsCsvHref = (s: ReferralReportsSearch) => `/api${withQuery('/referrals/reports/organizations.csv', params(s))}`;
