import path from 'node:path';

// Every setting comes from the environment (documented in README.md). Read once at start-up.
export interface Config {
  databaseUrl: string | null;
  dataDir: string;
  secretKey: string | null;
  port: number;
  host: string;
  baseUrl: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  signInMaxPerAccount: number;
  signInMaxPerIp: number;
  signInWindowMinutes: number;
  invitationDays: number;
  resetMinutes: number;
  smtp: { host: string | null; port: number; secure: boolean; user: string | null; pass: string | null; from: string };
  /** Behind a reverse proxy: take client addresses from X-Forwarded-For. */
  trustProxy: boolean;
  logLevel: string;
  /** Write the log here instead of stdout (tests capture it to prove secrets never reach it). */
  logFile: string | null;
  jobs: boolean;
  /** Public self-referral form: how old its signed token must be (a bot posts at once) and may be. */
  selfReferralMinSeconds: number;
  selfReferralMaxHours: number;
  /** Submissions per hour from one address, and to one service. */
  selfReferralMaxPerIp: number;
  selfReferralMaxPerService: number;
  /** At most one "new self-referrals" email per reviewer in this many minutes. */
  selfReferralNotifyMinutes: number;
  /** Minutes between runs of the recurring upkeep jobs (referral escalation, re-verification reminders); 0: off. */
  upkeepMinutes: number;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = int(env, 'PORT', 3000);
  const host = env.BRAID_HOST || '127.0.0.1';
  const config: Config = {
    databaseUrl: env.DATABASE_URL || null,
    dataDir: path.resolve(env.BRAID_DATA_DIR || '.braid'),
    secretKey: env.BRAID_SECRET_KEY || null,
    port,
    host,
    baseUrl: (env.BRAID_BASE_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    sessionIdleMinutes: int(env, 'BRAID_SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: int(env, 'BRAID_SESSION_ABSOLUTE_HOURS', 12),
    signInMaxPerAccount: int(env, 'BRAID_SIGNIN_MAX_PER_ACCOUNT', 5),
    signInMaxPerIp: int(env, 'BRAID_SIGNIN_MAX_PER_IP', 50),
    signInWindowMinutes: int(env, 'BRAID_SIGNIN_WINDOW_MINUTES', 15),
    invitationDays: int(env, 'BRAID_INVITATION_DAYS', 7),
    resetMinutes: int(env, 'BRAID_RESET_MINUTES', 60),
    smtp: {
      host: env.SMTP_HOST || null,
      port: int(env, 'SMTP_PORT', 587),
      secure: env.SMTP_SECURE === 'true',
      user: env.SMTP_USER || null,
      pass: env.SMTP_PASS || null,
      from: env.SMTP_FROM || 'Braid <no-reply@braid.localhost>',
    },
    trustProxy: env.BRAID_TRUST_PROXY === 'true',
    logLevel: env.BRAID_LOG_LEVEL || 'info',
    logFile: env.BRAID_LOG_FILE || null,
    jobs: env.BRAID_JOBS !== 'off',
    selfReferralMinSeconds: int(env, 'BRAID_SELF_REFERRAL_MIN_SECONDS', 4),
    selfReferralMaxHours: int(env, 'BRAID_SELF_REFERRAL_MAX_HOURS', 4),
    selfReferralMaxPerIp: int(env, 'BRAID_SELF_REFERRAL_MAX_PER_IP', 5),
    selfReferralMaxPerService: int(env, 'BRAID_SELF_REFERRAL_MAX_PER_SERVICE', 60),
    selfReferralNotifyMinutes: int(env, 'BRAID_SELF_REFERRAL_NOTIFY_MINUTES', 30),
    upkeepMinutes: int(env, 'BRAID_UPKEEP_MINUTES', 60),
  };
  return { ...config, ...overrides };
}
