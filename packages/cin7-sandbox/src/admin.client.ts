import type { FaultConfig, FaultPatch } from './faults.js';
import type { SandboxMetrics } from './metrics.js';
import type { SandboxConfig, SandboxConfigPatch } from './sandbox-config.js';
import type { SeedName } from './seed.js';
import type { WebhookDelivery } from './webhook-dispatcher.js';

export type SandboxConfigView = SandboxConfig & { timeScale: number; seed: SeedName };

export interface ClockView {
  /** Simulated now, Cin7 timestamp format. */
  now: string;
  nowMs: number;
  timeScale: number;
}

export interface AccountSummary {
  accountId: string;
  company: string;
  currency: string;
  customers: number;
  products: number;
  sales: number;
}

export interface ShipOptions {
  trackingNumber?: string;
  trackingUrl?: string;
  carrier?: string;
  /** Ship only the first box and leave the shipment PARTIALLY AUTHORISED. */
  partial?: boolean;
}

export interface SaleLineEdit {
  /** Line to change, by SKU or product id. */
  sku?: string;
  productId?: string;
  quantity?: number;
  price?: number;
  discount?: number;
}

/** A row as `ref/productavailability` renders it (Cin7 wire shape). */
export type AvailabilityRow = Record<string, unknown> & {
  ID: string;
  SKU: string;
  Location: string;
  Bin: string | null;
  Batch: string | null;
  OnHand: number;
  Allocated: number;
  Available: number;
  OnOrder: number;
  NextDeliveryDate: string | null;
};

/** A stock movement through the admin API: the product by SKU or id, the default location unless given. */
export interface StockChangeInput {
  sku?: string;
  productId?: string;
  quantity: number;
  location?: string;
  bin?: string;
  batch?: string;
}

/** A sale as `GET /sale?ID=` renders it (Cin7 wire shape). */
export type SandboxSale = Record<string, unknown> & { ID: string; Status: string };

/** Selects an account: its id, or its index (0 = NZD, 1 = AUD; with the demo seed 2 = tax inclusive, 3 = no Freight). */
export type AccountRef = string | number;

/**
 * Typed client of the sandbox admin HTTP API (`/admin/*`). Works from any process: give it the sandbox URL.
 * Every method throws on a non-2xx answer with the admin error message.
 */
export class SandboxAdmin {
  private readonly url: string;

  constructor(url: string) {
    this.url = url.replace(/\/+$/, '');
  }

  /** Replaces all data with a fresh seed (default: the current one); clears limiter, metrics and deliveries. */
  reset(seed?: SeedName): Promise<SandboxConfigView> {
    return this.call('POST', 'reset', seed ? { seed } : {});
  }

  getConfig(): Promise<SandboxConfigView> {
    return this.call('GET', 'config');
  }

  setConfig(patch: SandboxConfigPatch): Promise<SandboxConfigView> {
    return this.call('POST', 'config', patch);
  }

  clock(): Promise<ClockView> {
    return this.call('GET', 'clock');
  }

  /** Jumps simulated time forward (limiter windows slide, due webhook retries fire). */
  advanceTime(ms: number): Promise<ClockView> {
    return this.call('POST', 'clock/advance', { ms });
  }

  getFaults(): Promise<FaultConfig> {
    return this.call('GET', 'faults');
  }

  setFaults(patch: FaultPatch): Promise<FaultConfig> {
    return this.call('POST', 'faults', patch);
  }

  clearFaults(): Promise<FaultConfig> {
    return this.call('DELETE', 'faults');
  }

  metrics(): Promise<SandboxMetrics> {
    return this.call('GET', 'metrics');
  }

  resetMetrics(): Promise<SandboxMetrics> {
    return this.call('POST', 'metrics/reset');
  }

  accounts(): Promise<{ accounts: AccountSummary[] }> {
    return this.call('GET', 'accounts');
  }

  async webhookDeliveries(): Promise<WebhookDelivery[]> {
    return (await this.call<{ deliveries: WebhookDelivery[] }>('GET', 'webhooks/deliveries')).deliveries;
  }

  async clearWebhookDeliveries(): Promise<void> {
    await this.call('DELETE', 'webhooks/deliveries');
  }

  async listSales(account: AccountRef): Promise<SandboxSale[]> {
    return (await this.call<{ sales: SandboxSale[] }>('GET', `accounts/${account}/sales`)).sales;
  }

