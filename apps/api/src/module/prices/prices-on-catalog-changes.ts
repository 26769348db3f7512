import { Injectable } from '@nestjs/common';
import { CatalogChanges } from '../catalog/catalog-changes.js';
import { PriceSyncTrigger } from './price-sync.trigger.js';

/** "Upstock automatically checks and syncs prices from Cin7 [...] when you match a customer", and after imports. */
@Injectable()
export class PricesOnCatalogChanges extends CatalogChanges {
  constructor(private readonly trigger: PriceSyncTrigger) {
    super();
  }

  async customerLinked(supplierId: string, upstockCustomerId: string): Promise<void> {
    await this.trigger.forCustomer(supplierId, upstockCustomerId);
  }

  async importsFinished(supplierId: string, kind: string): Promise<void> {
    await this.trigger.forSupplier(supplierId, { reason: kind });
  }
}
