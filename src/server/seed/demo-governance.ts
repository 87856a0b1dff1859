import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Tx } from '../db/tenant.ts';
import type { DB } from '../db/types.ts';
import { closeMotionIn, mustSeeMotion } from '../modules/governance/motions.service.ts';
import { createInitiativeIn } from '../modules/initiatives/initiatives.service.ts';
import { replaceIndicators } from '../modules/strategies/strategies.queries.ts';
import type { Ops } from '../platform/http.ts';
import { DEMO_REGION } from './demo-partnership.ts';

// The partnership workspace of the demo: the initiative with its partners and commitments, the
// steering committee (9 seats, 7 voting) and the employer council with a year of meetings, minutes
// and motions (one a provider selection where a member with a declared interest is recused), two
// systems-change strategies, and technical-assistance requests with two capacity-building events.
// Deterministic: fixed dates and hand-written votes; every outcome is computed by the same code the
// API uses (closeMotionIn), never typed. Rows are written in batches.

interface Ctx {
  ops: Ops;
  tx: Tx;
  tenantId: string;
  organizations: Map<string, string>;
  users: Map<string, string>;
}

const at = (date: string, time = '17:00') => new Date(`${date}T${time}:00Z`);
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);

/** People who sit on the bodies but have no demo login (they can set a password by reset). */
const PEOPLE = [
  { key: 'denise', name: 'Denise Okafor', email: 'denise.okafor@demo.braid.test', org: 'lorain-valley' },
  { key: 'luis', name: 'Luis Ortega', email: 'luis.ortega@demo.braid.test', org: 'college' },
  { key: 'sharon', name: 'Sharon Whitaker', email: 'sharon.whitaker@demo.braid.test', org: 'union-fund' },
  { key: 'paul', name: 'Paul Brennan', email: 'paul.brennan@demo.braid.test', org: 'wdb' },
  { key: 'monica', name: 'Monica Reyes', email: 'monica.reyes@demo.braid.test', org: 'northshore-clinics' },
];
const LOGINS: Record<string, string> = {
  robert: 'board@demo.braid.test',
  alan: 'employer@demo.braid.test',
  grace: 'funder@demo.braid.test',
  keisha: 'partner@demo.braid.test',
  marcus: 'director@demo.braid.test',
  priya: 'business@demo.braid.test',
  tom: 'analyst@demo.braid.test',
};

const STEERING_VOTING = ['robert', 'alan', 'grace', 'keisha', 'denise', 'luis', 'sharon'];
const STEERING_DATES = [
  '2025-12-18',
  '2026-01-15',
  '2026-02-19',
  '2026-03-19',
  '2026-04-16',
  '2026-05-21',
  '2026-06-18',
  '2026-07-16',
  '2026-08-20',
  '2026-09-17',
  '2026-10-15',
  '2026-11-19',
];
const MONTH = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

type Vote = 'yes' | 'no' | 'abstain';
interface DemoMotion {
  title: string;
  resolution?: string;
  orgs?: string[];
  /** Votes that are not "yes"; everyone else present and eligible votes yes. */
  except?: Record<string, Vote>;
  /** Members who do not vote (the API would refuse them: they are recused). */
  noVote?: string[];
  award?: boolean;
}

/** Substantive motions by steering meeting (index into STEERING_DATES). */
const STEERING_MOTIONS: Record<number, DemoMotion[]> = {
  0: [{ title: 'Elect Robert Hayes chair for 2026', except: { robert: 'abstain' } }],
  1: [{ title: 'Adopt the 2026 partnership work plan', resolution: 'The steering committee adopts the 2026 work plan as presented.' }],
  3: [
    {
      title: 'Approve the data-sharing agreement with the Tri-County Workforce Development Board',
      orgs: ['wdb'],
      except: { keisha: 'abstain' },
    },
  ],
  5: [{ title: 'Issue a solicitation for career coaching and supportive services', except: { sharon: 'no' } }],
  7: [
    {
      title: 'Award the career coaching and supportive services contract to El Puente Family Services',
      award: true,
      except: { sharon: 'no' },
      noVote: ['robert'],
    },
  ],
  9: [{ title: "Endorse the employer council's skills-based hiring pledge" }],
  10: [
    {
      title: 'Set an $18/hour wage floor for job orders the partnership promotes',
      except: { robert: 'no', alan: 'no', luis: 'no' },
    },
  ],
  11: [{ title: 'Approve the FY2027 partnership budget', except: { alan: 'abstain' } }],
};

const COUNCIL_VOTING = ['alan', 'robert', 'denise', 'monica'];
const COUNCIL_DATES = ['2026-02-10', '2026-05-12', '2026-08-11', '2026-11-10'];
const COUNCIL_MOTIONS: Record<number, DemoMotion[]> = {
  0: [{ title: 'Adopt the employer council charter' }],
  1: [{ title: 'Pledge skills-based job descriptions for entry-level clinical roles', except: { denise: 'abstain' } }],
  2: [{ title: 'Commit 40 paid clinical externships for 2027', except: { robert: 'no' } }],
  3: [{ title: 'Commit 30 paid clinical externships for 2027' }],
};

