import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { z } from 'zod';

// Responses are written by fast-json-stringify, compiled once per route from the route's zod response
// schema. Only properties the schema declares are written, so a presenter can never leak a column it
// did not mean to. (Validating every response with zod cost about a tenth of GET /api/me's time.)
export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema }) => {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as Record<string, unknown>;
  delete json.$schema;
  const serialize = fastJson(json as never) as (data: unknown) => string;
  // A frozen object is taken as final, so it is written once and its JSON reused: the caller's own
  // description (GET /api/me, asked on every page load) is frozen and kept with the cached caller.
  const written = new WeakMap<object, string>();
  return (data: unknown) => {
    if (typeof data !== 'object' || data === null || !Object.isFrozen(data)) return serialize(data);
    let json = written.get(data);
    if (json === undefined) {
      json = serialize(data);
      written.set(data, json);
    }
    return json;
  };
};
