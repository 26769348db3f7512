import { ConnectionEntity } from '../connection/connection.entity.js';
import { RetiredCredentialsEntity } from '../connection/retired-credentials.entity.js';
import { FEATURES } from '../features.js';
import { SettingsEntity } from '../settings/settings.entity.js';
import { CallLogEntity } from '../work/call-log.entity.js';
import { ScheduledSyncStateEntity } from '../work/scheduled-sync-state.entity.js';
import { SyncRunEntity } from '../work/sync-run.entity.js';

/** Every table the module owns. The host adds these to its DataSource. */
export const CIN7_CORE_ENTITIES = [
  ConnectionEntity,
  SettingsEntity,
  SyncRunEntity,
  CallLogEntity,
  RetiredCredentialsEntity,
  ScheduledSyncStateEntity,
  ...FEATURES.flatMap((f) => f.entities),
];
