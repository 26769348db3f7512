import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  NO_FREIGHT_ACCOUNT,
  type RunningSandbox,
  startSandbox,
  TAX_INCLUSIVE_ACCOUNT,
} from '../src/index.js';
import { apiFor, NZ, NZ_TAX, withMoney } from './sandbox-test-kit.js';

type Row = Record<string, unknown>;

/** The sandbox held to Cin7's API Blueprint: each rule names the BP line it follows. */
describe('sandbox: Blueprint rules for sales', () => {
  let sandbox: RunningSandbox;
  const nz = () => apiFor(sandbox, NZ);
  const incl = () => apiFor(sandbox, TAX_INCLUSIVE_ACCOUNT);
  const au = () => apiFor(sandbox, NO_FREIGHT_ACCOUNT);

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'demo', timeScale: 0, rateLimit: { enabled: false } });
  });
  beforeEach(() => sandbox.admin.reset('demo'));
  afterAll(() => sandbox.close());

  async function catalog(api: ReturnType<typeof apiFor>) {
    const p = await api<{ Products: Row[] }>('GET', 'product?Limit=1000');
    const c = await api<{ CustomerList: Row[] }>('GET', 'customer?Limit=1000');
    return {
      product: (sku: string) => p.body.Products.find((x) => x.SKU === sku) as Row,
      customer: (name: string) => c.body.CustomerList.find((x) => x.Name === name) as Row,
    };
  }
  const line = (product: Row, quantity: number, price: number, taxRule: string, discount = 0) => ({
    ProductID: product.ID,
    SKU: product.SKU,
    Name: product.Name,
    Quantity: quantity,
    Price: price,
    Discount: discount,
    TaxRule: taxRule,
    Total: Math.round(quantity * price * (1 - discount / 100) * 10000) / 10000,
  });
  async function sale(api: ReturnType<typeof apiFor>, customerId: unknown, extra: Row = {}) {
    const res = await api<Row>('POST', 'sale', {
      CustomerID: customerId,
      SkipQuote: true,
      Location: 'Main Warehouse',
      ...extra,
    });
    expect(res.status).toBe(200);
    return res.body;
  }
  const refused = (res: { status: number; body: unknown }, text: RegExp) => {
    expect(res.status).toBe(400);
    expect((res.body as Row[])[0]?.Exception).toMatch(text);
  };

  it('requires Tax and TaxRule on lines and charges (BP L30634-30636, L30714-30716)', async () => {
    const api = nz();
    const c = await catalog(api);
    const s = await sale(api, c.customer('Kiwi Outdoors Ltd').ID);
    const tent = line(c.product('TENT-2P'), 1, 249, 'GST on Income');
    const body = withMoney({ SaleID: s.ID, Status: 'DRAFT', Lines: [tent] });
    const { Tax: _tax, ...noTax } = body.Lines[0] as Row;
    refused(await api('POST', 'sale/order', { ...body, Lines: [noTax] }), /Lines\[0\]\.Tax/);
    const { TaxRule: _rule, ...noRule } = body.Lines[0] as Row;
    refused(await api('POST', 'sale/order', { ...body, Lines: [noRule] }), /Lines\[0\]\.TaxRule/);
    const freight = { Description: 'Freight', Quantity: 1, Price: 12, TaxRule: 'GST on Income', Total: 12 };
    const withCharge = withMoney({
      SaleID: s.ID,
      Status: 'DRAFT',
      Lines: [tent],
      AdditionalCharges: [freight],
    });
    const { Tax: _t, ...chargeNoTax } = withCharge.AdditionalCharges[0] as Row;
    refused(
      await api('POST', 'sale/order', { ...withCharge, AdditionalCharges: [chargeNoTax] }),
      /AdditionalCharges\[0\]\.Tax/,
    );
    expect((await api('POST', 'sale/order', withCharge)).status).toBe(200);
  });

  it('requires Memo, TotalBeforeTax, Tax and Total on the order, matched to the cent (BP L30618-30624)', async () => {
    const api = nz();
    const c = await catalog(api);
    const s = await sale(api, c.customer('Kiwi Outdoors Ltd').ID);
    const body = withMoney({
      SaleID: s.ID,
      Status: 'DRAFT',
      Lines: [line(c.product('TENT-2P'), 3, 33.33, 'GST on Income')],
    });
    for (const key of ['Memo', 'TotalBeforeTax', 'Tax', 'Total'] as const) {
      const { [key]: _gone, ...rest } = body;
      refused(await api('POST', 'sale/order', rest), new RegExp(`Required attribute ${key}`));
    }
    refused(await api('POST', 'sale/order', { ...body, Tax: body.Tax + 0.01 }), /^Tax .* does not match/);
    refused(
      await api('POST', 'sale/order', { ...body, Total: body.Total - 0.01 }),
      /^Total .* does not match/,
    );
    refused(
      await api('POST', 'sale/order', { ...body, Lines: [{ ...(body.Lines[0] as Row), Tax: 1 }] }),
      /Tax 1 does not match tax rule 'GST on Income'/,
    );
    const ok = await api<Row>('POST', 'sale/order', body);
    expect(ok.status).toBe(200);
    // 99.99 at 15 %: 14.9985 → 15.00, Total 114.99.
    expect(ok.body).toMatchObject({ TotalBeforeTax: 99.99, Tax: 15, Total: 114.99 });
  });

  it('rounds tax per row by Row Total, once per tax rule by Total (BP L3999)', async () => {
    // Three rows of 0.33 at 10 %: Row Total 0.03 × 3 = 0.09; Total: 0.099 → 0.10.
    const api = au();
    const c = await catalog(api);
    const rows = (id: unknown) => ({
      SaleID: id,
      Status: 'DRAFT',
      Lines: ['KAYAK-1', 'PADDLE-C', 'DRYBAG-20'].map((sku) =>
        line(c.product(sku), 1, 0.33, 'GST on Income'),
      ),
    });
    const byRow = await sale(api, c.customer('Harbour Paddlers Ltd').ID);
    const rowTotal = { percent: 10, inclusive: false, method: 'Row Total' as const };
    refused(
      await api('POST', 'sale/order', withMoney(rows(byRow.ID), { ...rowTotal, method: 'Total' })),
      /Tax/,
    );
    const a = await api<Row>('POST', 'sale/order', withMoney(rows(byRow.ID), rowTotal));
    expect(a.body).toMatchObject({ Tax: 0.09, Total: 1.08 });

    const nzApi = nz();
    const n = await catalog(nzApi);
    const byTotal = await sale(nzApi, n.customer('Kiwi Outdoors Ltd').ID);
    const nzRows = {
      SaleID: byTotal.ID,
      Status: 'DRAFT',
      Lines: ['TENT-2P', 'TENT-4P', 'MUG-TI'].map((sku) => line(n.product(sku), 1, 0.33, 'GST on Income')),
    };
    // 0.99 × 15 % = 0.1485 → 0.15 by Total (0.05 × 3 = 0.15 too by row: use the NZ 'Total' tenant's rule).
    const b = await nzApi<Row>('POST', 'sale/order', withMoney(nzRows, NZ_TAX));
    expect(b.body).toMatchObject({ TotalBeforeTax: 0.99, Tax: 0.15, Total: 1.14 });
  });

  it('takes tax out of tax-inclusive prices when the tax rule is inclusive (BP L27431, L20782)', async () => {
    const api = incl();
    const c = await catalog(api);
    const s = await sale(api, c.customer('Harbour Paddlers Ltd').ID);
    expect(s).toMatchObject({ TaxRule: 'GST Inclusive', TaxCalculation: 'Inclusive' }); // BP L20708
    const body = {
      SaleID: s.ID,
      Status: 'DRAFT',
      Lines: [line(c.product('KAYAK-1'), 1, 1149, 'GST Inclusive')],
      AdditionalCharges: [
        { Description: 'Freight', Quantity: 1, Price: 20, TaxRule: 'GST Inclusive', Total: 20 },
      ],
    };
    const inclusive = { percent: 15, inclusive: true, method: 'Total' as const };
    refused(await api('POST', 'sale/order', withMoney(body, { ...inclusive, inclusive: false })), /Tax/);
    const ok = await api<Row>('POST', 'sale/order', withMoney(body, inclusive));
    expect(ok.status).toBe(200);
    // 1169 including 15 % GST: tax 152.48, before tax 1016.52.
    expect(ok.body).toMatchObject({ TotalBeforeTax: 1016.52, Tax: 152.48, Total: 1169 });
  });

  it('applies the customer discount on authorisation when AutomaticallyApplyDiscounts is on (BP L4001-4003)', async () => {
    const api = incl();
    const c = await catalog(api);
    const inclusive = { percent: 15, inclusive: true, method: 'Total' as const };
    const customer = c.customer('Lakeside Rentals Ltd');
    expect(customer.Discount).toBe(12.5);
    const plain = await sale(api, customer.ID);
    const sent = withMoney(
      {
        SaleID: plain.ID,
        Status: 'AUTHORISED',
        Lines: [line(c.product('PADDLE-C'), 2, 300, 'GST Inclusive')],
      },
      inclusive,
    );
    const applied = await api<Row>('POST', 'sale/order', sent);
    expect(applied.body).toMatchObject({ Total: 525 }); // 600 less 12.5 %
    expect((applied.body.Lines as Row[])[0]).toMatchObject({ Discount: 12.5, Total: 525 });

    const carried = await sale(api, customer.ID);
    const withDiscount = withMoney(
      {
        SaleID: carried.ID,
        Status: 'AUTHORISED',
        Lines: [line(c.product('PADDLE-C'), 2, 300, 'GST Inclusive', 12.5)],
      },
      inclusive,
    );
    const kept = await api<Row>('POST', 'sale/order', withDiscount);
    expect(kept.body).toMatchObject({ Total: 525 }); // the line already carried it: not discounted twice
    const me = await api<Row>('GET', 'me');
    expect(me.body).toMatchObject({ AutomaticallyApplyDiscounts: true, DiscountRule: 'Discount' });
  });

  it('refuses a quantity below 1 (BP L30631, L30713)', async () => {
    const api = nz();
    const c = await catalog(api);
    const s = await sale(api, c.customer('Kiwi Outdoors Ltd').ID);
    const half = withMoney({
      SaleID: s.ID,
      Status: 'DRAFT',
      Lines: [line(c.product('TENT-2P'), 0.5, 249, 'GST on Income')],
    });
    refused(await api('POST', 'sale/order', half), /Quantity must be at least 1/);
  });

  it('refuses text over its Blueprint length (BP L20780, L20789-20790, L30618, L30640, L30711)', async () => {
    const api = nz();
    const c = await catalog(api);
    const kiwi = c.customer('Kiwi Outdoors Ltd').ID;
    const base = { CustomerID: kiwi, SkipQuote: true, Location: 'Main Warehouse' };
    refused(
      await api('POST', 'sale', { ...base, ShippingNotes: 'x'.repeat(1549) }),
      /ShippingNotes is too long/,
    );
    refused(await api('POST', 'sale', { ...base, Note: 'x'.repeat(1025) }), /Note is too long/);
    refused(
      await api('POST', 'sale', { ...base, CustomerReference: 'x'.repeat(257) }),
      /CustomerReference is too long/,
    );
    refused(await api('POST', 'sale', { ...base, ExternalID: 'x'.repeat(257) }), /ExternalID is too long/);
    expect((await api('POST', 'sale', { ...base, ShippingNotes: 'x'.repeat(1024) })).status).toBe(200);
    const s = await sale(api, kiwi);
    const tent = line(c.product('TENT-2P'), 1, 249, 'GST on Income');
    refused(
      await api(
        'POST',
        'sale/order',
        withMoney({ SaleID: s.ID, Status: 'DRAFT', Memo: 'm'.repeat(1025), Lines: [tent] }),
      ),
      /Memo is too long/,
    );
    refused(
      await api(
        'POST',
        'sale/order',
        withMoney({ SaleID: s.ID, Status: 'DRAFT', Lines: [{ ...tent, Comment: 'c'.repeat(257) }] }),
      ),
      /Comment is too long/,
    );
  });

  it('needs an additional charge to name an existing service product (BP L30711)', async () => {
    const api = au();
    const c = await catalog(api);
    const s = await sale(api, c.customer('Harbour Paddlers Ltd').ID);
    const rowTotal = { percent: 10, inclusive: false, method: 'Row Total' as const };
    const body = (description: string) =>
      withMoney(
        {
          SaleID: s.ID,
          Status: 'DRAFT',
          Lines: [line(c.product('DRYBAG-20'), 1, 33.33, 'GST on Income')],
          AdditionalCharges: [
            { Description: description, Quantity: 1, Price: 18, TaxRule: 'GST on Income', Total: 18 },
          ],
        },
        rowTotal,
      );
    refused(await api('POST', 'sale/order', body('Freight')), /Service product 'Freight' not found/);
    refused(await api('POST', 'sale/order', body('Carbon paddle')), /Service product/); // a stock product
    expect((await api('POST', 'sale/order', body('Courier delivery'))).status).toBe(200);
  });

  async function shippedSale(api: ReturnType<typeof apiFor>, mode = 'AUTOPICKPACKSHIP') {
    const c = await catalog(api);
    const s = await sale(api, c.customer('Kiwi Outdoors Ltd').ID);
    const tent = line(c.product('TENT-2P'), 1, 249, 'GST on Income');
    const order = withMoney({
      SaleID: s.ID,
      Status: 'AUTHORISED',
      AutoPickPackShipMode: mode,
      Lines: [tent],
    });
    expect((await api('POST', 'sale/order', order)).status).toBe(200);
    const got = (await api<Row>('GET', `sale?ID=${s.ID}`)).body;
    return { saleId: String(s.ID), taskId: String((got.Fulfilments as Row[])[0]?.TaskID) };
  }
  const shipLine = (extra: Row = {}) => ({
    ShipmentDate: '2026-12-01',
    Box: 'Box 1',
    IsShipped: true,
    ...extra,
  });

  it('ships an AUTOPICKPACKSHIP sale at authorisation; GET sale/fulfilment/ship reads it by TaskID (BP L24022, L23248-23256)', async () => {
    const api = nz();
    const { taskId } = await shippedSale(api);
    const ship = await api<Row>('GET', `sale/fulfilment/ship?TaskID=${taskId}`);
    expect(ship.status).toBe(200);
    expect(ship.body).toMatchObject({ TaskID: taskId, Status: 'AUTHORISED' });
    expect(ship.body.Lines).toEqual([
      expect.objectContaining({ Boxes: 'Box 1', TrackingNumber: '', IsShipped: true }),
    ]);
    refused(await api('GET', 'sale/fulfilment/ship'), /TaskID is not provided/);
    refused(
      await api('GET', 'sale/fulfilment/ship?TaskID=00000000-0000-4000-8000-000000000000'),
      /Task with ID .* not found/,
    );
  });

  it('validates ship writes: Status, ShipmentDate and Box required, TrackingNumber ≤ 256, TaskID must exist (BP L24015-24016, L30680-30683)', async () => {
    const api = nz();
    const { taskId } = await shippedSale(api);
    const put = (body: Row) =>
      api('PUT', 'sale/fulfilment/ship', { TaskID: taskId, AddTrackingNumbers: true, ...body });
    refused(await put({ Lines: [shipLine({ TrackingNumber: 'NZ1' })] }), /Status is not provided/);
    const authorised = { Status: 'AUTHORISED' };
    refused(
      await put({ ...authorised, Lines: [{ ShipmentDate: '2026-12-01', TrackingNumber: 'NZ1' }] }),
      /Box is not provided/,
    );
    refused(
      await put({ ...authorised, Lines: [{ Box: 'Box 1', TrackingNumber: 'NZ1' }] }),
      /ShipmentDate is not provided/,
    );
    refused(
      await put({ ...authorised, Lines: [shipLine({ TrackingNumber: 'x'.repeat(257) })] }),
      /TrackingNumber is too long/,
    );
    refused(
      await api('PUT', 'sale/fulfilment/ship', {
        TaskID: '00000000-0000-4000-8000-000000000000',
        AddTrackingNumbers: true,
        ...authorised,
        Lines: [shipLine({ TrackingNumber: 'NZ1' })],
      }),
      /Task with ID .* not found/,
    );
    refused(
      await api('PUT', 'sale/fulfilment/ship', {
        AddTrackingNumbers: true,
        ...authorised,
        Lines: [shipLine()],
      }),
      /TaskID is not provided/,
    );
  });

  it('refuses to ship an authorised shipment again; AddTrackingNumbers sets tracking on its boxes, never adding one (BP L24071, L24147-24148, L30684)', async () => {
    const api = nz();
    const { taskId } = await shippedSale(api);
    const line1 = shipLine({ TrackingNumber: 'NZ555', TrackingURL: 'https://elsewhere.example/NZ555' });
    refused(
      await api('POST', 'sale/fulfilment/ship', { TaskID: taskId, Status: 'AUTHORISED', Lines: [line1] }),
      /AUTHORISED; it cannot be changed/,
    );
    refused(
      await api('PUT', 'sale/fulfilment/ship', { TaskID: taskId, Status: 'AUTHORISED', Lines: [line1] }),
      /AUTHORISED; it cannot be changed/,
    );
    const retrack = { TaskID: taskId, Status: 'AUTHORISED', AddTrackingNumbers: true };
    refused(
      await api('PUT', 'sale/fulfilment/ship', { ...retrack, Lines: [{ ...line1, Box: 'Box 9' }] }),
      /Box 'Box 9' is not on the shipment/,
    );
    for (let i = 0; i < 2; i++)
      expect((await api('PUT', 'sale/fulfilment/ship', { ...retrack, Lines: [line1] })).status).toBe(200);
    const lines = (await api<Row>('GET', `sale/fulfilment/ship?TaskID=${taskId}`)).body.Lines as Row[];
    // Sent twice, one box: set, not added. TrackingURL is read-only: Cin7's own, not the one sent.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ Boxes: 'Box 1', TrackingNumber: 'NZ555', IsShipped: true });
    expect(lines[0]?.TrackingURL).not.toBe('https://elsewhere.example/NZ555');
  });

  it('needs a packed shipment, and a PUT that replaces it lists every packed box (BP L24070, L24007)', async () => {
    const api = nz();
    const picked = await shippedSale(api, 'AUTOPICK');
    refused(
      await api('POST', 'sale/fulfilment/ship', {
        TaskID: picked.taskId,
        Status: 'AUTHORISED',
        Lines: [shipLine()],
      }),
      /Pack must be authorised/,
    );
    const { taskId } = await shippedSale(api, 'AUTOPICKPACK');
    const draft = { TaskID: taskId, Status: 'DRAFT' };
    refused(
      await api('PUT', 'sale/fulfilment/ship', { ...draft, Lines: [shipLine({ Box: 'Box 2' })] }),
      /every packed box; missing Box 1/,
    );
    expect((await api('PUT', 'sale/fulfilment/ship', { ...draft, Lines: [shipLine()] })).status).toBe(200);
  });

  it('formats /me LockDate and OpeningBalanceDate in the tenant date format (BP L3997-3998)', async () => {
    const me = await incl()<Row>('GET', 'me');
    expect(me.body).toMatchObject({ LockDate: '30/06/2024', OpeningBalanceDate: '31/03/2024' });
  });

  it('lists a new sale in saleList only after a lag, while GET sale?ID= sees it at once', async () => {
    const api = nz();
    const c = await catalog(api);
    const s = await sale(api, c.customer('Kiwi Outdoors Ltd').ID, { ExternalID: 'lag-1' });
    expect((await api<Row>('GET', `sale?ID=${s.ID}`)).body.ID).toBe(s.ID);
    const listed = async () =>
      (await api<{ SaleList: Row[] }>('GET', 'saleList?ExternalID=lag-1')).body.SaleList;
    expect(await listed()).toHaveLength(0);
    await sandbox.admin.advanceTime(4999);
    expect(await listed()).toHaveLength(0);
    await sandbox.admin.advanceTime(1);
    expect(await listed()).toHaveLength(1);
  });

  it('can answer an error inside HTTP 200 with ErrorCode 500, applying nothing (BP L31250-31254)', async () => {
    const api = nz();
    const c = await catalog(api);
    await sandbox.admin.setFaults({ errorIn200Rate: 1 });
    const res = await api<Row[]>('POST', 'sale', {
      CustomerID: c.customer('Kiwi Outdoors Ltd').ID,
      SkipQuote: true,
      Location: 'Main Warehouse',
      ExternalID: 'in-200',
    });
    await sandbox.admin.clearFaults();
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({ ErrorCode: 500 });
    expect((await sandbox.admin.listSales(0)).filter((x) => x.ExternalID === 'in-200')).toHaveLength(0);
  });
});
