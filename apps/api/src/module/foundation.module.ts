import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CIN7_CORE_OPTIONS } from './cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from './cin7-core.options.js';
import { HostCallGuard } from './common/host-call.guard.js';
import { TenantGuard } from './common/tenant.guard.js';
import { Cin7ClientFactory } from './connection/cin7-client.factory.js';
import { ConnectionController } from './connection/connection.controller.js';
import { ConnectionEntity } from './connection/connection.entity.js';
import { ConnectionsService } from './connection/connections.service.js';
import { RetiredCredentialsEntity } from './connection/retired-credentials.entity.js';
import { CredentialCipher } from './security/credential-cipher.js';
import { StoredKeysCheck } from './security/stored-keys.check.js';
import { SettingsController } from './settings/settings.controller.js';
import { SettingsEntity } from './settings/settings.entity.js';
import { SettingsService } from './settings/settings.service.js';
import { CallBudgetStateEntity } from './work/call-budget-state.entity.js';
import { CallLogEntity } from './work/call-log.entity.js';
import { JobQueue } from './work/job-queue.service.js';
import { JobsController } from './work/jobs.controller.js';
import { Retention } from './work/retention.service.js';
import { ScheduledSyncStateEntity } from './work/scheduled-sync-state.entity.js';
import { ScheduledSyncs } from './work/scheduled-syncs.service.js';
import { SyncRunEntity } from './work/sync-run.entity.js';
import { SyncRuns } from './work/sync-runs.service.js';

/** The tables every feature builds on: connections, settings, sync runs, the call log. */
export const FOUNDATION_ENTITIES = [
  ConnectionEntity,
  SettingsEntity,
  SyncRunEntity,
  CallLogEntity,
  CallBudgetStateEntity,
  RetiredCredentialsEntity,
  ScheduledSyncStateEntity,
];

const forFeature = TypeOrmModule.forFeature(FOUNDATION_ENTITIES);

/**
 * What every feature builds on: the connection and its Cin7 clients, the credentials cipher, settings, the job queue
 * and sync runs, the guards. Feature modules import it; the options come from the module's root (global, under the
 * module's own token).
 */
@Module({
  imports: [forFeature],
  controllers: [ConnectionController, SettingsController, JobsController],
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
    Retention,
  ],
  exports: [
    forFeature,
    CredentialCipher,
    TenantGuard,
    HostCallGuard,
    Cin7ClientFactory,
    ConnectionsService,
    SettingsService,
    JobQueue,
    SyncRuns,
  ],
})
export class Cin7FoundationModule {}