export const governanceDemoStep = {
  name: 'partnership workspace: initiative, governance with a year of meetings, strategies, technical assistance',
  async run(ctx: Ctx): Promise<void> {
    const { ops, tx, tenantId } = ctx;
    const org = (key: string) => ctx.organizations.get(key) as string;
    const who: Record<string, string> = {};
    for (const [key, email] of Object.entries(LOGINS)) who[key] = ctx.users.get(email) as string;

    // People without a login, each belonging to their organization.
    for (const p of PEOPLE) who[p.key] = randomUUID();
    await tx
      .insertInto('user')
      .values(
        PEOPLE.map((p) => ({
          id: who[p.key],
          tenant_id: tenantId,
          email: p.email,
          name: p.name,
          status: 'active',
          locale: 'en',
          password_hash: null,
        })),
      )
      .execute();
    await tx
      .insertInto('membership')
      .values(
        PEOPLE.map((p) => ({
          id: randomUUID(),
          tenant_id: tenantId,
          user_id: who[p.key],
          organization_id: org(p.org),
          role: 'board_member',
        })),
      )
      .execute();
    for (const p of PEOPLE) ctx.users.set(p.email, who[p.key]);

    const initiativeId = await seedInitiative(ctx, org);
    const { steering, council } = await seedBodies(tx, tenantId, initiativeId, org, who);
    await seedDeclarations(tx, tenantId, org, who);
    const solicitation = await seedSolicitation(tx, tenantId, initiativeId, steering.id, org, who);

    const motions: { id: string; closedAt: Date }[] = [];
    await seedMeetings(ctx, {
      body: steering,
      dates: STEERING_DATES,
      voting: STEERING_VOTING,
      // A different member misses each meeting; every fourth meeting a second one does too.
      absent: (i) => [STEERING_VOTING[(i + 1) % 7], ...(i % 4 === 3 ? [STEERING_VOTING[(i + 3) % 7]] : [])],
      nonVotingPresent: (i) => (i % 2 === 0 ? ['marcus', 'paul'] : ['marcus']),
      motions: STEERING_MOTIONS,
      title: (d) => `Steering committee — ${MONTH(d)}`,
      next: { date: '2026-12-17', title: 'Steering committee — December 2026' },
      who,
      org,
      solicitation,
      collect: motions,
    });
    await seedMeetings(ctx, {
      body: council,
      dates: COUNCIL_DATES,
      voting: COUNCIL_VOTING,
      absent: (i) => (i === 1 ? ['monica'] : []),
      nonVotingPresent: () => ['priya'],
      motions: COUNCIL_MOTIONS,
      title: (d) => `Employer council — ${MONTH(d)}`,
      next: { date: '2027-02-09', title: 'Employer council — February 2027' },
      who,
      org,
      solicitation,
      collect: motions,
      time: '15:00',
    });
    // Outcomes, recusals, approved minutes and the award follow from the votes, in date order.
    const manager = { userId: who.marcus, manager: true };
    motions.sort((a, b) => a.closedAt.getTime() - b.closedAt.getTime());
    for (const m of motions) await closeMotionIn(ops, tx, await mustSeeMotion(tx, manager, m.id), m.closedAt);

    await seedStrategies(tx, tenantId, initiativeId, who);
    await seedTechnicalAssistance(tx, tenantId, initiativeId, org, who);
  },
};

