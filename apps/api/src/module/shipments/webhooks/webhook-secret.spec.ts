import { describe, expect, it } from '@jest/globals';
import { secretsMatch, webhookUrl } from './webhook-secret.js';

describe('webhook secret', () => {
  it('matches only the exact secret, whatever the length presented', () => {
    expect(secretsMatch('s3cret-value', 's3cret-value')).toBe(true);
    expect(secretsMatch('s3cret-valuf', 's3cret-value')).toBe(false);
    expect(secretsMatch('s3cret', 's3cret-value')).toBe(false);
    expect(secretsMatch('', 's3cret-value')).toBe(false);
    expect(secretsMatch(undefined, 's3cret-value')).toBe(false);
  });

  it('builds the per-connection URL under the module prefix', () => {
    expect(webhookUrl('https://api.upstock.example/', 'c0ffee')).toBe(
      'https://api.upstock.example/integrations/cin7-core/webhooks/cin7/c0ffee',
    );
    expect(webhookUrl('https://api.upstock.example', 'c0ffee', '/partners/cin7/')).toBe(
      'https://api.upstock.example/partners/cin7/webhooks/cin7/c0ffee',
    );
  });
});
