import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CredentialCipher } from './credential-cipher.js';

/**
 * At start, the configured keys must read what is stored: one value per key id found in the credential tables is
 * decrypted. A missing key or a different key under the same id stops the start with the id named, instead of a
 * server that reports healthy while every webhook and Cin7 call fails.
 */
@Injectable()
export class StoredKeysCheck implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: CredentialCipher,
  ) {}

  async onModuleInit(): Promise<void> {
    const samples: { key_id: string; value: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (split_part(value, '.', 2)) split_part(value, '.', 2) AS key_id, value
         FROM (SELECT api_key_encrypted AS value FROM cin7_connection
               UNION ALL SELECT webhook_secret_encrypted FROM cin7_connection
               UNION ALL SELECT api_key_encrypted FROM cin7_retired_credentials
               UNION ALL SELECT webhook_secret_encrypted FROM cin7_retired_credentials) stored
        WHERE value IS NOT NULL`,
    );
    for (const { key_id: keyId, value } of samples) {
      try {
        this.cipher.decrypt(value);
      } catch {
        throw new Error(
          this.cipher.hasKey(keyId)
            ? `Encryption key "${keyId}" is configured but cannot decrypt the stored Cin7 credentials: it is not the key they were encrypted with. Configure the original key "${keyId}".`
            : `Stored Cin7 credentials are encrypted with key "${keyId}", which is not configured. Add it to the encryption keys (ENCRYPTION_KEYS) or the server cannot read them.`,
        );
      }
    }
  }
}
