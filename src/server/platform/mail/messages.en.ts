// Every email Braid sends, in English. messages.es.ts has the same keys with the same variables (the type
// below makes tsc hold it to that, messages.test.ts checks it again at run time). Render through
// renderMail (platform/mail-templates.ts), which picks the recipient's language.
//
// Links carry their token in the fragment (#token=…), which browsers never send to a server, so it cannot
// land in an access log. Emails about referrals and self-referrals name services and organizations, never
// the person: a mailbox may be shared, and email is not a safe place for someone's need.

export interface Mail {
  subject: string;
  text: string;
}

/** A referral in an escalation email: names of services and organizations, a due date, a link. */
export interface EscalatedLine {
  service: string;
  receiver: string;
  /** Null for a self-referral. */
  sender: string | null;
  due: string;
  again: boolean;
  link: string;
}

/** A referral whose answer deadline a holiday change moved: names of services and organizations, two dates, a link. */
export interface MovedLine {
  service: string;
  receiver: string;
  /** Null for a self-referral. */
  sender: string | null;
  from: string;
  to: string;
  link: string;
}

/** A list of names as a sentence: "A", "A and B", "A, B and C" (`and` in the language of the email). */
export const listed = (names: string[], and: string) =>
  names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`;

/** A stale directory entry in a re-verification reminder. */
export interface StaleLine {
  name: string;
  /** Null: never verified. */
  verified: string | null;
  link: string;
}

export type Urgency = 'routine' | 'soon' | 'urgent';

const urgency: Record<Urgency, string> = { routine: 'routine', soon: 'soon', urgent: 'urgent' };

export const en = {
  invitation: (v: { name: string; tenant: string; inviter: string; days: string; link: string }): Mail => ({
    subject: `You're invited to ${v.tenant} on Braid`,
    text: `Hello ${v.name},\n\n${v.inviter} invited you to join ${v.tenant} on Braid.\n\nChoose your password here (the link works once and expires in ${v.days} days):\n${v.link}\n\nIf you did not expect this, you can ignore this email.\n`,
  }),

  password_reset: (v: { name: string; minutes: string; link: string }): Mail => ({
    subject: 'Reset your Braid password',
    text: `Hello ${v.name},\n\nSomeone (hopefully you) asked to reset your Braid password. Choose a new one here; the link works once and expires in ${v.minutes} minutes:\n${v.link}\n\nIf you did not ask for this, ignore this email: your password stays as it is.\n`,
  }),

  // To the person who asked through the public self-referral form: what happens next, and nothing of
  // what they wrote.
  self_referral_received: (v: { service: string; organization: string; partnership: string }): Mail => ({
    subject: `We received your request: ${v.service}`,
    text: `Hello,\n\nThank you for asking for help with ${v.service} (${v.organization}). ${v.partnership} received your request.\n\nWhat happens next: a person on our team reads every request and will contact you by phone or email, in the language you chose. If the service is right for you, they will pass your request on to ${v.organization}, as you agreed on the form. You do not need to do anything now.\n\nIf you did not send this request, you can ignore this email.\n`,
  }),

  // To the reviewers (referrals.manage), throttled per reviewer (self-referral.service.ts).
  self_referral_review: (v: { service: string; organization: string; waiting: number; link: string; minutes: number }): Mail => ({
    subject: v.waiting > 1 ? `${v.waiting} self-referral requests to review` : `New self-referral request: ${v.service}`,
    text:
      `A new request for ${v.service} (${v.organization}) arrived through the public self-referral form.` +
      `${v.waiting > 1 ? ` ${v.waiting} requests are waiting for review in all.` : ''}\n\n` +
      `Review them in Braid: ${v.link}\n\n` +
      `Braid sends at most one of these emails every ${v.minutes} minutes; requests that arrive in between wait in the same queue and on your home page.\n`,
  }),

  // To the receiving organization's staff.
  referral_received: (v: { service: string; urgency: Urgency; link: string }): Mail => ({
    subject: `New referral to ${v.service}`,
    text: `A new ${urgency[v.urgency]} referral to ${v.service} is waiting for your answer.\n\nOpen it in Braid: ${v.link}\n`,
  }),

  // To the intermediary's oversight, once per escalation run.
  referral_escalated: (v: { referrals: EscalatedLine[]; listLink: string }): Mail => ({
    subject: v.referrals.length === 1 ? `Overdue referral to ${v.referrals[0].service}` : `${v.referrals.length} overdue referrals`,
    text: `These referrals have not been accepted by their deadline and are escalated to you:\n\n${v.referrals
      .map(
        (r) =>
          `- ${r.service} at ${r.receiver}, sent by ${r.sender ?? 'self-referral'}, due ${r.due}${r.again ? ' (escalated again)' : ''}\n  ${r.link}`,
      )
      .join('\n')}\n\nOpen the overdue referrals: ${v.listLink}\n`,
  }),

  // To both sides of the referrals a holiday change moved (holidays.service.ts): one email per person and
  // change, however many of their referrals moved.
  referral_deadlines_moved: (v: { added: string[]; removed: string[]; deadlines: MovedLine[] }): Mail => ({
    subject:
      v.deadlines.length === 1
        ? `Answer deadline moved: ${v.deadlines[0].service}`
        : `${v.deadlines.length} referral answer deadlines moved`,
    text: `The partnership's holiday calendar changed (${[
      v.added.length ? `${listed(v.added, 'and')} added` : '',
      v.removed.length ? `${listed(v.removed, 'and')} removed` : '',
    ]
      .filter(Boolean)
      .join('; ')}). Deadlines count business days without holidays, so ${
      v.deadlines.length === 1
        ? 'this referral awaiting an answer has a new deadline'
        : 'these referrals awaiting an answer have new deadlines'
    }:\n\n${v.deadlines
      .map((r) => `- ${r.service} at ${r.receiver}, sent by ${r.sender ?? 'self-referral'}: now due ${r.to} (was ${r.from})\n  ${r.link}`)
      .join('\n')}\n\nEach referral's history shows the change.\n`,
  }),

  // To the maintainers of an organization's directory entries.
  directory_reverify: (v: { organization: string; entries: StaleLine[]; allLink: string }): Mail => ({
    subject:
      v.entries.length === 1
        ? `Please confirm your directory entry: ${v.entries[0].name}`
        : `${v.entries.length} directory entries need re-verification`,
    text:
      `Navigators refer people to ${v.organization} using these entries of the service directory, which nobody has confirmed for a while:\n\n` +
      `${v.entries.map((s) => `- ${s.name} (last verified ${s.verified ?? 'never'})\n  ${s.link}`).join('\n')}\n\n` +
      `Open each one: if nothing has changed, one click on "Confirm the entry is current" is enough; otherwise edit it.\n` +
      `All of them: ${v.allLink}\n`,
  }),

  // To an employer contact: the survey link (new on each reminder, since only its hash is kept).
  survey_invitation: (v: {
    name: string;
    tenant: string;
    organization: string;
    title: string;
    intro: string | null;
    link: string;
    expires: string;
  }): Mail => ({
    subject: `${v.tenant}: ${v.title}`,
    text: `Hello ${v.name},\n\n${v.tenant} asks ${v.organization} a few questions about its hiring needs: "${v.title}".\n\n${v.intro ? `${v.intro}\n\n` : ''}Answer here. No account is needed; the link is yours alone, works for one set of answers and expires on ${v.expires}:\n${v.link}\n\nThank you.\n`,
  }),

  survey_reminder: (v: {
    name: string;
    tenant: string;
    organization: string;
    title: string;
    intro: string | null;
    link: string;
    expires: string;
  }): Mail => ({
    subject: `Reminder: ${v.tenant}: ${v.title}`,
    text: `Hello ${v.name},\n\n${v.tenant} would still like to hear from ${v.organization} about its hiring needs: "${v.title}".\n\n${v.intro ? `${v.intro}\n\n` : ''}Answer here. No account is needed; this new link replaces the earlier one, is yours alone, works for one set of answers and expires on ${v.expires}:\n${v.link}\n\nIf you have already answered, thank you: you can ignore this email.\n`,
  }),
};

export type Messages = typeof en;
