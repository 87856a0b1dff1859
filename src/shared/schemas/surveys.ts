import { z } from 'zod';
import { pageOf, pageQuery, uuid } from './common.ts';
import { isoDate, socCode } from './employers.ts';

// Employer needs surveys (issue 4): the builder's survey document, sending to employer contacts,
// the public response form (no account: a one-time emailed token) and the aggregated results.

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
/** Question and section ids: stable keys the answers are filed under. */
const key = z.string().regex(/^[a-z0-9_-]{1,40}$/, 'letters, digits, - and _ only');

export const SURVEY_STATUSES = ['draft', 'sent', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
export const QUESTION_KINDS = ['skills_gap', 'hiring_projection', 'hard_to_fill', 'single_choice', 'number', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const SEVERITIES = ['minor', 'moderate', 'severe'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const RECIPIENT_STATUSES = ['sent', 'opened', 'responded', 'expired'] as const;
/** Occupations one respondent may list in one occupation question. */
export const OCCUPATIONS_PER_ANSWER = 20;

const base = {
  id: key,
  prompt: text(500),
  help: optionalText(1000),
  required: z.boolean().default(false),
};
export const question = z.discriminatedUnion('kind', [
  // Which skills new hires lack, per occupation: pick from the list and/or write others, with a severity.
  z.strictObject({ ...base, kind: z.literal('skills_gap'), skills: z.array(text(100)).max(40).default([]) }),
  // How many people the employer expects to hire in the next 12 months, per occupation.
  z.strictObject({ ...base, kind: z.literal('hiring_projection') }),
  // Roles that are hard to fill, with why.
  z.strictObject({ ...base, kind: z.literal('hard_to_fill'), reasons: z.array(text(100)).max(40).default([]) }),
  z.strictObject({ ...base, kind: z.literal('single_choice'), options: z.array(text(200)).min(2).max(30) }),
  z.strictObject({ ...base, kind: z.literal('number'), min: z.number().int().optional(), max: z.number().int().optional() }),
  z.strictObject({ ...base, kind: z.literal('text') }),
]);
export type Question = z.infer<typeof question>;
export const section = z.strictObject({ id: key, title: text(200), questions: z.array(question).min(1).max(30) });
export type Section = z.infer<typeof section>;

export const surveyBody = z
  .strictObject({
    title: text(200),
    intro: optionalText(4000),
    closesOn: isoDate.nullable().optional(),
    /** How long each emailed link works. */
    tokenDays: z.number().int().min(1).max(365).default(30),
    sections: z.array(section).min(1).max(20),
  })
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.sections.forEach((s, si) => {
      s.questions.forEach((q, qi) => {
        if (seen.has(q.id))
          ctx.addIssue({ code: 'custom', path: ['sections', si, 'questions', qi, 'id'], message: 'Question ids must be unique.' });
        seen.add(q.id);
      });
    });
  });
export type SurveyBody = z.input<typeof surveyBody>;

export const survey = z.object({
  id: uuid,
  title: z.string(),
  intro: z.string().nullable(),
  closesOn: z.string().nullable(),
  tokenDays: z.number().int(),
  sections: z.array(section),
  status: z.enum(SURVEY_STATUSES),
  sentAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  recipients: z.number().int(),
  opened: z.number().int(),
  responded: z.number().int(),
});
export type Survey = z.infer<typeof survey>;
export const surveyListItem = survey.omit({ sections: true, intro: true });
export type SurveyListItem = z.infer<typeof surveyListItem>;
export const surveyPage = pageOf(surveyListItem);
export const surveyQuery = pageQuery.extend({ status: z.enum(SURVEY_STATUSES).optional() });

/** An employer contact a survey can go to. */
export const surveyContact = z.object({
  contactId: uuid,
  name: z.string(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  organizationId: uuid,
  organizationName: z.string(),
  /** The contact is marked as the employer's survey contact. */
  surveyRole: z.boolean(),
});
export type SurveyContact = z.infer<typeof surveyContact>;
export const surveyContacts = z.object({ items: z.array(surveyContact) });

export const sendBody = z.strictObject({ contactIds: z.array(uuid).min(1).max(500) });
export const sendResult = z.object({ sent: z.number().int(), skipped: z.number().int() });
export type SendResult = z.infer<typeof sendResult>;
export const remindResult = z.object({ reminded: z.number().int() });
export type RemindResult = z.infer<typeof remindResult>;

export const recipient = z.object({
  id: uuid,
  contactId: uuid,
  contactName: z.string(),
  email: z.string().nullable(),
  organizationId: uuid,
  organizationName: z.string(),
  status: z.enum(RECIPIENT_STATUSES),
  sentAt: z.string(),
  remindedAt: z.string().nullable(),
  reminders: z.number().int(),
  openedAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  expiresAt: z.string(),
});
export type Recipient = z.infer<typeof recipient>;
export const recipientList = z.object({ items: z.array(recipient) });

// ---- Answers

const occupationItems = <T extends z.ZodRawShape>(shape: T) => z.array(z.strictObject({ socCode, ...shape })).max(OCCUPATIONS_PER_ANSWER);
export const answer = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('skills_gap'),
    items: occupationItems({ skills: z.array(text(100)).max(40).default([]), other: optionalText(500), severity: z.enum(SEVERITIES) }),
  }),
  z.strictObject({ kind: z.literal('hiring_projection'), items: occupationItems({ count: z.number().int().min(0).max(100_000) }) }),
  z.strictObject({
    kind: z.literal('hard_to_fill'),
    items: occupationItems({ reasons: z.array(text(100)).max(40).default([]), other: optionalText(500) }),
  }),
  z.strictObject({ kind: z.literal('single_choice'), choice: text(200) }),
  z.strictObject({ kind: z.literal('number'), value: z.number().int().min(-1_000_000_000).max(1_000_000_000) }),
  z.strictObject({ kind: z.literal('text'), text: z.string().trim().max(4000) }),
]);
export type Answer = z.infer<typeof answer>;
export const answers = z.record(key, answer);
export type Answers = z.infer<typeof answers>;

