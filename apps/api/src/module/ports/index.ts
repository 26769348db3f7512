export * from './customers.port.js';
export * from './host-calls.port.js';
export * from './inventory.port.js';
export * from './notifications.port.js';
export * from './orders.port.js';
export * from './price-lists.port.js';
export * from './products.port.js';
export * from './tenant.port.js';
