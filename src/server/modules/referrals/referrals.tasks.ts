import type { HomeTask } from '../../../shared/schemas/home.ts';
import type { Tx } from '../../db/tenant.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { orgsOf } from './referrals.policy.ts';
import { type ReferralFilter, tally } from './referrals.queries.ts';

// Home tasks of referrals, one per list rather than one per referral (a busy partnership's escalations
// were a wall of identical tasks): the intermediary's oversight sees how many were escalated to it; the
// receiving organization how many it has left unanswered past the deadline, the sending one how many of
// its own wait past it (to follow up). Each task counts exactly what its link lists, so a referral both
// escalated and received by the director's own organization is counted in both.
export async function referralTasks(tx: Tx, p: Principal, today = new Date().toISOString().slice(0, 10)): Promise<HomeTask[]> {
  const tasks: HomeTask[] = [];
  const group = async (kind: HomeTask['kind'], f: ReferralFilter, href: string) => {
    const { n, earliestDue } = await tally(tx, f);
    if (n > 0) tasks.push({ kind, subject: String(n), subjectId: null, due: earliestDue, href, count: n });
  };
  if (p.permissions.has('referrals.manage')) await group('referrals_escalated', { escalated: true }, '/referrals?box=all&escalated=true');
  const orgs = orgsOf(p);
  if (orgs.length > 0 && (p.permissions.has('referrals.receive') || p.permissions.has('referrals.manage')))
    await group('referrals_overdue_received', { inboxOrgs: orgs, overdueOn: today }, '/referrals?box=inbox&overdue=true');
  if (orgs.length > 0 && p.permissions.has('referrals.send'))
    await group('referrals_overdue_sent', { outboxOrgs: orgs, overdueOn: today }, '/referrals?box=outbox&overdue=true');
  return tasks;
}
