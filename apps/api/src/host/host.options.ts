/** How the standalone server configures its reference host. */
export interface HostOptions {
  /**
   * Demo mode: seeds the two demo suppliers with their public tokens and serves them at GET /host/demo/suppliers
   * for the demo shell's sign-in. Never outside an explicit demo (the standalone config refuses it in production).
   */
  demo: boolean;
  /** Shared secret of host-to-host calls (the module's approval route); null refuses them all. */
  serviceSecret: string | null;
}

export const HOST_OPTIONS = Symbol('HOST_OPTIONS');
