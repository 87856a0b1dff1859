import fs from 'node:fs';
import { type BuiltApp, buildApp } from './app.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { REVERIFY_QUEUE, reverifyJobHandler } from './modules/directory/directory.reminders.ts';
import { closeExpiredJobHandler, JOB_ORDER_CLOSE_QUEUE } from './modules/employers/job-orders.fill.ts';
import { PIRL_IMPORT_QUEUE, pirlImportJobHandler } from './modules/outcomes/pirl.service.ts';
import { WAGE_IMPORT_QUEUE, wageImportJobHandler } from './modules/outcomes/wages.service.ts';
import { importJobHandler, PARTICIPANT_IMPORT_QUEUE } from './modules/participants/participants.import.ts';
import { ESCALATION_QUEUE, escalationJobHandler } from './modules/referrals/referrals.escalation.ts';
import { PrincipalResolver } from './platform/auth/principal.ts';
import { loadKeyring } from './platform/crypto.ts';
import type { Services } from './platform/http.ts';
import { every, startJobs } from './platform/jobs.ts';
import { createLogger } from './platform/logger.ts';
import { createMailer, MAIL_QUEUE, mailHandler } from './platform/mail.ts';

export interface Runtime extends BuiltApp {
  services: Services;
  close(): Promise<void>;
}

export interface BootOptions {
  /** Reuse an open database (tests); otherwise opened from config. */
  database?: Database;
  /** Run job workers in this process (default: config.jobs). */
  workers?: boolean;
  pollingIntervalSeconds?: number;
}

/** Opens the database named by the config: PGlite in <data dir>/pgdata, or PostgreSQL by DATABASE_URL. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  if (!config.databaseUrl) fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
}

export async function boot(config: Config, options: BootOptions = {}): Promise<Runtime> {
  const database = options.database ?? (await openConfiguredDatabase(config));
  await migrateToLatest(database.db);
  const keyring = loadKeyring(config.secretKey, config.dataDir);
  const workers = options.workers ?? config.jobs;
  const jobs = await startJobs(database, { workers, pollingIntervalSeconds: options.pollingIntervalSeconds });
  const principals = new PrincipalResolver(database, {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
  });
  await principals.start();
  const logger = createLogger(config);
  const services: Services = { config, database, keyring, jobs, principals, logger, log: (msg) => logger.info(msg) };
  const built = await buildApp(services);
  await jobs.work(MAIL_QUEUE, mailHandler(keyring, createMailer(config), services.log));
  await jobs.work(PARTICIPANT_IMPORT_QUEUE, importJobHandler(services));
  await jobs.work(PIRL_IMPORT_QUEUE, pirlImportJobHandler(services));
  await jobs.work(WAGE_IMPORT_QUEUE, wageImportJobHandler(services));
  await jobs.work(ESCALATION_QUEUE, escalationJobHandler(services));
  await jobs.work(REVERIFY_QUEUE, reverifyJobHandler(services));
  await jobs.work(JOB_ORDER_CLOSE_QUEUE, closeExpiredJobHandler(services));
  // Recurring upkeep, enqueued by every process that works jobs; the queue runs it once per interval.
  const timers =
    workers && config.upkeepMinutes > 0
      ? [ESCALATION_QUEUE, REVERIFY_QUEUE, JOB_ORDER_CLOSE_QUEUE].map((name) =>
          every(jobs, name, config.upkeepMinutes, (err) => process.emitWarning(`could not schedule ${name}: ${err.message}`)),
        )
      : [];
  return {
    ...built,
    services,
    async close() {
      for (const stop of timers) stop();
      await built.app.close();
      await jobs.stop();
      await principals.stop();
      logger.flush();
      if (!options.database) await database.close();
    },
  };
}