// ---- Public (respondent) side. The token travels in the body, never in a URL.

export const surveyToken = z.string().min(20).max(200);
export const tokenBody = z.strictObject({ token: surveyToken });
export const submitBody = z.strictObject({ token: surveyToken, answers });
export const occupationSearchBody = z.strictObject({ token: surveyToken, q: z.string().trim().max(100).default('') });
export const publicSurvey = z.object({
  title: z.string(),
  intro: z.string().nullable(),
  closesOn: z.string().nullable(),
  tenantName: z.string(),
  organizationName: z.string(),
  contactName: z.string(),
  expiresAt: z.string(),
  sections: z.array(section),
});
export type PublicSurvey = z.infer<typeof publicSurvey>;

// ---- Results

const occupationTotal = z.object({
  socCode: z.string(),
  title: z.string(),
  /** hiring projections: people; otherwise: employers naming it. */
  total: z.number().int(),
  employers: z.number().int(),
  severity: z.object({ minor: z.number().int(), moderate: z.number().int(), severe: z.number().int() }).optional(),
});
const labelled = z.object({ label: z.string(), count: z.number().int() });
export const questionResult = z.object({
  questionId: z.string(),
  sectionTitle: z.string(),
  prompt: z.string(),
  kind: z.enum(QUESTION_KINDS),
  /** Responses that answered this question. */
  answered: z.number().int(),
  occupations: z.array(occupationTotal).optional(),
  /** Skills named per occupation (skills gaps). */
  skills: z.array(z.object({ socCode: z.string(), title: z.string(), skill: z.string(), count: z.number().int() })).optional(),
  /** Reasons (hard to fill) or choices (single choice), counted. */
  counts: z.array(labelled).optional(),
  stats: z.object({ sum: z.number(), mean: z.number(), min: z.number(), max: z.number() }).optional(),
});
export type QuestionResult = z.infer<typeof questionResult>;
export const surveyResults = z.object({
  surveyId: uuid,
  recipients: z.number().int(),
  opened: z.number().int(),
  responded: z.number().int(),
  /** responded / recipients, 0–1. */
  responseRate: z.number(),
  questions: z.array(questionResult),
});
export type SurveyResults = z.infer<typeof surveyResults>;

export const surveyResponse = z.object({
  id: uuid,
  organizationId: uuid,
  organizationName: z.string(),
  contactName: z.string(),
  submittedAt: z.string(),
  answers,
});
export type SurveyResponse = z.infer<typeof surveyResponse>;
export const surveyResponseList = z.object({ items: z.array(surveyResponse) });

// ---- The needs-survey template: the three standard sections, for staff to adjust before sending.

export const DEFAULT_SKILLS = [
  'Patient care and safety',
  'Electronic health records',
  'Medical terminology',
  'Communication with patients and families',
  'Teamwork',
  'Digital literacy',
  'Math and dosage calculation',
  'Infection control',
  'Time management',
  'Customer service',
];
export const DEFAULT_REASONS = [
  'Too few applicants',
  'Applicants lack the required credential or license',
  'Applicants lack experience',
  'Wages are not competitive',
  'Shift or schedule',
  'Transportation or location',
  'Competition from other employers',
  'Turnover in the first year',
];

export function needsSurveyTemplate(): z.input<typeof surveyBody> {
  return {
    title: 'Employer needs survey',
    intro:
      'Tell us where your hiring is headed, so the partnership can train people for the jobs you will have. It takes about ten minutes; your answers are combined with other employers’ before anything is shared.',
    closesOn: null,
    tokenDays: 30,
    sections: [
      {
        id: 'skills',
        title: 'Skills gaps by occupation',
        questions: [
          {
            id: 'skills_gaps',
            kind: 'skills_gap',
            prompt: 'For the occupations you hire into, which skills do new hires most often lack?',
            required: true,
            skills: DEFAULT_SKILLS,
          },
        ],
      },
      {
        id: 'hiring',
        title: 'Hiring in the next 12 months',
        questions: [
          {
            id: 'hiring_projections',
            kind: 'hiring_projection',
            prompt: 'How many people do you expect to hire in the next 12 months, by occupation?',
            required: true,
          },
        ],
      },
      {
        id: 'hard_to_fill',
        title: 'Hard-to-fill roles',
        questions: [
          {
            id: 'hard_to_fill_roles',
            kind: 'hard_to_fill',
            prompt: 'Which roles are hardest to fill, and why?',
            required: false,
            reasons: DEFAULT_REASONS,
          },
          {
            id: 'comments',
            kind: 'text',
            prompt: 'Anything else the partnership should know about your workforce needs?',
            required: false,
          },
        ],
      },
    ],
  };
}
