import { z } from 'zod';

// Search parameters come from the address bar, where anything can be typed: a bad value is dropped,
// never an error page.
export const pageParam = z.coerce.number().int().min(1).max(100_000).optional().catch(undefined);
export const textParam = z.string().max(200).optional().catch(undefined);
