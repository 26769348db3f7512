import { queryOptions } from '@tanstack/react-query';
import { type DemoSupplier, demoSupplierSchema } from '@upstock/cin7-contracts';
import { z } from 'zod';
import { shellConfig } from './shell.config.js';

/** A demo supplier of the reference host: its token is what the host's auth accepts as `Bearer <token>`. */
export type { DemoSupplier };

/** `GET /host/demo/suppliers` on the reference host (the stand-in for Upstock's own login). */
export async function fetchDemoSuppliers(): Promise<DemoSupplier[]> {
  const response = await fetch(`${shellConfig.apiUrl}/host/demo/suppliers`);
  if (!response.ok) throw new Error(`GET /host/demo/suppliers answered ${response.status}`);
  const parsed = z.array(demoSupplierSchema).safeParse(await response.json());
  if (!parsed.success)
    throw new Error('GET /host/demo/suppliers did not answer a list of { id, name, token }');
  return parsed.data;
}

/** The demo suppliers as the shell caches them (asked for before the first render, read by the app). */
export const demoSuppliersQuery = queryOptions({
  queryKey: ['host', 'demo-suppliers'],
  queryFn: fetchDemoSuppliers,
});

/** The host's authenticated fetch for one supplier: what it hands to the panel as a mount prop. */
export function fetchAs(token: string): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
}