async function seedInitiative(ctx: Ctx, org: (key: string) => string): Promise<string> {
  const { ops, tx, tenantId } = ctx;
  const initiativeId = await createInitiativeIn(ops, tx, {
    name: 'Northeast Ohio Healthcare Careers',
    sector: 'Healthcare',
    naicsCodes: ['621', '622', '623'],
    description: 'Employers, colleges, community organizations and public agencies opening pathways into good healthcare jobs.',
    goals: [
      'Place 600 residents in healthcare jobs paying at least $18 an hour by 2028',
      'Cut the median time to hire for entry-level clinical roles by 30%',
      'Half of placements from neighborhoods with above-median poverty',
    ],
    startsOn: '2025-07-01',
    endsOn: null,
    status: 'active',
    region: DEMO_REGION.map((code) => ({ kind: 'county' as const, code })),
  });
  const partners: [string, string, string | null][] = [
    ['metrocare', 'lead_employer', '2025-06-20'],
    ['lake-regional', 'lead_employer', '2025-06-27'],
    ['lorain-valley', 'lead_employer', '2025-07-10'],
    ['northshore-clinics', 'lead_employer', '2025-09-02'],
    ['college', 'training_partner', '2025-06-20'],
    ['eastside', 'community_partner', '2025-06-30'],
    ['el-puente', 'community_partner', '2025-07-15'],
    ['ajc', 'public_agency', '2025-07-01'],
    ['wdb', 'public_agency', '2025-06-18'],
    ['union-fund', 'union', '2025-08-12'],
    ['community-foundation', 'funder', '2025-06-10'],
    ['health-foundation', 'funder', '2025-10-01'],
  ];
  const partnerIds: Record<string, string> = Object.fromEntries(partners.map(([key]) => [key, randomUUID()]));
  await tx
    .insertInto('initiative_partner')
    .values(
      partners.map(([key, role, signed]) => ({
        id: partnerIds[key],
        tenant_id: tenantId,
        initiative_id: initiativeId,
        organization_id: org(key),
        role,
        agreement_signed_on: signed,
        agreement_starts_on: '2025-07-01',
        agreement_ends_on: '2028-06-30',
      })),
    )
    .execute();
  const commitments: [string, string, string, number | null, number | null, string, string][] = [
    ['metrocare', 'hires', 'Hire 120 partnership graduates into entry-level clinical roles', 120, null, '2026-12-31', 'in_progress'],
    ['metrocare', 'work_based_learning', 'Host 40 paid clinical externships', 40, null, '2027-06-30', 'committed'],
    ['lake-regional', 'hires', 'Hire 45 partnership graduates', 45, null, '2026-12-31', 'in_progress'],
    [
      'college',
      'training_seats',
      'Reserve 60 seats in patient care technician and phlebotomy cohorts',
      60,
      null,
      '2026-08-31',
      'fulfilled',
    ],
    [
      'community-foundation',
      'funding',
      'Operating grant for coaching and supportive services',
      null,
      45_000_000,
      '2026-06-30',
      'fulfilled',
    ],
    ['health-foundation', 'funding', 'Supportive services fund (childcare, transportation)', null, 25_000_000, '2027-06-30', 'committed'],
    ['wdb', 'data_sharing', 'Quarterly UI wage-record match for partnership participants', null, null, '2026-03-31', 'fulfilled'],
    ['union-fund', 'training_seats', 'Upgrading seats for incumbent nursing assistants', 25, null, '2026-12-31', 'in_progress'],
  ];
  await tx
    .insertInto('partner_commitment')
    .values(
      commitments.map(([key, kind, description, quantity, amount, due, status]) => ({
        id: randomUUID(),
        tenant_id: tenantId,
        initiative_partner_id: partnerIds[key],
        kind,
        description,
        quantity,
        amount_cents: amount,
        due_on: due,
        status,
      })),
    )
    .execute();
  return initiativeId;
}

async function seedBodies(tx: Tx, tenantId: string, initiativeId: string, org: (key: string) => string, who: Record<string, string>) {
  const steering = { id: randomUUID() };
  const council = { id: randomUUID() };
  await tx
    .insertInto('governance_body')
    .values([
      {
        id: steering.id,
        tenant_id: tenantId,
        initiative_id: initiativeId,
        name: 'Steering Committee',
        kind: 'steering_committee',
        charter:
          'The steering committee sets the direction of the Northeast Ohio Healthcare Careers partnership, approves its work plan and budget, and selects service providers. Seven voting members represent employers, education, labor, community organizations and funders; the partnership director and the workforce board serve ex officio without a vote. A majority of voting members is a quorum; motions pass by a majority of votes cast. Members declare their interests every year and are recused from any decision concerning an organization in which they have an interest.',
        quorum_kind: 'majority',
        quorum_value: null,
        passing_rule: 'majority_of_votes_cast',
      },
      {
        id: council.id,
        tenant_id: tenantId,
        initiative_id: initiativeId,
        name: 'Employer Council',
        kind: 'employer_council',
        charter:
          'Hiring leaders of the partner health systems agree on shared practices (job descriptions, externships, wages) by consensus.',
        quorum_kind: 'majority',
        quorum_value: null,
        passing_rule: 'consensus',
      },
    ])
    .execute();
  const seatRows: Insertable<DB['seat']>[] = [];
  const seat = (body: string, key: string, orgKey: string, voting: boolean, title: string | null) => {
    const id = randomUUID();
    seatRows.push({
      id,
      tenant_id: tenantId,
      body_id: body,
      user_id: who[key],
      organization_id: org(orgKey),
      title,
      voting,
      term_starts_on: '2025-07-01',
      term_ends_on: '2027-06-30',
    });
    return id;
  };
  const steeringSeats: Record<string, string> = {
    robert: seat(steering.id, 'robert', 'lake-regional', true, 'Chair'),
    alan: seat(steering.id, 'alan', 'metrocare', true, 'Vice chair'),
    grace: seat(steering.id, 'grace', 'community-foundation', true, null),
    keisha: seat(steering.id, 'keisha', 'eastside', true, null),
    denise: seat(steering.id, 'denise', 'lorain-valley', true, null),
    luis: seat(steering.id, 'luis', 'college', true, null),
    sharon: seat(steering.id, 'sharon', 'union-fund', true, 'Secretary'),
    marcus: seat(steering.id, 'marcus', 'intermediary', false, 'Partnership director (ex officio)'),
    paul: seat(steering.id, 'paul', 'wdb', false, 'Workforce board (ex officio)'),
  };
  const councilSeats: Record<string, string> = {
    alan: seat(council.id, 'alan', 'metrocare', true, 'Chair'),
    robert: seat(council.id, 'robert', 'lake-regional', true, null),
    denise: seat(council.id, 'denise', 'lorain-valley', true, null),
    monica: seat(council.id, 'monica', 'northshore-clinics', true, null),
    priya: seat(council.id, 'priya', 'intermediary', false, 'Business services (staff)'),
  };
  await tx.insertInto('seat').values(seatRows).execute();
  return { steering: { ...steering, seats: steeringSeats }, council: { ...council, seats: councilSeats } };
}

