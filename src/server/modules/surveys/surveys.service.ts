import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { FieldError } from '../../../shared/errors.ts';
import type { Page } from '../../../shared/schemas/common.ts';
import type {
  Answer,
  Answers,
  PublicSurvey,
  Question,
  Recipient,
  Section,
  SendResult,
  Survey,
  SurveyContact,
  SurveyListItem,
  SurveyResponse,
  SurveyResults,
  sendBody,
  surveyBody,
  surveyQuery,
} from '../../../shared/schemas/surveys.ts';
import { type Tx, withTenant } from '../../db/tenant.ts';
import { appendAudit } from '../../platform/audit.ts';
import { tokenHash as hashOf, newToken } from '../../platform/crypto.ts';
import { toCsv } from '../../platform/csv.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Context, PublicContext, Services } from '../../platform/http.ts';
import { queueMail } from '../../platform/mail.ts';
import { mailDate, mailLocale, renderMail } from '../../platform/mail-templates.ts';
import { paginate } from '../../platform/pagination.ts';
import { bucketKey, hit } from '../../platform/rate-limit.ts';
import { searchCodes, socCodes, socTitle } from '../codes/codes.service.ts';
import { aggregate } from './surveys.aggregate.ts';
import {
  answersOf,
  employerContacts,
  findSurvey,
  insertRecipient,
  insertResponse,
  insertSurvey,
  markOpened,
  type RecipientRow,
  type ResponseRow,
  recipientByToken,
  recipients,
  replaceToken,
  responses,
  type SurveyRow,
  surveys,
  type TokenRow,
  tenantForSurveyToken,
  updateSurvey,
} from './surveys.queries.ts';

const DAY_MS = 86_400_000;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

// ---- Staff side

function presentListItem(r: Omit<SurveyRow, 'intro' | 'sections'>): SurveyListItem {
  return {
    id: r.id,
    title: r.title,
    closesOn: r.closes_on,
    tokenDays: r.token_days,
    status: r.status as Survey['status'],
    sentAt: iso(r.sent_at),
    closedAt: iso(r.closed_at),
    createdAt: new Date(r.created_at).toISOString(),
    recipients: Number(r.recipients),
    opened: Number(r.opened),
    responded: Number(r.responded),
  };
}
const presentSurvey = (r: SurveyRow): Survey => ({ ...presentListItem(r), intro: r.intro, sections: r.sections as Section[] });

async function mustSurvey(ctx: Context, id: string, lock = false) {
  return ctx.tx(async (tx) => {
    const row = await findSurvey(tx, id, lock);
    if (!row) throw notFound('survey');
    return row;
  });
}

export async function list(ctx: Context, query: z.output<typeof surveyQuery>): Promise<Page<SurveyListItem>> {
  const page = await ctx.tx((tx) => paginate(surveys(tx, query), query.page, query.pageSize));
  return { ...page, items: page.items.map(presentListItem) };
}

export async function get(ctx: Context, id: string): Promise<Survey> {
  return presentSurvey(await mustSurvey(ctx, id));
}

export async function create(ctx: Context, b: z.output<typeof surveyBody>): Promise<Survey> {
  const id = randomUUID();
  await ctx.tx(async (tx) => {
    await insertSurvey(tx, {
      id,
      tenant_id: ctx.tenantId,
      title: b.title,
      intro: b.intro ?? null,
      closes_on: b.closesOn ?? null,
      token_days: b.tokenDays,
      sections: JSON.stringify(b.sections),
      created_by: ctx.actor.userId,
    });
    await ctx.audit(tx, { action: 'survey.created', entityType: 'needs_survey', entityId: id });
  });
  return get(ctx, id);
}

/** Questions are frozen once a survey is sent: answers are filed under them. */
export async function update(ctx: Context, id: string, b: z.output<typeof surveyBody>): Promise<Survey> {
  await ctx.tx(async (tx) => {
    const row = await findSurvey(tx, id, true);
    if (!row) throw notFound('survey');
    if (row.status !== 'draft') throw new AppError('conflict', 'A survey can be edited only while it is a draft.');
    await updateSurvey(tx, id, {
      title: b.title,
      intro: b.intro ?? null,
      closes_on: b.closesOn ?? null,
      token_days: b.tokenDays,
      sections: JSON.stringify(b.sections),
    });
    await ctx.audit(tx, { action: 'survey.updated', entityType: 'needs_survey', entityId: id });
  });
  return get(ctx, id);
}

