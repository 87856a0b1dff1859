import { type Expression, type Insertable, type RawBuilder, sql, type Updateable } from 'kysely';
import type { ParticipantFilters } from '../../../shared/schemas/participants.ts';
import type { Executor } from '../../db/tenant.ts';
import type { ImportRunTable, ParticipantTable } from '../../db/types.ts';
import { participantInInitiative } from '../../platform/initiative-scope.ts';

// The only SQL of the participants module. Executor first.

export const uuidArray = (ids: string[]) => sql<string[]>`CAST(${`{${ids.join(',')}}`} AS uuid[])`;

/**
 * SQL: the consent aliased `c` is in force (given, not revoked, not expired). The one definition of an active
 * consent for every query that reads consents (participants, referrals, matching).
 */
export const activeConsent = sql<boolean>`(c.revoked_at IS NULL AND c.given_at <= now()
  AND (c.expires_on IS NULL OR c.expires_on >= CURRENT_DATE))`;

/** SQL: an active consent of participant `pid` covers one of `orgIds` (by id or by the organization's kind). */
export function consentCovers(pid: Expression<string> | RawBuilder<unknown>, orgIds: string[]) {
  return sql<boolean>`EXISTS (
    SELECT 1 FROM consent c
    WHERE c.participant_id = ${pid}
      AND ${activeConsent}
      AND (c.recipient_organization_ids && ${uuidArray(orgIds)}
        OR c.recipient_kinds && ARRAY(SELECT o.kind FROM organization o WHERE o.id = ANY(${uuidArray(orgIds)}))))`;
}

/** Active consents of a participant covering any of the organizations, with the organization covered. */
export async function coveringConsents(db: Executor, participantId: string, orgIds: string[]) {
  if (orgIds.length === 0) return [];
  const { rows } = await sql<{ id: string; categories: string[]; purpose: string; organization_id: string }>`
    SELECT c.id, c.categories, c.purpose, o.id AS organization_id
    FROM consent c
    JOIN organization o ON o.id = ANY(${uuidArray(orgIds)})
    WHERE c.participant_id = ${participantId}
      AND ${activeConsent}
      AND (o.id = ANY(c.recipient_organization_ids) OR o.kind = ANY(c.recipient_kinds))
    ORDER BY c.given_at, c.id`.execute(db);
  return rows;
}

/**
 * The names of those of `ids` a viewer may see, by the rule of accessTo (participants.policy.ts) in one
 * statement: the whole partnership, the own caseload, or an active consent covering one of the viewer's
 * receiving organizations other than the owner. A list page asks once, not twice per row.
 */
export async function visibleNames(db: Executor, ids: string[], scope: ListScope) {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ id: string; first_name: string; last_name: string }>`
    SELECT p.id, p.first_name, p.last_name
    FROM participant p
    WHERE p.id = ANY(${uuidArray(ids)})
      AND (${scope.all} OR p.owner_organization_id = ANY(${uuidArray(scope.ownerOrgIds)}) OR EXISTS (
        SELECT 1 FROM consent c
        JOIN organization o ON o.id = ANY(${uuidArray(scope.recipientOrgIds)}) AND o.id <> p.owner_organization_id
        WHERE c.participant_id = p.id
          AND ${activeConsent}
          AND (o.id = ANY(c.recipient_organization_ids) OR o.kind = ANY(c.recipient_kinds))))`.execute(db);
  return rows;
}

export function participantOwner(db: Executor, id: string) {
  return db.selectFrom('participant').select(['id', 'owner_organization_id']).where('id', '=', id).executeTakeFirst();
}

export interface ListScope {
  all: boolean;
  ownerOrgIds: string[];
  recipientOrgIds: string[];
}

/** SQL: rows aliased `participant` in the caller's own caseload organizations. */
function ownCaseloadSql(ownerOrgIds: string[]) {
  // One organization (the usual case) as an equality: then the caseload index (tenant, organization, name)
  // yields the list in name order, and a page or a capped count reads only as many entries as it needs.
  return ownerOrgIds.length === 1
    ? sql<boolean>`participant.owner_organization_id = ${ownerOrgIds[0]}`
    : ownerOrgIds.length
      ? sql<boolean>`participant.owner_organization_id = ANY(${uuidArray(ownerOrgIds)})`
      : sql<boolean>`false`;
}