async function seedDeclarations(tx: Tx, tenantId: string, org: (key: string) => string, who: Record<string, string>) {
  const rows: [string, string, 'employment' | 'board_seat' | 'financial_interest' | 'family', string, string, string | null][] = [
    ['robert', 'el-puente', 'family', 'My spouse serves on the board of El Puente Family Services.', '2024-03-01', null],
    ['alan', 'college', 'board_seat', 'Member of the nursing program advisory board.', '2023-09-01', '2026-06-30'],
    ['luis', 'college', 'employment', 'Dean of Health Sciences.', '2019-08-01', null],
    ['grace', 'health-foundation', 'financial_interest', 'Consulting contract for grant reviews, 2026.', '2026-01-01', '2026-12-31'],
  ];
  await tx
    .insertInto('interest_declaration')
    .values(
      rows.map(([key, orgKey, kind, description, startsOn, endsOn]) => ({
        id: randomUUID(),
        tenant_id: tenantId,
        user_id: who[key],
        organization_id: org(orgKey),
        kind,
        description,
        starts_on: startsOn,
        ends_on: endsOn,
        created_at: at(startsOn < '2025-07-01' ? '2025-07-01' : startsOn, '14:00'),
      })),
    )
    .execute();
  // Yearly statements; the chair's is from November 2025, so his reminder is due.
  const affirmed: [string, string][] = [
    ['robert', '2025-11-20'],
    ['alan', '2026-01-15'],
    ['grace', '2026-01-15'],
    ['keisha', '2026-02-01'],
    ['denise', '2026-01-20'],
    ['luis', '2026-01-15'],
    ['sharon', '2026-03-02'],
    ['monica', '2026-02-10'],
    ['marcus', '2026-01-15'],
    ['paul', '2026-01-15'],
    ['priya', '2026-02-10'],
  ];
  await tx
    .insertInto('declaration_affirmation')
    .values(
      affirmed.map(([key, date]) => ({
        id: randomUUID(),
        tenant_id: tenantId,
        user_id: who[key],
        affirmed_at: at(date, '15:00'),
        declarations: key === 'robert' ? 1 : 0,
      })),
    )
    .execute();
}

interface DemoSolicitation {
  id: string;
  proposals: Record<string, string>;
}