export async function contacts(ctx: Context): Promise<{ items: SurveyContact[] }> {
  const rows = await ctx.tx((tx) => employerContacts(tx));
  return {
    items: rows.map((r) => ({
      contactId: r.id,
      name: r.name,
      title: r.title,
      email: r.email,
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      surveyRole: r.roles.includes('survey'),
    })),
  };
}

/**
 * Issues a fresh one-time link for a recipient and queues its email, in the contact's language, once the
 * transaction commits. The survey's own title and introduction are sent as staff wrote them.
 */
function issueLink(
  ctx: Context,
  survey: SurveyRow,
  to: { email: string; name: string; organization: string; language: string },
  tenant: string,
  kind: 'survey_invitation' | 'survey_reminder',
) {
  const token = newToken();
  const expires = new Date(Date.now() + survey.token_days * DAY_MS);
  // The fragment never reaches a server, so the token cannot land in an access log (see mail-templates.ts).
  const link = `${ctx.services.config.baseUrl}/survey#token=${token}`;
  const locale = mailLocale(to.language);
  const mail = renderMail(kind, locale, {
    name: to.name,
    tenant,
    organization: to.organization,
    title: survey.title,
    intro: survey.intro,
    link,
    expires: mailDate(expires.toISOString(), locale),
  });
  ctx.afterCommit(() => queueMail(ctx.services.jobs, ctx.services.keyring, { to: to.email, ...mail }));
  return { hash: hashOf(token), expires };
}

function mustBeOpen(row: SurveyRow) {
  if (row.status === 'closed') throw new AppError('conflict', 'This survey is closed.');
  if (row.closes_on && row.closes_on < new Date().toISOString().slice(0, 10)) {
    throw new AppError('conflict', 'The survey’s close date has passed; change it before sending.');
  }
}

export async function send(ctx: Context, id: string, b: z.output<typeof sendBody>): Promise<SendResult> {
  return ctx.tx(async (tx) => {
    const row = await findSurvey(tx, id, true);
    if (!row) throw notFound('survey');
    mustBeOpen(row);
    const found = await employerContacts(tx, [...new Set(b.contactIds)]);
    const missing = b.contactIds.filter((c) => !found.some((f) => f.id === c));
    if (missing.length > 0) {
      throw new AppError('validation_failed', 'Some recipients are not active employer contacts.', [
        { field: 'body.contactIds', code: 'not_found', message: `No such employer contact: ${missing.join(', ')}` },
      ]);
    }
    const noEmail = found.filter((f) => !f.email);
    if (noEmail.length > 0) {
      const names = noEmail.map((f) => f.name).join(', ');
      throw new AppError('validation_failed', 'Some contacts have no email address.', [
        { field: 'body.contactIds', code: 'no_email', message: `No email address for ${names}.` },
      ]);
    }
    const tenant = await tx.selectFrom('tenant').select('name').executeTakeFirstOrThrow();
    let sent = 0;
    for (const c of found) {
      // The row goes in first, so a contact who already has a link keeps it (and gets no second email).
      const recipientId = randomUUID();
      const placeholder = hashOf(newToken());
      const inserted = await insertRecipient(tx, {
        id: recipientId,
        tenant_id: ctx.tenantId,
        survey_id: id,
        contact_id: c.id,
        organization_id: c.organization_id,
        token_hash: placeholder,
        expires_at: new Date(Date.now() + row.token_days * DAY_MS),
        sent_at: new Date(),
      });
      if (!inserted) continue;
      const link = issueLink(
        ctx,
        row,
        { email: c.email as string, name: c.name, organization: c.organization_name, language: c.preferred_language },
        tenant.name,
        'survey_invitation',
      );
      await replaceToken(tx, recipientId, link.hash, link.expires, false);
      sent++;
    }
    if (row.status === 'draft') await updateSurvey(tx, id, { status: 'sent', sent_at: new Date() });
    await ctx.audit(tx, {
      action: 'survey.sent',
      entityType: 'needs_survey',
      entityId: id,
      details: { sent, skipped: found.length - sent },
    });
    return { sent, skipped: found.length - sent };
  });
}