/** The scope's organizations that receive consented data without holding a caseload of their own. */
const sharedWith = (scope: ListScope) => scope.recipientOrgIds.filter((o) => !scope.ownerOrgIds.includes(o));

/** SQL: rows aliased `participant` with an active consent covering one of `orgIds`. */
function consentedSql(orgIds: string[]) {
  // An uncorrelated IN: hashed once per query.
  return sql<boolean>`participant.id IN (
    SELECT c.participant_id FROM consent c
    WHERE ${activeConsent}
      AND (c.recipient_organization_ids && ${uuidArray(orgIds)}
        OR c.recipient_kinds && ARRAY(SELECT o.kind FROM organization o WHERE o.id = ANY(${uuidArray(orgIds)}))))`;
}

/**
 * SQL filter on rows aliased `participant`: those the scope may list. A caller's own caseload organizations
 * are not looked up in consents.
 */
export function visibleSql(scope: ListScope) {
  if (scope.all) return sql<boolean>`true`;
  const owner = ownCaseloadSql(scope.ownerOrgIds);
  const others = sharedWith(scope);
  if (others.length === 0) return owner;
  return sql<boolean>`(${owner} OR ${consentedSql(others)})`;
}

/**
 * The same rows as visibleSql, as conditions that no row meets twice: the own caseload, then (outside it)
 * the participants shared by consent. A search reads each part through its own index: the own caseload
 * through the (organization, trigram) index, which an OR with the consent condition would rule out.
 */
function visibleParts(scope: ListScope) {
  if (scope.all) return [sql<boolean>`true`];
  const owner = ownCaseloadSql(scope.ownerOrgIds);
  const others = sharedWith(scope);
  if (others.length === 0) return [owner];
  const shared = consentedSql(others);
  if (scope.ownerOrgIds.length === 0) return [shared];
  return [owner, sql<boolean>`(NOT ${owner} AND ${shared})`];
}

export const PARTICIPANT_COLUMNS = [
  'participant.id',
  'participant.owner_organization_id',
  'participant.navigator_user_id',
  'participant.status',
  'participant.first_name',
  'participant.middle_name',
  'participant.last_name',
  'participant.ssn_enc',
  'participant.dob_enc',
  'participant.email_enc',
  'participant.phone_enc',
  'participant.address_line1_enc',
  'participant.address_line2_enc',
  'participant.city',
  'participant.state_code',
  'participant.postal_code',
  'participant.county_fips',
  'participant.preferred_language',
  'participant.sex',
  'participant.hispanic',
  'participant.race',
  'participant.veteran',
  'participant.disability',
  'participant.school_status',
  'participant.education_level',
  'participant.employment_status',
  'participant.wage_q1_prior_cents',
  'participant.wage_q2_prior_cents',
  'participant.wage_q3_prior_cents',
  'participant.barriers',
  'participant.public_assistance',
  'participant.family_size',
  'participant.annual_family_income_cents',
  'participant.selective_service',
  'participant.authorized_to_work',
  'participant.dislocation',
  'participant.external_id',
  'participant.intake_completed_at',
  'participant.merged_into_id',
  'participant.created_at',
  'participant.updated_at',
] as const;

export function findParticipant(db: Executor, id: string) {
  return db
    .selectFrom('participant')
    .innerJoin('organization', 'organization.id', 'participant.owner_organization_id')
    .leftJoin('user as navigator', 'navigator.id', 'participant.navigator_user_id')
    .select(PARTICIPANT_COLUMNS)
    .select(['organization.name as owner_organization_name', 'navigator.name as navigator_name'])
    .where('participant.id', '=', id)
    .executeTakeFirst();
}
export type ParticipantRow = NonNullable<Awaited<ReturnType<typeof findParticipant>>>;

export type ParticipantInsert = Insertable<ParticipantTable>;