  getSale(account: AccountRef, saleId: string): Promise<SandboxSale> {
    return this.call('GET', `accounts/${account}/sales/${saleId}`);
  }

  /** Picks, packs and ships the sale (as a warehouse would in Cin7), firing the shipment webhooks. */
  shipSale(account: AccountRef, saleId: string, options: ShipOptions = {}): Promise<SandboxSale> {
    return this.call('POST', `accounts/${account}/sales/${saleId}/ship`, options);
  }

  voidSale(account: AccountRef, saleId: string): Promise<SandboxSale> {
    return this.call('POST', `accounts/${account}/sales/${saleId}/void`);
  }

  /** Changes order lines behind the integration's back (drift), recomputing line and sale totals. */
  editSaleLines(account: AccountRef, saleId: string, lines: SaleLineEdit[]): Promise<SandboxSale> {
    return this.call('POST', `accounts/${account}/sales/${saleId}/lines`, { lines });
  }

  setProductPrice(
    account: AccountRef,
    productIdOrSku: string,
    tier: number,
    price: number,
  ): Promise<unknown> {
    return this.call('POST', `accounts/${account}/products/${encodeURIComponent(productIdOrSku)}/price`, {
      tier,
      price,
    });
  }

  renamePriceTier(
    account: AccountRef,
    code: number,
    name: string,
  ): Promise<{ PriceTiers: { Code: number; Name: string }[] }> {
    return this.call('POST', `accounts/${account}/price-tiers/${code}`, { name });
  }

  setCustomPrice(
    account: AccountRef,
    customerId: string,
    productId: string,
    price: number,
  ): Promise<unknown> {
    return this.call('PUT', `accounts/${account}/custom-prices`, { customerId, productId, price });
  }

  deleteCustomPrice(account: AccountRef, customerId: string, productId: string): Promise<unknown> {
    return this.call('DELETE', `accounts/${account}/custom-prices`, { customerId, productId });
  }

  /** Cin7's General Settings: `/me` tax and discount switches, tax rule inclusiveness and rate. */
  setTenantSettings(
    account: AccountRef,
    settings: {
      TaxCalculationMethod?: 'Row Total' | 'Total';
      AutomaticallyApplyDiscounts?: boolean;
      ApplyCustomerDiscountsAfterOtherDiscounts?: boolean;
      DiscountRule?: 'Discount' | 'Price';
      taxRules?: { Name: string; TaxInclusive?: boolean; TaxPercent?: number }[];
    },
  ): Promise<unknown> {
    return this.call('POST', `accounts/${account}/tenant-settings`, settings);
  }

  /** A customer added in Cin7: Active, in the account's currency, with a billing and a shipping address. */
  addCustomer(
    account: AccountRef,
    customer: { name: string; email?: string; city?: string },
  ): Promise<{ ID: string; Name: string; LastModifiedOn: string }> {
    return this.call('POST', `accounts/${account}/customers`, customer);
  }

  setCustomerDiscount(account: AccountRef, customerId: string, discount: number): Promise<unknown> {
    return this.call('POST', `accounts/${account}/customers/${customerId}/discount`, { discount });
  }

  /** Availability rows of one product (by SKU), or of the whole account, as `ref/productavailability` renders them. */
  async stockRows(account: AccountRef, sku?: string): Promise<AvailabilityRow[]> {
    const query = sku ? `?sku=${encodeURIComponent(sku)}` : '';
    return (await this.call<{ rows: AvailabilityRow[] }>('GET', `accounts/${account}/stock${query}`)).rows;
  }

  /** A purchase arrives: `OnHand` up (default location unless given); emits Stock/AvailableStockLevelChanged. */
  receiveStock(account: AccountRef, change: StockChangeInput): Promise<AvailabilityRow> {
    return this.call('POST', `accounts/${account}/stock/receive`, change);
  }

  /** A purchase is ordered: `OnOrder` up and `NextDeliveryDate` set; emits Stock/AvailableStockLevelChanged. */
  orderStock(
    account: AccountRef,
    change: StockChangeInput & { nextDeliveryDate: string },
  ): Promise<AvailabilityRow> {
    return this.call('POST', `accounts/${account}/stock/order`, change);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/admin/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload: unknown = await res.json();
    if (!res.ok) {
      const message =
        payload && typeof payload === 'object' && 'error' in payload ? String(payload.error) : res.statusText;
      throw new Error(`Sandbox admin ${method} ${path} failed (${res.status}): ${message}`);
    }
    return payload as T;
  }
}