/** A new link to everyone who has not answered; the old links stop working (only hashes are kept). */
export async function remind(ctx: Context, id: string): Promise<{ reminded: number }> {
  return ctx.tx(async (tx) => {
    const row = await findSurvey(tx, id, true);
    if (!row) throw notFound('survey');
    if (row.status === 'draft') throw new AppError('conflict', 'Send the survey before reminding anyone.');
    mustBeOpen(row);
    const tenant = await tx.selectFrom('tenant').select('name').executeTakeFirstOrThrow();
    let reminded = 0;
    for (const r of await recipients(tx, id)) {
      if (r.responded_at || !r.email) continue;
      const link = issueLink(
        ctx,
        row,
        { email: r.email, name: r.contact_name, organization: r.organization_name, language: r.preferred_language },
        tenant.name,
        'survey_reminder',
      );
      await replaceToken(tx, r.id, link.hash, link.expires, true);
      reminded++;
    }
    await ctx.audit(tx, { action: 'survey.reminded', entityType: 'needs_survey', entityId: id, details: { reminded } });
    return { reminded };
  });
}

export async function close(ctx: Context, id: string): Promise<Survey> {
  await ctx.tx(async (tx) => {
    const row = await findSurvey(tx, id, true);
    if (!row) throw notFound('survey');
    if (row.status === 'closed') return;
    await updateSurvey(tx, id, { status: 'closed', closed_at: new Date() });
    await ctx.audit(tx, { action: 'survey.closed', entityType: 'needs_survey', entityId: id });
  });
  return get(ctx, id);
}

function recipientStatus(r: RecipientRow): Recipient['status'] {
  if (r.responded_at) return 'responded';
  if (new Date(r.expires_at).getTime() <= Date.now()) return 'expired';
  return r.opened_at ? 'opened' : 'sent';
}

export async function recipientList(ctx: Context, id: string): Promise<{ items: Recipient[] }> {
  return ctx.tx(async (tx) => {
    if (!(await findSurvey(tx, id))) throw notFound('survey');
    const rows = await recipients(tx, id);
    return {
      items: rows.map((r) => ({
        id: r.id,
        contactId: r.contact_id,
        contactName: r.contact_name,
        email: r.email,
        organizationId: r.organization_id,
        organizationName: r.organization_name,
        status: recipientStatus(r),
        sentAt: new Date(r.sent_at).toISOString(),
        remindedAt: iso(r.reminded_at),
        reminders: r.reminders,
        openedAt: iso(r.opened_at),
        respondedAt: iso(r.responded_at),
        expiresAt: new Date(r.expires_at).toISOString(),
      })),
    };
  });
}

export async function results(ctx: Context, id: string): Promise<SurveyResults> {
  return ctx.tx(async (tx) => {
    const row = await findSurvey(tx, id);
    if (!row) throw notFound('survey');
    const rows = await answersOf(tx, id);
    const recipientsCount = Number(row.recipients);
    const responded = Number(row.responded);
    return {
      surveyId: id,
      recipients: recipientsCount,
      opened: Number(row.opened),
      responded,
      responseRate: recipientsCount === 0 ? 0 : responded / recipientsCount,
      questions: aggregate(
        row.sections as Section[],
        rows.map((r) => r.answers as Answers),
      ),
    };
  });
}

const presentResponse = (r: ResponseRow): SurveyResponse => ({
  id: r.id,
  organizationId: r.organization_id,
  organizationName: r.organization_name,
  contactName: r.contact_name,
  submittedAt: new Date(r.submitted_at).toISOString(),
  answers: r.answers as Answers,
});

/** Who answered what, by employer: business-services staff only, and every read is audited. */
export async function responseList(ctx: Context, id: string): Promise<{ items: SurveyResponse[] }> {
  return ctx.tx(async (tx) => {
    if (!(await findSurvey(tx, id))) throw notFound('survey');
    const rows = await responses(tx, id);
    await ctx.audit(tx, {
      action: 'survey.responses_viewed',
      entityType: 'needs_survey',
      entityId: id,
      personalData: true,
      details: { count: rows.length },
    });
    return { items: rows.map(presentResponse) };
  });
}

const CSV_HEADER = ['employer', 'contact', 'submitted_at', 'section', 'question', 'soc_code', 'occupation', 'answer', 'number', 'severity'];

