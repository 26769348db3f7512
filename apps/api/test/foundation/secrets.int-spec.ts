import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LoggerService } from '@nestjs/common';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Every line any API instance logs, at every level (debug includes one line per Cin7 call). */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log = (...args: unknown[]) => this.capture(args);
  error = (...args: unknown[]) => this.capture(args);
  warn = (...args: unknown[]) => this.capture(args);
  debug = (...args: unknown[]) => this.capture(args);
  verbose = (...args: unknown[]) => this.capture(args);
  private capture(args: unknown[]) {
    this.lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  }
}

describe('secrets', () => {
  const logger = new CapturingLogger();
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ sandbox: { seed: 'small' }, logger });
  });
  afterAll(() => t?.close());

  it('never reach a log line, a response or the database in clear, through connect, work and errors', async () => {
    const { kiwi } = t.suppliers;
    const { apiKey } = kiwi.account;
    const wrong = await t.http
      .post('/integrations/cin7-core/connection')
      .set(t.as(kiwi))
      .send({ accountId: kiwi.account.accountId, apiKey: '11111111-2222-4333-8444-555555555555' });
    expect(wrong.status).toBe(400);
    await t.connect(kiwi);
    const job = await t.http
      .post('/integrations/cin7-core/imports')
      .set(t.as(kiwi))
      .send({ kind: 'customers' });
    await t.waitForJob(kiwi, job.body.id);
    const read = await t.http.get('/integrations/cin7-core/connection').set(t.as(kiwi));

    // The capture is live: Cin7 calls were logged (so a leak would have been seen).
    expect(logger.lines.some((l) => /cin7 request .*"path":"customer/.test(l))).toBe(true);
    for (const secret of [apiKey, '11111111-2222-4333-8444-555555555555']) {
      expect(logger.lines.filter((l) => l.includes(secret))).toEqual([]);
      expect(JSON.stringify([wrong.body, job.body, read.body])).not.toContain(secret);
    }
    const dump = await t.dataSource.query(
      `SELECT row_to_json(c)::text AS row FROM cin7_connection c
       UNION ALL SELECT row_to_json(j)::text FROM cin7_queue.job j
       UNION ALL SELECT row_to_json(r)::text FROM cin7_sync_run r
       UNION ALL SELECT row_to_json(x)::text FROM cin7_retired_credentials x`,
    );
    expect(dump.filter((r: { row: string }) => r.row.includes(apiKey))).toEqual([]);
  });
});
