import type { Insertable } from 'kysely';
import type { Tx } from '../db/tenant.ts';
import type { DB } from '../db/types.ts';
import { addBusinessDays, holidaysAfter } from '../modules/holidays/holidays.calendar.ts';
import { firstEscalationNote } from '../modules/referrals/referrals.escalation.ts';
import type { DemoContext } from './demo.ts';
import { DEMO_SERVICES, demoServiceId } from './demo-directory.ts';
import { demoUuid, prng } from './demo-participants.ts';

// A year of closed-loop referrals between the demo organizations, in every state: awaiting an answer,
// overdue, accepted, in progress, completed, not completed, declined (some with a suggested service) and
// reopened. Each one is sent only while an active consent of the participant covers the receiving
// organization and the data sent, as POST /api/referrals insists; the consent is recorded on the referral.
// Unlike the participants (fixed "today"), the year ends today, so "overdue now" and recent work are real
// whenever the demo is loaded. Rows are inserted in batches: the step takes well under a second.

const DAY = 86_400_000;
const HOUR = 3_600_000;

type Rows<T extends keyof DB> = Insertable<DB[T]>[];

async function insertAll<T extends keyof DB>(tx: Tx, table: T, rows: Rows<T>) {
  for (let i = 0; i < rows.length; i += 400) {
    await tx
      .insertInto(table)
      .values(rows.slice(i, i + 400) as never)
      .execute();
  }
}

const REASONS: Record<string, string[]> = {
  training: ['Ready to start a healthcare credential', 'Wants the next cohort; meets the entry requirements'],
  childcare: ['Needs childcare to attend clinicals', 'Evening childcare for second-shift training'],
  transportation: ['No reliable ride to the training site', 'Car broke down; at risk of missing class'],
  housing: ['Facing eviction this month', 'Staying with friends; needs stable housing to keep the job'],
  legal_aid: ['Old record blocks the background check', 'Suspended license limits job options'],
  financial_coaching: ['Wants a budget before the first paycheck', 'Debt in collections; needs a plan'],
  food: ['Household short on food until the first paycheck', 'Needs help applying for SNAP'],
  behavioral_health: ['Asked for counselling support', 'Stress is getting in the way of training'],
};
const DECLINES = ['No openings until next quarter', 'Outside our service area', 'Participant did not meet the age requirement'];
const NOT_COMPLETED = ['Participant stopped responding after two visits', 'Moved out of the county', 'Chose another program'];
const COMPLETED = ['Service delivered; participant enrolled', 'Completed; follow-up in 30 days', 'Finished all sessions'];

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

