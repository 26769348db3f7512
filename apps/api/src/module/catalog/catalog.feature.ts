import type { FeatureParts } from '../feature.js';
import { CatalogLinks } from './links/catalog-links.service.js';
import { CustomerLinkEntity } from './links/customer-link.entity.js';
import { ProductLinkEntity } from './links/product-link.entity.js';
import { Catalog1764240100000 } from './migrations/1764240100000-catalog.migration.js';
import { ReferenceDataEntity } from './reference/reference-data.entity.js';

/** Import customers and products, match customers, reference data (issue 4, and GET /reference of issue 3). */
export const catalogFeature: FeatureParts = {
  controllers: [],
  providers: [CatalogLinks],
  entities: [CustomerLinkEntity, ProductLinkEntity, ReferenceDataEntity],
  migrations: [Catalog1764240100000],
};
