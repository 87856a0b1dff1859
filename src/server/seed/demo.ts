import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/tenant.ts';
import { createIn as createOrganization } from '../modules/organizations/organizations.service.ts';
import { createTenant, findTenantBySlug } from '../modules/tenants/tenants.queries.ts';
import { createWithPassword } from '../modules/users/users.service.ts';
import { makeOps, type Ops, type Services } from '../platform/http.ts';
import { directoryDemoStep } from './demo-directory.ts';
import { employersDemoStep, livingWagesDemoStep } from './demo-employers.ts';
import { governanceDemoStep } from './demo-governance.ts';
import { holidaysDemoStep } from './demo-holidays.ts';
import { establishmentsDemoStep, targetsDemoStep, wageRecordsDemoStep } from './demo-outcomes.ts';
import { participantsDemoStep } from './demo-participants.ts';
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS } from './demo-partnership.ts';
import { referralsDemoStep } from './demo-referrals.ts';
import { selfReferralsDemoStep } from './demo-self-referrals.ts';
import { surveysDemoStep } from './demo-surveys.ts';

export interface DemoContext {
  ops: Ops;
  tx: Tx;
  tenantId: string;
  /** Organization ids by DEMO_ORGANIZATIONS key. */
  organizations: Map<string, string>;
  /** User ids by email. */
  users: Map<string, string>;
}

/** Each module that extends the demo adds a step here; steps run in order in one transaction. */
/** heavy: large generated data (e.g. hundreds of participants); tests skip it unless they ask for the full demo. */
export const DEMO_STEPS: { name: string; heavy?: boolean; run(ctx: DemoContext): Promise<void> }[] = [
  {
    name: 'partnership: organizations and one person for every role',
    async run(ctx) {
      for (const { key, ...org } of DEMO_ORGANIZATIONS) {
        ctx.organizations.set(key, await createOrganization(ctx.ops, ctx.tx, org));
      }
      for (const u of DEMO_USERS) {
        const id = await createWithPassword(ctx.ops, ctx.tx, {
          email: u.email,
          name: u.name,
          password: DEMO_PASSWORD,
          organizationId: ctx.organizations.get(u.org) as string,
          role: u.role,
          locale: u.locale,
        });
        ctx.users.set(u.email, id);
      }
    },
  },
  holidaysDemoStep,
  governanceDemoStep,
  participantsDemoStep,
  livingWagesDemoStep,
  employersDemoStep,
  directoryDemoStep,
  establishmentsDemoStep,
  wageRecordsDemoStep,
  targetsDemoStep,
  surveysDemoStep,
  referralsDemoStep,
  selfReferralsDemoStep,
];

export interface DemoResult {
  created: boolean;
  tenantId: string;
  logins: { email: string; role: string; password: string }[];
}

/** Loads the demo partnership once; a second run finds it and changes nothing. */
export async function seedDemo(
  services: Services,
  onStep: (name: string) => void = () => {},
  options: { skipHeavy?: boolean } = {},
): Promise<DemoResult> {
  const logins = DEMO_USERS.map((u) => ({ email: u.email, role: u.role, password: DEMO_PASSWORD }));
  const existing = await findTenantBySlug(services.database.db, DEMO_TENANT.slug);
  if (existing) return { created: false, tenantId: existing.id, logins };
  const tenantId = randomUUID();
  await createTenant(services.database.db, { id: tenantId, ...DEMO_TENANT });
  const { ops, flush } = makeOps(services, tenantId, { userId: null, label: 'demo seed' });
  await ops.tx(async (tx) => {
    const ctx: DemoContext = { ops, tx, tenantId, organizations: new Map(), users: new Map() };
    for (const step of DEMO_STEPS) {
      if (options.skipHeavy && step.heavy) continue;
      onStep(step.name);
      await step.run(ctx);
    }
  });
  await flush();
  return { created: true, tenantId, logins };
}
