import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/standalone/config.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const quiet = () => undefined;
const KEYS = 'k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

describe('standalone server: demo mode, production keys, cached health, security headers', () => {
  let t: TestApp;
  let cin7Stub: Server;
  let cin7Calls = 0;
  let cin7StubUrl = '';

  beforeAll(async () => {
    t = await createTestApp();
    cin7Stub = createServer((_req, res) => {
      cin7Calls++;
      res.writeHead(403).end();
    });
    await new Promise<void>((resolve) => cin7Stub.listen(0, '127.0.0.1', resolve));
    const address = cin7Stub.address();
    cin7StubUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => cin7Stub?.close(resolve));
  });

  it('refuses demo mode and a missing key in production, and keeps demo mode explicit', () => {
    const base = { DATABASE_URL: 'postgres://x/y', ENCRYPTION_KEYS: KEYS };
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', DEMO_MODE: 'true' }, quiet)).toThrow(
      /DEMO_MODE .* NODE_ENV=production/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', NODE_ENV: 'production' }, quiet)).toThrow(
      /ENCRYPTION_KEYS is required/,
    );
    expect(loadConfig({ ...base, NODE_ENV: 'production' }, quiet).demoMode).toBe(false);
    expect(loadConfig(base, quiet).demoMode).toBe(false);
    expect(loadConfig({ ...base, DEMO_MODE: 'true' }, quiet).demoMode).toBe(true);
  });

  it('outside demo mode serves no demo suppliers or tokens to anyone', async () => {
    const plain = await t.startInstance({ demoMode: false });
    try {
      const res = await fetch(`${plain.url}/host/demo/suppliers`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toMatch(/demo-token/);
    } finally {
      await plain.close();
    }
    // The demo instance does serve them (what the demo shell signs in with).
    expect((await t.http.get('/host/demo/suppliers').expect(200)).body).toHaveLength(2);
  });

  it('checks Cin7 for health at most once per period, however often health is asked', async () => {
    const probe = await t.startInstance({ cin7BaseUrl: cin7StubUrl });
    try {
      cin7Calls = 0;
      const answers = await Promise.all(
        Array.from({ length: 50 }, () =>
          fetch(`${probe.url}/health`).then((r) => r.json() as Promise<{ cin7: string; database: string }>),
        ),
      );
      for (let i = 0; i < 50; i++) await fetch(`${probe.url}/health`);
      expect(answers.every((a) => a.cin7 === 'up' && a.database === 'up')).toBe(true);
      expect(cin7Calls).toBe(1);
    } finally {
      await probe.close();
    }
  });

  it('sends the usual security headers', async () => {
    const res = await t.http.get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
