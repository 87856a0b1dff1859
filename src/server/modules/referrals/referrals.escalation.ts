import { randomUUID } from 'node:crypto';
import { type Locale, type Permission, ROLE_PERMISSIONS, ROLES } from '../../../shared/roles.ts';
import { makeOps, type Services } from '../../platform/http.ts';
import { queueMail } from '../../platform/mail.ts';
import { mailDate, renderMail } from '../../platform/mail-templates.ts';
import { addBusinessDays, holidaysAfter } from '../holidays/holidays.calendar.ts';
import { directorySettings } from '../hsds/hsds.queries.ts';
import { listTenants } from '../tenants/tenants.queries.ts';
import * as q from './referrals.queries.ts';

// Acceptance deadlines have teeth: a background job finds referrals newly past their deadline,
// escalates each once to the intermediary (timeline event, audit event, email), and optionally once
// more after further business days. Both sides see the overdue referral on their home page
// (home.service.ts). Idempotent: the referral's escalation level is raised in the same statement that
// decides it is due, so a second run, or a second worker, finds nothing more to do.

export const ESCALATION_QUEUE = 'referrals.escalate';

export const rolesWith = (permission: Permission) => ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export interface Escalation {
  referralId: string;
  level: 1 | 2;
}

/** The timeline's note of a first escalation (the demo writes the escalations of its past with it too). */
export const firstEscalationNote = (dueOn: string | null) => `Not accepted by ${dueOn}: escalated to the intermediary.`;

/** One tenant, as of `now` (the job passes the current time; tests pass a controlled one). */
export async function escalateOverdue(services: Services, tenantId: string, now: Date): Promise<Escalation[]> {
  const { ops, flush } = makeOps(services, tenantId, { userId: null, label: 'referral escalation' });
  const today = isoDay(now);
  const raised = await ops.tx(async (tx) => {
    const settings = await directorySettings(tx);
    const again = settings?.escalate_again_after_business_days ?? null;
    const done: { r: q.ReferralRow; level: 1 | 2; note: string }[] = [];
    for (const r of await q.unansweredAtLevel(tx, 0, today)) {
      if (await q.raiseEscalation(tx, r.id, 0, now)) done.push({ r, level: 1, note: firstEscalationNote(r.due_on) });
    }
    if (again) {
      const holidays = await holidaysAfter(tx);
      for (const r of await q.unansweredAtLevel(tx, 1, today)) {
        // The second level comes `again` business days after the first escalation, holidays skipped.
        if (!r.escalated_at || addBusinessDays(new Date(r.escalated_at), again, holidays) > today) continue;
        if (await q.raiseEscalation(tx, r.id, 1, now))
          done.push({ r, level: 2, note: `Still not accepted ${again} business days after escalation: escalated again.` });
      }
    }
    for (const { r, level, note } of done) {
      await q.insertEvent(tx, {
        id: randomUUID(),
        tenant_id: tenantId,
        referral_id: r.id,
        at: now,
        user_id: null,
        organization_id: null,
        status: 'escalated',
        note,
      });
      await ops.audit(tx, {
        action: 'referral.escalated',
        entityType: 'referral',
        entityId: r.id,
        details: { level, dueOn: r.due_on },
      });
    }
    if (done.length === 0) return done;
    // One email per person of the intermediary's oversight, in their language, naming services and
    // organizations, never the participant.
    const to = await q.usersInRoles(tx, rolesWith('referrals.manage'));
    const base = services.config.baseUrl;
    const mailFor = (locale: Locale) =>
      renderMail('referral_escalated', locale, {
        referrals: done.map(({ r, level }) => ({
          service: r.service_name,
          receiver: r.receiver_name,
          sender: r.sender_name,
          due: r.due_on ? mailDate(r.due_on, locale) : '—',
          again: level === 2,
          link: `${base}/referrals/${r.id}`,
        })),
        listLink: `${base}/referrals?box=all&overdue=true`,
      });
    ops.afterCommit(async () => {
      for (const u of to) await queueMail(services.jobs, services.keyring, { to: u.email, ...mailFor(u.locale) });
    });
    return done;
  });
  await flush();
  return raised.map(({ r, level }) => ({ referralId: r.id, level }));
}

/** The recurring job: every tenant, as of now. */
export function escalationJobHandler(services: Services) {
  return async () => {
    for (const t of await listTenants(services.database.db)) {
      const done = await escalateOverdue(services, t.id, new Date());
      if (done.length) services.log(`referral escalation: ${done.length} escalated in tenant ${t.slug}`);
    }
  };
}
