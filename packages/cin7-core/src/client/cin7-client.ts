import { type CallBudget, type CallPriority, TokenBucketBudget } from '../http/call-budget.js';
import { type Clock, systemClock } from '../http/clock.js';
import { type Cin7Logger, silentLogger } from '../http/logger.js';
import { type RetryOptions, resolveRetryOptions } from '../http/retry-policy.js';
import { Cin7Transport } from '../http/transport.js';
import { AvailabilityResource } from '../resources/availability.resource.js';
import { CustomersResource } from '../resources/customers.resource.js';
import { MeResource } from '../resources/me.resource.js';
import { ProductsResource } from '../resources/products.resource.js';
import { ReferenceResource } from '../resources/reference.resource.js';
import { SalesResource } from '../resources/sales.resource.js';
import { WebhooksResource } from '../resources/webhooks.resource.js';

/** Cin7 Core API v2 (BP L2, L14). */
export const CIN7_DEFAULT_BASE_URL = 'https://inventory.dearsystems.com/ExternalApi/v2/';
export const CIN7_DEFAULT_TIMEOUT_MS = 30_000;

export interface Cin7ClientOptions {
  /** Account ID (GUID), sent as `api-auth-accountid`. */
  accountId: string;
  /** API Application Key (GUID), sent as `api-auth-applicationkey`. Never logged. */
  apiKey: string;
  /** Default `https://inventory.dearsystems.com/ExternalApi/v2/`; the sandbox's URL in tests and demos. */
  baseUrl?: string;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Per HTTP attempt. Default 30 000 ms. */
  timeoutMs?: number;
  /** Default: silent. */
  logger?: Cin7Logger;
  /** Used for every wait (backoff, budget). Default: the system clock. */
  clock?: Clock;
  /** Asked before every HTTP attempt. Default: `new TokenBucketBudget({ clock })` (60 a minute, in process). */
  budget?: CallBudget;
  /** Priority of this client's calls in the budget. Default `'background'`. */
  priority?: CallPriority;
  /** Default: 4 attempts, 500 ms base, 60 s cap (see http/retry-policy.ts). */
  retry?: RetryOptions;
}

/** One client per Cin7 API application. */
export class Cin7Client {
  readonly me: MeResource;
  readonly availability: AvailabilityResource;
  readonly customers: CustomersResource;
  readonly products: ProductsResource;
  readonly reference: ReferenceResource;
  readonly sales: SalesResource;
  readonly webhooks: WebhooksResource;
  private readonly transport: Cin7Transport;

  constructor(opts: Cin7ClientOptions) {
    const clock = opts.clock ?? systemClock;
    const fetchImpl = opts.fetch ?? globalThis.fetch.bind(globalThis);
    this.transport = new Cin7Transport({
      accountId: opts.accountId,
      apiKey: opts.apiKey,
      baseUrl: opts.baseUrl ?? CIN7_DEFAULT_BASE_URL,
      fetch: fetchImpl,
      timeoutMs: opts.timeoutMs ?? CIN7_DEFAULT_TIMEOUT_MS,
      logger: opts.logger ?? silentLogger,
      clock,
      budget: opts.budget ?? new TokenBucketBudget({ clock }),
      priority: opts.priority ?? 'background',
      retry: resolveRetryOptions(opts.retry),
    });
    this.me = new MeResource(this.transport);
    this.availability = new AvailabilityResource(this.transport);
    this.customers = new CustomersResource(this.transport);
    this.products = new ProductsResource(this.transport);
    this.reference = new ReferenceResource(this.transport);
    this.sales = new SalesResource(this.transport);
    this.webhooks = new WebhooksResource(this.transport);
  }

  /** Calls sent per endpoint (e.g. `'GET product': 11`), retries included: for benchmarks and tests. */
  callCounts(): Record<string, number> {
    return this.transport.callCounts();
  }

  /** Keeps `JSON.stringify(client)` and `util.inspect` from ever printing the credentials. */
  toJSON(): Record<string, unknown> {
    return { name: 'Cin7Client', callCounts: this.callCounts() };
  }
}
