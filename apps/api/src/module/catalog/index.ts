// What the other features (prices, orders, shipments) use from the catalog: the links and their lookups.

export { currencyBlockedReason } from './import/customer.mapper.js';
export { CatalogLinks } from './links/catalog-links.service.js';
export { CustomerLinkEntity, type LinkedAddress } from './links/customer-link.entity.js';
export { ProductLinkEntity } from './links/product-link.entity.js';