export async function seedDemoReferrals(ctx: DemoContext, now = Date.now()): Promise<Record<string, number>> {
  const { tx, tenantId } = ctx;
  const r = prng(20261210);
  const navigator = ctx.users.get('navigator@demo.braid.test') ?? null;
  const category = new Map(DEMO_SERVICES.map((s) => [demoServiceId(s.name), s.category]));
  const services = await tx
    .selectFrom('hsds_service')
    .innerJoin('organization', 'organization.id', 'hsds_service.organization_id')
    .select(['hsds_service.id', 'hsds_service.organization_id', 'organization.kind'])
    .where('hsds_service.id', 'in', [...category.keys()])
    .execute();
  const consents = await tx
    .selectFrom('consent')
    .innerJoin('participant', 'participant.id', 'consent.participant_id')
    .select([
      'consent.id',
      'consent.participant_id',
      'participant.owner_organization_id',
      'consent.recipient_organization_ids',
      'consent.recipient_kinds',
      'consent.categories',
      'consent.given_at',
      'consent.expires_on',
      'consent.revoked_at',
    ])
    .orderBy('consent.id')
    .execute();

  const holidays = await holidaysAfter(tx);
  const referrals: Rows<'referral'> = [];
  const events: Rows<'referral_event'> = [];
  const yearAgo = now - 365 * DAY;
  for (const c of consents) {
    const start = Math.max(new Date(c.given_at).getTime(), yearAgo);
    const ends = [
      now - HOUR,
      c.expires_on ? Date.parse(`${c.expires_on}T00:00:00Z`) : now,
      c.revoked_at ? new Date(c.revoked_at).getTime() : now,
    ];
    const end = Math.min(...ends);
    if (end - start < DAY || !c.categories.includes('contact')) continue;
    const covered = services.filter(
      (s) =>
        (c.recipient_organization_ids.includes(s.organization_id) || c.recipient_kinds.includes(s.kind)) &&
        s.organization_id !== c.owner_organization_id,
    );
    if (covered.length === 0) continue;
    const n = r.weighted([
      [1, 5],
      [2, 3],
      [3, 1],
    ] as const);
    for (let k = 0; k < n; k++) {
      const id = demoUuid(`referral:${c.id}:${k}`);
      const service = r.pick(covered);
      const cat = category.get(service.id) ?? 'training';
      const sent = start + Math.floor(r.next() * (end - start));
      const age = now - sent;
      const dueOn = addBusinessDays(new Date(sent), 3, holidays);
      const sender = c.owner_organization_id;
      const event = (at: number, status: string, note: string | null = null) =>
        events.push({
          id: demoUuid(`referral-event:${id}:${events.length}`),
          tenant_id: tenantId,
          referral_id: id,
          at: new Date(at),
          user_id: status === 'sent' ? navigator : null,
          organization_id: status === 'sent' ? sender : service.organization_id,
          status,
          note,
        });
      // Most answers come within a few business days; some take a week or two.
      const accepted =
        sent +
        r.weighted([
          [r.int(2, 20) * HOUR, 45],
          [r.int(1, 4) * DAY + r.int(0, 8) * HOUR, 40],
          [r.int(5, 15) * DAY, 15],
        ] as const);
      const completed = accepted + r.int(7, 75) * DAY;
      let plan = r.weighted([
        ['completed', 40],
        ['not_completed', 10],
        ['declined', 12],
        ['in_progress', 14],
        ['accepted', 8],
        ['overdue', 6],
        ['reopened', 5],
      ] as const) as string;
      // The answer cannot come after today: what has not happened yet is still pending.
      if (accepted > now || age < 2 * DAY) plan = age < 4 * DAY ? 'sent' : 'overdue';
      if ((plan === 'completed' || plan === 'not_completed' || plan === 'reopened') && completed > now) plan = 'in_progress';
      if (plan === 'overdue' && dueOn >= iso(now)) plan = 'sent';

      const row: Insertable<DB['referral']> = {
        id,
        tenant_id: tenantId,
        participant_id: c.participant_id,
        service_id: service.id,
        sender_organization_id: sender,
        sender_user_id: navigator,
        receiving_organization_id: service.organization_id,
        consent_id: c.id,
        categories: c.categories.includes('education_training') && r.chance(0.5) ? ['contact', 'education_training'] : ['contact'],
        status: plan === 'overdue' ? 'sent' : plan,
        urgency: r.weighted([
          ['routine', 70],
          ['soon', 22],
          ['urgent', 8],
        ] as const),
        reason: r.pick(REASONS[cat] ?? REASONS.training),
        due_on: dueOn,
        sent_at: new Date(sent),
        created_at: new Date(sent),
        updated_at: new Date(sent),
      };
      event(sent, 'sent');
      if (plan === 'declined') {
        const when = Math.min(sent + r.int(4, 60) * HOUR, now - HOUR);
        const alternatives = services.filter((s) => s.id !== service.id && category.get(s.id) === cat);
        Object.assign(row, {
          decline_reason: r.pick(DECLINES),
          suggested_service_id: alternatives.length && r.chance(0.6) ? r.pick(alternatives).id : null,
          closed_at: new Date(when),
        });
        event(when, 'declined', row.decline_reason as string);
      } else if (plan !== 'sent' && plan !== 'overdue') {
        row.accepted_at = new Date(accepted);
        event(accepted, 'accepted');
        const started = accepted + r.int(1, 5) * DAY;
        if (plan !== 'accepted' && started < now) event(started, 'in_progress');
        else if (plan === 'in_progress') row.status = 'accepted';
        if (plan === 'completed' || plan === 'not_completed' || plan === 'reopened') {
          const ok = plan === 'completed' || (plan === 'reopened' && r.chance(0.5));
          const status = ok ? 'completed' : 'not_completed';
          row.outcome = r.pick(ok ? COMPLETED : NOT_COMPLETED);
          row.closed_at = new Date(Math.max(completed, started + DAY));
          event(row.closed_at.getTime(), status, row.outcome);
          row.status = status;
          // Reopened by the sender: back to the receiver with a new deadline (and sometimes accepted again).
          const reopen = (row.closed_at as Date).getTime() + r.int(2, 20) * DAY;
          if (plan === 'reopened' && reopen < now - HOUR) {
            event(reopen, 'sent', 'Reopened: the participant asked to try again');
            Object.assign(row, {
              status: 'sent',
              accepted_at: null,
              closed_at: null,
              due_on: addBusinessDays(new Date(reopen), 3, holidays),
            });
            const again = reopen + r.int(3, 40) * HOUR;
            if (again < now - HOUR && r.chance(0.6)) {
              Object.assign(row, { status: 'accepted', accepted_at: new Date(again) });
              event(again, 'accepted');
            }
          }
        }
      }
      row.updated_at = new Date(Math.min(now, Math.max(sent, (row.closed_at as Date | undefined)?.getTime() ?? sent)));
      // Still unanswered after its deadline: the daily escalation job raised it the morning after, as it would
      // have while the partnership ran (left to the first start, a year's backlog was escalated and mailed at
      // once as news). No random draw: the rest of the demo is unchanged.
      const due = row.due_on as string;
      if (row.status === 'sent' && due < iso(now)) {
        const at = Math.min(Date.parse(`${due}T00:00:00Z`) + DAY + 7 * HOUR, now - HOUR);
        Object.assign(row, { escalation_level: 1, escalated_at: new Date(at), updated_at: new Date(at) });
        event(at, 'escalated', firstEscalationNote(due));
      }
      referrals.push(row);
    }
  }
  await insertAll(tx, 'referral', referrals);
  await insertAll(tx, 'referral_event', events);
  const counts: Record<string, number> = { referrals: referrals.length, events: events.length };
  for (const row of referrals) counts[row.status as string] = (counts[row.status as string] ?? 0) + 1;
  await ctx.ops.audit(tx, { action: 'demo.referrals_seeded', entityType: 'tenant', entityId: tenantId, details: counts });
  return counts;
}

export const referralsDemoStep = {
  // Needs the participants and their consents.
  heavy: true,
  name: 'referrals: a year of closed-loop referrals between partners, in every state',
  async run(ctx: DemoContext) {
    await seedDemoReferrals(ctx);
  },
};
