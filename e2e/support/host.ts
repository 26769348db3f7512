import type { APIRequestContext } from '@playwright/test';
import type { E2eStack } from './e2e.env.js';

/** Calls the reference host's `/host/*` routes as a demo supplier (what Upstock itself would have done). */
export function hostAs(request: APIRequestContext, stack: E2eStack, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  return {
    async createCustomer(name: string, email: string): Promise<{ id: string }> {
      const response = await request.post(`${stack.urls.api}/host/customers`, {
        headers,
        data: { name, email },
      });
      if (!response.ok())
        throw new Error(`POST /host/customers: ${response.status()} ${await response.text()}`);
      return response.json();
    },
  };
}

export interface SandboxSale {
  ID: string;
  Customer: string;
  CustomerReference: string;
  Status: string;
  ShippingNotes: string | null;
  ShipBy: string | null;
  ShippingAddress: { Line1: string; City: string } | null;
  Order: {
    SaleOrderNumber: string;
    Lines: { SKU: string; Quantity: number; Price: number }[];
    AdditionalCharges: { Description: string; Price: number; Quantity: number }[];
  };
}

/** The Cin7 sandbox's admin API (`/admin/*`): what a warehouse does in Cin7, and a look at the stored sales. */
export function sandboxAdmin(request: APIRequestContext, stack: E2eStack) {
  const admin = `${stack.urls.sandbox.replace(/\/+$/, '')}/admin`;
  return {
    async sales(account = 0): Promise<SandboxSale[]> {
      const response = await request.get(`${admin}/accounts/${account}/sales`);
      return ((await response.json()) as { sales: SandboxSale[] }).sales;
    },
    async sale(id: string, account = 0): Promise<SandboxSale> {
      return (await request.get(`${admin}/accounts/${account}/sales/${id}`)).json();
    },
    async ship(id: string, options: { trackingNumber: string; carrier: string }, account = 0): Promise<void> {
      const response = await request.post(`${admin}/accounts/${account}/sales/${id}/ship`, { data: options });
      if (!response.ok()) throw new Error(`sandbox ship: ${response.status()} ${await response.text()}`);
      // Cin7 first delivers a webhook a minute after the event (BP L27929-27930): let that minute pass.
      const advanced = await request.post(`${admin}/clock/advance`, { data: { ms: 60_000 } });
      if (!advanced.ok()) throw new Error(`sandbox clock: ${advanced.status()} ${await advanced.text()}`);
    },
  };
}
