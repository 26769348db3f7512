/**
 * What the catalog announces to the features that keep data derived from it (prices): a customer was linked, the
 * imports of a supplier are done. The catalog declares it and never imports who listens; the prices feature
 * provides it (prices.feature.ts), so the two features do not import each other.
 */
export abstract class CatalogChanges {
  abstract customerLinked(supplierId: string, upstockCustomerId: string): Promise<void>;
  /** The last of a supplier's running imports finished having written something (`kind`: the last one's). */
  abstract importsFinished(supplierId: string, kind: string): Promise<void>;
}
