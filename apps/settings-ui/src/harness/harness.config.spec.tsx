import { describe, expect, it } from '@jest/globals';
import { DEFAULT_API_BASE_URL, readHarnessParams } from './harness.config.js';

describe('readHarnessParams', () => {
  it('reads ?api= and ?token=, with the pnpm dev API as default', () => {
    expect(readHarnessParams('?api=http%3A%2F%2Flocalhost%3A3100%2Fx&token=t1')).toEqual({
      apiBaseUrl: 'http://localhost:3100/x',
      token: 't1',
    });
    expect(readHarnessParams('')).toEqual({ apiBaseUrl: DEFAULT_API_BASE_URL, token: null });
  });
});
