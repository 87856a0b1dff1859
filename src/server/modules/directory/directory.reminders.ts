import type { Locale } from '../../../shared/roles.ts';
import { makeOps, type Services } from '../../platform/http.ts';
import { queueMail } from '../../platform/mail.ts';
import { mailDate, renderMail } from '../../platform/mail-templates.ts';
import { directorySettings } from '../hsds/hsds.queries.ts';
import { rolesWith } from '../referrals/referrals.escalation.ts';
import { usersInRoles } from '../referrals/referrals.queries.ts';
import { listTenants } from '../tenants/tenants.queries.ts';
import { markReminded, servicesToRemind } from './directory.queries.ts';

// Stale entries are what make a directory useless: each organization that owns entries not verified
// within the tenant's staleAfterDays gets one email listing them, and each entry is mentioned at most
// once per reverifyReminderDays. Their home page shows the same list as a task (home.service.ts).

export const REVERIFY_QUEUE = 'directory.reverify_reminders';

const DAY = 86_400_000;

/** One tenant, as of `now`. Returns the ids of the services whose owners were reminded. */
export async function remindStaleEntries(services: Services, tenantId: string, now: Date): Promise<string[]> {
  const { ops, flush } = makeOps(services, tenantId, { userId: null, label: 'directory reminders' });
  const reminded = await ops.tx(async (tx) => {
    const settings = await directorySettings(tx);
    const staleBefore = new Date(now.getTime() - (settings?.stale_after_days ?? 180) * DAY);
    const remindedBefore = new Date(now.getTime() - (settings?.reverify_reminder_days ?? 30) * DAY);
    const due = await servicesToRemind(tx, staleBefore, remindedBefore);
    const byOrg = new Map<string, typeof due>();
    for (const s of due) byOrg.set(s.organization_id, [...(byOrg.get(s.organization_id) ?? []), s]);
    const base = services.config.baseUrl;
    const sent: string[] = [];
    for (const [orgId, list] of byOrg) {
      // An organization nobody maintains yet is left for the next run, when someone may.
      const to = await usersInRoles(tx, rolesWith('directory.maintain'), orgId);
      if (to.length === 0) continue;
      // Each maintainer in their own language.
      const mailFor = (locale: Locale) =>
        renderMail('directory_reverify', locale, {
          organization: list[0].organization_name,
          entries: list.map((s) => ({
            name: s.name,
            verified: s.verified_at ? mailDate(new Date(s.verified_at).toISOString(), locale) : null,
            link: `${base}/directory/services/${s.id}`,
          })),
          allLink: `${base}/directory?stale=true&org=${orgId}`,
        });
      ops.afterCommit(async () => {
        for (const u of to) await queueMail(services.jobs, services.keyring, { to: u.email, ...mailFor(u.locale) });
      });
      await markReminded(
        tx,
        list.map((s) => s.id),
        now,
      );
      await ops.audit(tx, {
        action: 'directory.reverify_reminded',
        entityType: 'organization',
        entityId: orgId,
        details: { services: list.map((s) => s.id), recipients: to.length },
      });
      sent.push(...list.map((s) => s.id));
    }
    return sent;
  });
  await flush();
  return reminded;
}

/** The recurring job: every tenant, as of now. */
export function reverifyJobHandler(services: Services) {
  return async () => {
    for (const t of await listTenants(services.database.db)) {
      const done = await remindStaleEntries(services, t.id, new Date());
      if (done.length) services.log(`directory reminders: ${done.length} entries in tenant ${t.slug}`);
    }
  };
}
