import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { type Answers, DEFAULT_REASONS, DEFAULT_SKILLS, needsSurveyTemplate, type Section } from '../../shared/schemas/surveys.ts';
import { tokenHash } from '../platform/crypto.ts';
import type { DemoContext } from './demo.ts';
import { demoUuid, prng } from './demo-participants.ts';

// One employer needs survey, sent three weeks ago to every demo employer's survey contact, with about
// fifteen answers, so the results page shows real charts. Runs after the employers step (it needs their
// contacts). No email goes out: the links' tokens are random and thrown away, only their hashes stored.

const OCCUPATIONS = {
  cna: '31-1131', // Nursing Assistants
  rn: '29-1141', // Registered Nurses
  lpn: '29-2061', // Licensed Practical and Licensed Vocational Nurses
  ma: '31-9092', // Medical Assistants
  phleb: '31-9097', // Phlebotomists
  hha: '31-1121', // Home Health Aides
  pharmtech: '29-2052', // Pharmacy Technicians
  sterile: '31-9093', // Medical Equipment Preparers
} as const;

const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

export const surveysDemoStep = {
  heavy: true,
  name: 'surveys: an employer needs survey sent to 25 employers, with 15 responses',
  async run(ctx: DemoContext) {
    const r = prng(5151);
    const { tx, tenantId } = ctx;
    const business = ctx.users.get('business@demo.braid.test') ?? null;
    const template = needsSurveyTemplate();
    const today = new Date();
    const sentAt = addDays(today, -21);
    const surveyId = demoUuid('survey:needs-2027');
    await tx
      .insertInto('needs_survey')
      .values({
        id: surveyId,
        tenant_id: tenantId,
        title: 'Healthcare employer needs survey, 2027',
        intro: template.intro ?? null,
        closes_on: day(addDays(today, 30)),
        token_days: 30,
        sections: JSON.stringify(template.sections as Section[]),
        status: 'sent',
        sent_at: sentAt,
        created_by: business,
        created_at: addDays(sentAt, -2),
      })
      .execute();

    const contacts = await tx
      .selectFrom('contact')
      .innerJoin('organization', 'organization.id', 'contact.organization_id')
      .where('organization.kind', '=', 'employer')
      .where(sql<boolean>`'survey' = ANY(contact.roles)`)
      .select(['contact.id', 'contact.organization_id'])
      .orderBy('organization.name')
      .execute();
    const skills = [...DEFAULT_SKILLS];
    const reasons = [...DEFAULT_REASONS];
    const pool = Object.values(OCCUPATIONS);
    for (const [i, c] of contacts.entries()) {
      const recipientId = demoUuid(`survey-recipient:${c.id}`);
      const responded = i < 15;
      const opened = responded || r.chance(0.4);
      const answeredAt = addDays(sentAt, r.int(1, 18));
      await tx
        .insertInto('survey_recipient')
        .values({
          id: recipientId,
          tenant_id: tenantId,
          survey_id: surveyId,
          contact_id: c.id,
          organization_id: c.organization_id,
          token_hash: tokenHash(randomBytes(32).toString('base64url')),
          expires_at: addDays(sentAt, 30),
          sent_at: sentAt,
          opened_at: opened ? addDays(answeredAt, -1) : null,
          responded_at: responded ? answeredAt : null,
        })
        .execute();
      if (!responded) continue;
      // Every employer hires nursing assistants; the rest depends on the kind of employer.
      const occupations = [OCCUPATIONS.cna, ...pool.filter((o) => o !== OCCUPATIONS.cna && r.chance(0.35))].slice(0, 4);
      const answers: Answers = {
        skills_gaps: {
          kind: 'skills_gap',
          items: occupations.slice(0, 2).map((socCode) => ({
            socCode,
            skills: skills
              .filter(() => r.chance(0.3))
              .slice(0, 4)
              .concat([r.pick(skills)])
              .filter((s, k, a) => a.indexOf(s) === k),
            other: r.chance(0.15) ? 'Dementia care' : null,
            severity: r.pick(['minor', 'moderate', 'moderate', 'severe'] as const),
          })),
        },
        hiring_projections: {
          kind: 'hiring_projection',
          items: occupations.map((socCode) => ({ socCode, count: socCode === OCCUPATIONS.cna ? r.int(6, 40) : r.int(1, 15) })),
        },
        hard_to_fill_roles: {
          kind: 'hard_to_fill',
          items: occupations
            .filter((o) => o === OCCUPATIONS.rn || o === OCCUPATIONS.lpn || o === OCCUPATIONS.cna || r.chance(0.3))
            .slice(0, 2)
            .map((socCode) => ({
              socCode,
              reasons: reasons
                .filter(() => r.chance(0.35))
                .slice(0, 3)
                .concat([r.pick(reasons)])
                .filter((s, k, a) => a.indexOf(s) === k),
              other: null,
            })),
        },
        ...(r.chance(0.4)
          ? {
              comments: {
                kind: 'text' as const,
                text: r.pick([
                  'We would host clinical rotations for the next cohort.',
                  'Night shift is our biggest gap.',
                  'Interested in an incumbent-worker LPN program.',
                ]),
              },
            }
          : {}),
      };
      if ((answers.hard_to_fill_roles as { items: unknown[] }).items.length === 0) delete answers.hard_to_fill_roles;
      await tx
        .insertInto('survey_response')
        .values({
          id: demoUuid(`survey-response:${c.id}`),
          tenant_id: tenantId,
          survey_id: surveyId,
          recipient_id: recipientId,
          organization_id: c.organization_id,
          answers: JSON.stringify(answers),
          submitted_at: answeredAt,
        })
        .execute();
    }
  },
};
