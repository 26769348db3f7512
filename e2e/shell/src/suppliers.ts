import { shellConfig } from './shell.config.js';

/** A demo supplier of the reference host: its token is what the host's auth accepts as `Bearer <token>`. */
export interface DemoSupplier {
  id: string;
  name: string;
  token: string;
}

function isDemoSupplier(value: unknown): value is DemoSupplier {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (typeof v.id === 'string' || typeof v.id === 'number') &&
    typeof v.name === 'string' &&
    typeof v.token === 'string'
  );
}

/** `GET /host/demo/suppliers` on the reference host (the stand-in for Upstock's own login). */
export async function fetchDemoSuppliers(): Promise<DemoSupplier[]> {
  const response = await fetch(`${shellConfig.apiUrl}/host/demo/suppliers`);
  if (!response.ok) throw new Error(`GET /host/demo/suppliers answered ${response.status}`);
  const body: unknown = await response.json();
  if (!Array.isArray(body) || !body.every(isDemoSupplier)) {
    throw new Error('GET /host/demo/suppliers did not answer a list of { id, name, token }');
  }
  return body.map((s) => ({ id: String(s.id), name: s.name, token: s.token }));
}

/** The host's authenticated fetch for one supplier: what it hands to the panel as a mount prop. */
export function fetchAs(token: string): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
}
