import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, rememberSecret, startTestApp, type TestApp } from '../../../../tests/support/app.ts';

let t: TestApp;
let nav: Caller;
let partner: Caller;
let admin: Caller;
let director: Caller;
const orgs = new Map<string, string>();

beforeAll(async () => {
  t = await startTestApp();
  [nav, partner, admin, director] = await Promise.all([t.as('navigator'), t.as('partner_staff'), t.as('admin'), t.as('director')]);
  const res = await admin.request('GET', '/api/organizations?pageSize=100');
  for (const o of (await res.json()).items) orgs.set(o.name, o.id);
});
afterAll(() => t?.close());

const SSN = '219-09-9999';
rememberSecret(SSN);
rememberSecret('219099999');

const complete = {
  dateOfBirth: '1990-04-12',
  sex: 'female',
  stateCode: 'OH',
  countyFips: '39035',
  employmentStatus: 'unemployed',
  educationLevel: 'high_school_diploma',
  veteran: 'no',
  disability: 'no',
};

async function intake(body: Record<string, unknown>, who: Caller = nav) {
  const res = await who.request('POST', '/api/participants', body);
  return { status: res.status, body: await res.json() };
}

describe('intake', () => {
  it('saves a partial intake as a draft and completes it on resume', async () => {
    const draft = await intake({ firstName: 'Tanya', lastName: 'Okafor' });
    expect(draft.status).toBe(201);
    expect(draft.body.status).toBe('draft');
    expect(draft.body.missingForCompletion).toContain('dateOfBirth');
    expect(draft.body.access.basis).toBe('owner');

    const refused = await nav.request('PATCH', `/api/participants/${draft.body.id}`, { complete: true });
    expect(refused.status).toBe(400);
    const problem = await refused.json();
    expect(problem.errors.map((e: { field: string }) => e.field)).toContain('body.dateOfBirth');

    const done = await nav.request('PATCH', `/api/participants/${draft.body.id}`, { ...complete, complete: true, phone: '216-555-0111' });
    expect(done.status).toBe(200);
    const p = await done.json();
    expect(p.status).toBe('applicant');
    expect(p.missingForCompletion).toEqual([]);
    expect(p.demographics.dateOfBirth).toBe('1990-04-12');
    expect(p.contact.phone).toBe('216-555-0111');
    expect(p.contact.countyName).toMatch(/Cuyahoga/);
  });

  it('refuses an invalid SSN and an unknown county', async () => {
    expect((await intake({ firstName: 'A', lastName: 'B', ssn: '000-12-3456' })).status).toBe(400);
    expect((await intake({ firstName: 'A', lastName: 'B', countyFips: '99999' })).status).toBe(400);
  });
});

