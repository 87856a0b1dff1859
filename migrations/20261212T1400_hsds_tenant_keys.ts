import { type Kysely, sql } from 'kysely';

// HSDS ids belong to the publisher of a directory, not to Braid: two partnerships of one database may
// import the same HSDS document (the specification's examples, a state's shared directory) and must each
// get rows of their own. Until now the HSDS tables used the HSDS id alone as their primary key, so the
// second import collided with the first tenant's rows.
//
// Design: the least invasive one that keeps the HSDS id as the id Braid itself uses for a record.
// - Records with an identity of their own (program, taxonomy, taxonomy term, service, location, service
//   at location) are keyed (tenant_id, id), and every foreign key to them names tenant_id too, so a row
//   can only ever point at a row of its own tenant, even where row-level security does not look (foreign
//   key checks). Owned records (phones, schedules…) were already keyed (tenant_id, owner_type, owner_id,
//   id). Service ids stay the HSDS ids, so referrals, the directory API and links need no translation.
// - Organizations are Braid's organization rows, whose global uuid the whole platform refers to, so
//   their key cannot change. hsds_organization.hsds_id is the id HSDS knows the organization by,
//   unique per tenant; an organization made in Braid is known to HSDS by its own id. Rows imported
//   before this migration keep the id they had: hsds_id = organization_id.
// Frozen: never import app code.

const KEYED = ['hsds_program', 'hsds_taxonomy', 'hsds_taxonomy_term', 'hsds_service', 'hsds_location', 'hsds_service_at_location'];

export async function up(db: Kysely<any>): Promise<void> {
  // The foreign keys that point at the single-column keys go first, then come back naming tenant_id.
  await sql`ALTER TABLE referral DROP CONSTRAINT referral_service_id_fkey,
      DROP CONSTRAINT referral_suggested_service_id_fkey`.execute(db);
  await sql`ALTER TABLE self_referral_request DROP CONSTRAINT self_referral_request_service_id_fkey`.execute(db);
  await sql`ALTER TABLE hsds_service_at_location DROP CONSTRAINT hsds_service_at_location_service_id_fkey,
      DROP CONSTRAINT hsds_service_at_location_location_id_fkey`.execute(db);
  await sql`ALTER TABLE hsds_service DROP CONSTRAINT hsds_service_program_id_fkey`.execute(db);
  await sql`ALTER TABLE hsds_taxonomy_term DROP CONSTRAINT hsds_taxonomy_term_taxonomy_id_fkey`.execute(db);

  for (const table of KEYED) {
    await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.raw(`${table}_pkey`)},
        ADD PRIMARY KEY (tenant_id, id)`.execute(db);
  }

  await sql`ALTER TABLE hsds_taxonomy_term ADD FOREIGN KEY (tenant_id, taxonomy_id) REFERENCES hsds_taxonomy (tenant_id, id)`.execute(db);
  await sql`ALTER TABLE hsds_service ADD FOREIGN KEY (tenant_id, program_id) REFERENCES hsds_program (tenant_id, id)`.execute(db);
  await sql`ALTER TABLE hsds_service_at_location
      ADD FOREIGN KEY (tenant_id, service_id) REFERENCES hsds_service (tenant_id, id),
      ADD FOREIGN KEY (tenant_id, location_id) REFERENCES hsds_location (tenant_id, id)`.execute(db);
  await sql`ALTER TABLE referral
      ADD FOREIGN KEY (tenant_id, service_id) REFERENCES hsds_service (tenant_id, id),
      ADD FOREIGN KEY (tenant_id, suggested_service_id) REFERENCES hsds_service (tenant_id, id)`.execute(db);
  await sql`ALTER TABLE self_referral_request ADD FOREIGN KEY (tenant_id, service_id) REFERENCES hsds_service (tenant_id, id)`.execute(db);
  // Lookups by owner now start with the tenant, as the keys do.
  await sql`DROP INDEX hsds_sal_service_idx`.execute(db);
  await sql`CREATE INDEX hsds_sal_service_idx ON hsds_service_at_location (tenant_id, service_id)`.execute(db);
  await sql`DROP INDEX hsds_sal_location_idx`.execute(db);
  await sql`CREATE INDEX hsds_sal_location_idx ON hsds_service_at_location (tenant_id, location_id)`.execute(db);

  // The HSDS id of an imported organization. Filling it in for existing rows needs the owner to see
  // every tenant's rows, which FORCE ROW LEVEL SECURITY would hide; it is restored in the same
  // transaction.
  await sql`ALTER TABLE hsds_organization ADD COLUMN hsds_id uuid`.execute(db);
  await sql`ALTER TABLE hsds_organization NO FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`UPDATE hsds_organization SET hsds_id = organization_id`.execute(db);
  await sql`ALTER TABLE hsds_organization FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`ALTER TABLE hsds_organization ALTER COLUMN hsds_id SET NOT NULL,
      ADD CONSTRAINT hsds_organization_hsds_id_key UNIQUE (tenant_id, hsds_id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Braid migrations are forward-only');
}
