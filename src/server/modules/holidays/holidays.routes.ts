import { idParams } from '../../../shared/schemas/common.ts';
import {
  holidayAdded,
  holidayBody,
  holidayList,
  holidayListQuery,
  holidayRemoved,
  usFederalHolidaysBody,
  usFederalHolidaysResult,
} from '../../../shared/schemas/holidays.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { holidaysPolicy as policy } from './holidays.policy.ts';
import * as holidays from './holidays.service.ts';

const tags = ['holidays'];

export function registerHolidayRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/settings/holidays',
      access: policy.read,
      summary: "The partnership's holidays of a year (default this year), skipped by business-day deadlines",
      tags,
      query: holidayListQuery,
      response: holidayList,
    },
    async ({ query }, ctx) => holidays.list(ctx, query.year),
  );
  r.add(
    {
      method: 'POST',
      url: '/settings/holidays',
      access: policy.manage,
      summary: 'Add a holiday; deadlines of referrals awaiting an answer whose window holds it move one business day later',
      tags,
      body: holidayBody,
      response: holidayAdded,
      status: 201,
    },
    async ({ body }, ctx) => holidays.add(ctx, body),
  );
  r.add(
    {
      method: 'POST',
      url: '/settings/holidays/us-federal',
      access: policy.manage,
      summary: "Add a year's observed US federal holidays (days already in the calendar stay as they are); deadlines follow",
      tags,
      body: usFederalHolidaysBody,
      response: usFederalHolidaysResult,
    },
    async ({ body }, ctx) => holidays.addUsFederal(ctx, body.year),
  );
  r.add(
    {
      method: 'DELETE',
      url: '/settings/holidays/:id',
      access: policy.manage,
      summary: 'Remove a holiday; deadlines of referrals awaiting an answer whose window holds it move back',
      tags,
      params: idParams,
      response: holidayRemoved,
    },
    async ({ params }, ctx) => holidays.remove(ctx, params.id),
  );
}
