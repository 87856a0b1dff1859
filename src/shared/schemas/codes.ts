import { z } from 'zod';

export const codeQuery = z.strictObject({
  q: z.string().trim().max(100).default(''),
  state: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});
export const codeItem = z.object({ code: z.string(), title: z.string() });
export const codeList = z.object({ items: z.array(codeItem) });
