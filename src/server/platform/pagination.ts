import type { QueryExecutorProvider, SelectQueryBuilder } from 'kysely';
import { sql } from 'kysely';
import type { Page } from '../../shared/schemas/common.ts';

// Page-number pagination with a total, for lists people page through. The caller's query must end
// its ORDER BY with a unique column (id) so pages are stable.
export async function paginate<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  page: number,
  pageSize: number,
): Promise<Page<O>> {
  const rows = await query
    .select(sql<number>`count(*) over ()`.as('__total'))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  let total = rows.length > 0 ? Number((rows[0] as Record<string, unknown>).__total) : 0;
  if (rows.length === 0 && page > 1) {
    const counted = await query.clearSelect().clearOrderBy().select(sql<number>`count(*)`.as('n')).executeTakeFirst();
    total = Number((counted as { n: number } | undefined)?.n ?? 0);
  }
  const items = rows.map((r) => {
    const { __total, ...rest } = r as Record<string, unknown>;
    return rest as O;
  });
  return { items, page, pageSize, total };
}

/** Escapes LIKE wildcards in user search text. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Page-number pagination for lists that can grow past what is worth counting (a partnership's every
 * referral): the total is counted over at most `cap` + 1 matching rows, so a million matches cost a
 * bounded scan, not a full count; past the cap the total is `cap` and `totalCapped` is true
 * ("10,000+"). A page beyond the cap still counts at least up to itself, so the pager can show it.
 * The caller's query must end its ORDER BY with a unique column, as for paginate().
 */
export async function paginateBounded<DB, TB extends keyof DB, O>(
  db: QueryExecutorProvider,
  query: SelectQueryBuilder<DB, TB, O>,
  page: number,
  pageSize: number,
  cap = 10_000,
): Promise<Page<O> & { totalCapped: boolean }> {
  const offset = (page - 1) * pageSize;
  const items = (await query.limit(pageSize).offset(offset).execute()) as O[];
  // A short page (or an empty first one) is the end of the list: its total needs no count.
  if ((items.length > 0 && items.length < pageSize) || (page === 1 && items.length === 0)) {
    return { items, page, pageSize, total: offset + items.length, totalCapped: false };
  }
  const bound = Math.max(cap, offset + items.length);
  // No ORDER BY: the count only needs to know whether there are more than `bound` rows, not which.
  const capped = query
    .clearSelect()
    .clearOrderBy()
    .select(sql<number>`1`.as('one'))
    .limit(bound + 1);
  const { rows } = await sql<{ n: string | number }>`SELECT count(*) AS n FROM (${capped}) AS matching`.execute(db);
  const n = Number(rows[0]?.n ?? 0);
  return { items, page, pageSize, total: Math.min(n, bound), totalCapped: n > bound };
}
