import { homeSummary } from '../../../shared/schemas/home.ts';
import type { RouteRegistry } from '../../platform/http.ts';
import { homePolicy } from './home.policy.ts';
import { summary } from './home.service.ts';

export function registerHomeRoutes(r: RouteRegistry): void {
  r.add(
    {
      method: 'GET',
      url: '/home',
      access: homePolicy.view,
      summary: 'Your tasks and the partnership at a glance',
      tags: ['home'],
      response: homeSummary,
    },
    async (_i, ctx) => summary(ctx),
  );
}
