import type { DataSource } from 'typeorm';
import type { CredentialCipher } from './credential-cipher.js';

/** Every table holding encrypted credentials, with its key column: live connections and retired keys. */
const CREDENTIAL_TABLES = [
  { table: 'cin7_connection', id: 'id' },
  // Retired keys wait (at most an hour) for our webhooks to be removed from Cin7: rotated too, or an old key could
  // not be retired from the configuration while one is waiting.
  { table: 'cin7_retired_credentials', id: 'connection_id' },
] as const;

/**
 * Key rotation: re-encrypts every stored credential with the cipher's current key (old keys must still be
 * configured to read them). Row by row, each in its own transaction, so a crash half-way leaves every row readable.
 */
export async function reencryptCredentials(
  dataSource: DataSource,
  cipher: CredentialCipher,
): Promise<number> {
  let changed = 0;
  for (const { table, id } of CREDENTIAL_TABLES) {
    const rows: { id: string; api_key_encrypted: string | null; webhook_secret_encrypted: string | null }[] =
      await dataSource.query(
        `SELECT ${id} AS id, api_key_encrypted, webhook_secret_encrypted FROM ${table}
          WHERE api_key_encrypted IS NOT NULL OR webhook_secret_encrypted IS NOT NULL`,
      );
    for (const row of rows) {
      const rotate = (value: string | null) =>
        value && cipher.keyIdOf(value) !== cipher.currentKeyId
          ? cipher.encrypt(cipher.decrypt(value))
          : value;
      const apiKey = rotate(row.api_key_encrypted);
      const secret = rotate(row.webhook_secret_encrypted);
      if (apiKey === row.api_key_encrypted && secret === row.webhook_secret_encrypted) continue;
      await dataSource.query(
        `UPDATE ${table} SET api_key_encrypted = $2, webhook_secret_encrypted = $3
          WHERE ${id} = $1 AND api_key_encrypted IS NOT DISTINCT FROM $4
            AND webhook_secret_encrypted IS NOT DISTINCT FROM $5`,
        [row.id, apiKey, secret, row.api_key_encrypted, row.webhook_secret_encrypted],
      );
      changed++;
    }
  }
  return changed;
}
