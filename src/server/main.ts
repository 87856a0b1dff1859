import { randomUUID } from 'node:crypto';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ROLES, type Role } from '../shared/roles.ts';
import { type Config, loadConfig } from './config.ts';
import { migrateToLatest, migrationStatus } from './db/migrate.ts';
import { registerOutcomeCommands } from './modules/outcomes/outcomes.cli.ts';
import { createTenant, findTenantBySlug, listTenants } from './modules/tenants/tenants.queries.ts';
import { findUserByEmail } from './modules/users/users.queries.ts';
import { createWithPassword, invite, setDisabled } from './modules/users/users.service.ts';
import { verifyAudit } from './platform/audit.ts';
import { makeOps } from './platform/http.ts';
import { rotateKeys } from './platform/key-rotation.ts';
import { boot, openConfiguredDatabase, type Runtime } from './runtime.ts';
import { seedDemo } from './seed/demo.ts';

// The `braid` command line. Every command reads the same environment (README: Configuration).

const program = new Command()
  .name('braid')
  .description('Braid: the platform a workforce intermediary uses to run a sector initiative')
  .showHelpAfterError();

function config(): Config {
  return loadConfig();
}

function say(line = '') {
  process.stdout.write(`${line}\n`);
}

async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>, workers = true): Promise<T> {
  const rt = await boot(config(), { workers, pollingIntervalSeconds: 0.5 });
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

async function resolveTenant(rt: Runtime, slug: string | undefined): Promise<{ id: string; slug: string; name: string }> {
  const db = rt.services.database.db;
  if (slug) {
    const t = await findTenantBySlug(db, slug);
    if (!t) throw new Error(`No tenant "${slug}". See: braid tenant list`);
    return t;
  }
  const all = await listTenants(db);
  if (all.length === 1) return all[0];
  if (all.length === 0) throw new Error('No tenant yet. Create one with: braid tenant create <slug> --name "…" (or braid seed --demo)');
  throw new Error(`Several tenants exist (${all.map((t) => t.slug).join(', ')}): pass --tenant <slug>`);
}

const tenantOption = () => new Option('--tenant <slug>', 'tenant slug (default: the only tenant)');
const portArg = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port number');
  return n;
};

