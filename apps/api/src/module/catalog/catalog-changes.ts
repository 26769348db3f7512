import { Injectable } from '@nestjs/common';

export interface CatalogChangeListener {
  customerLinked(supplierId: string, upstockCustomerId: string): Promise<void>;
  /** The customer has no Cin7 twin any more (unlinked, or its link moved to another customer). */
  customerUnlinked(supplierId: string, upstockCustomerId: string): Promise<void>;
  /** The last of a supplier's running imports finished having written something (`kind`: the last one's). */
  importsFinished(supplierId: string, kind: string): Promise<void>;
}

/**
 * What the catalog announces to the features that keep data derived from it (prices): a customer was linked, the
 * imports of a supplier are done. The catalog never imports who listens; listeners (the prices feature) register
 * at init, so the dependency runs one way.
 */
@Injectable()
export class CatalogChanges implements CatalogChangeListener {
  private readonly listeners: CatalogChangeListener[] = [];

  listen(listener: CatalogChangeListener): void {
    this.listeners.push(listener);
  }

  async customerLinked(supplierId: string, upstockCustomerId: string): Promise<void> {
    for (const listener of this.listeners) await listener.customerLinked(supplierId, upstockCustomerId);
  }

  async customerUnlinked(supplierId: string, upstockCustomerId: string): Promise<void> {
    for (const listener of this.listeners) await listener.customerUnlinked(supplierId, upstockCustomerId);
  }

  async importsFinished(supplierId: string, kind: string): Promise<void> {
    for (const listener of this.listeners) await listener.importsFinished(supplierId, kind);
  }
}