export async function insertParticipants(db: Executor, rows: ParticipantInsert[]) {
  if (rows.length === 0) return;
  await db.insertInto('participant').values(rows).execute();
}

export async function updateParticipant(db: Executor, id: string, patch: Record<string, unknown>) {
  await db
    .updateTable('participant')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function setStatus(db: Executor, id: string, status: ParticipantTable['status']) {
  await db.updateTable('participant').set({ status, updated_at: new Date() }).where('id', '=', id).execute();
}

export function organizationsOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organization').select(['id', 'name', 'kind']).where('id', 'in', ids).execute();
}

export function userInTenant(db: Executor, id: string) {
  return db.selectFrom('user').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

type ListFilters = ParticipantFilters & { mineUserId?: string };

/**
 * The latest period of participation of the participant `id` (SQL): the open one (the earliest, if several
 * are open), else the one entered last, so an exited participant shows when they entered and left. Meant
 * as a LATERAL join read for a page's rows only.
 */
const latestPeriod = (id: RawBuilder<unknown>) => sql`
  SELECT pp.entry_date, pp.exit_date FROM program_participation pp
  WHERE pp.participant_id = ${id}
  ORDER BY pp.exit_date IS NULL DESC, CASE WHEN pp.exit_date IS NULL THEN pp.entry_date END, pp.entry_date DESC, pp.id DESC
  LIMIT 1`;

/** The search term as the trigram operators compare it. */
const searchTerm = (q: string) => q.toLowerCase().trim();

/** Visible participants matching the filters, no joins: shared by the page and its count. */
function filtered(db: Executor, scope: ListScope, f: ListFilters, visible = visibleSql(scope)) {
  let q = db.selectFrom('participant').where(visible);
  if (f.status) q = q.where('participant.status', '=', f.status);
  else q = q.where('participant.status', '<>', 'merged');
  if (f.organizationId) q = q.where('participant.owner_organization_id', '=', f.organizationId);
  if (f.navigatorUserId) q = q.where('participant.navigator_user_id', '=', f.navigatorUserId);
  if (f.mineUserId) q = q.where('participant.navigator_user_id', '=', f.mineUserId);
  if (f.fundingStreamId) {
    const stream = f.fundingStreamId;
    q = q.where(
      sql<boolean>`EXISTS (SELECT 1 FROM program_participation pp WHERE pp.participant_id = participant.id AND pp.exit_date IS NULL AND pp.funding_stream_ids @> ${uuidArray([stream])})`,
    );
  }
  if (f.initiativeId) q = q.where(participantInInitiative('participant.id', f.initiativeId));
  if (f.cohortId) {
    const cohort = f.cohortId;
    q = q.where(
      sql<boolean>`EXISTS (SELECT 1 FROM training_enrollment te WHERE te.participant_id = participant.id AND te.cohort_id = ${cohort})`,
    );
  }
  if (f.q) {
    const term = searchTerm(f.q);
    const like = term.replace(/[\\%_]/g, '\\$&');
    q = q.where((eb) =>
      eb.or([
        // The whole name, with typos or in another order (similarity ≥ 0.3), and one of its names or the
        // start of one, misspelt (word similarity ≥ 0.6): both served by the trigram GIN index, which the
        // planner may use under row-level security since 20261210T1600 marks these operators LEAKPROOF.
        sql<boolean>`participant.search_name % ${term}`,
        sql<boolean>`participant.search_name %> ${term}`,
        // Trigrams say nothing about one or two letters: then the start of a name, without the index.
        ...(term.length < 3
          ? [sql<boolean>`participant.search_name LIKE ${`${like}%`}`, sql<boolean>`participant.search_name LIKE ${`% ${like}%`}`]
          : []),
        eb('participant.external_id', '=', f.q as string),
      ]),
    );
  }
  return q;
}

/**
 * Visible participants, filtered, in name order (search: best match first). The export reads this; the
 * caseload page reads the same rows in the same order through caseloadPage.
 */
export function listParticipants(db: Executor, scope: ListScope, f: ListFilters) {
  let q = filtered(db, scope, f)
    .innerJoin('organization', 'organization.id', 'participant.owner_organization_id')
    .leftJoin('user as navigator', 'navigator.id', 'participant.navigator_user_id')
    .select([
      'participant.id',
      'participant.first_name',
      'participant.last_name',
      'participant.status',
      'participant.owner_organization_id',
      'organization.name as owner_organization_name',
      'navigator.name as navigator_name',
    ]);
  if (f.q) {
    // Best match first: the whole name's similarity, then the best-matching single name.
    const term = searchTerm(f.q);
    q = q
      .orderBy(sql`similarity(participant.search_name, ${term})`, 'desc')
      .orderBy(sql`word_similarity(${term}, participant.search_name)`, 'desc');
  }
  return q.orderBy('participant.last_name').orderBy('participant.first_name').orderBy('participant.id');
}

/**
 * A total above this is not counted to the end: the list says "1,000+" (or "2,000+" once the page is past
 * the first thousand). Counting every match of a broad search costs as much again as the search itself.
 */
export const TOTAL_CAP = 1000;

/** The count a page's total is capped at: the first multiple of TOTAL_CAP that reaches past the page. */
export const totalBound = (offset: number, limit: number) => TOTAL_CAP * Math.max(1, Math.ceil((offset + limit) / TOTAL_CAP));

/**
 * One page of the caseload and its total in ONE statement, so a search matches once, not once for the page
 * and again for the count. The first `bound + 1` matches in list order are materialized (a top-N sort; for
 * the plain list, a walk of the caseload index); the page is cut from them, so it is exactly the page
 * listParticipants gives, and the total is their count, capped at `bound`. Dates are read for the page's
 * rows only. An empty page (past the end) carries no total: see countMatches.
 */
export function caseloadPageQuery(db: Executor, scope: ListScope, f: ListFilters, opts: { offset: number; limit: number }) {
  const bound = totalBound(opts.offset, opts.limit);
  const term = f.q ? searchTerm(f.q) : undefined;
  const matching = (visible?: RawBuilder<boolean>) =>
    filtered(db, scope, f, visible).select([
      'participant.id',
      'participant.first_name',
      'participant.last_name',
      'participant.status',
      'participant.owner_organization_id',
      'participant.navigator_user_id',
      // Without a search both are a constant, which orders nothing (and the planner drops).
      (term === undefined ? sql<number>`0::real` : sql<number>`similarity(participant.search_name, ${term})`).as('sim'),
      (term === undefined ? sql<number>`0::real` : sql<number>`word_similarity(${term}, participant.search_name)`).as('wsim'),
    ]);
  // A search matches the own caseload and the participants shared by consent apart (see visibleParts), and
  // orders their union; the plain list walks the caseload index in name order instead.
  const parts = term === undefined ? [] : visibleParts(scope);
  const base = parts.length > 1 ? matching(parts[0]).unionAll(matching(parts[1])) : matching(parts[0]);
  // After a UNION, the order names the output columns (unqualified).
  const matched = (term === undefined ? base : base.orderBy('sim', 'desc').orderBy('wsim', 'desc'))
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('id')
    .limit(bound + 1);
  const q = db
    .with(
      (cte) => cte('matched').materialized(),
      () => matched,
    )
    .with('page', (qb) => {
      const p = qb.selectFrom('matched').selectAll('matched');
      return (term === undefined ? p : p.orderBy('matched.sim', 'desc').orderBy('matched.wsim', 'desc'))
        .orderBy('matched.last_name')
        .orderBy('matched.first_name')
        .orderBy('matched.id')
        .limit(opts.limit)
        .offset(opts.offset);
    })
    .selectFrom('page')
    .innerJoin('organization', 'organization.id', 'page.owner_organization_id')
    .leftJoin('user as navigator', 'navigator.id', 'page.navigator_user_id')
    // The latest period of participation: the open one (the earliest, if several are open), else the one
    // entered last, so an exited participant shows when they entered and left. Read for the page's rows
    // only: the planner does not move a lateral join or these subqueries below the page's LIMIT.
    .leftJoin(sql<{ entry_date: string | null; exit_date: string | null }>`LATERAL (${latestPeriod(sql`page.id`)})`.as('period'), (join) =>
      join.onTrue(),
    )
    .select([
      'page.id',
      'page.first_name',
      'page.last_name',
      'page.status',
      'page.owner_organization_id',
      'organization.name as owner_organization_name',
      'navigator.name as navigator_name',
      'period.entry_date',
      'period.exit_date',
      sql<string | null>`(SELECT max(s.service_date) FROM service_record s WHERE s.participant_id = page.id AND s.status = 'completed')`.as(
        'last_service_date',
      ),
      sql<number>`(SELECT count(*) FROM matched)`.as('matched'),
    ]);
  // The joins keep no order of their own: the page's order again, on its 25 rows.
  return (term === undefined ? q : q.orderBy('page.sim', 'desc').orderBy('page.wsim', 'desc'))
    .orderBy('page.last_name')
    .orderBy('page.first_name')
    .orderBy('page.id');
}

type CaseloadRow = Awaited<ReturnType<ReturnType<typeof caseloadPageQuery>['execute']>>[number];

export interface CaseloadPage {
  rows: Omit<CaseloadRow, 'matched'>[];
  /** Exact up to the bound (see totalBound); the bound itself when there are more. */
  total: number;
  totalCapped: boolean;
}

/** The matches of the filters, counted up to `bound + 1`: the total of a page past the end. */
export async function countMatches(db: Executor, scope: ListScope, f: ListFilters, bound: number): Promise<number> {
  const r = await db
    .selectFrom(
      filtered(db, scope, f)
        .select('participant.id')
        .limit(bound + 1)
        .as('m'),
    )
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function caseloadPage(
  db: Executor,
  scope: ListScope,
  f: ListFilters,
  page: { offset: number; limit: number },
): Promise<CaseloadPage> {
  const found = await caseloadPageQuery(db, scope, f, page).execute();
  const bound = totalBound(page.offset, page.limit);
  const n = found.length > 0 ? Number(found[0].matched) : page.offset === 0 ? 0 : await countMatches(db, scope, f, bound);
  return { rows: found.map(({ matched: _, ...row }) => row), total: Math.min(n, bound), totalCapped: n > bound };
}

/**
 * Open-participation entry date and last completed service of a page of participants. Kept out of the list
 * query: with a total count over the whole caseload, per-row subqueries there would run for every match.
 */
/** Entry, exit and last service for the given participants (the export): the same latest period as the list. */
export async function caseloadDates(db: Executor, ids: string[]) {
  type Dates = { entry_date: string | null; exit_date: string | null; last_service_date: string | null };
  if (ids.length === 0) return new Map<string, Dates>();
  const { rows } = await sql<Dates & { id: string }>`
    SELECT p.id, period.entry_date, period.exit_date,
      (SELECT max(s.service_date) FROM service_record s WHERE s.participant_id = p.id AND s.status = 'completed') AS last_service_date
    FROM unnest(${uuidArray(ids)}) AS p(id)
    LEFT JOIN LATERAL (${latestPeriod(sql`p.id`)}) AS period ON true`.execute(db);
  return new Map(rows.map(({ id, ...dates }) => [id, dates]));
}

export function bySsnHash(db: Executor, hash: string) {
  return db
    .selectFrom('participant')
    .innerJoin('organization', 'organization.id', 'participant.owner_organization_id')
    .select([
      'participant.id',
      'participant.first_name',
      'participant.last_name',
      'participant.dob_enc',
      'participant.status',
      'participant.owner_organization_id',
      'organization.name as organization_name',
    ])
    .select(sql<number>`1`.as('score'))
    .where('participant.ssn_hash', '=', hash)
    .where('participant.status', '<>', 'merged')
    .limit(20)
    .execute();
}

/** Same date of birth (by its keyed hash) and a name at least `threshold` similar (pg_trgm). */
export function byNameAndDob(db: Executor, name: string, dobHash: string, threshold = 0.3) {
  const score = sql<number>`similarity(participant.search_name, ${name})`;
  return db
    .selectFrom('participant')
    .innerJoin('organization', 'organization.id', 'participant.owner_organization_id')
    .select([
      'participant.id',
      'participant.first_name',
      'participant.last_name',
      'participant.dob_enc',
      'participant.status',
      'participant.owner_organization_id',
      'organization.name as organization_name',
    ])
    .select(score.as('score'))
    .where('participant.dob_hash', '=', dobHash)
    .where('participant.status', '<>', 'merged')
    .where(score, '>=', threshold)
    .orderBy(score, 'desc')
    .limit(20)
    .execute();
}

/** Links of a participant, each with the other record's id, name and organization. */
export async function linkedRecords(db: Executor, id: string) {
  const { rows } = await sql<{
    other_id: string;
    reason: 'same_person' | 'ssn_match';
    created_at: Date;
    first_name: string;
    last_name: string;
    owner_organization_id: string;
    organization_name: string;
  }>`
    SELECT o.id AS other_id, l.reason, l.created_at, o.first_name, o.last_name, o.owner_organization_id, org.name AS organization_name
    FROM participant_link l
    JOIN participant o ON o.id = CASE WHEN l.participant_a_id = ${id} THEN l.participant_b_id ELSE l.participant_a_id END
    JOIN organization org ON org.id = o.owner_organization_id
    WHERE l.participant_a_id = ${id} OR l.participant_b_id = ${id}
    ORDER BY l.created_at, o.id`.execute(db);
  return rows;
}

export async function insertLink(
  db: Executor,
  row: {
    id: string;
    tenant_id: string;
    a: string;
    b: string;
    reason: 'same_person' | 'ssn_match';
    note: string | null;
    created_by: string | null;
  },
) {
  const [first, second] = row.a < row.b ? [row.a, row.b] : [row.b, row.a];
  await db
    .insertInto('participant_link')
    .values({
      id: row.id,
      tenant_id: row.tenant_id,
      participant_a_id: first,
      participant_b_id: second,
      reason: row.reason,
      note: row.note,
      created_by: row.created_by,
    })
    .onConflict((oc) => oc.columns(['participant_a_id', 'participant_b_id']).doNothing())
    .execute();
}

/** Tables whose rows belong to a participant; a merge moves them to the surviving record. */
const CHILD_TABLES = [
  'consent',
  'disclosure',
  'eligibility_determination',
  'program_participation',
  'service_record',
  'assessment',
  'plan',
  'plan_goal',
  'plan_step',
  'training_enrollment',
  'credential',
  'skill_gain',
  'employment',
  'follow_up',
  'case_note',
] as const;

export async function moveChildren(db: Executor, fromId: string, toId: string): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const table of CHILD_TABLES) {
    const r = await db.updateTable(table).set({ participant_id: toId }).where('participant_id', '=', fromId).executeTakeFirst();
    moved[table] = Number(r.numUpdatedRows);
  }
  // Links of the merged record now point at the survivor, except a link between the two.
  await sql`DELETE FROM participant_link WHERE (participant_a_id = ${fromId} AND participant_b_id = ${toId}) OR (participant_a_id = ${toId} AND participant_b_id = ${fromId})`.execute(
    db,
  );
  return moved;
}

