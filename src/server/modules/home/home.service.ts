import type { HomeSummary, HomeTask } from '../../../shared/schemas/home.ts';
import type { Context } from '../../platform/http.ts';
import { directoryTasks } from '../directory/directory.tasks.ts';
import { employerTasks } from '../employers/employers.service.ts';
import { governanceTasks } from '../governance/governance.tasks.ts';
import { caseloadTasks } from '../participants/caseload.tasks.ts';
import { referralTasks } from '../referrals/referrals.tasks.ts';
import { selfReferralTasks } from '../self-referral/self-referral.service.ts';
import { taTasks } from '../ta/ta.service.ts';
import { counts, expiringTokens, incompleteOrganizations, pendingInvitations } from './home.queries.ts';

// The home page lists what this person should do next. Each later module adds its own tasks here
// (follow-ups, referrals awaiting a reply, votes…), gated by the caller's permissions.
export async function summary(ctx: Context): Promise<HomeSummary> {
  const p = ctx.principal;
  return ctx.tx(async (tx) => {
    const tasks: HomeTask[] = [];
    if (p.roles.length === 0) {
      tasks.push({ kind: 'no_membership', subject: p.tenantName, subjectId: null, due: null, href: '/account' });
    }
    if (p.permissions.has('users.manage')) {
      for (const u of await pendingInvitations(tx)) {
        tasks.push({
          kind: 'pending_invitation',
          subject: u.name,
          subjectId: u.id,
          due: u.expires_at ? new Date(u.expires_at).toISOString() : null,
          href: `/admin/users/${u.id}`,
        });
      }
    }
    if (p.permissions.has('organizations.manage')) {
      for (const o of await incompleteOrganizations(tx)) {
        tasks.push({ kind: 'organization_incomplete', subject: o.name, subjectId: o.id, due: null, href: `/admin/organizations/${o.id}` });
      }
    }
    for (const t of await expiringTokens(tx, p.userId, new Date(Date.now() + 14 * 86_400_000))) {
      tasks.push({
        kind: 'token_expiring',
        subject: t.name,
        subjectId: t.id,
        due: t.expires_at ? new Date(t.expires_at).toISOString() : null,
        href: '/account',
      });
    }
    if (p.permissions.has('governance.participate')) tasks.push(...(await governanceTasks(tx, p.userId)));
    if (p.permissions.has('ta.request')) tasks.push(...(await taTasks(tx, p.userId)));
    if (p.permissions.has('participants.manage')) tasks.push(...(await caseloadTasks(tx, p)));
    if (p.permissions.has('employers.manage')) tasks.push(...(await employerTasks(tx, p.userId)));
    if (p.permissions.has('referrals.manage')) tasks.push(...(await selfReferralTasks(tx)));
    tasks.push(...(await referralTasks(tx, p)));
    tasks.push(...(await directoryTasks(tx, p)));
    const c = await counts(tx, p.userId);
    return {
      tasks,
      counts: {
        organizations: p.permissions.has('organizations.read') ? c.organizations : 0,
        users: p.permissions.has('users.read') ? c.users : 0,
        activeSessions: c.activeSessions,
      },
    };
  });
}
