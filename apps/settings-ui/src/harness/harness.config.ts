/** Defaults match `pnpm dev`: the API on :3000 with the module under /integrations/cin7-core. */
export const DEFAULT_API_BASE_URL = 'http://localhost:3000/integrations/cin7-core';

export function readHarnessParams(search: string): { apiBaseUrl: string; token: string | null } {
  const params = new URLSearchParams(search);
  return { apiBaseUrl: params.get('api') ?? DEFAULT_API_BASE_URL, token: params.get('token') };
}