async function seedSolicitation(
  tx: Tx,
  tenantId: string,
  initiativeId: string,
  bodyId: string,
  org: (key: string) => string,
  who: Record<string, string>,
): Promise<DemoSolicitation> {
  const id = randomUUID();
  await tx
    .insertInto('solicitation')
    .values({
      id,
      tenant_id: tenantId,
      initiative_id: initiativeId,
      body_id: bodyId,
      title: 'Career coaching and supportive services',
      scope:
        'Career coaching, barrier removal and supportive services (childcare, transportation) for 200 participants a year in Cuyahoga, Lake and Lorain counties, July 2026 to June 2028.',
      budget_cents: 38_000_000,
      deadline: at('2026-06-15', '21:00'),
      status: 'review',
      created_by: who.marcus,
      created_at: at('2026-05-22', '14:00'),
    })
    .execute();
  const criteria = [
    ['Quality of the coaching approach', 40, 5],
    ['Experience with the population', 30, 5],
    ['Cost per participant', 20, 10],
    ['Reach across the three counties', 10, 5],
  ] as const;
  const criterionIds = criteria.map(() => randomUUID());
  await tx
    .insertInto('solicitation_criterion')
    .values(
      criteria.map(([name, weight, max], i) => ({
        id: criterionIds[i],
        tenant_id: tenantId,
        solicitation_id: id,
        position: i + 1,
        name,
        weight,
        max_score: max,
      })),
    )
    .execute();
  await tx
    .insertInto('solicitation_reviewer')
    .values(['marcus', 'grace', 'robert'].map((key) => ({ solicitation_id: id, user_id: who[key], tenant_id: tenantId })))
    .execute();
  const bids: [string, string, number, string][] = [
    ['el-puente', 'Bilingual coaching with wraparound family supports', 36_500_000, '2026-06-12'],
    ['ajc', 'Coaching integrated with American Job Center services', 34_000_000, '2026-06-15'],
    ['northshore-clinics', 'Community health workers as career coaches', 37_900_000, '2026-06-10'],
  ];
  const proposals: Record<string, string> = Object.fromEntries(bids.map(([key]) => [key, randomUUID()]));
  await tx
    .insertInto('proposal')
    .values(
      bids.map(([key, title, amount, date]) => ({
        id: proposals[key],
        tenant_id: tenantId,
        solicitation_id: id,
        organization_id: org(key),
        title,
        amount_cents: amount,
        status: 'submitted' as const,
        submitted_at: at(date, '16:00'),
        created_by: who.marcus,
      })),
    )
    .execute();
  // The chair has a declared interest in El Puente, so he does not score its proposal.
  const scores: [string, string, number[]][] = [
    ['marcus', 'el-puente', [5, 5, 8, 4]],
    ['marcus', 'ajc', [4, 3, 9, 5]],
    ['marcus', 'northshore-clinics', [3, 4, 6, 3]],
    ['grace', 'el-puente', [4, 5, 7, 4]],
    ['grace', 'ajc', [4, 4, 8, 4]],
    ['grace', 'northshore-clinics', [3, 3, 7, 2]],
    ['robert', 'ajc', [3, 4, 8, 4]],
    ['robert', 'northshore-clinics', [4, 3, 6, 3]],
  ];
  await tx
    .insertInto('proposal_score')
    .values(
      scores.flatMap(([reviewer, key, values]) =>
        values.map((score, i) => ({
          proposal_id: proposals[key],
          criterion_id: criterionIds[i],
          reviewer_id: who[reviewer],
          tenant_id: tenantId,
          score,
          scored_at: at('2026-06-30', '18:00'),
        })),
      ),
    )
    .execute();
  return { id, proposals };
}

interface MeetingPlan {
  body: { id: string; seats: Record<string, string> };
  dates: string[];
  voting: string[];
  absent: (i: number) => string[];
  nonVotingPresent: (i: number) => string[];
  motions: Record<number, DemoMotion[]>;
  title: (date: string) => string;
  next: { date: string; title: string };
  who: Record<string, string>;
  org: (key: string) => string;
  solicitation: DemoSolicitation;
  collect: { id: string; closedAt: Date }[];
  time?: string;
}

const NAMES: Record<string, string> = {
  robert: 'Robert Hayes',
  alan: 'Alan Cho',
  grace: 'Grace Liu',
  keisha: 'Keisha Brown',
  denise: 'Denise Okafor',
  luis: 'Luis Ortega',
  sharon: 'Sharon Whitaker',
  marcus: 'Marcus Bell',
  paul: 'Paul Brennan',
  monica: 'Monica Reyes',
  priya: 'Priya Natarajan',
};

