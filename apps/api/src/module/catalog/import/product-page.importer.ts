import type { Cin7Product } from '@upstock/cin7-core';
import type { ProductsPort } from '../../ports/index.js';
import type { SkippedItem } from '../../work/sync-run.entity.js';
import type { CatalogLinks } from '../links/catalog-links.service.js';
import type { LinkStore, ProductLinkWrite } from '../links/link.store.js';
import type { PageOutcome } from './import-tally.js';
import { productSkipReason, toProductUpsert } from './product.mapper.js';

export const SKIP_SKU_TAKEN = 'Its SKU belongs to an Upstock product already linked to another Cin7 product';

export interface ProductPageDeps {
  products: Pick<ProductsPort, 'findBySkus' | 'upsertMany'>;
  links: Pick<CatalogLinks, 'productLinksByCin7Ids' | 'productLinksByUpstockIds'>;
  store: Pick<LinkStore, 'upsertProductLinks'>;
}

/**
 * One page of a product import, in a fixed number of round trips whatever the page size: links by Cin7 ID, host
 * products by SKU, one batch to the host, one batch of links. Idempotent: re-running a page after a crash finds
 * the links (or, if the crash came before them, the products by SKU) and updates instead of creating.
 */
export async function importProductPage(
  deps: ProductPageDeps,
  supplierId: string,
  items: readonly Cin7Product[],
): Promise<PageOutcome> {
  const skipped: SkippedItem[] = [];
  const wanted: Cin7Product[] = [];
  for (const p of items) {
    const reason = productSkipReason(p);
    if (reason) skipped.push({ cin7Id: p.ID, label: `${p.SKU} ${p.Name}`.trim(), reason });
    else wanted.push(p);
  }
  if (wanted.length === 0)
    return {
      created: 0,
      updated: 0,
      linkedExisting: 0,
      skipped,
      blocked: 0,
      blockedReason: null,
      severalShippingAddresses: 0,
    };

  const linked = await deps.links.productLinksByCin7Ids(
    supplierId,
    wanted.map((p) => p.ID),
  );
  const unlinked = wanted.filter((p) => !linked.has(p.ID));
  const bySku = new Map(
    (
      await deps.products.findBySkus(
        supplierId,
        unlinked.map((p) => p.SKU.trim()),
      )
    ).map((h) => [h.sku, h.id]),
  );
  // A host product found by SKU may already be the twin of another Cin7 product (a SKU reused in Cin7).
  const takenIds = await deps.links.productLinksByUpstockIds(supplierId, [...bySku.values()]);

  const toWrite: {
    product: Cin7Product;
    id: string | undefined;
    outcome: 'created' | 'updated' | 'linked';
  }[] = [];
  for (const p of wanted) {
    const link = linked.get(p.ID);
    if (link) {
      toWrite.push({ product: p, id: link.upstockProductId, outcome: 'updated' });
      continue;
    }
    const existingId = bySku.get(p.SKU.trim());
    const owner = existingId ? takenIds.get(existingId) : undefined;
    if (owner && owner.cin7ProductId !== p.ID) {
      skipped.push({ cin7Id: p.ID, label: `${p.SKU} ${p.Name}`.trim(), reason: SKIP_SKU_TAKEN });
      continue;
    }
    toWrite.push({ product: p, id: existingId, outcome: existingId ? 'linked' : 'created' });
  }

  const ids = await deps.products.upsertMany(
    supplierId,
    toWrite.map((w) => toProductUpsert(w.product, w.id)),
  );
  if (ids.length !== toWrite.length) throw new Error('The host answered a different number of product ids');
  const linkRows: ProductLinkWrite[] = toWrite.map((w, i) => ({
    upstockProductId: ids[i] ?? '',
    cin7ProductId: w.product.ID,
    sku: w.product.SKU.trim(),
    name: w.product.Name,
    saleTaxRule: w.product.SaleTaxRule,
  }));
  await deps.store.upsertProductLinks(supplierId, linkRows);
  return {
    created: toWrite.filter((w) => w.outcome === 'created').length,
    updated: toWrite.filter((w) => w.outcome === 'updated').length,
    linkedExisting: toWrite.filter((w) => w.outcome === 'linked').length,
    skipped,
    blocked: 0,
    blockedReason: null,
    severalShippingAddresses: 0,
  };
}
