import type { HomeTask } from '../../../shared/schemas/home.ts';
import type { Tx } from '../../db/tenant.ts';
import { iso } from './bodies.service.ts';
import { redeclarationDue } from './interests.service.ts';
import { motionsAwaitingVote } from './motions.queries.ts';

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
