import type { Job, OrderSync } from '@upstock/cin7-contracts';

export function makeJob(overrides: Partial<Job> = {}): Job {
  return {
    id: 'job-1',
    kind: 'import-customers',
    state: 'running',
    progress: { pagesDone: 0, pagesTotal: null, created: 0, updated: 0, skipped: 0 },
    skippedItems: [],
    result: null,
    error: null,
    createdAt: '2026-11-27T10:00:00.000Z',
    startedAt: '2026-11-27T10:00:01.000Z',
    finishedAt: null,
    ...overrides,
  };
}

export function makeOrderSync(overrides: Partial<OrderSync> = {}): OrderSync {
  return {
    orderId: 'ord-1',
    orderNumber: 'UP-1001',
    customerName: 'Kiwi Outdoors',
    total: 123.45,
    currency: 'NZD',
    state: 'pushed',
    cin7SaleId: 'sale-1',
    cin7SaleNumber: 'SO-00412',
    error: null,
    refusalCode: null,
    totalsMismatch: null,
    tracking: null,
    attempts: 1,
    approvedAt: '2026-11-27T09:00:00.000Z',
    updatedAt: '2026-11-27T09:01:00.000Z',
    ...overrides,
  };
}

/** Answers the given bodies in turn, then keeps answering the last one (a job moving through its states). */
export function sequence<T>(...bodies: T[]): () => { body: T } {
  let i = 0;
  return () => {
    const body = bodies[Math.min(i, bodies.length - 1)] as T;
    i += 1;
    return { body };
  };
}
