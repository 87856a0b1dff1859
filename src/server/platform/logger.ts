import pino, { type Logger } from 'pino';
import type { Config } from '../config.ts';

// One operator log per process. Requests are not logged one by one (except at level "debug", by
// method and path only), so no body, query string, cookie or token can reach it. Fastify's own
// per-request child loggers are off: they cost a fifth of a small request's time.
export function createLogger(config: Config): Logger {
  return pino(
    { level: config.logLevel, base: { pid: process.pid } },
    config.logFile ? pino.destination({ dest: config.logFile, mkdir: true, sync: false }) : pino.destination(1),
  );
}
