// The public surface of the module: what a host imports. Keep it short; the API report (etc/cin7-api.api.md)
// shows every change to it.
export { Cin7CoreModule } from './cin7-core.module.js';
export { DEFAULT_ROUTE_PREFIX } from './cin7-core.module-definition.js';
export type {
  Cin7CoreHostPorts,
  Cin7CoreModuleExtras,
  Cin7CoreModuleOptions,
  RetentionOptions,
} from './cin7-core.options.js';
export { CIN7_CORE_ENTITIES } from './database/entities.js';
export { CIN7_CORE_MIGRATIONS } from './database/migrations/index.js';
export type {
  Cin7CoreExtensions,
  Cin7SaleHook,
  Cin7ScheduledSync,
  SaleHookContext,
  ScheduledSyncContext,
} from './extensions/extensions.js';
export { cin7CoreOpenApiDocument } from './openapi/cin7-core.openapi.js';
export type { OpenApiDocument, OpenApiOptions } from './openapi/openapi.document.js';
export { Cin7OrderApprovals, type RecordApprovalOptions } from './orders/index.js';
export type * from './ports/index.js';
export { generateEncryptionKey } from './security/credential-cipher.js';
