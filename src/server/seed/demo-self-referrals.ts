import * as q from '../modules/self-referral/self-referral.queries.ts';
import { storeRequest } from '../modules/self-referral/self-referral.service.ts';
import type { DemoContext } from './demo.ts';
import { demoServiceId } from './demo-directory.ts';

// A few requests from the public self-referral form, so the review queue and its home task show
// something: five pending (English and Spanish, phone and/or email), one accepted into an existing
// participant and their referral, one dismissed as spam. They go through storeRequest, as the form does,
// so contact details and needs are encrypted like real ones. No email is sent: the seed is not the form.

const HOUR = 3_600_000;

type Request = Parameters<typeof storeRequest>[3] & { service: string; hoursAgo: number };

const PENDING: Request[] = [
  {
    service: 'State Tested Nursing Aide (STNA) Training',
    firstName: 'Yolanda',
    lastName: 'Pérez',
    phone: '(216) 555-0187',
    place: '44102',
    preferredLanguage: 'es',
    need: 'Quiero estudiar para ser auxiliar de enfermería. Trabajo de noche y necesito un horario de día.',
    locale: 'es',
    hoursAgo: 5,
  },
  {
    service: 'Eastside Child Care Assistance',
    firstName: 'Jamal',
    lastName: 'Turner',
    email: 'jamal.turner@example.com',
    phone: '(216) 555-0133',
    place: 'Cuyahoga',
    preferredLanguage: 'en',
    need: 'I start a new job next month and need care for my two kids (3 and 6) after school.',
    locale: 'en',
    hoursAgo: 20,
  },
  {
    service: 'Expungement and Record Sealing Clinic',
    firstName: 'Denise',
    lastName: 'Walker',
    email: 'denise.walker@example.com',
    place: '44060',
    preferredLanguage: 'en',
    need: 'An old misdemeanor keeps coming up on background checks for warehouse jobs.',
    locale: 'en',
    hoursAgo: 30,
  },
  {
    service: 'Mobile Food Pantry',
    firstName: 'Abdi',
    lastName: 'Hassan',
    phone: '(440) 555-0119',
    place: 'Lorain',
    preferredLanguage: 'so',
    need: 'Family of five, short on food until my first paycheck in two weeks.',
    locale: 'en',
    hoursAgo: 52,
  },
  {
    service: 'State Tested Nursing Aide (STNA) Training',
    firstName: 'Mei',
    lastName: 'Chen',
    email: 'mei.chen@example.com',
    place: '44115',
    preferredLanguage: 'en',
    need: 'I finished a caregiver course and want the state certification. When does the next class start?',
    locale: 'en',
    hoursAgo: 75,
  },
];

const SPAM: Request = {
  service: 'Mobile Food Pantry',
  firstName: 'Best',
  lastName: 'Deals',
  email: 'offers@cheap-pills.example',
  place: '00000',
  preferredLanguage: 'other',
  need: 'Cheap watches and pills, visit our website for the best offers today!!!',
  locale: 'en',
  hoursAgo: 96,
};

const at = (hoursAgo: number, now: number) => new Date(now - hoursAgo * HOUR);
const store = (ctx: DemoContext, r: Request, now: number) => {
  const { service, hoursAgo, ...form } = r;
  return storeRequest(ctx.ops, ctx.tx, demoServiceId(service), form, at(hoursAgo, now));
};

export async function seedDemoSelfReferrals(ctx: DemoContext, now = Date.now()) {
  const director = ctx.users.get('director@demo.braid.test') as string;
  for (const r of PENDING) await store(ctx, r, now);

  const spam = await store(ctx, SPAM, now);
  await q.decide(ctx.tx, spam, { status: 'dismissed', decided_by: director, dismiss_reason: 'spam', decision_note: 'Advertising' });

  // Accepted: a demo participant whose referral went to a service that takes self-referrals, as if the
  // request had been accepted into their existing record.
  const match = await ctx.tx
    .selectFrom('referral')
    .innerJoin('hsds_service', 'hsds_service.id', 'referral.service_id')
    .innerJoin('participant', 'participant.id', 'referral.participant_id')
    .select([
      'referral.id',
      'referral.participant_id',
      'referral.service_id',
      'referral.sent_at',
      'participant.first_name',
      'participant.last_name',
    ])
    .where('hsds_service.self_referral', '=', true)
    .where('referral.status', 'in', ['accepted', 'in_progress'])
    .orderBy('referral.sent_at', 'desc')
    .orderBy('referral.id')
    .executeTakeFirst();
  if (!match) return;
  const sentAt = new Date(match.sent_at as Date).getTime();
  const id = await storeRequest(
    ctx.ops,
    ctx.tx,
    match.service_id,
    {
      firstName: match.first_name,
      lastName: match.last_name,
      phone: '(216) 555-0164',
      place: 'Cuyahoga',
      preferredLanguage: 'en',
      need: 'I would like to sign up for this service; a friend told me about it.',
      locale: 'en',
    },
    new Date(sentAt - 6 * HOUR),
  );
  await q.decide(ctx.tx, id, { status: 'accepted', decided_by: director, participant_id: match.participant_id, referral_id: match.id });
}

export const selfReferralsDemoStep = {
  // The accepted request points at a demo referral, which the (heavy) referrals step creates.
  heavy: true,
  name: 'self-referrals: requests from the public form, pending, accepted and dismissed',
  async run(ctx: DemoContext) {
    await seedDemoSelfReferrals(ctx);
  },
};
