import { sql } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../db/connect.ts';
import { withTenant } from '../db/tenant.ts';
import { appendAudit } from './audit.ts';
import { addKeyToFile, decrypt, encrypt, type Keyring, loadKeyring, needsRotation } from './crypto.ts';

// Every encrypted column in Braid. A module that adds one lists it here, so rotation covers it.
export const ENCRYPTED_COLUMNS: { table: string; column: string }[] = [
  // Supply side (issue 3): identity, contact, consent scans, case notes, import uploads.
  { table: 'participant', column: 'ssn_enc' },
  { table: 'participant', column: 'dob_enc' },
  { table: 'participant', column: 'email_enc' },
  { table: 'participant', column: 'phone_enc' },
  { table: 'participant', column: 'address_line1_enc' },
  { table: 'participant', column: 'address_line2_enc' },
  { table: 'consent', column: 'document_enc' },
  { table: 'case_note', column: 'body_enc' },
  { table: 'import_run', column: 'content_enc' },
  // A web wage upload, chunk by chunk, until its job has read it.
  { table: 'import_chunk', column: 'content_enc' },
  { table: 'user', column: 'phone_enc' },
  // Public self-referral requests: contact details and the need in the person's words.
  { table: 'self_referral_request', column: 'email_enc' },
  { table: 'self_referral_request', column: 'phone_enc' },
  { table: 'self_referral_request', column: 'need_enc' },
];

export async function reencryptAll(database: Database, ring: Keyring): Promise<number> {
  const tenants = await database.db.selectFrom('tenant').select('id').execute();
  let count = 0;
  for (const { id: tenantId } of tenants) {
    count += await withTenant(database.db, tenantId, async (tx) => {
      let n = 0;
      for (const { table, column } of ENCRYPTED_COLUMNS) {
        const { rows } = await sql<{ id: string; value: string }>`
          SELECT id, ${sql.ref(column)} AS value FROM ${sql.table(table)}
          WHERE ${sql.ref(column)} IS NOT NULL AND ${sql.ref(column)} NOT LIKE ${`v1.${ring.currentId}.%`}`.execute(tx);
        for (const row of rows) {
          if (!needsRotation(ring, row.value)) continue;
          const fresh = encrypt(ring, decrypt(ring, row.value));
          await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${fresh} WHERE id = ${row.id}`.execute(tx);
          n++;
        }
      }
      if (n > 0) {
        await appendAudit(
          tx,
          tenantId,
          { userId: null, label: 'braid keys rotate' },
          {
            action: 'keys.rotated',
            entityType: 'keyring',
            entityId: ring.currentId,
            details: { reencrypted: n },
          },
        );
      }
      return n;
    });
  }
  return count;
}

export async function rotateKeys(database: Database, config: Config): Promise<{ keyId: string; reencrypted: number; note?: string }> {
  let ring: Keyring;
  let note: string | undefined;
  if (config.secretKey) {
    // Keys from the environment cannot be written here: the operator appends the new key to the list.
    ring = loadKeyring(config.secretKey, config.dataDir);
    note =
      'BRAID_SECRET_KEY is set: re-encrypted under its last key. To rotate, append a new key to BRAID_SECRET_KEY (comma-separated) and run this again.';
  } else {
    ring = addKeyToFile(config.dataDir);
  }
  const reencrypted = await reencryptAll(database, ring);
  return { keyId: ring.currentId, reencrypted, note };
}
