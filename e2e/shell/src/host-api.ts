import { z } from 'zod';
import { moduleBaseUrl, shellConfig } from './shell.config.js';

// The reference host's own routes (`/host/*`, apps/api/README.md): the demo shell's "Upstock" back end.

const orderStatus = z.enum(['draft', 'approved', 'shipped', 'cancelled']);

export const hostCustomerSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  currency: z.string().nullable().optional(),
});
export type HostCustomer = z.infer<typeof hostCustomerSchema>;

export const hostProductSchema = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  basePrice: z.number(),
});
export type HostProduct = z.infer<typeof hostProductSchema>;

export const hostPriceListSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  currency: z.string(),
  entries: z.array(z.object({ productId: z.string(), sku: z.string(), price: z.number() })),
});
export type HostPriceList = z.infer<typeof hostPriceListSchema>;

export const hostOrderRowSchema = z.object({
  id: z.string(),
  number: z.string(),
  customerId: z.string(),
  status: orderStatus,
  currency: z.string(),
  deliveryDate: z.string().nullable(),
  tracking: z.string().nullable(),
  totalsMismatch: z.string().nullable(),
  createdAt: z.string(),
});
export type HostOrderRow = z.infer<typeof hostOrderRowSchema>;

export const hostOrderSchema = z.object({
  id: z.string(),
  number: z.string(),
  reference: z.string().nullable(),
  customerId: z.string(),
  currency: z.string(),
  status: orderStatus,
  orderDate: z.string(),
  deliveryDate: z.string().nullable(),
  comments: z.array(z.string()),
  tracking: z.string().nullable(),
  lines: z.array(
    z.object({
      productId: z.string(),
      sku: z.string(),
      name: z.string(),
      quantity: z.number(),
      unitPrice: z.number(),
    }),
  ),
  freight: z.number().nullable(),
  total: z.number(),
  totalsMismatch: z.string().nullable(),
  shippedAt: z.string().nullable(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  trackingUrl: z.string().nullable(),
});
export type HostOrder = z.infer<typeof hostOrderSchema>;

export interface NewOrder {
  customerId: string;
  reference?: string | null;
  deliveryDate?: string | null;
  lines: { productId: string; quantity: number }[];
  freight?: number | null;
  comment?: string;
}

export interface OrderChanges {
  reference?: string | null;
  deliveryDate?: string | null;
  freight?: number | null;
  lines?: { productId: string; quantity: number }[];
}

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
    customers: () => call('GET', '/customers', z.array(hostCustomerSchema)),
    products: () => call('GET', '/products', z.array(hostProductSchema)),
    priceLists: () => call('GET', '/price-lists', z.array(hostPriceListSchema)),
    orders: () => call('GET', '/orders', z.array(hostOrderRowSchema)),
    order: (id: string) => call('GET', `/orders/${id}`, hostOrderSchema),
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
