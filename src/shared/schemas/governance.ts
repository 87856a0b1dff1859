import { z } from 'zod';
import { initiativeFilter, isoDateTime, pageQuery, uuid } from './common.ts';
import { isoDate } from './initiatives.ts';

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
const ref = z.object({ id: uuid, name: z.string() });

export const BODY_KINDS = ['steering_committee', 'employer_council', 'working_group', 'advisory_board', 'other'] as const;
export const PASSING_RULES = ['majority_of_votes_cast', 'two_thirds', 'consensus'] as const;
export const QUORUM_KINDS = ['majority', 'percent', 'count'] as const;
export const MEETING_STATUSES = ['scheduled', 'in_progress', 'closed', 'cancelled'] as const;
export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused'] as const;
export const MINUTES_STATUSES = ['none', 'draft', 'approved'] as const;
export const MOTION_KINDS = ['general', 'approve_minutes', 'award'] as const;
export const MOTION_STATUSES = ['proposed', 'open', 'closed', 'withdrawn'] as const;
export const VOTE_VALUES = ['yes', 'no', 'abstain'] as const;
export const INTEREST_KINDS = ['employment', 'board_seat', 'financial_interest', 'family'] as const;
export const SOLICITATION_STATUSES = ['draft', 'open', 'review', 'awarded', 'cancelled'] as const;
export const DECISION_KINDS = ['motion', 'vote', 'recusal', 'award', 'declaration'] as const;
export type PassingRule = (typeof PASSING_RULES)[number];
export type InterestKind = (typeof INTEREST_KINDS)[number];
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** Why a member has a conflict: a declaration, the organization they represent on the body, or their own organization in Braid. */
export const conflictReason = z.object({
  source: z.enum(['declaration', 'seat', 'membership']),
  kind: z.enum([...INTEREST_KINDS, 'represents']),
  organizationId: uuid,
  organizationName: z.string(),
});
export type ConflictReason = z.infer<typeof conflictReason>;

// ---- bodies and seats

export const quorumRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('majority') }),
  z.strictObject({ kind: z.literal('percent'), value: z.number().int().min(1).max(100) }),
  z.strictObject({ kind: z.literal('count'), value: z.number().int().min(1).max(1000) }),
]);
export type QuorumRule = z.infer<typeof quorumRule>;

export const bodyBody = z.strictObject({
  initiativeId: uuid.nullable().optional(),
  name: text(200).min(1),
  kind: z.enum(BODY_KINDS),
  charter: optionalText(20_000),
  quorumRule: quorumRule.default({ kind: 'majority' }),
  passingRule: z.enum(PASSING_RULES).default('majority_of_votes_cast'),
});
export type BodyBody = z.infer<typeof bodyBody>;
export const bodyPatch = z
  .strictObject({
    initiativeId: uuid.nullable(),
    name: text(200).min(1),
    kind: z.enum(BODY_KINDS),
    charter: optionalText(20_000),
    quorumRule,
    passingRule: z.enum(PASSING_RULES),
  })
  .partial();
export type BodyPatch = z.infer<typeof bodyPatch>;

