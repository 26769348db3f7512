import {
  type ReferenceHostCustomer,
  type ReferenceHostOrder,
  type ReferenceHostOrderRow,
  type ReferenceHostPriceList,
  type ReferenceHostProduct,
  referenceHostCreateOrderSchema,
  referenceHostCustomerSchema,
  referenceHostOrderRowSchema,
  referenceHostOrderSchema,
  referenceHostPriceListSchema,
  referenceHostProductSchema,
  referenceHostUpdateOrderSchema,
} from '@upstock/cin7-contracts';
import { z } from 'zod';
import { moduleBaseUrl, shellConfig } from './shell.config.js';

// The reference host's own routes (`/host/*`, apps/api/README.md): the demo shell's "Upstock" back end. Their
// shapes come from the contracts, where the reference host takes them from too.

export type HostCustomer = ReferenceHostCustomer;
export type HostProduct = ReferenceHostProduct;
export type HostPriceList = ReferenceHostPriceList;
export type HostOrderRow = ReferenceHostOrderRow;
export type HostOrder = ReferenceHostOrder;
export type NewOrder = z.input<typeof referenceHostCreateOrderSchema>;
export type OrderChanges = z.input<typeof referenceHostUpdateOrderSchema>;

/** The host's error body (same shape as the module's): its message is shown as is. */
const errorBodySchema = z.object({ message: z.union([z.string(), z.array(z.string())]) });

export class HostApiError extends Error {}

const cin7SaleSchema = z.object({
  sync: z.object({ state: z.string(), cin7SaleNumber: z.string().nullable() }).loose(),
});

/** A client for the `/host` routes, signed in as one demo supplier (its bearer token in `authedFetch`). */
export function createHostApi(authedFetch: typeof fetch) {
  async function call<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown) {
    const response = await authedFetch(`${shellConfig.apiUrl}/host${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const parsed = errorBodySchema.safeParse(json);
      const message = parsed.success ? [parsed.data.message].flat().join('; ') : `HTTP ${response.status}`;
      throw new HostApiError(message);
    }
    return schema.parse(json) as z.infer<S>;
  }
  return {
    customers: () => call('GET', '/customers', z.array(referenceHostCustomerSchema)),
    products: () => call('GET', '/products', z.array(referenceHostProductSchema)),
    priceLists: () => call('GET', '/price-lists', z.array(referenceHostPriceListSchema)),
    orders: () => call('GET', '/orders', z.array(referenceHostOrderRowSchema)),
    order: (id: string) => call('GET', `/orders/${id}`, referenceHostOrderSchema),
    createOrder: (input: NewOrder) => call('POST', '/orders', z.object({ id: z.string() }).loose(), input),
    updateOrder: (id: string, changes: OrderChanges) => call('PATCH', `/orders/${id}`, z.unknown(), changes),
    comment: (id: string, body: string) => call('POST', `/orders/${id}/comments`, z.unknown(), { body }),
    approve: (id: string) => call('POST', `/orders/${id}/approve`, z.unknown()),
    /** The module's word on the order: its Cin7 sale number once created (null when never sent to Cin7). */
    cin7Sale: async (id: string): Promise<{ state: string; cin7SaleNumber: string | null } | null> => {
      const response = await authedFetch(`${moduleBaseUrl}/orders/${encodeURIComponent(id)}/sync`);
      if (response.status === 404) return null;
      if (!response.ok) throw new HostApiError(`HTTP ${response.status}`);
      return cin7SaleSchema.parse(await response.json()).sync;
    },
  };
}
export type HostApi = ReturnType<typeof createHostApi>;
