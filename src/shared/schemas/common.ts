import { z } from 'zod';
import { LIMITS } from '../limits.ts';

export const uuid = z.uuid();
export const email = z
  .email()
  .max(LIMITS.emailMax)
  .transform((v) => v.trim().toLowerCase());
export const password = z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax);
export const isoDateTime = z.string();

export const idParams = z.strictObject({ id: uuid });

export const pageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  q: z.string().trim().max(200).optional(),
});
export type PageQuery = z.infer<typeof pageQuery>;

// A tenant runs several initiatives, so every list in Braid can be narrowed to one: list queries
// spread this into their schema (`pageQuery.extend({ ...initiativeFilter })`) and the server applies
// it with platform/initiative-scope.ts, so `?initiativeId=` is spelled and behaves the same everywhere.
export const initiativeFilter = { initiativeId: uuid.optional() };

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
}
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * A page of a list whose total is counted only up to a bound: `totalCapped` says there are more than
 * `total` (shown as "1,000+"). Used where counting every match would cost as much as the list itself.
 */
export function cappedPageOf<T extends z.ZodType>(item: T) {
  return pageOf(item).extend({ totalCapped: z.boolean() });
}
export interface CappedPage<T> extends Page<T> {
  totalCapped: boolean;
}

export const ok = z.object({ ok: z.literal(true) });
