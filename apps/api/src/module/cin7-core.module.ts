import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CIN7_CORE_OPTIONS, Cin7CoreConfigurableModule } from './cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from './cin7-core.options.js';
import { HostCallGuard } from './common/host-call.guard.js';
import { TenantGuard } from './common/tenant.guard.js';
import { Cin7ClientFactory } from './connection/cin7-client.factory.js';
import { ConnectionController } from './connection/connection.controller.js';
import { ConnectionsService } from './connection/connections.service.js';
import { CIN7_CORE_ENTITIES } from './database/entities.js';
import { FEATURES } from './features.js';
import { Cin7OrderApprovals } from './orders/order-approvals.js';
import { CredentialCipher } from './security/credential-cipher.js';
import { StoredKeysCheck } from './security/stored-keys.check.js';
import { SettingsController } from './settings/settings.controller.js';
import { SettingsService } from './settings/settings.service.js';
import { JobQueue } from './work/job-queue.service.js';
import { JobsController } from './work/jobs.controller.js';
import { ScheduledSyncs } from './work/scheduled-syncs.service.js';
import { SyncRuns } from './work/sync-runs.service.js';

/**
 * The Cin7 Core integration, mounted by a host with `Cin7CoreModule.forRoot(...)` or `forRootAsync(...)`.
 * The host provides its ports, `ScheduleModule.forRoot()`, a TypeORM DataSource holding CIN7_CORE_ENTITIES and
 * running CIN7_CORE_MIGRATIONS, and its auth (through the tenant port).
 */
@Module({
  imports: [TypeOrmModule.forFeature(CIN7_CORE_ENTITIES)],
  controllers: [
    ConnectionController,
    SettingsController,
    JobsController,
    ...FEATURES.flatMap((f) => f.controllers),
  ],
  providers: [
    {
      provide: CredentialCipher,
      inject: [CIN7_CORE_OPTIONS],
      useFactory: (options: Cin7CoreModuleOptions) => new CredentialCipher(options.encryption),
    },
    StoredKeysCheck,
    TenantGuard,
    HostCallGuard,
    Cin7ClientFactory,
    ConnectionsService,
    SettingsService,
    JobQueue,
    SyncRuns,
    ScheduledSyncs,
    ...FEATURES.flatMap((f) => f.providers),
  ],
  // What a host may inject: the approval entry point. Everything else stays inside.
  exports: [Cin7OrderApprovals],
})
export class Cin7CoreModule extends Cin7CoreConfigurableModule {}
