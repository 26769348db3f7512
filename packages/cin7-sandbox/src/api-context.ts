import type { Query } from './http-kit.js';
import type { SandboxEngine } from './sandbox-engine.js';
import type { AccountState } from './store.types.js';

/** What an /ExternalApi/v2 handler receives: the authenticated account, parsed query and JSON body. */
export interface ApiContext {
  engine: SandboxEngine;
  state: AccountState;
  query: Query;
  body: unknown;
  /** Origin the caller used to reach the sandbox, for self-referencing URLs (attachments). */
  publicUrl: string;
}

export type ApiHandler = (ctx: ApiContext) => unknown;