// ---- Saved filters

export function savedFilters(db: Executor, userId: string) {
  return db
    .selectFrom('saved_filter')
    .select(['id', 'name', 'filters', 'created_at'])
    .where('user_id', '=', userId)
    .where('scope', '=', 'participants')
    .orderBy('name')
    .execute();
}
export async function insertSavedFilter(
  db: Executor,
  row: { id: string; tenant_id: string; user_id: string; name: string; filters: string },
) {
  await db
    .insertInto('saved_filter')
    .values({ ...row, scope: 'participants' })
    .execute();
}
export async function deleteSavedFilter(db: Executor, userId: string, id: string) {
  const r = await db.deleteFrom('saved_filter').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
export function savedFilterByName(db: Executor, userId: string, name: string) {
  return db
    .selectFrom('saved_filter')
    .select('id')
    .where('user_id', '=', userId)
    .where('scope', '=', 'participants')
    .where('name', '=', name)
    .executeTakeFirst();
}

// ---- Timeline sources

export async function timelineSources(db: Executor, id: string) {
  const [
    participations,
    services,
    determinations,
    consents,
    assessments,
    plans,
    enrollments,
    credentials,
    skillGains,
    jobs,
    followUps,
    notes,
  ] = await Promise.all([
    db
      .selectFrom('program_participation')
      .select(['id', 'entry_date', 'exit_date', 'exit_reason'])
      .where('participant_id', '=', id)
      .execute(),
    db
      .selectFrom('service_record')
      .select(['id', 'activity', 'service_date', 'status', 'category'])
      .where('participant_id', '=', id)
      .where('status', '<>', 'cancelled')
      .execute(),
    db
      .selectFrom('eligibility_determination')
      .innerJoin('funding_stream', 'funding_stream.id', 'eligibility_determination.funding_stream_id')
      .select([
        'eligibility_determination.id',
        'eligibility_determination.result',
        'eligibility_determination.determined_at',
        'funding_stream.name',
      ])
      .where('eligibility_determination.participant_id', '=', id)
      .execute(),
    db.selectFrom('consent').select(['id', 'given_at', 'revoked_at', 'purpose']).where('participant_id', '=', id).execute(),
    db.selectFrom('assessment').select(['id', 'type', 'assessed_on', 'level']).where('participant_id', '=', id).execute(),
    db.selectFrom('plan').select(['id', 'title', 'created_at']).where('participant_id', '=', id).execute(),
    db
      .selectFrom('training_enrollment')
      .innerJoin('training_program', 'training_program.id', 'training_enrollment.training_program_id')
      .select([
        'training_enrollment.id',
        'training_enrollment.enrolled_on',
        'training_enrollment.completed_on',
        'training_enrollment.withdrawn_on',
        'training_program.name',
      ])
      .where('training_enrollment.participant_id', '=', id)
      .execute(),
    db.selectFrom('credential').select(['id', 'title', 'attained_on']).where('participant_id', '=', id).execute(),
    db.selectFrom('skill_gain').select(['id', 'type', 'achieved_on']).where('participant_id', '=', id).execute(),
    db
      .selectFrom('employment')
      .select(['id', 'employer_name', 'job_title', 'start_date', 'end_date'])
      .where('participant_id', '=', id)
      .execute(),
    db
      .selectFrom('follow_up')
      .select(['id', 'quarter_after_exit', 'window_start', 'status', 'completed_at'])
      .where('participant_id', '=', id)
      .execute(),
    // Who may read which note is decided by the service (author's organization, or consent).
    db
      .selectFrom('case_note')
      .innerJoin('organization', 'organization.id', 'case_note.author_organization_id')
      .select([
        'case_note.id',
        'case_note.author_label',
        'case_note.author_organization_id',
        'organization.name as organization_name',
        'case_note.body_enc',
        'case_note.created_at',
      ])
      .where('case_note.participant_id', '=', id)
      .orderBy('case_note.created_at', 'desc')
      .limit(500)
      .execute(),
  ]);
  return {
    participations,
    services,
    determinations,
    consents,
    assessments,
    plans,
    enrollments,
    credentials,
    skillGains,
    jobs,
    followUps,
    notes,
  };
}

export function createdAt(db: Executor, id: string) {
  return db.selectFrom('participant').select(['created_at', 'intake_completed_at']).where('id', '=', id).executeTakeFirstOrThrow();
}

// ---- Import

export function existingImportKeys(db: Executor, keys: string[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return db.selectFrom('participant').select(['import_key']).where('import_key', 'in', keys).execute();
}

export function existingSsnHashes(db: Executor, hashes: string[]) {
  if (hashes.length === 0) return Promise.resolve([]);
  return db.selectFrom('participant').select(['id', 'ssn_hash']).where('ssn_hash', 'in', hashes).where('status', '<>', 'merged').execute();
}

export async function insertImportRun(db: Executor, row: Insertable<ImportRunTable>) {
  await db.insertInto('import_run').values(row).execute();
}

export function findImportRun(db: Executor, id: string) {
  return db
    .selectFrom('import_run')
    .select([
      'id',
      'kind',
      'filename',
      'content_enc',
      'status',
      'headers',
      'total_rows',
      'processed_rows',
      'imported_rows',
      'skipped_rows',
      'rejected_rows',
      'errors',
      'created_at',
      'finished_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Every participant of the tenant (not merged) with only the columns a de-identified export may derive
 * from: no names, contact, street address, SSN or external id are even selected.
 */
export function deidentifiedRows(
  db: Executor,
  f: { status?: ParticipantTable['status']; organizationId?: string; fundingStreamId?: string; cohortId?: string; initiativeId?: string },
) {
  let q = db
    .selectFrom('participant')
    .innerJoin('organization', 'organization.id', 'participant.owner_organization_id')
    .select([
      'participant.id',
      'participant.status',
      'organization.name as organization_name',
      'participant.dob_enc',
      'participant.county_fips',
      'participant.sex',
      'participant.hispanic',
      'participant.race',
      'participant.veteran',
      'participant.disability',
      'participant.education_level',
      'participant.employment_status',
      'participant.barriers',
    ])
    .select([
      sql<string | null>`(SELECT min(pp.entry_date)::text FROM program_participation pp WHERE pp.participant_id = participant.id)`.as(
        'entry_date',
      ),
      sql<
        string | null
      >`(SELECT CASE WHEN bool_or(pp.exit_date IS NULL) THEN NULL ELSE max(pp.exit_date)::text END FROM program_participation pp WHERE pp.participant_id = participant.id)`.as(
        'exit_date',
      ),
    ]);
  q = f.status ? q.where('participant.status', '=', f.status) : q.where('participant.status', '<>', 'merged');
  if (f.organizationId) q = q.where('participant.owner_organization_id', '=', f.organizationId);
  if (f.fundingStreamId) {
    const stream = f.fundingStreamId;
    q = q.where(
      sql<boolean>`EXISTS (SELECT 1 FROM program_participation pp WHERE pp.participant_id = participant.id AND pp.funding_stream_ids @> ${uuidArray([stream])})`,
    );
  }
  if (f.initiativeId) q = q.where(participantInInitiative('participant.id', f.initiativeId));
  if (f.cohortId) {
    const cohort = f.cohortId;
    q = q.where(
      sql<boolean>`EXISTS (SELECT 1 FROM training_enrollment te WHERE te.participant_id = participant.id AND te.cohort_id = ${cohort})`,
    );
  }
  return q.limit(50_000).execute();
}

/** The run with what its job needs (the options and who started it). */
export function findImportRunForJob(db: Executor, id: string) {
  return db
    .selectFrom('import_run')
    .select(['id', 'kind', 'filename', 'content_enc', 'status', 'options', 'processed_rows', 'created_by'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The run's progress, locked for the rest of the transaction. */
export function lockImportRun(db: Executor, id: string) {
  return db
    .selectFrom('import_run')
    .select(['status', 'processed_rows', 'imported_rows', 'skipped_rows'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateImportRun(db: Executor, id: string, patch: Updateable<ImportRunTable>) {
  await db.updateTable('import_run').set(patch).where('id', '=', id).execute();
}

export async function refreshParticipantStatus(db: Executor, id: string) {
  await sql`UPDATE participant SET status = CASE
      WHEN EXISTS (SELECT 1 FROM program_participation pp WHERE pp.participant_id = participant.id AND pp.exit_date IS NULL) THEN 'enrolled'
      WHEN EXISTS (SELECT 1 FROM program_participation pp WHERE pp.participant_id = participant.id) THEN 'exited'
      WHEN intake_completed_at IS NOT NULL THEN 'applicant'
      ELSE 'draft' END,
    updated_at = now()
    WHERE id = ${id} AND status <> 'merged'`.execute(db);
}
