import type { SelectQueryBuilder } from 'kysely';
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
