import { describe, expect, it } from '@jest/globals';
import { cin7Address, cin7Customer } from '../../../../test/catalog/cin7-rows.js';
import type { CustomerUpsert, HostCustomer } from '../../ports/index.js';
import type { CustomerLinkEntity } from '../links/customer-link.entity.js';
import type { CustomerLinkWrite } from '../links/link.store.js';
import {
  type CustomerPageDeps,
  importCustomerPage,
  UnlinkedCustomerIndex,
} from './customer-page.importer.js';

function fakes(existing: HostCustomer[] = []) {
  const host = new Map<string, { customer: HostCustomer; upsert: CustomerUpsert | null }>(
    existing.map((c) => [c.id, { customer: c, upsert: null }]),
  );
  const links = new Map<string, CustomerLinkWrite>();
  let nextId = 1;
  const asEntity = (l: CustomerLinkWrite) => ({ ...l, supplierId: 's1' }) as CustomerLinkEntity;
  const deps = {
    customers: {
      list: async (_s: string, q: { limit: number; offset: number }) => {
        const all = [...host.values()].map((h) => h.customer);
        return { items: all.slice(q.offset, q.offset + q.limit), total: all.length };
      },
      find: async (_s: string, id: string) => host.get(id)?.customer ?? null,
      upsertMany: async (_s: string, items: CustomerUpsert[]) => {
        // Like the reference host: updating a customer that is not there fails the whole batch.
        const missing = items.find((c) => c.id && !host.has(c.id));
        if (missing) throw new Error(`Customer ${missing.id} does not belong to supplier s1`);
        return items.map((c) => {
          const id = c.id ?? `u${nextId++}`;
          host.set(id, { customer: { id, name: c.name, email: c.email, currency: c.currency }, upsert: c });
          return id;
        });
      },
    },
    links: {
      customerLinksByCin7Ids: async (_s: string, ids: readonly string[]) =>
        new Map(
          ids.flatMap((id) => (links.has(id) ? [[id, asEntity(links.get(id) as CustomerLinkWrite)]] : [])),
        ),
      customerLinksByUpstockIds: async (_s: string, ids: readonly string[]) =>
        new Map(
          [...links.values()]
            .filter((l) => ids.includes(l.upstockCustomerId))
            .map((l) => [l.upstockCustomerId, asEntity(l)]),
        ),
    },
    store: {
      upsertCustomerLinks: async (_s: string, rows: readonly CustomerLinkWrite[]) => {
        for (const r of rows) links.set(r.cin7CustomerId, r);
      },
    },
  } satisfies CustomerPageDeps;
  return { deps, host, links };
}

const shipping = (id: string, isDefault = false) =>
  cin7Address({ ID: id, Line1: `${id} Street`, Type: 'Shipping', DefaultForType: isDefault });

