import { describe, expect, it } from '@jest/globals';
import { cin7Product } from '../../../../test/catalog/cin7-rows.js';
import type { HostProduct, ProductUpsert } from '../../ports/index.js';
import type { ProductLinkWrite } from '../links/link.store.js';
import type { ProductLinkEntity } from '../links/product-link.entity.js';
import { importProductPage, type ProductPageDeps, SKIP_SKU_TAKEN } from './product-page.importer.js';

/** A host keyed by SKU (as the reference host is) and a link table, in memory. */
function fakes() {
  const host = new Map<string, HostProduct & { upsert: ProductUpsert }>();
  const links = new Map<string, ProductLinkWrite>();
  let nextId = 1;
  let failLinkWrites = false;
  const asEntity = (l: ProductLinkWrite) => ({ ...l, supplierId: 's1' }) as ProductLinkEntity;
  const deps = {
    products: {
      findBySkus: async (_s: string, skus: string[]) =>
        [...host.values()].filter((h) => skus.includes(h.sku)),
      upsertMany: async (_s: string, items: ProductUpsert[]) =>
        items.map((p) => {
          const id = p.id ?? host.get(p.sku)?.id ?? `u${nextId++}`;
          host.set(p.sku, { id, sku: p.sku, name: p.name, upsert: p });
          return id;
        }),
    },
    links: {
      productLinksByCin7Ids: async (_s: string, ids: readonly string[]) =>
        new Map(
          ids.flatMap((id) => (links.has(id) ? [[id, asEntity(links.get(id) as ProductLinkWrite)]] : [])),
        ),
      productLinksByUpstockIds: async (_s: string, ids: readonly string[]) =>
        new Map(
          [...links.values()]
            .filter((l) => ids.includes(l.upstockProductId))
            .map((l) => [l.upstockProductId, asEntity(l)]),
        ),
    },
    store: {
      upsertProductLinks: async (_s: string, rows: readonly ProductLinkWrite[]) => {
        if (failLinkWrites) throw new Error('crash before the links were written');
        for (const r of rows) links.set(r.cin7ProductId, r);
      },
    },
  } satisfies ProductPageDeps;
  return { deps, host, links, crashOnLinks: (on: boolean) => (failLinkWrites = on) };
}

describe('a page of a product import', () => {
  const page = [
    cin7Product({ ID: 'c1', SKU: 'A-1' }),
    cin7Product({ ID: 'c2', SKU: 'A-2', Status: 'Deprecated' }),
    cin7Product({ ID: 'c3', SKU: 'SVC-1', Type: 'Service' }),
    cin7Product({ ID: 'c4', SKU: 'A-4' }),
  ];

  it('creates and links active stock products, reporting each skipped one with its reason', async () => {
    const f = fakes();
    const outcome = await importProductPage(f.deps, 's1', page);
    expect(outcome).toMatchObject({ created: 2, updated: 0, linkedExisting: 0 });
    expect(outcome.skipped.map((s) => [s.cin7Id, s.reason])).toEqual([
      ['c2', 'Deprecated in Cin7'],
      ['c3', 'Service product (only stock products are imported)'],
    ]);
    expect([...f.links.keys()].sort()).toEqual(['c1', 'c4']);
  });

  it('updates on a re-import, and links a product whose SKU already exists instead of duplicating it', async () => {
    const f = fakes();
    await f.deps.products.upsertMany('s1', [
      { sku: 'A-4', name: 'Made in Upstock', notes: null, imageUrls: [], basePrice: 1 },
    ]);
    const first = await importProductPage(f.deps, 's1', page);
    expect(first).toMatchObject({ created: 1, linkedExisting: 1 });
    const again = await importProductPage(f.deps, 's1', page);
    expect(again).toMatchObject({ created: 0, updated: 2, linkedExisting: 0 });
    expect(f.host.size).toBe(2);
  });

  it('re-running a page that crashed after the host write finds the products by SKU: no duplicates', async () => {
    const f = fakes();
    f.crashOnLinks(true);
    await expect(importProductPage(f.deps, 's1', page)).rejects.toThrow('crash');
    f.crashOnLinks(false);
    const rerun = await importProductPage(f.deps, 's1', page);
    expect(rerun).toMatchObject({ created: 0, linkedExisting: 2 });
    expect(f.host.size).toBe(2);
    expect(f.links.size).toBe(2);
  });

  it('skips a product whose SKU belongs to an Upstock product linked to another Cin7 product', async () => {
    const f = fakes();
    await importProductPage(f.deps, 's1', [cin7Product({ ID: 'old', SKU: 'A-1' })]);
    const outcome = await importProductPage(f.deps, 's1', [cin7Product({ ID: 'new', SKU: 'A-1' })]);
    expect(outcome.skipped).toEqual([{ cin7Id: 'new', label: 'A-1 Product A-1', reason: SKIP_SKU_TAKEN }]);
    expect(f.links.get('old')?.upstockProductId).toBe(f.host.get('A-1')?.id);
  });
});