/** One line per answer item (an occupation, a choice, a number, a text), so a spreadsheet can pivot it. */
export async function exportCsv(ctx: Context, id: string): Promise<string> {
  return ctx.tx(async (tx) => {
    const row = await findSurvey(tx, id);
    if (!row) throw notFound('survey');
    const rows = await responses(tx, id);
    const out: unknown[][] = [];
    for (const r of rows) {
      const lead = [r.organization_name, r.contact_name, new Date(r.submitted_at).toISOString()];
      for (const s of row.sections as Section[]) {
        for (const q of s.questions) {
          const a = (r.answers as Answers)[q.id];
          if (!a) continue;
          for (const line of csvLines(a)) out.push([...lead, s.title, q.prompt, ...line]);
        }
      }
    }
    await ctx.audit(tx, {
      action: 'survey.responses_exported',
      entityType: 'needs_survey',
      entityId: id,
      personalData: true,
      details: { rows: out.length },
    });
    return toCsv(CSV_HEADER, out);
  });
}

function csvLines(a: Answer): unknown[][] {
  const title = (soc: string) => socTitle(soc) ?? '';
  switch (a.kind) {
    case 'skills_gap':
      return a.items.map((i) => [i.socCode, title(i.socCode), [...i.skills, ...(i.other ? [i.other] : [])].join('; '), null, i.severity]);
    case 'hiring_projection':
      return a.items.map((i) => [i.socCode, title(i.socCode), null, i.count, null]);
    case 'hard_to_fill':
      return a.items.map((i) => [i.socCode, title(i.socCode), [...i.reasons, ...(i.other ? [i.other] : [])].join('; '), null, null]);
    case 'single_choice':
      return [[null, null, a.choice, null, null]];
    case 'number':
      return [[null, null, null, a.value, null]];
    case 'text':
      return a.text ? [[null, null, a.text, null, null]] : [];
  }
}

// ---- Public side: a respondent with only the emailed token

