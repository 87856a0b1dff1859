import { parseCookie, stringifySetCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';

export const SESSION_COOKIE = 'braid_session';

// The one cookie Braid uses, read and written directly: a cookie plugin would add a hook to every
// request and every response for it.

/** The session token the request carries, if any. */
export function sessionTokenOf(req: FastifyRequest): string | undefined {
  const header = req.headers.cookie;
  if (!header?.includes(SESSION_COOKIE)) return undefined;
  return parseCookie(header)[SESSION_COOKIE];
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string, expiresAt: Date): void {
  reply.header(
    'set-cookie',
    stringifySetCookie({
      name: SESSION_COOKIE,
      value: token,
      httpOnly: true,
      sameSite: 'lax',
      secure: config.baseUrl.startsWith('https://'),
      path: '/',
      expires: expiresAt,
    }),
  );
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.header(
    'set-cookie',
    stringifySetCookie({
      name: SESSION_COOKIE,
      value: '',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.baseUrl.startsWith('https://'),
      path: '/',
      expires: new Date(0),
    }),
  );
}
