import { referralReport, referralReportQuery } from '../../../shared/schemas/referral-reports.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { fileResponse } from '../../platform/uploads.ts';
import { referralReportsPolicy as policy } from './referrals.reports.policy.ts';
import * as reports from './referrals.reports.service.ts';

const tags = ['referrals'];

export function registerReferralReportRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/referrals/reports',
      access: policy.read,
      summary: 'Referral funnel, times to accept and complete, completion rates, overdue now and flows between organizations',
      tags,
      query: referralReportQuery,
      response: referralReport,
    },
    async ({ query }, ctx) => reports.report(ctx, query),
  );
  r.add(
    {
      method: 'GET',
      url: '/referrals/reports/organizations.csv',
      access: policy.read,
      summary: 'Completion rate by receiving organization as CSV (same filters as the report)',
      tags,
      query: referralReportQuery,
      response: fileResponse,
    },
    async ({ query }, ctx, reply) => {
      const { filename, csv } = await reports.organizationsCsv(ctx, query);
      reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${filename}"`);
      return Buffer.from(csv, 'utf8');
    },
  );
}