describe('a page of a customer import', () => {
  const page = [
    cin7Customer({
      ID: 'c1',
      Name: 'Kiwi Outdoors Ltd',
      Discount: 5,
      SalesRepresentative: 'Jane Rep',
      Addresses: [
        shipping('s-a'),
        shipping('s-b', true),
        cin7Address({ ID: 'b1', Type: 'Billing', Line1: 'PO Box 1' }),
      ],
      Contacts: [
        {
          ID: null,
          Name: 'Accounts',
          Email: 'accounts@kiwi.example',
          Default: false,
          JobTitle: null,
          Phone: null,
          MobilePhone: null,
          Fax: null,
          Website: null,
          Comment: null,
          IncludeInEmail: null,
          MarketingConsent: null,
        },
        {
          ID: null,
          Name: 'Sam',
          Email: 'sam@kiwi.example',
          Default: true,
          JobTitle: null,
          Phone: '09 555',
          MobilePhone: null,
          Fax: null,
          Website: null,
          Comment: null,
          IncludeInEmail: null,
          MarketingConsent: null,
        },
      ],
    }),
    cin7Customer({ ID: 'c2', Name: 'Gone Ltd', Status: 'Deprecated' }),
    cin7Customer({ ID: 'c3', Name: 'Sydney Surf Pty', Currency: 'AUD' }),
  ];

  it('writes customers with contacts, addresses, tier, discount and rep; reports deprecated; blocks other currencies', async () => {
    const f = fakes();
    const index = await UnlinkedCustomerIndex.load(f.deps, 's1');
    const outcome = await importCustomerPage(f.deps, 's1', 'NZD', page, index);
    expect(outcome).toMatchObject({ created: 2, updated: 0, blocked: 1, severalShippingAddresses: 1 });
    expect(outcome.skipped).toEqual([{ cin7Id: 'c2', label: 'Gone Ltd', reason: 'Deprecated in Cin7' }]);

    const kiwi = f.links.get('c1') as CustomerLinkWrite;
    const upsert = f.host.get(kiwi.upstockCustomerId)?.upsert;
    expect(upsert).toMatchObject({
      name: 'Kiwi Outdoors Ltd',
      email: 'sam@kiwi.example',
      discountPercent: 5,
      salesRepresentative: 'Jane Rep',
      priceTier: 'Wholesale',
      currency: 'NZD',
      orderingBlockedReason: null,
      billingAddress: expect.objectContaining({ line1: 'PO Box 1' }),
    });
    // Cin7's default shipping address first, and the one a new link uses.
    expect(upsert?.shippingAddresses.map((a) => a.line1)).toEqual(['s-b Street', 's-a Street']);
    expect(kiwi.shippingAddressId).toBe('s-b');
    expect(upsert?.contacts).toEqual([
      { name: 'Accounts', email: 'accounts@kiwi.example', phone: null, isDefault: false },
      { name: 'Sam', email: 'sam@kiwi.example', phone: '09 555', isDefault: true },
    ]);

    const surf = f.links.get('c3') as CustomerLinkWrite;
    expect(surf.orderingBlockedReason).toMatch(/Orders in AUD cannot be sent to Cin7/);
    expect(f.host.get(surf.upstockCustomerId)?.upsert?.orderingBlockedReason).toBe(
      surf.orderingBlockedReason,
    );
  });

  it("keeps the supplier's chosen shipping address on a re-import, and updates rather than duplicates", async () => {
    const f = fakes();
    await importCustomerPage(f.deps, 's1', 'NZD', page, await UnlinkedCustomerIndex.load(f.deps, 's1'));
    const link = f.links.get('c1') as CustomerLinkWrite;
    f.links.set('c1', { ...link, shippingAddressId: 's-a' });
    const again = await importCustomerPage(
      f.deps,
      's1',
      'NZD',
      page,
      await UnlinkedCustomerIndex.load(f.deps, 's1'),
    );
    expect(again).toMatchObject({ created: 0, updated: 2 });
    expect(f.links.get('c1')?.shippingAddressId).toBe('s-a');
    expect(f.host.size).toBe(2);
  });

  it('creates again a linked customer that was deleted in Upstock, and moves its link to the new one', async () => {
    const f = fakes();
    await importCustomerPage(f.deps, 's1', 'NZD', page, await UnlinkedCustomerIndex.load(f.deps, 's1'));
    const deleted = f.links.get('c1')?.upstockCustomerId as string;
    f.host.delete(deleted);
    const again = await importCustomerPage(
      f.deps,
      's1',
      'NZD',
      page,
      await UnlinkedCustomerIndex.load(f.deps, 's1'),
    );
    expect(again).toMatchObject({ created: 1, updated: 1 });
    expect(f.links.get('c1')?.upstockCustomerId).not.toBe(deleted);
    expect(f.host.has(f.links.get('c1')?.upstockCustomerId as string)).toBe(true);
  });

  it('links an unlinked Upstock customer with the same name instead of creating a second one, unless ambiguous', async () => {
    const f = fakes([
      { id: 'h1', name: '  kiwi outdoors   LTD ', email: null, currency: 'NZD' },
      { id: 'h2', name: 'Sydney Surf Pty', email: null, currency: null },
      { id: 'h3', name: 'Sydney Surf Pty', email: null, currency: null },
    ]);
    const outcome = await importCustomerPage(
      f.deps,
      's1',
      'NZD',
      page,
      await UnlinkedCustomerIndex.load(f.deps, 's1'),
    );
    expect(outcome).toMatchObject({ created: 1, linkedExisting: 1 });
    expect(f.links.get('c1')?.upstockCustomerId).toBe('h1');
    expect(['h2', 'h3']).not.toContain(f.links.get('c3')?.upstockCustomerId);
  });
});
