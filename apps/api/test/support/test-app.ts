import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { INestApplication, LoggerService } from '@nestjs/common';
import {
  DEMO_ACCOUNTS,
  type RunningSandbox,
  type StartSandboxOptions,
  startSandbox,
} from '@upstock/cin7-sandbox';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEMO_SUPPLIERS } from '../../src/host/host.module.js';
import type { Cin7CoreExtensions } from '../../src/module/index.js';
import { generateEncryptionKey } from '../../src/module/security/credential-cipher.js';
import { createApp } from '../../src/standalone/bootstrap.js';
import type { StandaloneConfig } from '../../src/standalone/config.js';
import { createTestDatabase } from './database.js';

export interface TestSupplier {
  id: string;
  name: string;
  token: string;
  /** The sandbox account this supplier connects to. */
  account: (typeof DEMO_ACCOUNTS)[number];
}

export interface TestAppOptions {
  /** Sandbox options (seed, time scale, rate limit...). Default: seed 'small', rate limit on. */
  sandbox?: StartSandboxOptions;
  /** Simulated seconds per real second for the API's clock; keep equal to the sandbox's. Default 1. */
  timeScale?: number;
  /** How often schedulers tick. Default 3_600_000 (they stay out of the way unless a test wants them). */
  schedulerTickMs?: number;
  workersEnabled?: boolean;
  /** Overrides the encryption keys (rotation tests). */
  encryption?: StandaloneConfig['encryption'];
  /** Widens the call budget's minute (simulated ms): at high time scales, network delays scale too. */
  callWindowMarginMs?: number;
  /** Receives every log line of the API instances (redaction tests). */
  logger?: LoggerService;
  /** Overrides the fetch the module uses to call Cin7 (fault tests). */
  fetch?: typeof fetch;
  /** Shortens the job queue's timings (expiry tests). */
  work?: StandaloneConfig['work'];
  /** Sale hooks and scheduled syncs passed to the module (extension tests). */
  extensions?: Cin7CoreExtensions;
}

export interface ApiInstance {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/**
 * The standalone server (reference host + module) on a fresh database, listening on a real port so the sandbox can
 * deliver webhooks, with a real Cin7 sandbox over HTTP. One per test file.
 */
export class TestApp {
  readonly suppliers: { kiwi: TestSupplier; aussie: TestSupplier };
  readonly instances: ApiInstance[] = [];

  private constructor(
    readonly sandbox: RunningSandbox,
    readonly config: StandaloneConfig,
    private readonly db: { url: string; drop(): Promise<void> },
    readonly dataSource: DataSource,
    private readonly options: TestAppOptions,
  ) {
    const [kiwi, aussie] = DEMO_SUPPLIERS;
    this.suppliers = {
      kiwi: { ...kiwi, account: DEMO_ACCOUNTS[0] },
      aussie: { ...aussie, account: DEMO_ACCOUNTS[1] },
    };
  }

  static async create(options: TestAppOptions = {}): Promise<TestApp> {
    const sandbox = await startSandbox({ port: 0, seed: 'small', ...options.sandbox });
    const db = await createTestDatabase();
    const config: StandaloneConfig = {
      port: 0,
      host: '127.0.0.1',
      databaseUrl: db.url,
      cin7BaseUrl: sandbox.baseUrl,
      publicBaseUrl: '',
      corsOrigins: [],
      encryption: options.encryption ?? { currentKeyId: 'test1', keys: { test1: generateEncryptionKey() } },
      timeScale: options.timeScale ?? 1,
      timeOrigin: Date.now(),
      ...(options.callWindowMarginMs ? { callWindowMarginMs: options.callWindowMarginMs } : {}),
      schedulerTickMs: options.schedulerTickMs ?? 3_600_000,
      workersEnabled: options.workersEnabled ?? true,
      ...(options.work ? { work: options.work } : {}),
      logLevels: process.env.TEST_API_LOGS ? ['log', 'error', 'warn', 'debug'] : [],
      demoMode: true,
      hostServiceSecret: randomBytes(24).toString('base64url'),
      benchBareRoute: false,
    };
    const dataSource = new DataSource({ type: 'postgres', url: db.url });
    const t = new TestApp(sandbox, config, db, dataSource, options);
    try {
      await t.startInstance();
      await dataSource.initialize();
    } catch (error) {
      await t.close();
      throw error;
    }
    return t;
  }

