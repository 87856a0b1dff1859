import { EXIT_AFTER_DAYS } from '../../../shared/schemas/casework.ts';
import type { HomeTask } from '../../../shared/schemas/home.ts';
import type { Tx } from '../../db/tenant.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { dueSteps } from '../casework/casework.queries.ts';
import { expiringConsents } from '../consent/consent.queries.ts';
import { dueFollowUps, proposedExits } from '../enrollment/enrollment.queries.ts';
import { viewerOf } from './participants.policy.ts';

// A navigator's caseload tasks for the home page: follow-ups whose window opens within two weeks,
// plan steps due within a week (or overdue), consents ending within 30 days, and proposed exits.
const PER_KIND = 20;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export async function caseloadTasks(tx: Tx, principal: Principal): Promise<HomeTask[]> {
  const owners = viewerOf(principal).ownerOrgIds;
  if (owners.length === 0) return [];
  // Each task opens the participant on the tab where it is dealt with (web: ParticipantPage's ?tab=).
  const href = (id: string, tab: 'followUps' | 'plan' | 'consent' | 'programs') => `/participants/${id}?tab=${tab}`;
  const name = (r: { first_name: string; last_name: string }) => `${r.first_name} ${r.last_name}`;
  const [followUps, steps, consents, exits] = await Promise.all([
    dueFollowUps(tx, owners, day(14), PER_KIND),
    dueSteps(tx, owners, day(7), PER_KIND),
    expiringConsents(tx, owners, 30),
    proposedExits(tx, owners, day(0), EXIT_AFTER_DAYS, PER_KIND),
  ]);
  return [
    ...followUps.map((f) => ({
      kind: 'follow_up_due' as const,
      subject: name(f),
      subjectId: f.participant_id,
      due: f.window_end,
      href: href(f.participant_id, 'followUps'),
    })),
    ...steps.map((s) => ({
      kind: 'plan_step_due' as const,
      subject: name(s),
      subjectId: s.participant_id,
      due: s.due_date,
      href: href(s.participant_id, 'plan'),
    })),
    ...consents.slice(0, PER_KIND).map((c) => ({
      kind: 'consent_expiring' as const,
      subject: name(c),
      subjectId: c.participant_id,
      due: c.expires_on,
      href: href(c.participant_id, 'consent'),
    })),
    ...exits.map((e) => ({
      kind: 'exit_proposed' as const,
      subject: name(e),
      subjectId: e.participant_id,
      due: e.last_qualifying ?? e.entry_date,
      href: href(e.participant_id, 'programs'),
    })),
  ];
}
