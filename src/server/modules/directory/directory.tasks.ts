import type { HomeTask } from '../../../shared/schemas/home.ts';
import type { Tx } from '../../db/tenant.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { directorySettings } from '../hsds/hsds.queries.ts';
import { staleCounts } from './directory.queries.ts';

// Home task of the directory: partner staff who maintain their organization's entries see how many
// need re-verification, linked to exactly those entries.
export async function directoryTasks(tx: Tx, p: Principal, now = new Date()): Promise<HomeTask[]> {
  if (!p.permissions.has('directory.maintain')) return [];
  const orgs = [...new Set(p.memberships.map((m) => m.organizationId))];
  const settings = await directorySettings(tx);
  const staleBefore = new Date(now.getTime() - (settings?.stale_after_days ?? 180) * 86_400_000);
  return (await staleCounts(tx, orgs, staleBefore)).map((o) => ({
    kind: 'services_need_reverification' as const,
    subject: o.name,
    subjectId: o.id,
    due: null,
    href: `/directory?stale=true&org=${o.id}`,
    count: o.count,
  }));
}
