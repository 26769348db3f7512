import type { AddressInfo } from 'node:net';
import { SandboxAdmin } from './admin.client.js';
import { extraTenant } from './demo-accounts.js';
import { defaultConfig } from './sandbox-config.js';
import { SandboxEngine } from './sandbox-engine.js';
import { createSandboxServer } from './sandbox-server.js';
import type { SeedName } from './seed.js';
import { createAccountState } from './seed-reference.js';

export type {
  AccountRef,
  AccountSummary,
  AvailabilityRow,
  ClockView,
  SaleLineEdit,
  SandboxConfigView,
  SandboxSale,
  ShipOptions,
  StockChangeInput,
} from './admin.client.js';
export { SandboxAdmin } from './admin.client.js';
export {
  DEMO_ACCOUNTS,
  type DemoAccount,
  extraTenant,
  NO_FREIGHT_ACCOUNT,
  TAX_INCLUSIVE_ACCOUNT,
} from './demo-accounts.js';
export type { FaultConfig, FaultPatch } from './faults.js';
export type { SandboxMetrics } from './metrics.js';
export { NZ_TAX, type TaxSetting, withMoney } from './money-kit.js';
export type { SandboxConfig, SandboxConfigPatch } from './sandbox-config.js';
export type { SeedName } from './seed.js';
export { SEED_SIZES } from './seed-generated.js';
export { STOCK_WEBHOOK_TYPE } from './stock.model.js';
export {
  type DeliveryAttempt,
  WEBHOOK_FIRST_ATTEMPT_MINUTES,
  WEBHOOK_RETRY_MINUTES,
  type WebhookDelivery,
} from './webhook-dispatcher.js';

export interface StartSandboxOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind. Default '127.0.0.1'. */
  host?: string;
  /** Initial data. Default 'demo'. */
  seed?: SeedName;
  /**
   * Simulated seconds per real second. Default 1; 60 = a simulated minute per real second; 0 freezes the clock.
   * Drives the rate-limit window, the webhook retry schedule and `Updated`/`LastModifiedOn` timestamps.
   */
  timeScale?: number;
  /**
   * Tenants served besides the seed's, with empty books and the credentials of `extraTenant(i)` (a benchmark's many
   * suppliers). A reset of the data drops them.
   */
  extraTenants?: number;
  /** Default: enabled, 60 per minute, status 429. */
  rateLimit?: { enabled?: boolean; perMinute?: number; status?: 429 | 503 };
  /**
   * Default: enabled, first attempt one simulated minute after the event (BP L27929-27930);
   * `immediateFirstAttempt` delivers at once, for demos only.
   */
  webhooks?: { enabled?: boolean; immediateFirstAttempt?: boolean };
  /** Simulated ms before a new sale is listed by saleList. Default 5000. */
  saleListLagMs?: number;
  /** Receives one line per API call and notable event. Default: silent. */
  log?: (line: string) => void;
}

export interface RunningSandbox {
  /** Origin, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** What a Cin7 client uses as base URL: `${url}/ExternalApi/v2/`. */
  baseUrl: string;
  admin: SandboxAdmin;
  close(): Promise<void>;
}

/** Starts a Cin7 Core API v2 sandbox on a real HTTP port. */
export async function startSandbox(opts: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const config = defaultConfig();
  Object.assign(config.rateLimit, stripUndefined(opts.rateLimit ?? {}));
  Object.assign(config.webhooks, stripUndefined(opts.webhooks ?? {}));
  if (opts.saleListLagMs !== undefined) config.saleListLagMs = opts.saleListLagMs;
  const engine = SandboxEngine.create({
    seed: opts.seed ?? 'demo',
    timeScale: opts.timeScale ?? 1,
    config,
    log: opts.log ?? (() => {}),
  });
  for (let i = 0; i < (opts.extraTenants ?? 0); i++)
    engine.accounts.push(createAccountState(extraTenant(i), `extra-tenant/${i}`));
  const server = createSandboxServer(engine);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closed: Promise<void> | undefined;
  return {
    url,
    baseUrl: `${url}/ExternalApi/v2/`,
    admin: new SandboxAdmin(url),
    close() {
      closed ??= new Promise<void>((resolve) => {
        engine.close();
        server.close(() => resolve());
        // Hung (timeout-fault) and keep-alive sockets would otherwise keep close() waiting.
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
