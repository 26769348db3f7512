import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type CatalogChangeListener, CatalogChanges } from '../catalog/catalog-changes.js';
import { PriceSyncTrigger } from './price-sync.trigger.js';

/** "Upstock automatically checks and syncs prices from Cin7 [...] when you match a customer", and after imports. */
@Injectable()
export class PricesOnCatalogChanges implements CatalogChangeListener, OnModuleInit {
  constructor(
    private readonly changes: CatalogChanges,
    private readonly trigger: PriceSyncTrigger,
  ) {}

  onModuleInit(): void {
    this.changes.listen(this);
  }

  async customerLinked(supplierId: string, upstockCustomerId: string): Promise<void> {
    await this.trigger.forCustomer(supplierId, upstockCustomerId);
  }

  /** Its Cin7 prices no longer apply: its own sync (no Cin7 call without a link) puts it back on the base price. */
  async customerUnlinked(supplierId: string, upstockCustomerId: string): Promise<void> {
    await this.trigger.forCustomer(supplierId, upstockCustomerId);
  }

  async importsFinished(supplierId: string, kind: string): Promise<void> {
    await this.trigger.forSupplier(supplierId, { reason: kind });
  }
}