program
  .command('serve')
  .description('Start the web app and API (migrates first)')
  .option('--port <port>', 'port to listen on (env PORT, default 3000)', portArg)
  .option('--host <host>', 'interface to listen on (env BRAID_HOST, default 127.0.0.1)')
  .option('--seed-demo-if-empty', 'load the demo partnership when the database has no tenant yet')
  .action(async (opts: { port?: number; host?: string; seedDemoIfEmpty?: boolean }) => {
    const base = config();
    const port = opts.port ?? base.port;
    const cfg = loadConfig(process.env, {
      port,
      host: opts.host ?? base.host,
      baseUrl: process.env.BRAID_BASE_URL ? base.baseUrl : `http://localhost:${port}`,
    });
    const rt = await boot(cfg);
    let logins: { email: string; role: string; password: string }[] = [];
    if (opts.seedDemoIfEmpty && (await listTenants(rt.services.database.db)).length === 0) {
      say('First run: loading the demo partnership…');
      const demo = await seedDemo(rt.services, (step) => say(`  · ${step}`));
      logins = demo.logins;
    }
    await rt.app.listen({ port: cfg.port, host: cfg.host });
    say('');
    say(`Braid is running at ${cfg.baseUrl}  (${rt.services.database.describe()})`);
    if (opts.seedDemoIfEmpty) {
      const demo = logins.length ? logins : (await seedDemo(rt.services)).logins;
      say('Demo sign-ins (password for all):');
      for (const l of demo) say(`  ${l.role.padEnd(18)} ${l.email.padEnd(28)} ${l.password}`);
    }
    say('API documentation: /api/docs   ·   Stop with Ctrl+C');
    const stop = async () => {
      await rt.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('Bring the database schema up to date (idempotent)')
  .action(async () => {
    const db = await openConfiguredDatabase(config());
    try {
      const applied = await migrateToLatest(db.db);
      say(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
    } finally {
      await db.close();
    }
  });

program
  .command('seed')
  .description('Load data')
  .requiredOption('--demo', 'the demo healthcare partnership (skipped if already loaded)')
  .action(async () => {
    await withRuntime(async (rt) => {
      const result = await seedDemo(rt.services, (step) => say(`  · ${step}`));
      say(result.created ? 'Demo partnership loaded.' : 'Demo partnership already present; nothing changed.');
      for (const l of result.logins) say(`  ${l.role.padEnd(18)} ${l.email.padEnd(28)} ${l.password}`);
    });
  });

const tenant = program.command('tenant').description('Manage tenants (one per intermediary)');
tenant
  .command('create <slug>')
  .description('Create a tenant')
  .requiredOption('--name <name>', 'display name')
  .action(async (slug: string, opts: { name: string }) => {
    await withRuntime(async (rt) => {
      if (await findTenantBySlug(rt.services.database.db, slug)) throw new Error(`Tenant "${slug}" already exists.`);
      const id = randomUUID();
      await createTenant(rt.services.database.db, { id, slug, name: opts.name });
      say(`Tenant ${slug} created (${id}).`);
    }, false);
  });
tenant
  .command('list')
  .description('List tenants')
  .action(async () => {
    await withRuntime(async (rt) => {
      for (const t of await listTenants(rt.services.database.db)) say(`${t.slug.padEnd(24)} ${t.name}`);
    }, false);
  });

const roleOption = () => new Option('--role <role>', 'role').choices([...ROLES]).makeOptionMandatory();

async function organizationId(rt: Runtime, tenantId: string, ref: string): Promise<string> {
  const { ops } = makeOps(rt.services, tenantId, { userId: null, label: 'cli' });
  const rows = await ops.tx((tx) =>
    tx
      .selectFrom('organization')
      .select(['id', 'name'])
      .where((eb) => eb.or([eb('name', 'ilike', ref), eb(eb.cast('id', 'text'), '=', ref)]))
      .execute(),
  );
  if (rows.length !== 1) throw new Error(rows.length ? `"${ref}" matches several organizations; use its id.` : `No organization "${ref}".`);
  return rows[0].id;
}

const user = program.command('user').description('Manage people');
user
  .command('create')
  .description('Create an active account with a password (read from BRAID_PASSWORD)')
  .requiredOption('--email <email>')
  .requiredOption('--name <name>')
  .requiredOption('--org <organization>', 'organization name or id')
  .addOption(roleOption())
  .addOption(tenantOption())
  .action(async (opts: { email: string; name: string; org: string; role: Role; tenant?: string }) => {
    const password = process.env.BRAID_PASSWORD;
    if (!password) throw new Error('Set BRAID_PASSWORD in the environment (never on the command line, where it lands in shell history).');
    await withRuntime(async (rt) => {
      const t = await resolveTenant(rt, opts.tenant);
      const { ops, flush } = makeOps(rt.services, t.id, { userId: null, label: 'cli' });
      const orgId = await organizationId(rt, t.id, opts.org);
      const id = await ops.tx((tx) =>
        createWithPassword(ops, tx, { email: opts.email.toLowerCase(), name: opts.name, password, organizationId: orgId, role: opts.role }),
      );
      await flush();
      say(`Created ${opts.email} (${id}) as ${opts.role}.`);
    }, false);
  });
user
  .command('invite')
  .description('Invite a person by email')
  .requiredOption('--email <email>')
  .requiredOption('--name <name>')
  .requiredOption('--org <organization>', 'organization name or id')
  .addOption(roleOption())
  .addOption(new Option('--locale <locale>').choices(['en', 'es']).default('en'))
  .addOption(tenantOption())
  .action(async (opts: { email: string; name: string; org: string; role: Role; locale: 'en' | 'es'; tenant?: string }) => {
    await withRuntime(async (rt) => {
      const t = await resolveTenant(rt, opts.tenant);
      const { ops, flush } = makeOps(rt.services, t.id, { userId: null, label: 'cli' });
      const orgId = await organizationId(rt, t.id, opts.org);
      const u = await invite(ops, {
        email: opts.email.toLowerCase(),
        name: opts.name,
        organizationId: orgId,
        role: opts.role,
        locale: opts.locale,
      });
      await flush();
      // Deliver now rather than leave the email for the next server start.
      await new Promise((r) => setTimeout(r, 1500));
      say(`Invited ${u.email}; the email is on its way.`);
    });
  });
user
  .command('disable')
  .description('Disable an account and end its sessions')
  .requiredOption('--email <email>')
  .addOption(tenantOption())
  .action(async (opts: { email: string; tenant?: string }) => {
    await withRuntime(async (rt) => {
      const t = await resolveTenant(rt, opts.tenant);
      const { ops } = makeOps(rt.services, t.id, { userId: null, label: 'cli' });
      const u = await ops.tx((tx) => findUserByEmail(tx, opts.email));
      if (!u) throw new Error(`No user ${opts.email} in ${t.slug}.`);
      await setDisabled(ops, u.id, true);
      say(`Disabled ${opts.email}; their sessions have ended.`);
    }, false);
  });

const audit = program.command('audit').description('The audit trail');
audit
  .command('verify')
  .description('Walk every hash chain and report any event that was changed or removed')
  .action(async () => {
    const db = await openConfiguredDatabase(config());
    try {
      const { events, problems } = await verifyAudit(db.db);
      if (problems.length === 0) {
        say(`Audit trail intact: ${events} events verified.`);
        return;
      }
      for (const p of problems) say(`TAMPERED tenant ${p.tenantId} event id ${p.id} (seq ${p.seq}): ${p.reason}`);
      say(`${problems.length} problem(s) in ${events} events.`);
      process.exitCode = 2;
    } finally {
      await db.close();
    }
  });

const db = program.command('db').description('Database');
db.command('info')
  .description('Engine, location, migrations and row counts')
  .action(async () => {
    const database = await openConfiguredDatabase(config());
    try {
      say(`Engine: ${database.describe()}`);
      const migrations = await migrationStatus(database.db);
      for (const m of migrations) say(`  ${m.executedAt ? 'applied' : 'PENDING'}  ${m.name}`);
      if (migrations.some((m) => m.executedAt)) {
        for (const t of await listTenants(database.db)) say(`Tenant ${t.slug}: ${t.name}`);
      }
    } finally {
      await database.close();
    }
  });

const keys = program.command('keys').description('Encryption keys for personal data');
keys
  .command('rotate')
  .description('Add a new key and re-encrypt every encrypted field with it')
  .action(async () => {
    const cfg = config();
    const database = await openConfiguredDatabase(cfg);
    try {
      await migrateToLatest(database.db);
      const result = await rotateKeys(database, cfg);
      say(`New key ${result.keyId}; re-encrypted ${result.reencrypted} value(s).`);
      if (result.note) say(result.note);
    } finally {
      await database.close();
    }
  });

registerOutcomeCommands(program, { withRuntime, resolveTenant, tenantOption, say });

program.parseAsync(process.argv).catch((err: Error) => {
  process.stderr.write(`braid: ${err.message}\n`);
  process.exit(1);
});