async function seedMeetings(ctx: Ctx, p: MeetingPlan): Promise<void> {
  const { tx, tenantId } = ctx;
  const meetings: Insertable<DB['meeting']>[] = [];
  const agenda: Insertable<DB['agenda_item']>[] = [];
  const attendance: Insertable<DB['meeting_attendance']>[] = [];
  const motions: Insertable<DB['motion']>[] = [];
  const motionOrgs: Insertable<DB['motion_organization']>[] = [];
  const votes: Insertable<DB['vote']>[] = [];
  const ids = p.dates.map(() => randomUUID());

  p.dates.forEach((date, i) => {
    const start = at(date, p.time);
    const absent = p.absent(i);
    const present = p.voting.filter((k) => !absent.includes(k));
    const list = (p.motions[i] ?? []).map((m) => m.title);
    if (i > 0) list.unshift(`Approve the minutes of ${MONTH(p.dates[i - 1])}`);
    meetings.push({
      id: ids[i],
      tenant_id: tenantId,
      body_id: p.body.id,
      title: p.title(date),
      starts_at: start,
      location: i % 3 === 2 ? 'Video call' : 'Lakeshore Workforce Partners, 1900 Euclid Avenue, Cleveland',
      status: 'closed',
      opened_at: plus(start, 2),
      closed_at: plus(start, 88),
      minutes: [
        `${p.title(date)}.`,
        `Present (voting): ${present.map((k) => NAMES[k]).join(', ')}. Also present: ${p
          .nonVotingPresent(i)
          .map((k) => NAMES[k])
          .join(', ')}.`,
        absent.length ? `Absent: ${absent.map((k) => NAMES[k]).join(', ')}.` : 'No absences.',
        `Quorum was present (${present.length} of ${p.voting.length} voting members).`,
        list.length ? `Motions considered: ${list.join('; ')}. Votes and outcomes are in the decision log.` : 'No motions were considered.',
        'Partner updates were received; there was no public comment.',
      ].join('\n\n'),
      minutes_status: 'draft',
    });
    [
      'Call to order and quorum',
      ...(i > 0 ? ['Approval of minutes'] : []),
      ...(p.motions[i] ?? []).map((m) => m.title),
      'Partner updates',
      'Public comment',
    ].forEach((title, n) => {
      agenda.push({
        id: randomUUID(),
        tenant_id: tenantId,
        meeting_id: ids[i],
        position: n + 1,
        title,
        duration_minutes: n === 0 ? 5 : 15,
      });
    });
    for (const key of p.voting) {
      attendance.push({
        meeting_id: ids[i],
        seat_id: p.body.seats[key],
        tenant_id: tenantId,
        status: absent.includes(key) ? 'absent' : 'present',
        recorded_at: plus(start, 3),
      });
    }
    for (const key of p.nonVotingPresent(i)) {
      attendance.push({
        meeting_id: ids[i],
        seat_id: p.body.seats[key],
        tenant_id: tenantId,
        status: 'present',
        recorded_at: plus(start, 3),
      });
    }
    const agendaMotions: DemoMotion[] = [
      ...(i > 0 ? [{ title: `Approve the minutes of ${MONTH(p.dates[i - 1])}` }] : []),
      ...(p.motions[i] ?? []),
    ];
    agendaMotions.forEach((m, n) => {
      const id = randomUUID();
      const opened = plus(start, 10 + n * 20);
      const isMinutes = i > 0 && n === 0;
      const award = m.award ? p.solicitation.proposals['el-puente'] : null;
      motions.push({
        id,
        tenant_id: tenantId,
        body_id: p.body.id,
        meeting_id: ids[i],
        kind: isMinutes ? 'approve_minutes' : award ? 'award' : 'general',
        title: m.title,
        resolution: m.resolution ?? null,
        minutes_meeting_id: isMinutes ? ids[i - 1] : null,
        proposal_id: award,
        moved_by_seat_id: p.body.seats[present[n % present.length]],
        seconded_by_seat_id: p.body.seats[present[(n + 1) % present.length]],
        status: 'open',
        opened_at: opened,
        created_by: p.who.marcus,
        created_at: plus(start, 5),
      });
      const orgs = award ? Object.keys(p.solicitation.proposals) : (m.orgs ?? []);
      for (const key of orgs) motionOrgs.push({ motion_id: id, organization_id: p.org(key), tenant_id: tenantId });
      for (const key of present.filter((k) => !m.noVote?.includes(k))) {
        votes.push({
          id: randomUUID(),
          tenant_id: tenantId,
          motion_id: id,
          seat_id: p.body.seats[key],
          user_id: p.who[key],
          value: m.except?.[key] ?? 'yes',
          cast_at: plus(opened, 3 + present.indexOf(key)),
        });
      }
      p.collect.push({ id, closedAt: plus(opened, 15) });
    });
  });

  // The next meeting, scheduled, with the last minutes waiting for approval.
  const nextId = randomUUID();
  const last = ids[ids.length - 1];
  meetings.push({
    id: nextId,
    tenant_id: tenantId,
    body_id: p.body.id,
    title: p.next.title,
    starts_at: at(p.next.date, p.time),
    location: 'Lakeshore Workforce Partners, 1900 Euclid Avenue, Cleveland',
    status: 'scheduled',
  });
  ['Call to order and quorum', 'Approval of minutes', 'Progress on the strategies', 'Partner updates', 'Public comment'].forEach(
    (title, n) => {
      agenda.push({
        id: randomUUID(),
        tenant_id: tenantId,
        meeting_id: nextId,
        position: n + 1,
        title,
        duration_minutes: n === 0 ? 5 : 15,
      });
    },
  );
  motions.push({
    id: randomUUID(),
    tenant_id: tenantId,
    body_id: p.body.id,
    meeting_id: nextId,
    kind: 'approve_minutes',
    title: `Approve the minutes of ${MONTH(p.dates[p.dates.length - 1])}`,
    minutes_meeting_id: last,
    status: 'proposed',
    created_by: p.who.marcus,
  });

  await tx.insertInto('meeting').values(meetings).execute();
  await tx.insertInto('agenda_item').values(agenda).execute();
  await tx.insertInto('meeting_attendance').values(attendance).execute();
  await tx.insertInto('motion').values(motions).execute();
  if (motionOrgs.length) await tx.insertInto('motion_organization').values(motionOrgs).execute();
  await tx.insertInto('vote').values(votes).execute();
}

