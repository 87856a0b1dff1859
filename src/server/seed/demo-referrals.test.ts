import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/support/app.ts';
import { escalateOverdue } from '../modules/referrals/referrals.escalation.ts';

// The full demo carries a year of referrals in every state, each covered by the participant's consent.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { demo: 'full' });
});
afterAll(() => t?.close());

const sql = async (text: string) => (await t.rt.services.database.executeSql(text)).rows;

describe('demo referrals', () => {
  it('spans a year, in every state, with realistic timings', async () => {
    const [counts] = await sql(`SELECT
        count(*) FILTER (WHERE status = 'sent' AND due_on >= CURRENT_DATE) AS awaiting,
        count(*) FILTER (WHERE status = 'sent' AND due_on < CURRENT_DATE) AS overdue,
        count(*) FILTER (WHERE status = 'accepted') AS accepted,
        count(*) FILTER (WHERE status = 'in_progress') AS in_progress,
        count(*) FILTER (WHERE status = 'completed') AS completed,
        count(*) FILTER (WHERE status = 'not_completed') AS not_completed,
        count(*) FILTER (WHERE status = 'declined' AND suggested_service_id IS NOT NULL) AS declined_with_suggestion,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM referral_event e WHERE e.referral_id = referral.id AND e.status = 'sent'
          AND e.at > referral.sent_at)) AS reopened,
        count(DISTINCT date_trunc('month', sent_at)) AS months,
        count(DISTINCT receiving_organization_id) AS receivers,
        count(*) FILTER (WHERE accepted_at < sent_at OR closed_at < sent_at OR sent_at > now()) AS impossible
      FROM referral`);
    for (const state of [
      'awaiting',
      'overdue',
      'accepted',
      'in_progress',
      'completed',
      'not_completed',
      'declined_with_suggestion',
      'reopened',
    ])
      expect(Number(counts[state]), state).toBeGreaterThan(0);
    expect(Number(counts.months)).toBeGreaterThanOrEqual(12);
    expect(Number(counts.receivers)).toBeGreaterThanOrEqual(4);
    expect(Number(counts.impossible)).toBe(0);
  });

  it('has escalated its overdue referrals as the daily job would have, so the first run finds nothing to raise', async () => {
    const [overdue] = await sql(`SELECT count(*) AS n,
        count(*) FILTER (WHERE escalation_level = 1 AND escalated_at::date > due_on AND escalated_at < now()
          AND EXISTS (SELECT 1 FROM referral_event e WHERE e.referral_id = referral.id AND e.status = 'escalated'
            AND e.at = referral.escalated_at AND e.note LIKE 'Not accepted by %')) AS escalated
      FROM referral WHERE status = 'sent' AND due_on < (now() AT TIME ZONE 'UTC')::date`);
    expect(Number(overdue.n)).toBeGreaterThan(0);
    expect(Number(overdue.escalated)).toBe(Number(overdue.n));
    expect(await escalateOverdue(t.rt.services, t.tenantId, new Date())).toEqual([]);
  });

  it('sends each referral only under an active consent that covers the receiver and the data sent', async () => {
    const [bad] = await sql(`SELECT count(*) AS n FROM referral r
      LEFT JOIN consent c ON c.id = r.consent_id AND c.participant_id = r.participant_id
      LEFT JOIN organization o ON o.id = r.receiving_organization_id
      WHERE c.id IS NULL
        OR NOT (r.receiving_organization_id = ANY (c.recipient_organization_ids) OR o.kind = ANY (c.recipient_kinds))
        OR NOT (r.categories <@ c.categories)
        OR c.given_at > r.sent_at OR (c.expires_on IS NOT NULL AND c.expires_on < r.sent_at::date)
        OR (c.revoked_at IS NOT NULL AND c.revoked_at < r.sent_at)`);
    expect(Number(bad.n)).toBe(0);
  });

  it('fills the reports for oversight and shows the partner its own flows', async () => {
    const director = await (await (await t.as('director')).request('GET', '/api/referrals/reports')).json();
    expect(director.totals.referred).toBeGreaterThan(100);
    expect(director.flows.length).toBeGreaterThan(3);
    expect(director.times.toAccept.medianBusinessDays).not.toBeNull();
    const partner = await (await (await t.as('partner_staff')).request('GET', '/api/referrals/reports')).json();
    expect(partner.scope).toBe('own');
    expect(partner.totals.referred).toBeGreaterThan(0);
    expect(partner.totals.referred).toBeLessThan(director.totals.referred);
  });
});