describe('duplicates, links and merge', () => {
  let first: string;
  it('finds an SSN match and a similar name with the same birth date, and asks before creating', async () => {
    const a = await intake({ firstName: 'Marisol', lastName: 'Gutierrez', ssn: SSN, ...complete, complete: true });
    expect(a.status).toBe(201);
    first = a.body.id;
    expect(a.body.ssnMasked).toBe('***-**-9999');

    const check = await nav.request('POST', '/api/participants/duplicates', {
      firstName: 'Marisol',
      lastName: 'Gutierez',
      dateOfBirth: '1990-04-12',
    });
    const found = await check.json();
    expect(found.candidates).toHaveLength(1);
    expect(found.candidates[0]).toMatchObject({ participantId: first, matchedOn: 'name_and_date_of_birth' });

    const bySsn = await (await nav.request('POST', '/api/participants/duplicates', { firstName: 'M', lastName: 'G', ssn: SSN })).json();
    expect(bySsn.candidates[0]).toMatchObject({ participantId: first, matchedOn: 'ssn', score: 1 });

    const other = await (
      await nav.request('POST', '/api/participants/duplicates', { firstName: 'Marisol', lastName: 'Gutierrez', dateOfBirth: '1991-04-12' })
    ).json();
    expect(other.candidates).toHaveLength(0);

    const blocked = await intake({ firstName: 'Marisol', lastName: 'Gutierrez', dateOfBirth: '1990-04-12' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('duplicate_suspected');
  });

  it('links instead of merging, and an admin merges with an audited reason', async () => {
    const linked = await intake({ firstName: 'Marisol', lastName: 'Gutierrez', dateOfBirth: '1990-04-12', linkToParticipantId: first });
    expect(linked.status).toBe(201);
    expect(linked.body.links).toEqual([expect.objectContaining({ participantId: first, reason: 'same_person', visible: true })]);

    const svc = await nav.request('POST', `/api/participants/${linked.body.id}/services`, {
      activity: 'orientation',
      serviceDate: '2026-01-05',
    });
    const movedService = svc.status === 201;

    expect(
      (await nav.request('POST', `/api/participants/${linked.body.id}/merge`, { intoParticipantId: first, reason: 'same person' })).status,
    ).toBe(403);
    const merged = await admin.request('POST', `/api/participants/${linked.body.id}/merge`, {
      intoParticipantId: first,
      reason: 'Same person, entered twice at intake',
    });
    expect(merged.status).toBe(200);
    const source = await (await nav.request('GET', `/api/participants/${linked.body.id}`)).json();
    expect(source.status).toBe('merged');
    expect(source.mergedIntoId).toBe(first);
    if (movedService) {
      const services = await (await nav.request('GET', `/api/participants/${first}/services`)).json();
      expect(services.some((s: { activity: string }) => s.activity === 'orientation')).toBe(true);
    }
    const audit = await (await admin.request('GET', `/api/audit?entityId=${first}&action=participant.merged`)).json();
    expect(audit.items[0].details.reason).toBe('Same person, entered twice at intake');
  });

  it('links automatically to a same-SSN record the caller cannot see, without showing it', async () => {
    const p = await intake(
      { firstName: 'Dario', lastName: 'Reyes', ssn: '219-09-1234', ownerOrganizationId: orgs.get('Tri-County American Job Center') },
      director,
    );
    expect(p.status).toBe(201);
    const check = await (
      await nav.request('POST', '/api/participants/duplicates', { firstName: 'Dario', lastName: 'Reyes', ssn: '219-09-1234' })
    ).json();
    expect(check).toEqual({ candidates: [], hiddenMatches: 1 });
    const mine = await intake({ firstName: 'Dario', lastName: 'Reyes', ssn: '219-09-1234' });
    expect(mine.status).toBe(201);
    expect(mine.body.links).toEqual([
      expect.objectContaining({ participantId: p.body.id, reason: 'ssn_match', visible: false, name: null }),
    ]);
  });
});

describe('masked SSN and reveal', () => {
  it('shows the last four only; reveal needs a reason and is audited as a personal-data read', async () => {
    const p = (await intake({ firstName: 'Lena', lastName: 'Park', ssn: '219-09-5555', ...complete, complete: true })).body;
    expect(JSON.stringify(p)).not.toContain('219095555');
    expect((await nav.request('POST', `/api/participants/${p.id}/reveal`, { field: 'ssn' })).status).toBe(400);
    const r = await nav.request('POST', `/api/participants/${p.id}/reveal`, { field: 'ssn', reason: 'WIOA enrollment form' });
    expect(await r.json()).toEqual({ field: 'ssn', value: '219095555' });
    const audit = await (await admin.request('GET', `/api/audit?entityId=${p.id}&action=participant.revealed`)).json();
    expect(audit.items[0]).toMatchObject({ personalData: true, details: { field: 'ssn', reason: 'WIOA enrollment form' } });
    expect((await partner.request('POST', `/api/participants/${p.id}/reveal`, { field: 'ssn', reason: 'curious' })).status).toBe(403);
  });
});

describe('consent and the partner view', () => {
  let id: string;
  beforeAll(async () => {
    id = (await intake({ firstName: 'Keon', lastName: 'Whitaker', email: 'keon@example.test', ...complete, complete: true })).body.id;
    await nav.request('POST', `/api/participants/${id}/notes`, { body: 'Discussed childcare; needs a second-shift option.' });
  });

  it('answers 404 to a partner without consent, and lists nothing', async () => {
    expect((await partner.request('GET', `/api/participants/${id}`)).status).toBe(404);
    expect((await partner.request('GET', `/api/participants/${id}/timeline`)).status).toBe(404);
    const list = await (await partner.request('GET', '/api/participants?pageSize=100')).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('shows only the consented categories while the consent lasts, logs each release, and stops at revocation', async () => {
    const c = await nav.request('POST', `/api/participants/${id}/consents`, {
      recipientOrganizationIds: [orgs.get('Eastside Neighborhood Opportunity Center')],
      categories: ['contact'],
      purpose: 'Childcare and transportation assistance',
      method: 'signed_in_app',
      signedName: 'Keon Whitaker',
    });
    expect(c.status).toBe(201);
    const consent = await c.json();
    expect(consent.status).toBe('active');

    const seen = await (await partner.request('GET', `/api/participants/${id}`)).json();
    expect(seen.access).toEqual({ basis: 'consent', categories: ['contact'], canEdit: false });
    expect(seen.contact.email).toBe('keon@example.test');
    expect(seen.demographics).toBeNull();
    expect(seen.employment).toBeNull();
    expect(seen.ssnMasked).toBeNull();
    expect((await partner.request('GET', `/api/participants/${id}/notes`)).status).toBe(404);
    expect((await partner.request('PATCH', `/api/participants/${id}`, { firstName: 'X' })).status).toBe(403);
    const list = await (await partner.request('GET', '/api/participants?pageSize=100')).json();
    expect(list.items.find((i: { id: string }) => i.id === id)?.basis).toBe('consent');

    const log = await (await nav.request('GET', `/api/participants/${id}/disclosures`)).json();
    expect(log[0]).toMatchObject({
      recipient: 'partner@demo.braid.test',
      recipientOrganization: { name: 'Eastside Neighborhood Opportunity Center' },
      purpose: 'Childcare and transportation assistance',
    });
    expect(
      log.some((d: { action: string; categories: string[] }) => d.action === 'viewed record' && d.categories.join() === 'contact'),
    ).toBe(true);
    expect((await partner.request('GET', `/api/participants/${id}/disclosures`)).status).toBe(403);

    expect(
      (await nav.request('POST', `/api/participants/${id}/consents/${consent.id}/revoke`, { reason: 'Participant asked' })).status,
    ).toBe(200);
    expect((await partner.request('GET', `/api/participants/${id}`)).status).toBe(404);
  });

  it('covers an organization by its kind, and case notes only when consented', async () => {
    const c = await nav.request('POST', `/api/participants/${id}/consents`, {
      recipientKinds: ['community_org'],
      categories: ['demographics', 'case_notes'],
      purpose: 'Coordinated case management',
      method: 'paper',
      document: { filename: 'consent.pdf', contentType: 'application/pdf', base64: Buffer.from('%PDF-1.4 signed form').toString('base64') },
      expiresOn: '2099-12-31',
    });
    expect(c.status).toBe(201);
    const seen = await (await partner.request('GET', `/api/participants/${id}`)).json();
    expect(seen.access.categories).toEqual(['demographics', 'case_notes']);
    expect(seen.contact).toBeNull();
    const notes = await partner.request('GET', `/api/participants/${id}/notes`);
    if (notes.status !== 404) expect((await notes.json())[0].body).toMatch(/childcare/);
  });

  it('an expired consent shares nothing', async () => {
    const p = (await intake({ firstName: 'Ines', lastName: 'Calder' })).body;
    await nav.request('POST', `/api/participants/${p.id}/consents`, {
      recipientOrganizationIds: [orgs.get('Eastside Neighborhood Opportunity Center')],
      categories: ['contact'],
      purpose: 'Referral',
      method: 'signed_in_app',
      signedName: 'Ines Calder',
      givenAt: '2024-01-01T00:00:00Z',
      expiresOn: '2024-12-31',
    });
    expect((await partner.request('GET', `/api/participants/${p.id}`)).status).toBe(404);
  });

  it('employer users, funders and analysts see no participants at all', async () => {
    for (const role of ['employer_user', 'funder_viewer', 'analyst', 'board_member', 'business_services']) {
      const caller = await t.as(role);
      expect((await caller.request('GET', '/api/participants')).status).toBe(403);
      expect((await caller.request('GET', `/api/participants/${id}`)).status).toBe(403);
    }
  });

  it('audits every read of personal data', async () => {
    await nav.request('GET', `/api/participants/${id}`);
    const audit = await (await admin.request('GET', `/api/audit?entityId=${id}&action=participant.viewed`)).json();
    expect(audit.items.length).toBeGreaterThan(0);
    expect(audit.items.every((e: { personalData: boolean }) => e.personalData)).toBe(true);
  });
});

describe('data at rest', () => {
  it('keeps SSN, birth date, email, phone, street address and case notes out of a database dump', async () => {
    const secret = { ssn: '219-09-7777', email: 'hidden.person@example.test', phone: '440-555-0199', street: '1234 Secretary Lane' };
    rememberSecret(secret.ssn);
    const p = (
      await intake({
        firstName: 'Hidden',
        lastName: 'Person',
        ssn: secret.ssn,
        dateOfBirth: '1977-03-09',
        email: secret.email,
        phone: secret.phone,
        addressLine1: secret.street,
      })
    ).body;
    await nav.request('POST', `/api/participants/${p.id}/notes`, { body: 'Confidential: court date 2026-12-01' });
    const { rows } = await sql<{ dump: string }>`
      SELECT string_agg(t::text, E'\n') AS dump FROM (
        SELECT row_to_json(participant)::text AS t FROM participant
        UNION ALL SELECT row_to_json(case_note)::text FROM case_note
        UNION ALL SELECT row_to_json(audit_event)::text FROM audit_event
        UNION ALL SELECT row_to_json(disclosure)::text FROM disclosure) x`.execute(t.rt.services.database.db);
    const dump = rows[0].dump;
    expect(dump).toContain('Hidden');
    for (const v of ['219097777', '219-09-7777', '1977-03-09', secret.email, secret.phone, secret.street, 'court date']) {
      expect(dump).not.toContain(v);
    }
  });
});

describe('caseload list, search, saved filters and export', () => {
  it('finds people by misspelled name, filters by status, saves filters', async () => {
    await intake({ firstName: 'Bartholomew', lastName: 'Quigley', ...complete, dateOfBirth: '1985-01-02', complete: true });
    const found = await (await nav.request('GET', '/api/participants?q=bartolomew%20quigly')).json();
    expect(found.items[0]).toMatchObject({ firstName: 'Bartholomew', lastName: 'Quigley', basis: 'owner' });
    // One name misspelt, the start of a name, and two letters all find the person too.
    for (const q of ['quigly', 'barthol', 'qu']) {
      const hit = await (await nav.request('GET', `/api/participants?q=${q}&pageSize=100`)).json();
      expect(hit.items.map((i: { lastName: string }) => i.lastName)).toContain('Quigley');
    }
    const drafts = await (await nav.request('GET', '/api/participants?status=draft&pageSize=100')).json();
    expect(drafts.items.every((i: { status: string }) => i.status === 'draft')).toBe(true);

    const saved = await nav.request('POST', '/api/participants/saved-filters', {
      name: 'My drafts',
      filters: { status: 'draft', mine: true },
    });
    expect(saved.status).toBe(201);
    const filters = await (await nav.request('GET', '/api/participants/saved-filters')).json();
    expect(filters.map((f: { name: string }) => f.name)).toContain('My drafts');
    expect((await partner.request('GET', '/api/participants/saved-filters')).status).toBe(200);
    expect((await partner.request('DELETE', `/api/participants/saved-filters/${(await saved.json()).id}`)).status).toBe(404);
  });

  it('exports CSV and XLSX with spreadsheet formulas escaped', async () => {
    await intake({ firstName: '=HYPERLINK("http://evil.test")', lastName: 'Formula', dateOfBirth: '1999-09-09' });
    const csv = await nav.request('GET', '/api/participants/export?format=csv&q=formula');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toMatch(/^id,external_id,first_name/);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
    const xlsx = await nav.request('GET', '/api/participants/export?format=xlsx&q=formula');
    expect(xlsx.status).toBe(200);
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect((await partner.request('GET', '/api/participants/export')).status).toBe(403);
  });
});

describe('timeline', () => {
  it('lists intake and case events in order', async () => {
    const p = (await intake({ firstName: 'Time', lastName: 'Line', ...complete, complete: true })).body;
    const events = await (await nav.request('GET', `/api/participants/${p.id}/timeline`)).json();
    expect(events.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['intake_started', 'intake_completed']));
  });
});

describe('caseload totals past a thousand', () => {
  it('says "1,000+" instead of counting every match, and pages on past it with the same rows in the same order', async () => {
    // 1,010 people of the navigator's organization with the same name, written directly (as the database
    // owner): enough to pass the cap, without 1,010 intakes.
    const db = t.rt.services.database.db;
    await sql`INSERT INTO participant (id, tenant_id, owner_organization_id, status, first_name, last_name, import_key)
      SELECT gen_random_uuid(), ${t.tenantId}, ${orgs.get('Lakeshore Workforce Partners')}, 'applicant', 'Zebulon', 'Capstone', 'cap:' || g
      FROM generate_series(1, 1010) g`.execute(db);
    const get = async (query: string) => (await nav.request('GET', `/api/participants?${query}`)).json();

    const first = await get('q=zebulon%20capstone&pageSize=25');
    expect(first).toMatchObject({ page: 1, pageSize: 25, total: 1000, totalCapped: true });
    expect(first.items).toHaveLength(25);
    // The whole caseload is past the cap too.
    expect(await get('pageSize=25')).toMatchObject({ total: 1000, totalCapped: true });

    // The last page below the cap still says "1,000+"; the next one counts to the end.
    const fortieth = await get('q=zebulon%20capstone&pageSize=25&page=40');
    expect(fortieth).toMatchObject({ total: 1000, totalCapped: true });
    expect(fortieth.items).toHaveLength(25);
    const last = await get('q=zebulon%20capstone&pageSize=25&page=41');
    expect(last).toMatchObject({ total: 1010, totalCapped: false });
    expect(last.items).toHaveLength(10);
    // Past the end: no rows, and still the total.
    expect(await get('q=zebulon%20capstone&pageSize=25&page=50')).toMatchObject({ items: [], total: 1010, totalCapped: false });

    // Pages are cut from the same order the export lists (best match first, then name, then id).
    const exported = (await (await nav.request('GET', '/api/participants/export?format=csv&q=zebulon%20capstone')).text())
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(',')[0]);
    expect(exported).toHaveLength(1010);
    expect(first.items.map((i: { id: string }) => i.id)).toEqual(exported.slice(0, 25));
    expect(fortieth.items.map((i: { id: string }) => i.id)).toEqual(exported.slice(975, 1000));
    expect(last.items.map((i: { id: string }) => i.id)).toEqual(exported.slice(1000));

    // A narrower search is counted exactly.
    const one = await get('q=bartholomew%20quigley');
    expect(one).toMatchObject({ total: 1, totalCapped: false });
  });
});

describe('caseload dates', () => {
  it('shows the latest period: the open one while enrolled, else the last one entered with its exit date', async () => {
    const db = t.rt.services.database.db;
    const period = (pid: string, entry: string, exit: string | null) =>
      sql`INSERT INTO program_participation (id, tenant_id, participant_id, entry_date, exit_date)
        VALUES (gen_random_uuid(), ${t.tenantId}, ${pid}, ${entry}, ${exit})`.execute(db);
    const exited = (await intake({ firstName: 'Perpetua', lastName: 'Exitwood' })).body.id;
    await period(exited, '2024-01-10', '2024-06-30');
    await period(exited, '2025-02-03', '2025-09-15');
    const back = (await intake({ firstName: 'Perpetua', lastName: 'Returnwood' })).body.id;
    await period(back, '2024-03-01', '2024-08-01');
    await period(back, '2025-04-01', null);
    const never = (await intake({ firstName: 'Perpetua', lastName: 'Neverwood' })).body.id;

    const list = await (await nav.request('GET', '/api/participants?q=perpetua&pageSize=100')).json();
    const dates = (id: string) => {
      const item = list.items.find((i: { id: string }) => i.id === id);
      return [item.entryDate, item.exitDate];
    };
    expect(dates(exited)).toEqual(['2025-02-03', '2025-09-15']);
    expect(dates(back)).toEqual(['2025-04-01', null]);
    expect(dates(never)).toEqual([null, null]);
    // The export reads the same periods.
    const csv = await (await nav.request('GET', '/api/participants/export?format=csv&q=perpetua')).text();
    const [head, ...lines] = csv
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(','));
    const col = (line: string[], name: string) => line[(head as string[]).indexOf(name)];
    const exitwood = lines.find((l) => l.includes('Exitwood')) as string[];
    expect([col(exitwood, 'entry_date'), col(exitwood, 'exit_date')]).toEqual(['2025-02-03', '2025-09-15']);
  });
});

describe('search over the own caseload and shared records', () => {
  it('finds the own caseload and the consented records of another organization, and nobody else', async () => {
    const db = t.rt.services.database.db;
    const lakeshore = orgs.get('Lakeshore Workforce Partners') as string;
    const triCounty = orgs.get('Tri-County American Job Center') as string;
    const person = (first: string, owner: string) =>
      sql<{ id: string }>`INSERT INTO participant (id, tenant_id, owner_organization_id, status, first_name, last_name)
        VALUES (gen_random_uuid(), ${t.tenantId}, ${owner}, 'applicant', ${first}, 'Vandersloot') RETURNING id`
        .execute(db)
        .then((r) => r.rows[0].id);
    // The partner (staff of Eastside, which receives consented records) also navigates at Tri-County, so their
    // search has both parts: their own caseload and, outside it, what consent shares with Eastside.
    await sql`INSERT INTO membership (id, tenant_id, user_id, organization_id, role)
      SELECT gen_random_uuid(), ${t.tenantId}, u.id, ${triCounty}, 'navigator' FROM "user" u WHERE u.email = 'partner@demo.braid.test'`.execute(
      db,
    );
    const own = await person('Griselda', triCounty);
    const shared = await person('Griselde', lakeshore);
    const hidden = await person('Griselda', lakeshore);
    const consent = await nav.request('POST', `/api/participants/${shared}/consents`, {
      recipientOrganizationIds: [orgs.get('Eastside Neighborhood Opportunity Center')],
      categories: ['contact'],
      purpose: 'Referral',
      method: 'signed_in_app',
      signedName: 'Griselde Vandersloot',
    });
    expect(consent.status).toBe(201);

    const both = await t.as('partner@demo.braid.test');
    const found = await (await both.request('GET', '/api/participants?q=griselda%20vandersloot&pageSize=100')).json();
    expect(found.items.map((i: { id: string; basis: string }) => [i.id, i.basis])).toEqual([
      [own, 'owner'],
      [shared, 'consent'],
    ]);
    expect(found).toMatchObject({ total: 2, totalCapped: false });
    // The owner's navigator finds both of their own, and not the other organization's.
    const theirs = await (await nav.request('GET', '/api/participants?q=griselda%20vandersloot&pageSize=100')).json();
    expect(theirs.items.map((i: { id: string }) => i.id).sort()).toEqual([shared, hidden].sort());
  });
});
