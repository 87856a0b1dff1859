import type { HomeTask } from '../../../shared/schemas/home.ts';
import type { Tx } from '../../db/tenant.ts';
import { iso, laterDate, today } from './bodies.service.ts';
import { conflictsOf, redeclarationDue } from './interests.service.ts';
import { motionsAwaitingVote, organizationsOfMotions } from './motions.queries.ts';
import { meetingDate } from './motions.service.ts';

/** Home-page tasks for someone who serves in governance: the yearly re-declaration, votes waiting for them. */
export async function governanceTasks(tx: Tx, userId: string): Promise<HomeTask[]> {
  const tasks: HomeTask[] = [];
  const due = await redeclarationDue(tx, userId);
  if (due) {
    tasks.push({
      kind: 'interest_redeclaration_due',
      subject: String(due.activeDeclarations),
      subjectId: null,
      due: due.dueOn,
      href: '/governance/declarations',
    });
  }
  for (const m of await motionsAwaitingVote(tx, userId)) {
    // A recused member has nothing to do on it.
    const date = meetingDate(m.starts_at);
    const orgs = (await organizationsOfMotions(tx, [m.id])).map((o) => o.id);
    const conflicts = await conflictsOf(tx, [{ userId, represents: m.organization_id }], orgs, {
      from: date,
      to: laterDate(today(), date),
    });
    if (conflicts.has(userId)) continue;
    tasks.push({
      kind: 'motion_awaiting_vote',
      subject: m.title,
      subjectId: m.id,
      due: iso(m.starts_at),
      href: `/governance/motions/${m.id}`,
    });
  }
  return tasks;
}
