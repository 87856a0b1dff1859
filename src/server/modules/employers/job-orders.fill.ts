import type { Tx } from '../../db/tenant.ts';
import { makeOps, type Ops, type Services } from '../../platform/http.ts';
import { listTenants } from '../tenants/tenants.queries.ts';
import { closeExpired, fillState, setStatus } from './job-orders.queries.ts';

// A job order's status follows its hires: when the hires on its candidate referrals reach its openings
// it becomes filled, and if a hire is withdrawn so they drop below again, an order the sync filled
// reopens (one a person marked filled stays as they left it). Filled and closed orders take no new
// referrals (referrals.service.ts). A closing date that has passed closes an open order, by the upkeep.

export const JOB_ORDER_CLOSE_QUEUE = 'employers.close_expired_job_orders';

const todayUtc = () => new Date().toISOString().slice(0, 10);

/** Re-derive the status of one job order from its hires; call in the transaction that changed them. */
export async function syncFill(ops: Ops, tx: Tx, jobOrderId: string, today = todayUtc()): Promise<void> {
  const j = await fillState(tx, jobOrderId);
  if (!j) return;
  const hires = Number(j.hires);
  const details = { hires, openings: j.openings };
  if (j.status === 'open' && hires >= j.openings) {
    await setStatus(tx, j.id, 'filled', 'hires');
    await ops.audit(tx, { action: 'job_order.filled', entityType: 'job_order', entityId: j.id, details });
  } else if (j.status === 'filled' && j.status_set_by === 'hires' && hires < j.openings) {
    // Reopening an order whose closing date has passed would only have the upkeep close it again.
    const expired = j.closes_on !== null && j.closes_on < today;
    await setStatus(tx, j.id, expired ? 'closed' : 'open', expired ? 'closing_date' : 'user');
    await ops.audit(tx, {
      action: expired ? 'job_order.closed' : 'job_order.reopened',
      entityType: 'job_order',
      entityId: j.id,
      details: { ...details, reason: expired ? 'closing_date' : 'hire_withdrawn' },
    });
  }
}

/** One tenant: close every open job order whose closing date is before `today`. Returns their ids. */
export async function closeExpiredJobOrders(services: Services, tenantId: string, today: string): Promise<string[]> {
  const { ops, flush } = makeOps(services, tenantId, { userId: null, label: 'job order upkeep' });
  const closed = await ops.tx(async (tx) => {
    const rows = await closeExpired(tx, today);
    for (const r of rows) {
      await ops.audit(tx, {
        action: 'job_order.closed',
        entityType: 'job_order',
        entityId: r.id,
        details: { reason: 'closing_date', closesOn: r.closes_on },
      });
    }
    return rows.map((r) => r.id);
  });
  await flush();
  return closed;
}

/** The recurring job: every tenant, as of today (UTC). */
export function closeExpiredJobHandler(services: Services) {
  return async () => {
    for (const t of await listTenants(services.database.db)) {
      const done = await closeExpiredJobOrders(services, t.id, todayUtc());
      if (done.length) services.log(`job orders closed past their closing date: ${done.length} in tenant ${t.slug}`);
    }
  };
}
