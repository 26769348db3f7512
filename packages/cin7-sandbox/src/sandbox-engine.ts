import { randomUUID } from 'node:crypto';
import { FaultInjector } from './faults.js';
import { MetricsRecorder, type SandboxMetrics } from './metrics.js';
import { createPrng } from './prng.js';
import { SlidingWindowLimiter } from './rate-limiter.js';
import { SandboxClock } from './sandbox-clock.js';
import { defaultConfig, type SandboxConfig } from './sandbox-config.js';
import { buildSeed, type SeedName } from './seed.js';
import { SimScheduler } from './sim-scheduler.js';
import type { AccountState } from './store.types.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';

const LIST_ORDER_SEED = 12;

export interface EngineOptions {
  seed: SeedName;
  timeScale: number;
  config: SandboxConfig;
  log: (line: string) => void;
}

/** Everything a running sandbox knows: both accounts' data, switches, clock, limiter, faults, metrics. */
export class SandboxEngine {
  accounts: AccountState[];
  seed: SeedName;
  readonly config: SandboxConfig;
  readonly clock: SandboxClock;
  readonly scheduler: SimScheduler;
  readonly metrics = new MetricsRecorder();
  readonly limiter = new SlidingWindowLimiter();
  readonly faults = new FaultInjector();
  readonly webhooks: WebhookDispatcher;
  /**
   * Draws for `saleListShuffle`: seeded, and re-seeded on reset, so a run's orders replay identically (a test of the
   * shuffle cannot pass or fail by chance).
   */
  listOrderRandom = createPrng(LIST_ORDER_SEED);
  readonly log: (line: string) => void;

  constructor(opts: EngineOptions) {
    this.seed = opts.seed;
    this.config = opts.config;
    this.log = opts.log;
    this.clock = new SandboxClock(opts.timeScale);
    this.scheduler = new SimScheduler(this.clock);
    this.accounts = buildSeed(opts.seed);
    this.webhooks = new WebhookDispatcher(this);
  }

  static create(partial: Partial<EngineOptions> = {}): SandboxEngine {
    return new SandboxEngine({
      seed: partial.seed ?? 'demo',
      timeScale: partial.timeScale ?? 1,
      config: partial.config ?? defaultConfig(),
      log: partial.log ?? (() => {}),
    });
  }

  /** Replaces all data with a fresh seed; also clears limiter windows, pending webhook deliveries and metrics. */
  reset(seed: SeedName = this.seed): void {
    this.seed = seed;
    this.accounts = buildSeed(seed);
    this.limiter.reset();
    this.metrics.reset();
    this.webhooks.reset();
    this.listOrderRandom = createPrng(LIST_ORDER_SEED);
  }

  now(): number {
    return this.clock.now();
  }

  newId(): string {
    return randomUUID();
  }

  findByCredentials(accountId: string, apiKey: string): AccountState | undefined {
    const id = accountId.trim().toLowerCase();
    const key = apiKey.trim().toLowerCase();
    return this.accounts.find(
      (a) => a.account.accountId.toLowerCase() === id && a.account.apiKey.toLowerCase() === key,
    );
  }

  accountById(accountId: string): AccountState | undefined {
    return this.accounts.find((a) => a.account.accountId.toLowerCase() === accountId.toLowerCase());
  }

  snapshotMetrics(): SandboxMetrics {
    const salesByAccount: Record<string, number> = {};
    let duplicateExternalIds = 0;
    let duplicateReferences = 0;
    for (const state of this.accounts) {
      salesByAccount[state.account.accountId] = state.sales.length;
      duplicateExternalIds += countDuplicates(state.sales.map((s) => s.ExternalID));
      duplicateReferences += countDuplicates(state.sales.map((s) => s.CustomerReference));
    }
    return {
      callsByEndpoint: { ...this.metrics.callsByEndpoint },
      callsByAccount: { ...this.metrics.callsByAccount },
      throttled: this.metrics.throttled,
      salesByAccount,
      duplicateExternalIds,
      duplicateReferences,
      maxCallsInAnyMinute: this.metrics.maxCallsInAnyMinute,
    };
  }

  close(): void {
    this.scheduler.close();
  }
}

function countDuplicates(values: (string | null)[]): number {
  const seen = new Set<string>();
  let duplicates = 0;
  for (const value of values) {
    if (!value) continue;
    if (seen.has(value)) duplicates++;
    else seen.add(value);
  }
  return duplicates;
}
