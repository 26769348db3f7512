export * from './connection.schema.js';
export * from './errors.schema.js';
export * from './health.schema.js';
export * from './jobs.schema.js';
export type { SettingsPanelProps } from './mount-props.js';
export * from './settings.schema.js';
export * from './orders.schema.js';
export * from './prices.schema.js';
