import type { Clock } from '@upstock/cin7-core';
import type { Cin7CoreExtensions } from './extensions/extensions.js';
import type {
  CustomersPort,
  HostCallsPort,
  InventoryPort,
  NotificationsPort,
  OrdersPort,
  PriceListsPort,
  ProductsPort,
  TenantResolver,
} from './ports/index.js';

export interface Cin7CoreHostPorts {
  tenant: TenantResolver;
  customers: CustomersPort;
  products: ProductsPort;
  priceLists: PriceListsPort;
  orders: OrdersPort;
  notifications: NotificationsPort;
  /** Stock availability into products. Optional: without it the stock feature cannot be turned on. */
  inventory?: InventoryPort;
  /** Auth of host-to-host calls (the approval route). Optional: without it that route refuses every caller. */
  hostCalls?: HostCallsPort;
}

export interface Cin7CoreModuleOptions {
  /** The host's side of the contract: who is calling, and its customers, products, price lists, orders, notifications. */
  ports: Cin7CoreHostPorts;
  /**
   * Keys for the credentials cipher (AES-256-GCM), base64 of 32 random bytes, by key id.
   * New values are encrypted with `currentKeyId`; older ids stay readable until re-encrypted (rotation).
   */
  encryption: { currentKeyId: string; keys: Record<string, string> };
  /** Sale hooks and scheduled syncs of the host's own (see extensions/README.md). */
  extensions?: Cin7CoreExtensions;
  /** Public base URL of the host's API, used to build the webhook URL Cin7 calls. */
  publicBaseUrl: string;
  /** Cin7 Core API base URL. Default: https://inventory.dearsystems.com/ExternalApi/v2/ */
  cin7BaseUrl?: string;
  /** fetch used for Cin7 calls. Default: the global fetch. */
  fetch?: typeof fetch;
  /** Clock for budgets, pauses and schedules. Default: the wall clock. Tests and benchmarks scale time with it. */
  clock?: Clock;
  /** Cin7 calls a minute per connection (one Cin7 API application). Default: 60, Cin7's documented limit. */
  callsPerMinute?: number;
  /**
   * How much wider than a minute the budget's window is, in ms of the module's clock: more than the delay between
   * counting a call and Cin7 receiving it. Default: 1000. Raise it when the clock is scaled (that delay scales too).
   */
  callWindowMarginMs?: number;
  /** How often the scheduler looks for due work, in ms. Default: 60_000. */
  schedulerTickMs?: number;
  /** Run background workers in this process. Default: true (a host may run API-only replicas). */
  workersEnabled?: boolean;
  /**
   * Schema for the job queue's (pg-boss 12) tables. Default: 'cin7_queue'. Not 'cin7_jobs': that held pg-boss 10's
   * tables, which are set aside on first start (docs/architecture.md, "Upgrading the queue").
   */
  queueSchema?: string;
  /** A job active longer than this has its handler stopped and is retried. Default: 600. */
  jobExpireSeconds?: number;
  /** A job whose worker stopped refreshing it for this long (a dead or frozen replica) is retried. Default: 30. */
  jobHeartbeatSeconds?: number;
  /** How long the module keeps what no longer serves anyone; see docs/architecture.md, "Retention". */
  retention?: RetentionOptions;
  /** How long a run's attempt holds it without renewing (a retry waits that long for a frozen one). Default: 60. */
  runLeaseSeconds?: number;
  /** How often the queue looks for expired jobs, in seconds. Default: 30. */
  jobMaintenanceIntervalSeconds?: number;
}

export interface RetentionOptions {
  /** Finished runs (GET /jobs), except the latest of each kind per supplier. Default 30. */
  runsDays?: number;
  /** Order push timelines. Default 90. */
  pushEventsDays?: number;
  /** Shipment state of sales shipped or voided this long ago. Default 90. */
  shipmentStatesDays?: number;
  /** The call budget's log (it needs a minute). Default 1. */
  callLogHours?: number;
  /** Retired credentials, whether or not their clean-up job ran. Default 60. */
  retiredCredentialsMinutes?: number;
  /** How often a replica prunes. Default 15 minutes. */
  intervalMs?: number;
}

export interface Cin7CoreModuleExtras {
  /** Route prefix of every module route. Default: 'integrations/cin7-core'. */
  routePrefix: string;
}
