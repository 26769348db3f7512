export * from './catalog.schema.js';
export * from './connection.schema.js';
export * from './errors.schema.js';
export * from './health.schema.js';
export * from './jobs.schema.js';
export {
  SETTINGS_PANEL_MOUNT_CONTRACT,
  type SettingsPanelProps,
  type SettingsPanelRemote,
} from './mount-props.js';
export * from './orders.schema.js';
export * from './prices.schema.js';
export * from './reference.schema.js';
export * from './reference-host.schema.js';
export * from './settings.schema.js';
export * from './shipments.schema.js';
export * from './stock.schema.js';
