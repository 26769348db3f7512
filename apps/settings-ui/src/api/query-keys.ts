/**
 * Query-key factories: every key of the panel starts with `cin7Keys.all`, so a mutation invalidates exactly
 * the part it changed. The panel owns its QueryClient per mount (one supplier per mount), so keys need no tenant.
 */
export const cin7Keys = {
  all: ['cin7-core'] as const,
  connection: () => [...cin7Keys.all, 'connection'] as const,
  settings: () => [...cin7Keys.all, 'settings'] as const,
  jobs: () => [...cin7Keys.all, 'jobs'] as const,
  job: (id: string) => [...cin7Keys.jobs(), id] as const,
  customers: () => [...cin7Keys.all, 'customers'] as const,
  customerSearch: (q: string) => [...cin7Keys.customers(), 'search', q] as const,
  prices: () => [...cin7Keys.all, 'prices'] as const,
  orders: () => [...cin7Keys.all, 'orders'] as const,
  orderSync: (orderId: string) => [...cin7Keys.orders(), orderId, 'sync'] as const,
};

/** Everything the panel caches except the connection itself (which a connect/disconnect answer already set). */
export const allButConnection = {
  queryKey: cin7Keys.all,
  predicate: (query: { queryKey: readonly unknown[] }) => query.queryKey[1] !== 'connection',
};
