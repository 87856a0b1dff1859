import { type Kysely, sql } from 'kysely';

// UI wage records, one partition per tenant and calendar quarter.
//
// Why: a state sends wage records a quarter at a time, and a tenant's first load brings years of them. Each
// record is kept under a unique key (tenant, person, year, quarter, employer) so that a re-sent record
// replaces and never adds. Maintaining that key row by row in one table of tens of millions of rows cost
// more than twice what a plain COPY of the file costs (docs/benchmarks.md). With a partition per tenant
// and quarter, a quarter the tenant has not loaded yet lands in an empty table of its own: the import
// loads it unindexed, builds the key once (a sort, several times cheaper than inserting into the index),
// and attaches it, all in the import's one transaction. A quarter that is already loaded is merged into
// its partition the usual way (the upsert).
//
// The partitions live in the schema wage_part, where braid_app has no access: the application reads and
// writes only through wage_record, whose row-level security pins every row to the current tenant; a
// partition's bounds pin its rows to its one tenant (PostgreSQL checks them when a loaded partition is
// attached). There is no default partition: attaching a partition would then scan and lock it, stalling
// every tenant's reads of wage records. Every writer first asks for its quarters' partitions:
// braid_wage_partition(year, quarter) creates one for the current tenant if it is missing (standalone, then
// ATTACHed, which unlike CREATE TABLE … PARTITION OF does not block readers of wage_record).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE SCHEMA wage_part`.execute(db);
  await sql`ALTER TABLE wage_record RENAME TO wage_record_unpartitioned`.execute(db);
  await sql`ALTER INDEX wage_record_pkey RENAME TO wage_record_unpartitioned_pkey`.execute(db);
  await sql`CREATE TABLE wage_record (
      tenant_id uuid NOT NULL,
      person_key text NOT NULL,
      year smallint NOT NULL CONSTRAINT wage_record_year_check CHECK (year BETWEEN 1900 AND 2999),
      quarter smallint NOT NULL CONSTRAINT wage_record_quarter_check CHECK (quarter BETWEEN 1 AND 4),
      employer_fein text NOT NULL,
      wages_cents bigint NOT NULL CONSTRAINT wage_record_wages_cents_check CHECK (wages_cents >= 0),
      PRIMARY KEY (tenant_id, person_key, year, quarter, employer_fein)
    ) PARTITION BY RANGE (tenant_id, year, quarter)`.execute(db);

  // The partition's name is its tenant and quarter, so finding it needs no catalog search by bounds.
  await sql`CREATE FUNCTION braid_wage_partition_name(p_tenant uuid, p_year int, p_quarter int) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT 'w_' || replace(p_tenant::text, '-', '') || '_' || p_year || 'q' || p_quarter $$`.execute(db);
  // Creates and attaches (tenant, year, quarter)'s partition if it is missing. Not callable by braid_app:
  // it takes any tenant. The advisory lock makes two sessions asking for the same partition wait for each
  // other instead of failing on the name.
  await sql`CREATE FUNCTION braid_wage_partition_for(p_tenant uuid, p_year int, p_quarter int) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    DECLARE
      part text := braid_wage_partition_name(p_tenant, p_year, p_quarter);
      next_year int := p_year + (p_quarter / 4);
      next_quarter int := p_quarter % 4 + 1;
    BEGIN
      IF p_tenant IS NULL OR p_year NOT BETWEEN 1900 AND 2999 OR p_quarter NOT BETWEEN 1 AND 4 THEN
        RAISE EXCEPTION 'no wage partition for tenant %, year %, quarter %', p_tenant, p_year, p_quarter;
      END IF;
      PERFORM pg_advisory_xact_lock(hashtext('wage_part.' || part));
      IF to_regclass('wage_part.' || part) IS NOT NULL THEN RETURN; END IF;
      EXECUTE format('CREATE TABLE wage_part.%I (LIKE public.wage_record INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
        CONSTRAINT partition_bounds CHECK (tenant_id = %L AND year = %s AND quarter = %s))', part, p_tenant, p_year, p_quarter);
      EXECUTE format('ALTER TABLE public.wage_record ATTACH PARTITION wage_part.%I FOR VALUES FROM (%L, %s, %s) TO (%L, %s, %s)',
        part, p_tenant, p_year, p_quarter, p_tenant, next_year, next_quarter);
    END $$`.execute(db);
  await sql`REVOKE EXECUTE ON FUNCTION braid_wage_partition_for(uuid, int, int) FROM PUBLIC`.execute(db);
  // What the application calls: the current tenant's partition only.
  await sql`CREATE FUNCTION braid_wage_partition(p_year int, p_quarter int) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS
    $$ SELECT braid_wage_partition_for(braid_current_tenant(), p_year, p_quarter) $$`.execute(db);

  await sql`SELECT braid_wage_partition_for(tenant_id, year, quarter)
    FROM (SELECT DISTINCT tenant_id, year, quarter FROM wage_record_unpartitioned) q`.execute(db);
  await sql`INSERT INTO wage_record (tenant_id, person_key, year, quarter, employer_fein, wages_cents)
    SELECT tenant_id, person_key, year, quarter, employer_fein, wages_cents FROM wage_record_unpartitioned`.execute(db);
  await sql`DROP TABLE wage_record_unpartitioned`.execute(db);
  // After the move: the records were copied as they were, across tenants.
  await sql`ALTER TABLE wage_record ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`ALTER TABLE wage_record FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`CREATE POLICY tenant_isolation ON wage_record
    USING (tenant_id = braid_current_tenant()) WITH CHECK (tenant_id = braid_current_tenant())`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Braid migrations are forward-only');
}
