import type { Access, Context } from '../../platform/http.ts';

// Technical assistance: partner staff (and intermediary staff) ask for help for their own
// organization and see their organization's requests; 'ta.manage' (director, business services)
// triages, assigns, resolves, runs capacity-building events and sees the recurring-needs view.
// The person assigned to a request sees it too. Others' requests answer 404.
export const taPolicy = {
  request: 'ta.request',
  manage: 'ta.manage',
} as const satisfies Record<string, Access>;

export interface TaViewer {
  userId: string;
  manager: boolean;
  organizationIds: string[];
}

export function taViewerOf(ctx: Context): TaViewer {
  return {
    userId: ctx.principal.userId,
    manager: ctx.principal.permissions.has('ta.manage'),
    organizationIds: ctx.principal.organizationIds,
  };
}
