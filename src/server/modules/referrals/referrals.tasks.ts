import type { HomeTask } from '../../../shared/schemas/home.ts';
import type { Tx } from '../../db/tenant.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { orgsOf } from './referrals.policy.ts';
import { overdueOf } from './referrals.queries.ts';

// Home tasks of referrals: the intermediary's oversight sees what was escalated to it; the sending and
// the receiving organization both see their unanswered referrals past the deadline (the receiver to
// answer, the sender to follow up). A referral shows once per person.
export async function referralTasks(tx: Tx, p: Principal, today = new Date().toISOString().slice(0, 10)): Promise<HomeTask[]> {
  const tasks: HomeTask[] = [];
  const seen = new Set<string>();
  const task = (kind: 'referral_overdue' | 'referral_escalated', r: { id: string; service_name: string; due_on: string | null }) => {
    if (seen.has(r.id)) return;
    seen.add(r.id);
    tasks.push({ kind, subject: r.service_name, subjectId: r.id, due: r.due_on, href: `/referrals/${r.id}` });
  };
  if (p.permissions.has('referrals.manage')) {
    for (const r of await overdueOf(tx, { inboxOrgs: [], outboxOrgs: [], escalatedOnly: true }, today)) task('referral_escalated', r);
  }
  const orgs = orgsOf(p);
  const receives = p.permissions.has('referrals.receive') || p.permissions.has('referrals.manage');
  const sends = p.permissions.has('referrals.send');
  if (orgs.length > 0 && (receives || sends)) {
    const f = { inboxOrgs: receives ? orgs : [], outboxOrgs: sends ? orgs : [] };
    for (const r of await overdueOf(tx, f, today)) task('referral_overdue', r);
  }
  return tasks;
}