async function seedStrategies(tx: Tx, tenantId: string, initiativeId: string, who: Record<string, string>) {
  const s1 = randomUUID();
  const s2 = randomUUID();
  await tx
    .insertInto('strategy')
    .values([
      {
        id: s1,
        tenant_id: tenantId,
        initiative_id: initiativeId,
        title: 'Skills-based hiring across hospital systems',
        description:
          'Partner health systems hire for demonstrated skills rather than degrees, with shared job descriptions and fair-chance screening.',
        status: 'active',
        owner_id: who.marcus,
        starts_on: '2026-01-01',
        ends_on: '2027-06-30',
      },
      {
        id: s2,
        tenant_id: tenantId,
        initiative_id: initiativeId,
        title: 'Braided funding for supportive services',
        description:
          'Childcare, transportation and emergency support paid from several funding streams under one procedure, so participants get help without re-applying.',
        status: 'active',
        owner_id: who.tom,
        starts_on: '2026-03-01',
        ends_on: '2027-02-28',
      },
    ])
    .execute();
  const o = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  await tx
    .insertInto('strategy_objective')
    .values([
      {
        id: o[0],
        tenant_id: tenantId,
        strategy_id: s1,
        position: 1,
        title: 'Common skills-based job descriptions for entry-level clinical roles',
        owner_id: who.priya,
      },
      {
        id: o[1],
        tenant_id: tenantId,
        strategy_id: s1,
        position: 2,
        title: 'Fair-chance and credential-equivalent screening',
        owner_id: who.priya,
      },
      {
        id: o[2],
        tenant_id: tenantId,
        strategy_id: s2,
        position: 1,
        title: 'Map allowable costs across WIOA, TANF, SNAP E&T and philanthropy',
        owner_id: who.tom,
      },
      {
        id: o[3],
        tenant_id: tenantId,
        strategy_id: s2,
        position: 2,
        title: 'One cost-allocation procedure accepted by every funder',
        owner_id: who.marcus,
      },
    ])
    .execute();
  const milestones: [string, string, string | null, string, string, string, string | null, string][] = [
    ['convene', s1, o[0], 'Convene the HR leads of the four health systems', '2026-02-28', 'done', '2026-02-24', who.priya],
    ['publish', s1, o[0], 'Publish shared descriptions for six entry-level roles', '2026-06-30', 'done', '2026-07-08', who.priya],
    ['post', s1, o[0], 'Three systems post skills-based job orders', '2026-10-31', 'at_risk', null, who.priya],
    ['screen', s1, o[1], 'Screening guide adopted by two systems', '2027-01-31', 'in_progress', null, who.priya],
    ['evaluate', s1, null, 'Measure the change in time to hire', '2027-05-31', 'not_started', null, who.tom],
    ['crosswalk', s2, o[2], 'Crosswalk of allowable supportive-service costs', '2026-04-30', 'done', '2026-04-28', who.tom],
    ['pilot', s2, o[2], 'Pilot braided childcare and transportation support', '2026-09-30', 'done', '2026-10-06', who.tom],
    ['procedure', s2, o[3], 'Cost-allocation procedure approved by funders', '2027-01-15', 'in_progress', null, who.marcus],
  ];
  const m: Record<string, string> = Object.fromEntries(milestones.map(([key]) => [key, randomUUID()]));
  await tx
    .insertInto('milestone')
    .values(
      milestones.map(([key, strategy, objective, title, due, status, completed, owner]) => ({
        id: m[key],
        tenant_id: tenantId,
        strategy_id: strategy,
        objective_id: objective,
        title,
        due_on: due,
        status,
        completed_on: completed,
        owner_id: owner,
      })),
    )
    .execute();
  const updates: [string, string | null, string, string, string | null, { label: string; url: string | null }[], string][] = [
    [
      s1,
      m.convene,
      '2026-02-24',
      'All four health systems sent their HR leads; they agreed to start with six roles.',
      'done',
      [{ label: 'Meeting notes', url: null }],
      who.priya,
    ],
    [
      s1,
      m.publish,
      '2026-07-08',
      'Shared descriptions for patient care technician, phlebotomist, medical assistant, sterile processing technician, unit secretary and nursing assistant published.',
      'done',
      [{ label: 'Published job descriptions', url: 'https://neohealthcareers.example/job-descriptions' }],
      who.priya,
    ],
    [
      s1,
      m.post,
      '2026-11-03',
      'Only MetroCare has posted skills-based job orders so far; Lake Regional waits on a new applicant system.',
      'at_risk',
      [],
      who.priya,
    ],
    [
      s2,
      m.crosswalk,
      '2026-04-28',
      'Crosswalk finished and reviewed by the WDB and both foundations.',
      'done',
      [{ label: 'Allowable-cost crosswalk', url: 'https://neohealthcareers.example/crosswalk.pdf' }],
      who.tom,
    ],
    [
      s2,
      m.pilot,
      '2026-10-06',
      '62 participants received childcare or transportation support charged across three streams.',
      'done',
      [{ label: 'Pilot summary', url: null }],
      who.tom,
    ],
  ];
  await tx
    .insertInto('progress_update')
    .values(
      updates.map(([strategy, milestone, date, summary, status, evidence, author]) => ({
        id: randomUUID(),
        tenant_id: tenantId,
        strategy_id: strategy,
        milestone_id: milestone,
        author_id: author,
        occurred_on: date,
        summary,
        milestone_status: status,
        evidence: JSON.stringify(evidence),
        created_at: at(date, '20:00'),
      })),
    )
    .execute();
  await replaceIndicators(
    tx,
    tenantId,
    s1,
    ['Employers posting skills-based job orders', 'Median days from application to offer'],
    randomUUID,
  );
  await replaceIndicators(
    tx,
    tenantId,
    s2,
    ['Participants receiving supportive services', 'Share of support costs braided across two or more streams'],
    randomUUID,
  );
}

