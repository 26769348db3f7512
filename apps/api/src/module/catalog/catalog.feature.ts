import type { FeatureParts } from '../feature.js';
import { CatalogChanges } from './catalog-changes.js';
import { CatalogStatusController } from './catalog-status.controller.js';
import { ImportsController } from './import/imports.controller.js';
import { ImportsService } from './import/imports.service.js';
import { CatalogLinks } from './links/catalog-links.service.js';
import { CustomerLinkEntity } from './links/customer-link.entity.js';
import { LinkStore } from './links/link.store.js';
import { LinkViews } from './links/link-views.service.js';
import { LinksController } from './links/links.controller.js';
import { ProductLinkEntity } from './links/product-link.entity.js';
import { CustomerMatchingController } from './matching/customer-matching.controller.js';
import { CustomerMatchingService } from './matching/customer-matching.service.js';
import { Catalog1764240100000 } from './migrations/1764240100000-catalog.migration.js';
import { ServiceProducts1765121000000 } from './migrations/1765121000000-service-products.migration.js';
import { TaxBasis1765121001000 } from './migrations/1765121001000-tax-basis.migration.js';
import { CustomerLocation1765121002000 } from './migrations/1765121002000-customer-location.migration.js';
import { ReferenceDataController } from './reference/reference-data.controller.js';
import { ReferenceDataEntity } from './reference/reference-data.entity.js';
import { ReferenceDataService } from './reference/reference-data.service.js';

/** Import customers and products, match customers, reference data (issue 4, and GET /reference of issue 3). */
export const catalogFeature: FeatureParts = {
  name: 'catalog',
  uses: [],
  controllers: [
    CatalogStatusController,
    ImportsController,
    CustomerMatchingController,
    LinksController,
    ReferenceDataController,
  ],
  providers: [
    CatalogChanges,
    CatalogLinks,
    LinkStore,
    LinkViews,
    ImportsService,
    CustomerMatchingService,
    ReferenceDataService,
  ],
  exports: [CatalogLinks, CatalogChanges],
  entities: [CustomerLinkEntity, ProductLinkEntity, ReferenceDataEntity],
  migrations: [
    Catalog1764240100000,
    ServiceProducts1765121000000,
    TaxBasis1765121001000,
    CustomerLocation1765121002000,
  ],
};
