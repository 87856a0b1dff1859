import { randomUUID } from 'node:crypto';
import type { Locale } from '../../../shared/roles.ts';
import type { Tx } from '../../db/tenant.ts';
import type { Ops } from '../../platform/http.ts';
import { queueMail } from '../../platform/mail.ts';
import { mailDate, renderMail } from '../../platform/mail-templates.ts';
import * as q from './referrals.queries.ts';

// A holiday change moved referral deadlines (holidays.service.ts): both sides are told, as they are of
// every other step. Each referral's timeline gets an entry (its status unchanged), and each person of the
// receiving organization's staff and each sender gets ONE email per change listing their moved
// referrals: a year of federal holidays moving forty deadlines is one email, not forty. The email names
// services and organizations, never the participant, like every referral email.

/** A deadline a holiday change moved; `started` is the day its window opened (sent or last reopened). */
export interface MovedDeadline {
  referralId: string;
  started: string;
  from: string;
  to: string;
}

/** The holidays a change added and removed. */
export interface HolidayChange {
  added: { day: string; name: string }[];
  removed: { day: string; name: string }[];
}

const shortDate = (isoDate: string) =>
  new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );

/** "holiday Christmas Day added", "holidays Memorial Day, Juneteenth added; holiday Agency closure removed". */
function changeNote(added: string[], removed: string[]): string {
  const part = (names: string[], verb: string) => (names.length ? `holiday${names.length > 1 ? 's' : ''} ${names.join(', ')} ${verb}` : '');
  return [part(added, 'added'), part(removed, 'removed')].filter(Boolean).join('; ');
}

/** Timeline entries, in the transaction that moved the deadlines; the emails once it commits. */
export async function tellDeadlinesMoved(ops: Ops, tx: Tx, moved: MovedDeadline[], change: HolidayChange): Promise<void> {
  if (moved.length === 0) return;
  const at = new Date();
  // The holidays that moved a referral are the changed days inside its window (the old one: the new one
  // only grew past days that were not changed).
  const why = new Map(
    moved.map((m) => {
      const inWindow = (h: { day: string }) => h.day > m.started && h.day <= m.from;
      return [
        m.referralId,
        { added: change.added.filter(inWindow).map((h) => h.name), removed: change.removed.filter(inWindow).map((h) => h.name) },
      ];
    }),
  );
  for (const m of moved) {
    const w = why.get(m.referralId) ?? { added: [], removed: [] };
    await q.insertEvent(tx, {
      id: randomUUID(),
      tenant_id: ops.tenantId,
      referral_id: m.referralId,
      at,
      user_id: ops.actor.userId,
      organization_id: null,
      // Not a status the referral takes: like `escalated`, a step on its timeline (it stays `sent`).
      status: 'deadline_moved',
      note: `Answer due moved from ${shortDate(m.from)} to ${shortDate(m.to)}: ${changeNote(w.added, w.removed)}`,
    });
  }

  // Who hears about which referrals: the receiving staff (as for a new referral) and the sender.
  const ids = moved.map((m) => m.referralId);
  const rows = new Map((await q.referralsByIds(tx, ids).execute()).map((r) => [r.id, r]));
  const inbox = new Map<string, { locale: Locale; ids: Set<string> }>();
  const tell = (email: string, locale: Locale, id: string) => {
    const entry = inbox.get(email) ?? { locale, ids: new Set<string>() };
    entry.ids.add(id);
    inbox.set(email, entry);
  };
  const staff = new Map<string, Awaited<ReturnType<typeof q.recipientsOf>>>();
  for (const r of rows.values()) {
    if (!staff.has(r.receiving_organization_id))
      staff.set(r.receiving_organization_id, await q.recipientsOf(tx, r.receiving_organization_id));
    for (const u of staff.get(r.receiving_organization_id) ?? []) tell(u.email, u.locale, r.id);
  }
  for (const s of await q.sendersOf(tx, ids)) tell(s.email, s.locale, s.referral_id);

  const base = ops.services.config.baseUrl;
  const mails = [...inbox].map(([to, { locale, ids: theirs }]) => {
    const mine = moved.filter((m) => theirs.has(m.referralId) && rows.has(m.referralId));
    const names = (pick: 'added' | 'removed') => [...new Set(mine.flatMap((m) => why.get(m.referralId)?.[pick] ?? []))];
    const mail = renderMail('referral_deadlines_moved', locale, {
      added: names('added'),
      removed: names('removed'),
      deadlines: mine.map((m) => {
        const r = rows.get(m.referralId) as q.ReferralRow;
        return {
          service: r.service_name,
          receiver: r.receiver_name,
          sender: r.sender_name,
          from: mailDate(m.from, locale),
          to: mailDate(m.to, locale),
          link: `${base}/referrals/${r.id}`,
        };
      }),
    });
    return { to, ...mail };
  });
  ops.afterCommit(async () => {
    for (const mail of mails) await queueMail(ops.services.jobs, ops.services.keyring, mail);
  });
}
