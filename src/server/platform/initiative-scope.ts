import { type SelectQueryBuilder, sql } from 'kysely';

// The one way lists are narrowed to an initiative (`?initiativeId=` from initiativeFilter in
// shared/schemas/initiatives.ts). Records carry an initiative in one of two ways, so there are two
// helpers: a column of the row itself, or an organization that partners in the initiative.
//
//   q = whereInitiative(q, 'strategy.initiative_id', query.initiativeId);
//   q = whereOrganizationInInitiative(q, 'organization.id', query.initiativeId);

/** Rows whose own initiative column matches. No initiative given: the query is unchanged. */
export function whereInitiative<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  column: string,
  initiativeId: string | undefined,
): SelectQueryBuilder<DB, TB, O> {
  if (!initiativeId) return q;
  return q.where(sql.ref(column), '=', initiativeId);
}

/** Rows that belong to an organization partnering in the initiative (in any role). */
export function whereOrganizationInInitiative<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  organizationColumn: string,
  initiativeId: string | undefined,
): SelectQueryBuilder<DB, TB, O> {
  if (!initiativeId) return q;
  return q.where(organizationInInitiative(organizationColumn, initiativeId));
}

/** The condition itself, for queries that combine it with others. */
export function organizationInInitiative(organizationColumn: string, initiativeId: string) {
  return sql<boolean>`EXISTS (SELECT 1 FROM initiative_partner ip
    WHERE ip.organization_id = ${sql.ref(organizationColumn)} AND ip.initiative_id = ${initiativeId})`;
}

/**
 * People belong to an initiative through their periods of participation (`program_participation.initiative_id`),
 * never through an organization: a provider serving several initiatives would bring everyone it serves.
 * Any period counts, open or closed, so an exited participant stays in the initiative that served them.
 */
export function participantInInitiative(participantColumn: string, initiativeId: string) {
  return sql<boolean>`EXISTS (SELECT 1 FROM program_participation ipp
    WHERE ipp.participant_id = ${sql.ref(participantColumn)} AND ipp.initiative_id = ${initiativeId})`;
}
