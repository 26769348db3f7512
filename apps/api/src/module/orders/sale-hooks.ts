import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import type { HostOrder } from '../ports/orders.port.js';
import type { SentSaleSnapshot } from './order-push.entity.js';

/**
 * The host's sale hooks, in order, on the header about to be sent. What makes the push exactly-once (ExternalID)
 * and whom the sale is for (CustomerID) stay as the module mapped them.
 */
export async function applySaleHooks(
  options: Cin7CoreModuleOptions,
  snapshot: SentSaleSnapshot,
  context: { supplierId: string; order: HostOrder },
): Promise<SentSaleSnapshot> {
  const hooks = options.extensions?.saleHooks ?? [];
  if (hooks.length === 0) return snapshot;
  let header = { ...snapshot.header };
  for (const hook of hooks) header = { ...(await hook.adjustSaleHeader({ ...header }, context)) };
  const { ExternalID, CustomerID } = snapshot.header;
  return {
    ...snapshot,
    header: { ...header, ExternalID, ...(CustomerID === undefined ? {} : { CustomerID }) },
  };
}
