import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM (authenticated) with a random 96-bit IV per value. The stored form carries the key id so keys can be
 * rotated: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). Plaintext never leaves this class except to the
 * Cin7 client.
 */
export class CredentialCipher {
  private readonly keys: Map<string, Buffer>;

  constructor(private readonly config: { currentKeyId: string; keys: Record<string, string> }) {
    this.keys = new Map(
      Object.entries(config.keys).map(([id, b64]) => {
        const key = Buffer.from(b64, 'base64');
        if (key.length !== 32)
          throw new Error(`Encryption key "${id}" must be 32 bytes (base64), got ${key.length}`);
        if (!/^[A-Za-z0-9_-]+$/.test(id))
          throw new Error(`Encryption key id "${id}" may only use letters, digits, _ and -`);
        return [id, key];
      }),
    );
    if (!this.keys.has(config.currentKeyId))
      throw new Error(`No encryption key with id "${config.currentKeyId}"`);
  }

  get currentKeyId(): string {
    return this.config.currentKeyId;
  }

  encrypt(plaintext: string): string {
    const key = this.keys.get(this.config.currentKeyId) as Buffer;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url'));
    return ['v1', this.config.currentKeyId, ...parts].join('.');
  }

  decrypt(stored: string): string {
    const [version, keyId, iv, tag, ciphertext] = stored.split('.');
    if (version !== 'v1' || !keyId || !iv || !tag || ciphertext === undefined) {
      throw new Error('Unrecognised encrypted value');
    }
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`Encrypted with key "${keyId}", which is not configured`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  hasKey(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  keyIdOf(stored: string): string | undefined {
    return stored.split('.')[1];
  }
}

export function generateEncryptionKey(): string {
  return randomBytes(32).toString('base64');
}
