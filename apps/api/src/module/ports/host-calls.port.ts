import type { TenantRequest } from './tenant.port.js';

/**
 * Who may report an approval from another process (`POST /orders/:orderId/approved`): the host's own service, with
 * its service auth or a shared secret, never a supplier's token. Without this port the route refuses every caller.
 */
export interface HostCallsPort {
  /** The supplier this host-to-host call acts for, or null when the caller is not the host's service (→ 401). */
  resolveHostCall(request: TenantRequest): Promise<string | null>;
}