function rateLimited(retryAfterSeconds: number): AppError {
  return new AppError('rate_limited', 'Too many attempts. Wait a little and try again.', undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
}

/** Per address, as sign-in is: the token space is unguessable, this keeps anyone from trying. */
async function throttle(services: Services, ip: string): Promise<void> {
  const window = services.config.signInWindowMinutes * 60;
  const byIp = await withTenant(services.database.db, null, (tx) => hit(tx, bucketKey('survey-ip', ip), window));
  if (byIp.count > services.config.signInMaxPerIp) throw rateLimited(byIp.retryAfterSeconds);
}

const unknownLink = () => new AppError('not_found', 'This survey link is not valid. Check that the whole link was copied.');

/** Resolves the token's tenant, then runs fn in that tenant with the recipient row locked. */
async function withToken<T>(ctx: PublicContext, token: string, fn: (tx: Tx, row: TokenRow, tenantId: string) => Promise<T>) {
  await throttle(ctx.services, ctx.ip);
  const { db } = ctx.services.database;
  const hash = hashOf(token);
  const tenantId = await withTenant(db, null, (tx) => tenantForSurveyToken(tx, hash));
  if (!tenantId) throw unknownLink();
  return withTenant(db, tenantId, async (tx) => {
    const row = await recipientByToken(tx, hash);
    if (!row) throw unknownLink();
    if (row.responded_at) throw new AppError('survey_answered', 'This link has already been used to answer the survey. Thank you!');
    if (row.status === 'closed' || (row.closes_on && row.closes_on < new Date().toISOString().slice(0, 10))) {
      throw new AppError('token_invalid', 'This survey is closed.');
    }
    if (new Date(row.expires_at).getTime() <= Date.now()) {
      throw new AppError('token_invalid', 'This survey link has expired. Ask the partnership for a new one.');
    }
    return fn(tx, row, tenantId);
  });
}

export async function openSurvey(ctx: PublicContext, token: string): Promise<PublicSurvey> {
  return withToken(ctx, token, async (tx, row) => {
    await markOpened(tx, row.id);
    return {
      title: row.title,
      intro: row.intro,
      closesOn: row.closes_on,
      tenantName: row.tenant_name,
      organizationName: row.organization_name,
      contactName: row.contact_name,
      expiresAt: new Date(row.expires_at).toISOString(),
      sections: row.sections as Section[],
    };
  });
}

// Respondents name the occupations they hire into: detailed SOC codes only (those never end in 0;
// groups such as 31-1100 do), so answers from different employers add up to the same occupations.
let detailedSoc: ReturnType<typeof socCodes> | null = null;

export async function searchOccupations(ctx: PublicContext, token: string, q: string) {
  detailedSoc ??= socCodes().filter((c) => !c.code.endsWith('0'));
  const list = detailedSoc;
  return withToken(ctx, token, async () => ({
    items: searchCodes(list, q).map(({ code, title }) => ({ code, title })),
  }));
}

/** Answers are checked against the survey's own questions and saved in one transaction, once. */
export async function submit(ctx: PublicContext, token: string, given: Answers): Promise<{ ok: true }> {
  return withToken(ctx, token, async (tx, row, tenantId) => {
    const sections = row.sections as Section[];
    const checked = checkAnswers(sections, given);
    const id = randomUUID();
    await insertResponse(tx, {
      id,
      tenant_id: tenantId,
      survey_id: row.survey_id,
      recipient_id: row.id,
      organization_id: row.organization_id,
      answers: JSON.stringify(checked),
    });
    await appendAudit(
      tx,
      tenantId,
      { userId: null, label: 'survey respondent', ip: ctx.ip },
      { action: 'survey.response_submitted', entityType: 'needs_survey', entityId: row.survey_id, details: { responseId: id } },
    );
    return { ok: true as const };
  });
}

/** Field errors name the answer (body.answers.<question>…), so the form can show them in place. */
export function checkAnswers(sections: Section[], given: Answers): Answers {
  const errors: FieldError[] = [];
  const questions = new Map<string, Question>(sections.flatMap((s) => s.questions.map((q) => [q.id, q] as const)));
  const err = (path: string, code: string, message: string) => errors.push({ field: `body.answers.${path}`, code, message });
  const out: Answers = {};
  for (const id of Object.keys(given)) if (!questions.has(id)) err(id, 'unknown_field', 'No such question.');
  for (const [id, q] of questions) {
    const a = given[id];
    if (!a || isEmpty(a)) {
      if (q.required) err(id, 'required', 'Please answer this question.');
      continue;
    }
    if (a.kind !== q.kind) {
      err(id, 'invalid_type', 'This answer does not fit the question.');
      continue;
    }
    if (a.kind === 'skills_gap' || a.kind === 'hiring_projection' || a.kind === 'hard_to_fill') {
      const seen = new Set<string>();
      a.items.forEach((item, i) => {
        if (!socTitle(item.socCode)) err(`${id}.items.${i}.socCode`, 'invalid_code', 'Choose an occupation from the list.');
        if (seen.has(item.socCode)) err(`${id}.items.${i}.socCode`, 'duplicate', 'This occupation is already listed.');
        seen.add(item.socCode);
      });
    }
    if (a.kind === 'skills_gap' && q.kind === 'skills_gap') {
      a.items.forEach((item, i) => {
        if (item.skills.some((s) => !q.skills.includes(s)))
          err(`${id}.items.${i}.skills`, 'invalid_option', 'Choose skills from the list.');
        if (item.skills.length === 0 && !item.other) err(`${id}.items.${i}.skills`, 'required', 'Name at least one skill.');
      });
    }
    if (a.kind === 'hard_to_fill' && q.kind === 'hard_to_fill') {
      a.items.forEach((item, i) => {
        if (item.reasons.some((s) => !q.reasons.includes(s)))
          err(`${id}.items.${i}.reasons`, 'invalid_option', 'Choose reasons from the list.');
      });
    }
    if (a.kind === 'single_choice' && q.kind === 'single_choice' && !q.options.includes(a.choice)) {
      err(id, 'invalid_option', 'Choose one of the options.');
    }
    if (a.kind === 'number' && q.kind === 'number') {
      if (q.min !== undefined && a.value < q.min) err(id, 'too_small', `The smallest allowed answer is ${q.min}.`);
      if (q.max !== undefined && a.value > q.max) err(id, 'too_big', `The largest allowed answer is ${q.max}.`);
    }
    out[id] = a;
  }
  if (errors.length > 0) throw new AppError('validation_failed', 'Some answers need attention.', errors);
  return out;
}

function isEmpty(a: Answer): boolean {
  if (a.kind === 'skills_gap' || a.kind === 'hiring_projection' || a.kind === 'hard_to_fill') return a.items.length === 0;
  if (a.kind === 'text') return a.text === '';
  return false;
}
