import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CredentialCipher, generateEncryptionKey } from '../../src/module/security/credential-cipher.js';
import { reencryptCredentials } from '../../src/module/security/reencrypt-credentials.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('encryption key rotation', () => {
  const k1 = generateEncryptionKey();
  const k2 = generateEncryptionKey();
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ sandbox: { seed: 'demo' }, encryption: { currentKeyId: 'k1', keys: { k1 } } });
    await t.connect(t.suppliers.kiwi);
  });
  afterAll(() => t?.close());

  it('re-encrypts every stored credential with the new key; the connection keeps working', async () => {
    const [before] = await t.dataSource.query('SELECT api_key_encrypted FROM cin7_connection');
    expect(before.api_key_encrypted).toMatch(/^v1\.k1\./);

    const rotated = new CredentialCipher({ currentKeyId: 'k2', keys: { k1, k2 } });
    expect(await reencryptCredentials(t.dataSource, rotated)).toBe(1);
    expect(await reencryptCredentials(t.dataSource, rotated)).toBe(0);

    const [after] = await t.dataSource.query(
      'SELECT api_key_encrypted, webhook_secret_encrypted FROM cin7_connection',
    );
    expect(after.api_key_encrypted).toMatch(/^v1\.k2\./);
    expect(after.webhook_secret_encrypted).toMatch(/^v1\.k2\./);
    expect(rotated.decrypt(after.api_key_encrypted)).toBe(t.suppliers.kiwi.account.apiKey);
    // The old key alone can no longer read it: rotation really happened.
    expect(() =>
      new CredentialCipher({ currentKeyId: 'k1', keys: { k1 } }).decrypt(after.api_key_encrypted),
    ).toThrow();
  });

  it('stops at start, naming the key, when the configured keys cannot read the stored credentials', async () => {
    // Stored values now carry k2 (rotated above).
    await expect(t.startInstance({ encryption: { currentKeyId: 'k1', keys: { k1 } } })).rejects.toThrow(
      /key "k2", which is not configured/,
    );
    await expect(
      t.startInstance({ encryption: { currentKeyId: 'k2', keys: { k2: generateEncryptionKey() } } }),
    ).rejects.toThrow(/"k2" is configured but cannot decrypt/);
    const right = await t.startInstance({ encryption: { currentKeyId: 'k2', keys: { k1, k2 } } });
    expect(
      (await fetch(`${right.url}/integrations/cin7-core/connection`, { headers: t.as(t.suppliers.kiwi) }))
        .status,
    ).toBe(200);
    await right.close();
  });

  it('re-encrypts retired credentials waiting for their clean-up too', async () => {
    const k1Only = new CredentialCipher({ currentKeyId: 'k1', keys: { k1 } });
    await t.dataSource.query(
      `INSERT INTO cin7_retired_credentials
         (connection_id, supplier_id, account_id, api_key_encrypted, webhook_secret_encrypted, retired_at)
       VALUES (gen_random_uuid(), 'retired', 'acc', $1, $2, now())`,
      [k1Only.encrypt('old-api-key'), k1Only.encrypt('old-secret')],
    );
    const rotated = new CredentialCipher({ currentKeyId: 'k2', keys: { k1, k2 } });
    expect(await reencryptCredentials(t.dataSource, rotated)).toBe(1);
    const [retired] = await t.dataSource.query(
      `SELECT api_key_encrypted, webhook_secret_encrypted FROM cin7_retired_credentials WHERE supplier_id = 'retired'`,
    );
    expect(retired.api_key_encrypted).toMatch(/^v1\.k2\./);
    expect(rotated.decrypt(retired.api_key_encrypted)).toBe('old-api-key');
    expect(rotated.decrypt(retired.webhook_secret_encrypted)).toBe('old-secret');
  });
});
