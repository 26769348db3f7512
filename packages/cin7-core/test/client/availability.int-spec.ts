import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_ACCOUNTS, type RunningSandbox, startSandbox } from '@upstock/cin7-sandbox';
import {
  availabilityWebhookSchema,
  type Cin7AvailabilityRow,
  Cin7Client,
  unlimitedBudget,
} from '../../src/index.js';

// The availability resource against the real sandbox over HTTP, parsed by the client's own schema.

const [NZ] = DEMO_ACCOUNTS;

describe('client against the sandbox: ref/productavailability', () => {
  let sandbox: RunningSandbox;
  let client: Cin7Client;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 'small', rateLimit: { enabled: false } });
    client = new Cin7Client({ ...NZ, baseUrl: sandbox.baseUrl, budget: unlimitedBudget });
  });
  afterAll(() => sandbox.close());

  it('pages every row at 1000 a page with a checkpoint hook, rows typed', async () => {
    const rows: Cin7AvailabilityRow[] = [];
    const done: number[] = [];
    for await (const page of client.availability.pages(
      { Limit: 40 },
      { onPageDone: (p) => void done.push(p.page) },
    )) {
      rows.push(...page.items);
    }
    const admin = await sandbox.admin.stockRows(0);
    expect(rows).toHaveLength(admin.length);
    expect(done).toEqual(Array.from({ length: Math.ceil(admin.length / 40) }, (_, i) => i + 1));
    const withDate = rows.find((r) => r.NextDeliveryDate !== null);
    expect(withDate?.NextDeliveryDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rows[0]).toMatchObject({
      ID: expect.stringMatching(/^[0-9a-f-]{36}$/),
      Available: expect.any(Number),
    });
    expect(client.callCounts()['GET ref/productavailability']).toBe(done.length);
  });

  it('reads one product by ID and filters by location', async () => {
    const [first] = (await client.availability.list({ Limit: 1 })).items;
    const rows = await client.availability.forProduct(String(first?.ID));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.ID === first?.ID)).toBe(true);
    const showroom = await client.availability.list({ Location: 'Showroom', Limit: 1000 });
    expect(showroom.items.every((r) => r.Location === 'Showroom')).toBe(true);
    expect(showroom.total).toBeGreaterThan(0);
  });

  it('parses the webhook payload shape (BP L28465)', () => {
    const parsed = availabilityWebhookSchema.parse([
      {
        ID: '3BFDF57A-BBC7-4F09-BA28-9768A09E0A60',
        SKU: 'Bread',
        Name: 'Baked Bread',
        Barcode: '333',
        Location: 'Main Warehouse',
        Bin: null,
        Batch: null,
        ExpiryDate: null,
        Category: 'Other',
        OnHand: 497.0,
        Allocated: 9.0,
        Available: 488.0,
        OnOrder: 0.0,
        StockOnHand: 2485.0,
        MaxRows: 3,
      },
    ]);
    expect(parsed[0]).toMatchObject({
      ID: '3bfdf57a-bbc7-4f09-ba28-9768a09e0a60',
      Available: 488,
      MaxRows: 3,
      NextDeliveryDate: null,
    });
  });
});