async function seedTechnicalAssistance(
  tx: Tx,
  tenantId: string,
  initiativeId: string,
  org: (key: string) => string,
  who: Record<string, string>,
) {
  const requests: [string, string, string, string, string, string, string | null, string | null, number | null][] = [
    // org, topic, title, urgency, status, created, assignee, resolution, satisfaction
    [
      'eastside',
      'data_and_reporting',
      'Reporting credential attainment in the quarterly report',
      'high',
      'resolved',
      '2026-02-20',
      'tom',
      'Walked through PIRL 1800 with their data lead and built a monthly extract.',
      5,
    ],
    [
      'el-puente',
      'data_and_reporting',
      'Exit-based follow-up reporting',
      'high',
      'resolved',
      '2026-05-05',
      'tom',
      'Set up the second- and fourth-quarter follow-up calendar.',
      4,
    ],
    [
      'college',
      'curriculum_design',
      'Align the patient care technician program with the employer skills lists',
      'normal',
      'resolved',
      '2026-04-01',
      'priya',
      'Mapped the curriculum to the shared job descriptions; two modules added.',
      4,
    ],
    ['el-puente', 'case_management', 'Caseload standards for bilingual navigators', 'normal', 'triaged', '2026-09-14', null, null, null],
    ['eastside', 'data_and_reporting', 'Matching participants to UI wage records', 'normal', 'assigned', '2026-10-02', 'tom', null, null],
    ['ajc', 'wioa_compliance', 'Co-enrollment documentation for WIOA and SNAP E&T', 'urgent', 'submitted', '2026-11-20', null, null, null],
  ];
  await tx
    .insertInto('ta_request')
    .values(
      requests.map(([orgKey, topic, title, urgency, status, created, assignee, resolution, satisfaction]) => {
        const createdAt = at(created, '15:00');
        return {
          id: randomUUID(),
          tenant_id: tenantId,
          initiative_id: initiativeId,
          organization_id: org(orgKey),
          requested_by: orgKey === 'eastside' ? who.keisha : null,
          topic,
          title,
          urgency,
          status,
          triage_note: status === 'submitted' ? null : 'Confirmed with the requester.',
          triaged_at: status === 'submitted' ? null : plus(createdAt, 24 * 60),
          assigned_to: assignee ? who[assignee] : null,
          due_on: status === 'assigned' ? '2026-12-15' : null,
          resolution,
          resolved_at: resolution ? plus(createdAt, 20 * 24 * 60) : null,
          satisfaction,
          created_at: createdAt,
          updated_at: createdAt,
        };
      }),
    )
    .execute();
  const clinic = randomUUID();
  const traumaInformed = randomUUID();
  await tx
    .insertInto('capacity_event')
    .values([
      {
        id: clinic,
        tenant_id: tenantId,
        initiative_id: initiativeId,
        title: 'Outcome reporting clinic',
        topic: 'data_and_reporting',
        description: 'Hands-on session on credential, employment and wage reporting for provider data staff.',
        held_on: '2026-06-10',
        duration_minutes: 180,
        facilitator: 'Tom Kowalski',
        location: 'Lakeshore Workforce Partners',
      },
      {
        id: traumaInformed,
        tenant_id: tenantId,
        initiative_id: initiativeId,
        title: 'Trauma-informed case management',
        topic: 'case_management',
        description: 'Practice session for navigators and coaches.',
        held_on: '2026-09-23',
        duration_minutes: 240,
        facilitator: 'El Puente Family Services',
        location: 'El Puente Family Services, Lorain',
      },
    ])
    .execute();
  const attendees: [string, string, string, string | null][] = [
    [clinic, 'eastside', 'Keisha Brown', who.keisha],
    [clinic, 'eastside', 'Jamal Price', null],
    [clinic, 'el-puente', 'Lucía Ramos', null],
    [clinic, 'college', 'Dana Kim', null],
    [clinic, 'ajc', 'Terrence Hall', null],
    [traumaInformed, 'eastside', 'Jamal Price', null],
    [traumaInformed, 'el-puente', 'Lucía Ramos', null],
    [traumaInformed, 'el-puente', 'Andrés Vega', null],
    [traumaInformed, 'ajc', 'Terrence Hall', null],
  ];
  await tx
    .insertInto('capacity_attendance')
    .values(
      attendees.map(([event, orgKey, name, userId]) => ({
        id: randomUUID(),
        tenant_id: tenantId,
        event_id: event,
        organization_id: org(orgKey),
        attendee_name: name,
        user_id: userId,
        attended: true,
      })),
    )
    .execute();
}
