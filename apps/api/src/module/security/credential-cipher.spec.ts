import { describe, expect, it } from '@jest/globals';
import { CredentialCipher, generateEncryptionKey } from './credential-cipher.js';

const secret = '3f2b9c1e-7a4d-4e8b-9c2d-1a2b3c4d5e6f';

describe('CredentialCipher', () => {
  const k1 = generateEncryptionKey();
  const k2 = generateEncryptionKey();

  it('round-trips, with a fresh IV per value and no plaintext in the stored form', () => {
    const cipher = new CredentialCipher({ currentKeyId: 'k1', keys: { k1 } });
    const a = cipher.encrypt(secret);
    const b = cipher.encrypt(secret);
    expect(a).not.toEqual(b);
    expect(a).not.toContain(secret);
    expect(cipher.decrypt(a)).toBe(secret);
    expect(cipher.keyIdOf(a)).toBe('k1');
  });

  it('reads values written with an older key after rotation, and writes with the new one', () => {
    const old = new CredentialCipher({ currentKeyId: 'k1', keys: { k1 } }).encrypt(secret);
    const rotated = new CredentialCipher({ currentKeyId: 'k2', keys: { k1, k2 } });
    expect(rotated.decrypt(old)).toBe(secret);
    expect(rotated.keyIdOf(rotated.encrypt(secret))).toBe('k2');
  });

  it('refuses tampered values (authenticated encryption)', () => {
    const cipher = new CredentialCipher({ currentKeyId: 'k1', keys: { k1 } });
    const parts = cipher.encrypt(secret).split('.');
    const ct = Buffer.from(parts[4] as string, 'base64url');
    ct[0] = (ct[0] as number) ^ 1;
    parts[4] = ct.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
  });

  it('refuses keys of the wrong size and unknown key ids', () => {
    expect(() => new CredentialCipher({ currentKeyId: 'k', keys: { k: 'c2hvcnQ=' } })).toThrow(/32 bytes/);
    expect(() => new CredentialCipher({ currentKeyId: 'x', keys: { k1 } })).toThrow(/No encryption key/);
    const other = new CredentialCipher({ currentKeyId: 'k2', keys: { k2 } });
    const value = new CredentialCipher({ currentKeyId: 'k1', keys: { k1 } }).encrypt(secret);
    expect(() => other.decrypt(value)).toThrow(/not configured/);
  });
});
