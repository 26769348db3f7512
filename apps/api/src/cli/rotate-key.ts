// `pnpm --filter @upstock/cin7-api keys:rotate`: re-encrypts stored Cin7 credentials with ENCRYPTION_KEY_ID.
// Set ENCRYPTION_KEYS to the new key AND the old ones first; remove old keys only after this has run.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { CredentialCipher } from '../module/security/credential-cipher.js';
import { reencryptCredentials } from '../module/security/reencrypt-credentials.js';
import { loadConfig } from '../standalone/config.js';

const config = loadConfig();
const dataSource = await new DataSource({ type: 'postgres', url: config.databaseUrl }).initialize();
try {
  const cipher = new CredentialCipher(config.encryption);
  const changed = await reencryptCredentials(dataSource, cipher);
  console.log(
    `Re-encrypted ${changed} stored credential row(s) (connections and retired keys) with key "${cipher.currentKeyId}".`,
  );
} finally {
  await dataSource.destroy();
}