  /** The first API instance (replica). */
  get app(): INestApplication {
    return this.primary.app;
  }

  get url(): string {
    return this.primary.url;
  }

  /** A supertest agent against the first instance. */
  get http() {
    return request(this.primary.app.getHttpServer());
  }

  /** Starts another API replica on the same database (two-replica tests). */
  async startInstance(overrides: Partial<StandaloneConfig> = {}): Promise<ApiInstance> {
    const port = await freePort();
    const config = { ...this.config, port, publicBaseUrl: `http://127.0.0.1:${port}`, ...overrides };
    const app = await createApp(config, {
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.extensions ? { extensions: this.options.extensions } : {}),
      logger: false,
    });
    if (this.options.logger) app.useLogger(this.options.logger);
    else if (config.logLevels.length) app.useLogger(config.logLevels);
    try {
      await app.listen(port, '127.0.0.1');
    } catch (error) {
      // A start that fails (a wrong key) must not leave its pool and queue open behind it.
      await app.close().catch(() => undefined);
      throw error;
    }
    const instance: ApiInstance = {
      app,
      url: `http://127.0.0.1:${port}`,
      close: async () => {
        const i = this.instances.indexOf(instance);
        if (i >= 0) this.instances.splice(i, 1);
        await app.close();
      },
    };
    this.instances.push(instance);
    return instance;
  }

  as(supplier: TestSupplier): { Authorization: string } {
    return { Authorization: `Bearer ${supplier.token}` };
  }

  /** The reference host's own service acting for a supplier (host-to-host routes such as the approval report). */
  asHost(supplier: TestSupplier): Record<string, string> {
    return { 'X-Host-Secret': this.config.hostServiceSecret ?? '', 'X-Supplier-Id': supplier.id };
  }

  /** Connects the supplier to its sandbox account through the API, as a supplier would. */
  async connect(supplier: TestSupplier): Promise<void> {
    const res = await this.http
      .post('/integrations/cin7-core/connection')
      .set(this.as(supplier))
      .send({ accountId: supplier.account.accountId, apiKey: supplier.account.apiKey });
    if (res.status !== 201) throw new Error(`connect failed: ${res.status} ${JSON.stringify(res.body)}`);
  }

  /** Polls until `probe` answers something truthy; fails with the last value seen. */
  async waitFor<T>(
    probe: () => Promise<T | undefined | null | false>,
    { timeoutMs = 20_000, intervalMs = 100, what = 'condition' } = {},
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      last = await probe();
      if (last) return last as T;
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }

  /** Waits for a job (GET /jobs/:id) to reach a final state and returns it. */
  async waitForJob(supplier: TestSupplier, jobId: string, timeoutMs = 30_000) {
    return this.waitFor(
      async () => {
        const res = await this.http.get(`/integrations/cin7-core/jobs/${jobId}`).set(this.as(supplier));
        return ['succeeded', 'failed', 'cancelled'].includes(res.body.state) ? res.body : undefined;
      },
      { timeoutMs, what: `job ${jobId}` },
    );
  }

  async close(): Promise<void> {
    for (const instance of [...this.instances].reverse()) await instance.close().catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.sandbox.close();
    await this.db.drop();
  }

  private get primary(): ApiInstance {
    const first = this.instances[0];
    if (!first) throw new Error('No API instance is running');
    return first;
  }
}

export const createTestApp = (options?: TestAppOptions) => TestApp.create(options);

/** A port nothing listens on right now (the server binds it just after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
