import type { Cin7Client, Cin7SaleHeaderInput } from '@upstock/cin7-core';
import type { HostOrder } from '../ports/orders.port.js';

/**
 * Room to extend the module without editing it: hooks and scheduled syncs a host (or an internal team adding a
 * provider) passes in `Cin7CoreModuleOptions.extensions`.
 */
export interface Cin7CoreExtensions {
  /** Run in order on every sale header before it is sent to Cin7 (and in previews, so they stay exact). */
  saleHooks?: Cin7SaleHook[];
  /** Syncs of your own, run for each connected supplier on the module's job queue and call budget. */
  scheduledSyncs?: Cin7ScheduledSync[];
}

export interface SaleHookContext {
  supplierId: string;
  /** The host's order, as its OrdersPort answered it. */
  order: HostOrder;
}

/**
 * Adjusts the Cin7 sale header before it is sent: a custom field in the Note, a carrier, a tag in the reference.
 * It runs again on every retry, so it must answer the same for the same order. The header's ExternalID (what makes
 * a push happen exactly once) and CustomerID are kept whatever the hook answers; lines and amounts are not the
 * hook's to change.
 */
export interface Cin7SaleHook {
  adjustSaleHeader(header: Cin7SaleHeaderInput, context: SaleHookContext): Promise<Cin7SaleHeaderInput>;
}

export interface ScheduledSyncContext {
  supplierId: string;
  /** The supplier's Cin7 client: every call counts against its 60-a-minute budget, like the module's own. */
  cin7: Cin7Client;
}

/**
 * A sync of your own on the module's work engine: due every `everyMinutes` for each connected supplier, run once
 * across replicas as a job (retried with backoff when it throws, like the module's jobs).
 */
export interface Cin7ScheduledSync {
  /** Unique among the scheduled syncs; letters, digits, `-` and `_`. */
  name: string;
  everyMinutes: number;
  run(context: ScheduledSyncContext): Promise<void>;
}