export const governanceBody = z.object({
  id: uuid,
  initiativeId: uuid.nullable(),
  name: z.string(),
  kind: z.enum(BODY_KINDS),
  charter: z.string().nullable(),
  quorumRule,
  passingRule: z.enum(PASSING_RULES),
  /** Seats whose term covers today. */
  currentSeats: z.number().int(),
  currentVotingSeats: z.number().int(),
  /** The caller's current seat on this body, if any. */
  mySeat: z.object({ id: uuid, voting: z.boolean() }).nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type GovernanceBody = z.infer<typeof governanceBody>;
export const bodyListQuery = pageQuery.extend({ kind: z.enum(BODY_KINDS).optional(), ...initiativeFilter });

export const seatBody = z
  .strictObject({
    userId: uuid,
    organizationId: uuid.nullable().optional(),
    title: optionalText(100),
    voting: z.boolean(),
    termStartsOn: isoDate,
    termEndsOn: isoDate.nullable().optional(),
  })
  .refine((v) => !v.termEndsOn || v.termEndsOn >= v.termStartsOn, { path: ['termEndsOn'], message: 'The term ends before it starts.' });
export type SeatBody = z.infer<typeof seatBody>;
export const seatPatch = z
  .strictObject({
    organizationId: uuid.nullable(),
    title: optionalText(100),
    voting: z.boolean(),
    termStartsOn: isoDate,
    termEndsOn: isoDate.nullable(),
  })
  .partial();
export type SeatPatch = z.infer<typeof seatPatch>;

export const seat = z.object({
  id: uuid,
  bodyId: uuid,
  user: ref,
  organization: ref.nullable(),
  title: z.string().nullable(),
  voting: z.boolean(),
  termStartsOn: z.string(),
  termEndsOn: z.string().nullable(),
  current: z.boolean(),
});
export type Seat = z.infer<typeof seat>;
export const seatListQuery = pageQuery.extend({ current: z.stringbool().optional() });

// ---- meetings

export const agendaItemBody = z.strictObject({
  title: text(300).min(1),
  description: optionalText(4000),
  presenter: optionalText(200),
  durationMinutes: z.number().int().min(1).max(600).nullable().optional(),
});
export const agendaBody = z.strictObject({ items: z.array(agendaItemBody).max(100) });
export type AgendaBody = z.infer<typeof agendaBody>;
export const agendaItem = z.object({
  id: uuid,
  position: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  presenter: z.string().nullable(),
  durationMinutes: z.number().int().nullable(),
});

export const meetingBody = z.strictObject({
  title: text(200).min(1),
  startsAt: z.iso.datetime({ offset: true }),
  location: optionalText(300),
  agenda: z.array(agendaItemBody).max(100).optional(),
});
export type MeetingBody = z.infer<typeof meetingBody>;
export const meetingPatch = z
  .strictObject({
    title: text(200).min(1),
    startsAt: z.iso.datetime({ offset: true }),
    location: optionalText(300),
    minutes: optionalText(100_000),
  })
  .partial();
export type MeetingPatch = z.infer<typeof meetingPatch>;

export const quorumState = z.object({
  votingSeats: z.number().int(),
  present: z.number().int(),
  required: z.number().int(),
  met: z.boolean(),
});
export type QuorumState = z.infer<typeof quorumState>;

export const attendanceEntry = z.object({
  seatId: uuid,
  user: ref,
  organization: ref.nullable(),
  title: z.string().nullable(),
  voting: z.boolean(),
  status: z.enum(ATTENDANCE_STATUSES).nullable(),
});
export const attendanceBody = z.strictObject({
  entries: z
    .array(z.strictObject({ seatId: uuid, status: z.enum(ATTENDANCE_STATUSES) }))
    .min(1)
    .max(500),
});
export type AttendanceBody = z.infer<typeof attendanceBody>;

export const meetingAttachment = z.object({
  id: uuid,
  title: z.string(),
  file: z.object({ filename: z.string(), contentType: z.string(), byteSize: z.number().int(), sha256: z.string() }),
  createdAt: isoDateTime,
});
export const attachmentFields = z.strictObject({ title: text(200).min(1) });

export const meetingSummary = z.object({
  id: uuid,
  body: ref,
  title: z.string(),
  startsAt: isoDateTime,
  location: z.string().nullable(),
  status: z.enum(MEETING_STATUSES),
  minutesStatus: z.enum(MINUTES_STATUSES),
  motionCount: z.number().int(),
});
export type MeetingSummary = z.infer<typeof meetingSummary>;

// ---- motions and votes

export const tally = z.object({
  /** pending while voting is open (or not yet open); final once the motion is closed. */
  status: z.enum(['pending', 'passed', 'failed']),
  /** What the outcome would be if voting closed now. */
  projected: z.enum(['passed', 'failed']),
  reason: z.enum(['no_quorum', 'no_votes', 'tie', 'not_enough_yes', 'objection']).nullable(),
  passingRule: z.enum(PASSING_RULES),
  yes: z.number().int(),
  no: z.number().int(),
  abstain: z.number().int(),
  recused: z.number().int(),
  /** Voting members present and not recused. */
  eligible: z.number().int(),
  notVoted: z.number().int(),
  votesCast: z.number().int(),
  votesNeeded: z.number().int(),
  quorum: quorumState,
});
export type Tally = z.infer<typeof tally>;

export const motionVote = z.object({
  seatId: uuid,
  user: ref,
  organization: ref.nullable(),
  value: z.enum([...VOTE_VALUES, 'recused']),
  /** False when the vote does not count (the member was absent or is recused). */
  counted: z.boolean(),
  castAt: isoDateTime,
});

export const recusal = z.object({ seatId: uuid, user: ref, present: z.boolean(), reasons: z.array(conflictReason) });
export type Recusal = z.infer<typeof recusal>;

export const motionSummary = z.object({
  id: uuid,
  body: ref,
  meeting: z.object({ id: uuid, title: z.string(), startsAt: isoDateTime }),
  kind: z.enum(MOTION_KINDS),
  title: z.string(),
  status: z.enum(MOTION_STATUSES),
  organizations: z.array(ref),
  outcome: z.enum(['passed', 'failed']).nullable(),
  closedAt: isoDateTime.nullable(),
});
export type MotionSummary = z.infer<typeof motionSummary>;

export const motion = motionSummary.extend({
  resolution: z.string().nullable(),
  minutesMeetingId: uuid.nullable(),
  proposalId: uuid.nullable(),
  movedBy: ref.nullable(),
  secondedBy: ref.nullable(),
  openedAt: isoDateTime.nullable(),
  tally,
  votes: z.array(motionVote),
  recusals: z.array(recusal),
  /** The caller's standing on this motion: may they vote now, and if not, the error code they would get. */
  me: z.object({
    seatId: uuid.nullable(),
    vote: z.enum([...VOTE_VALUES, 'recused']).nullable(),
    canVote: z.boolean(),
    reason: z.string().nullable(),
  }),
});
export type Motion = z.infer<typeof motion>;

export const motionBody = z
  .strictObject({
    kind: z.enum(['general', 'approve_minutes']).default('general'),
    title: text(300).min(1),
    resolution: optionalText(20_000),
    organizationIds: z.array(uuid).max(50).default([]),
    minutesMeetingId: uuid.optional(),
    movedBySeatId: uuid.nullable().optional(),
    secondedBySeatId: uuid.nullable().optional(),
  })
  .refine((v) => (v.kind === 'approve_minutes') === !!v.minutesMeetingId, {
    path: ['minutesMeetingId'],
    message: 'A motion to approve minutes names the meeting whose minutes it approves (and only such a motion does).',
  });
export type MotionBody = z.infer<typeof motionBody>;
export const motionPatch = z
  .strictObject({
    title: text(300).min(1),
    resolution: optionalText(20_000),
    organizationIds: z.array(uuid).max(50),
    movedBySeatId: uuid.nullable(),
    secondedBySeatId: uuid.nullable(),
  })
  .partial();
export type MotionPatch = z.infer<typeof motionPatch>;

export const voteBody = z.strictObject({ value: z.enum(VOTE_VALUES) });

export const meeting = meetingSummary.extend({
  openedAt: isoDateTime.nullable(),
  closedAt: isoDateTime.nullable(),
  minutes: z.string().nullable(),
  minutesApprovedBy: uuid.nullable(),
  agenda: z.array(agendaItem),
  attendance: z.array(attendanceEntry),
  quorum: quorumState,
  attachments: z.array(meetingAttachment),
  motions: z.array(motionSummary),
  /** The caller's current seat on the body, for self check-in. */
  mySeatId: uuid.nullable(),
});
export type Meeting = z.infer<typeof meeting>;

export const meetingListQuery = pageQuery.extend({
  bodyId: uuid.optional(),
  status: z.enum(MEETING_STATUSES).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...initiativeFilter,
});
export const motionListQuery = pageQuery.extend({
  bodyId: uuid.optional(),
  meetingId: uuid.optional(),
  status: z.enum(MOTION_STATUSES).optional(),
  organizationId: uuid.optional(),
  ...initiativeFilter,
});
export const meetingAttachmentParams = z.strictObject({ id: uuid, attachmentId: uuid });

// ---- conflicts of interest

export const declarationBody = z
  .strictObject({
    organizationId: uuid,
    kind: z.enum(INTEREST_KINDS),
    description: optionalText(2000),
    startsOn: isoDate,
    endsOn: isoDate.nullable().optional(),
  })
  .refine((v) => !v.endsOn || v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'The interest ends before it starts.' });
export type DeclarationBody = z.infer<typeof declarationBody>;
export const declarationPatch = z
  .strictObject({ description: optionalText(2000), startsOn: isoDate, endsOn: isoDate.nullable() })
  .partial();
export type DeclarationPatch = z.infer<typeof declarationPatch>;

export const declaration = z.object({
  id: uuid,
  user: ref,
  organization: ref,
  kind: z.enum(INTEREST_KINDS),
  description: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  active: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Declaration = z.infer<typeof declaration>;
export const declarationListQuery = pageQuery.extend({
  userId: uuid.optional(),
  organizationId: uuid.optional(),
  active: z.stringbool().optional(),
  /** Declarations of interests in organizations that partner in the initiative. */
  ...initiativeFilter,
});

export const declarationStatus = z.object({
  /** Whether the caller serves anywhere that needs yearly declarations (a seat or a review). */
  required: z.boolean(),
  lastAffirmedAt: isoDateTime.nullable(),
  dueOn: z.string().nullable(),
  due: z.boolean(),
  activeDeclarations: z.number().int(),
});
export type DeclarationStatus = z.infer<typeof declarationStatus>;

// ---- choosing service providers

export const criterionBody = z.strictObject({
  name: text(200).min(1),
  description: optionalText(2000),
  weight: z.number().int().min(1).max(100),
  maxScore: z.number().int().min(1).max(100).default(5),
});
export const solicitationBody = z.strictObject({
  initiativeId: uuid.nullable().optional(),
  bodyId: uuid,
  title: text(300).min(1),
  scope: text(20_000).min(1),
  budgetCents: z.number().int().min(0).max(1e13).nullable().optional(),
  deadline: z.iso.datetime({ offset: true }),
  criteria: z.array(criterionBody).min(1).max(30),
  reviewerIds: z.array(uuid).max(50).default([]),
});
export type SolicitationBody = z.infer<typeof solicitationBody>;
export const solicitationPatch = z
  .strictObject({
    title: text(300).min(1),
    scope: text(20_000).min(1),
    budgetCents: z.number().int().min(0).max(1e13).nullable(),
    deadline: z.iso.datetime({ offset: true }),
    criteria: z.array(criterionBody).min(1).max(30),
    reviewerIds: z.array(uuid).max(50),
  })
  .partial();
export type SolicitationPatch = z.infer<typeof solicitationPatch>;

export const criterion = z.object({
  id: uuid,
  name: z.string(),
  description: z.string().nullable(),
  weight: z.number().int(),
  maxScore: z.number().int(),
});
export const solicitation = z.object({
  id: uuid,
  initiativeId: uuid.nullable(),
  body: ref,
  title: z.string(),
  scope: z.string(),
  budgetCents: z.number().int().nullable(),
  deadline: isoDateTime,
  status: z.enum(SOLICITATION_STATUSES),
  criteria: z.array(criterion),
  reviewers: z.array(ref),
  proposalCount: z.number().int(),
  awardedProposalId: uuid.nullable(),
  amReviewer: z.boolean(),
  createdAt: isoDateTime,
});
export type Solicitation = z.infer<typeof solicitation>;
export const solicitationListQuery = pageQuery.extend({
  status: z.enum(SOLICITATION_STATUSES).optional(),
  bodyId: uuid.optional(),
  ...initiativeFilter,
});

export const proposalBody = z.strictObject({
  organizationId: uuid,
  title: text(300).min(1),
  summary: optionalText(20_000),
  amountCents: z.number().int().min(0).max(1e13).nullable().optional(),
});
export type ProposalBody = z.infer<typeof proposalBody>;
export const proposal = z.object({
  id: uuid,
  solicitationId: uuid,
  organization: ref,
  title: z.string(),
  summary: z.string().nullable(),
  amountCents: z.number().int().nullable(),
  status: z.enum(['submitted', 'withdrawn']),
  submittedAt: isoDateTime,
  /** Proposers may edit until the deadline: when they last did. */
  updatedAt: isoDateTime.nullable(),
  attachments: z.array(meetingAttachment),
});
export type Proposal = z.infer<typeof proposal>;

// ---- calls for proposals: the proposer's side of a solicitation (proposals.submit)

/** A partner's own proposal: the organization defaults to the caller's only one. */
export const myProposalBody = proposalBody.extend({ organizationId: uuid.optional() });
export type MyProposalBody = z.infer<typeof myProposalBody>;
export const myProposalPatch = proposalBody.omit({ organizationId: true }).partial();
export type MyProposalPatch = z.infer<typeof myProposalPatch>;
/**
 * What a proposer sees of a solicitation: the scope, criteria and deadline, and their own
 * organizations' proposals. Never other proposals, reviewers, scores or the ranking.
 */
export const call = z.object({
  id: uuid,
  initiativeId: uuid.nullable(),
  title: z.string(),
  scope: z.string(),
  budgetCents: z.number().int().nullable(),
  deadline: isoDateTime,
  /** open: accepting proposals (and edits) until the deadline; closed: anything after. */
  status: z.enum(['open', 'closed']),
  criteria: z.array(criterion),
  myProposals: z.array(proposal),
});
export type Call = z.infer<typeof call>;
export const callListQuery = pageQuery.extend({ ...initiativeFilter });

export const scoresBody = z.strictObject({
  scores: z
    .array(z.strictObject({ criterionId: uuid, score: z.number().int().min(0).max(100), comment: optionalText(4000) }))
    .min(1)
    .max(30),
});
export type ScoresBody = z.infer<typeof scoresBody>;
export const proposalScore = z.object({
  reviewer: ref,
  criterionId: uuid,
  score: z.number().int(),
  comment: z.string().nullable(),
  scoredAt: isoDateTime,
});
export const proposalScores = z.object({ proposalId: uuid, items: z.array(proposalScore) });

export const rankingItem = z.object({
  /** 1 is best; proposals with equal scores share a rank; null until every criterion has a score. */
  rank: z.number().int().nullable(),
  proposal,
  /** 0–100: the weighted mean of criterion averages, each as a share of its maximum. */
  weightedScore: z.number().nullable(),
  criteria: z.array(z.object({ criterionId: uuid, average: z.number().nullable(), scores: z.number().int() })),
  reviewersScored: z.number().int(),
  recusedReviewers: z.array(z.object({ reviewer: ref, reasons: z.array(conflictReason) })),
});
export const ranking = z.object({ solicitationId: uuid, items: z.array(rankingItem) });
export type Ranking = z.infer<typeof ranking>;

export const awardBody = z.strictObject({
  proposalId: uuid,
  meetingId: uuid,
  title: text(300).min(1).optional(),
  resolution: optionalText(20_000),
});
export type AwardBody = z.infer<typeof awardBody>;

// ---- decision log

export const decision = z.object({
  kind: z.enum(DECISION_KINDS),
  /** Unique per entry: the kind and the record id. */
  key: z.string(),
  occurredAt: isoDateTime,
  body: ref.nullable(),
  title: z.string(),
  person: z.string().nullable(),
  organizations: z.array(z.string()),
  /** Outcome, vote value, or declared interest kind. */
  detail: z.string(),
  motionId: uuid.nullable(),
  /** Where its audit trail is: GET /governance/decisions/trail?entityType=…&entityId=… */
  trail: z.object({ entityType: z.enum(['motion', 'interest_declaration']), entityId: uuid }),
});
export type Decision = z.infer<typeof decision>;
export const decisionListQuery = pageQuery.extend({
  kind: z.enum(DECISION_KINDS).optional(),
  bodyId: uuid.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...initiativeFilter,
});
export const decisionExportQuery = decisionListQuery.omit({ page: true, pageSize: true });
export const trailQuery = z.strictObject({ entityType: z.enum(['motion', 'interest_declaration', 'solicitation']), entityId: uuid });
export const trailEvent = z.object({
  seq: z.number().int(),
  occurredAt: isoDateTime,
  actor: z.string(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export const trail = z.object({ items: z.array(trailEvent) });
