import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/tenant.ts';
import type { NeedsSurveyTable, SurveyRecipientTable, SurveyResponseTable } from '../../db/types.surveys.ts';
import { likePattern } from '../../platform/pagination.ts';

// The only SQL of employer needs surveys. Every function takes the executor first; tenant scoping is
// RLS's job under withTenant, and the tenant column is still written explicitly.

const counts = [
  sql<number>`(SELECT count(*)::int FROM survey_recipient r WHERE r.survey_id = needs_survey.id)`.as('recipients'),
  sql<number>`(SELECT count(*)::int FROM survey_recipient r WHERE r.survey_id = needs_survey.id AND r.opened_at IS NOT NULL)`.as('opened'),
  sql<number>`(SELECT count(*)::int FROM survey_recipient r WHERE r.survey_id = needs_survey.id AND r.responded_at IS NOT NULL)`.as(
    'responded',
  ),
];

export function surveys(db: Executor, filter: { q?: string; status?: string }) {
  let q = db
    .selectFrom('needs_survey')
    .select(['id', 'title', 'closes_on', 'token_days', 'status', 'sent_at', 'closed_at', 'created_at'])
    .select(counts);
  if (filter.q) q = q.where('title', 'ilike', likePattern(filter.q));
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.orderBy('created_at', 'desc').orderBy('id');
}

export function findSurvey(db: Executor, id: string, lock = false) {
  const q = db
    .selectFrom('needs_survey')
    .select(['id', 'title', 'intro', 'closes_on', 'token_days', 'sections', 'status', 'sent_at', 'closed_at', 'created_at'])
    .select(counts)
    .where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}
export type SurveyRow = NonNullable<Awaited<ReturnType<typeof findSurvey>>>;

export async function insertSurvey(db: Executor, row: Insertable<NeedsSurveyTable>) {
  await db.insertInto('needs_survey').values(row).execute();
}

export async function updateSurvey(db: Executor, id: string, patch: Updateable<NeedsSurveyTable>) {
  await db
    .updateTable('needs_survey')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Active employer contacts, with the employer's name, for choosing recipients. */
export function employerContacts(db: Executor, contactIds?: string[]) {
  let q = db
    .selectFrom('contact')
    .innerJoin('organization', 'organization.id', 'contact.organization_id')
    .where('organization.kind', '=', 'employer')
    .where('contact.active', '=', true)
    .select([
      'contact.id',
      'contact.name',
      'contact.title',
      'contact.email',
      'contact.preferred_language',
      'contact.roles',
      'contact.organization_id',
      'organization.name as organization_name',
    ]);
  if (contactIds) q = q.where('contact.id', 'in', contactIds);
  return q.orderBy('organization.name').orderBy('contact.name').orderBy('contact.id').execute();
}

export async function insertRecipient(db: Executor, row: Insertable<SurveyRecipientTable>): Promise<boolean> {
  const res = await db
    .insertInto('survey_recipient')
    .values(row)
    .onConflict((oc) => oc.columns(['survey_id', 'contact_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function recipients(db: Executor, surveyId: string) {
  return db
    .selectFrom('survey_recipient')
    .innerJoin('contact', 'contact.id', 'survey_recipient.contact_id')
    .innerJoin('organization', 'organization.id', 'survey_recipient.organization_id')
    .where('survey_recipient.survey_id', '=', surveyId)
    .select([
      'survey_recipient.id',
      'survey_recipient.contact_id',
      'survey_recipient.organization_id',
      'survey_recipient.expires_at',
      'survey_recipient.sent_at',
      'survey_recipient.reminded_at',
      'survey_recipient.reminders',
      'survey_recipient.opened_at',
      'survey_recipient.responded_at',
      'contact.name as contact_name',
      'contact.email',
      'contact.preferred_language',
      'organization.name as organization_name',
    ])
    .orderBy('organization.name')
    .orderBy('contact.name')
    .orderBy('survey_recipient.id')
    .execute();
}
export type RecipientRow = Awaited<ReturnType<typeof recipients>>[number];

/** A new link for a recipient: the old token stops working. */
export async function replaceToken(db: Executor, id: string, tokenHash: Buffer, expiresAt: Date, reminded: boolean) {
  await db
    .updateTable('survey_recipient')
    .set((eb) => ({
      token_hash: tokenHash,
      expires_at: expiresAt,
      ...(reminded ? { reminded_at: new Date(), reminders: eb('reminders', '+', 1) } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

export async function tenantForSurveyToken(db: Executor, hash: Buffer): Promise<string | null> {
  const { rows } = await sql<{ t: string | null }>`SELECT braid_tenant_for_survey_token(${hash}) AS t`.execute(db);
  return rows[0]?.t ?? null;
}

/** The recipient behind a token, locked so two submissions of one link cannot both pass the check. */
export function recipientByToken(db: Executor, hash: Buffer) {
  return db
    .selectFrom('survey_recipient')
    .innerJoin('needs_survey', 'needs_survey.id', 'survey_recipient.survey_id')
    .innerJoin('contact', 'contact.id', 'survey_recipient.contact_id')
    .innerJoin('organization', 'organization.id', 'survey_recipient.organization_id')
    .innerJoin('tenant', 'tenant.id', 'survey_recipient.tenant_id')
    .where('survey_recipient.token_hash', '=', hash)
    .select([
      'survey_recipient.id',
      'survey_recipient.survey_id',
      'survey_recipient.organization_id',
      'survey_recipient.expires_at',
      'survey_recipient.opened_at',
      'survey_recipient.responded_at',
      'needs_survey.title',
      'needs_survey.intro',
      'needs_survey.closes_on',
      'needs_survey.sections',
      'needs_survey.status',
      'contact.name as contact_name',
      'organization.name as organization_name',
      'tenant.name as tenant_name',
    ])
    .forUpdate('survey_recipient')
    .executeTakeFirst();
}
export type TokenRow = NonNullable<Awaited<ReturnType<typeof recipientByToken>>>;

export async function markOpened(db: Executor, id: string) {
  await db.updateTable('survey_recipient').set({ opened_at: new Date() }).where('id', '=', id).where('opened_at', 'is', null).execute();
}

export async function insertResponse(db: Executor, row: Insertable<SurveyResponseTable>) {
  await db.insertInto('survey_response').values(row).execute();
  await db
    .updateTable('survey_recipient')
    .set((eb) => ({ responded_at: new Date(), opened_at: eb.fn.coalesce('opened_at', sql<Date>`now()`) }))
    .where('id', '=', row.recipient_id)
    .execute();
}

export function responses(db: Executor, surveyId: string) {
  return db
    .selectFrom('survey_response')
    .innerJoin('survey_recipient', 'survey_recipient.id', 'survey_response.recipient_id')
    .innerJoin('contact', 'contact.id', 'survey_recipient.contact_id')
    .innerJoin('organization', 'organization.id', 'survey_response.organization_id')
    .where('survey_response.survey_id', '=', surveyId)
    .select([
      'survey_response.id',
      'survey_response.organization_id',
      'survey_response.answers',
      'survey_response.submitted_at',
      'contact.name as contact_name',
      'organization.name as organization_name',
    ])
    .orderBy('organization.name')
    .orderBy('survey_response.submitted_at')
    .orderBy('survey_response.id')
    .execute();
}
export type ResponseRow = Awaited<ReturnType<typeof responses>>[number];

/** Answers only, with no names: what the aggregated results are computed from. */
export function answersOf(db: Executor, surveyId: string) {
  return db.selectFrom('survey_response').where('survey_id', '=', surveyId).select(['organization_id', 'answers']).execute();
}
