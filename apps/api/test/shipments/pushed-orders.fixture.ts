import { Cin7Client, type Cin7Customer, type Cin7Product, unlimitedBudget } from '@upstock/cin7-core';
import { type TaxSetting, withMoney } from '@upstock/cin7-sandbox';
import type { TestApp, TestSupplier } from '../support/test-app.js';

export interface PushedOrder {
  orderId: string;
  externalId: string;
  orderNumber: string;
  saleId: string;
  saleNumber: string;
}

/**
 * Orders as the order push (issue 6) leaves them, made directly so shipment tests do not depend on the push:
 * an approved Upstock order in the reference host, its Cin7 sale (header + authorised lines + freight) in the
 * sandbox, and the `cin7_order_push` row that says the sale is ours.
 */
export class PushedOrders {
  readonly client: Cin7Client;
  private products: Cin7Product[] = [];
  private customer: Cin7Customer | null = null;
  private hostCustomerId = '';
  private hostProducts = new Map<string, string>();
  private location = '';
  private tax: TaxSetting | null = null;

  constructor(
    private readonly t: TestApp,
    private readonly supplier: TestSupplier,
  ) {
    this.client = new Cin7Client({
      accountId: supplier.account.accountId,
      apiKey: supplier.account.apiKey,
      baseUrl: t.sandbox.baseUrl,
      budget: unlimitedBudget,
    });
  }

  /** SKUs the fixture can order (stock products with a Tier 1 price). */
  get skus(): string[] {
    return this.products.map((p) => p.SKU);
  }

  async init(): Promise<this> {
    const [customers, products, locations, taxRules, me] = await Promise.all([
      this.client.customers.list({ Limit: 20 }),
      this.client.products.list({ Limit: 50 }),
      this.client.reference.locations(),
      this.client.reference.taxRules(),
      this.client.me.get(),
    ]);
    this.customer = customers.items.find((c) => c.Currency === this.supplier.account.currency) ?? null;
    if (!this.customer) throw new Error('fixture: no customer in the base currency');
    const rule = taxRules.find((t) => t.Name === this.customer?.TaxRule);
    this.tax = {
      percent: rule?.TaxPercent ?? 0,
      inclusive: rule?.TaxInclusive === true,
      method: me.TaxCalculationMethod === 'Total' ? 'Total' : 'Row Total',
    };
    this.products = products.items.filter((p) => p.Type !== 'Service' && (p.PriceTier1 ?? 0) > 0).slice(0, 4);
    this.location = (locations.find((l) => l.IsDefault) ?? locations[0])?.Name ?? '';
    const res = await this.t.http
      .post('/host/customers')
      .set(this.t.as(this.supplier))
      .send({ name: this.customer.Name, currency: this.supplier.account.currency });
    if (res.status !== 201)
      throw new Error(`fixture: host customer ${res.status} ${JSON.stringify(res.body)}`);
    this.hostCustomerId = res.body.id;
    for (const p of this.products) {
      const [row] = await this.t.dataSource.query(
        `INSERT INTO host_product (supplier_id, sku, name, base_price) VALUES ($1, $2, $3, $4)
         ON CONFLICT (supplier_id, sku) DO UPDATE SET base_price = EXCLUDED.base_price RETURNING id`,
        [this.supplier.id, p.SKU, p.Name, p.PriceTier1],
      );
      this.hostProducts.set(p.SKU, row.id);
    }
    return this;
  }

  /** An approved order with `lines` and `freight`, pushed as a Cin7 sale the way the order push sends one. */
  async create(lines: { sku: string; quantity: number }[], freight = 12): Promise<PushedOrder> {
    const res = await this.t.http
      .post('/host/orders')
      .set(this.t.as(this.supplier))
      .send({
        customerId: this.hostCustomerId,
        lines: lines.map((l) => ({ productId: this.hostProducts.get(l.sku), quantity: l.quantity })),
        freight,
      });
    if (res.status !== 201) throw new Error(`fixture: host order ${res.status} ${JSON.stringify(res.body)}`);
    const order: {
      id: string;
      number: string;
      lines: { sku: string; name: string; quantity: number; unitPrice: number }[];
    } = res.body;
    await this.t.dataSource.query(`UPDATE host_order SET status = 'approved' WHERE id = $1`, [order.id]);

    const externalId = `upstock-order:${order.id}`;
    const customer = this.customer;
    if (!customer) throw new Error('fixture: init() first');
    const header = await this.client.sales.create({
      CustomerID: customer.ID,
      SkipQuote: true,
      Location: this.location,
      ExternalID: externalId,
      CustomerReference: order.number,
    });
    if (!this.tax) throw new Error('fixture: init() first');
    const body = {
      SaleID: header.ID,
      Status: 'AUTHORISED' as const,
      Lines: order.lines.map((l) => {
        const product = this.products.find((p) => p.SKU === l.sku);
        return {
          ProductID: product?.ID ?? '',
          SKU: l.sku,
          Name: l.name,
          Quantity: l.quantity,
          Price: l.unitPrice,
          Total: Math.round(l.quantity * l.unitPrice * 10_000) / 10_000,
          TaxRule: header.TaxRule ?? '',
        };
      }),
      AdditionalCharges: freight
        ? [
            {
              Description: 'Freight',
              Price: freight,
              Quantity: 1,
              Total: freight,
              TaxRule: header.TaxRule ?? '',
            },
          ]
        : [],
    };
    const withTax = withMoney(body, this.tax);
    const saved = await this.client.sales.saveOrder(withTax);
    // Sent "now" on the sandbox's clock, which the API's scaled clock follows.
    const { nowMs } = await this.t.sandbox.admin.clock();
    await this.t.dataSource.query(
      `INSERT INTO cin7_order_push (supplier_id, upstock_order_id, state, external_id, cin7_sale_id, cin7_order_number,
         order_number, attempts, approved_at, sent_at, currency, sent_total)
       VALUES ($1, $2, 'pushed', $3, $4, $5, $6, 1, $9, $9, $7, $8)`,
      [
        this.supplier.id,
        order.id,
        externalId,
        header.ID,
        saved.SaleOrderNumber,
        order.number,
        this.supplier.account.currency,
        saved.TotalBeforeTax,
        new Date(nowMs),
      ],
    );
    return {
      orderId: order.id,
      externalId,
      orderNumber: order.number,
      saleId: header.ID,
      saleNumber: saved.SaleOrderNumber ?? '',
    };
  }

  /**
   * Waits until Cin7's saleList shows the sale: a new sale is listed only after a lag (the sandbox holds it back
   * seconds, as nothing in BP L20400-20549 promises otherwise), so a test of what one poll finds starts it after.
   */
  async listed(o: PushedOrder): Promise<void> {
    await this.t.waitFor(async () => (await this.client.sales.findByExternalId(o.externalId)).length > 0, {
      what: `sale ${o.saleNumber} in saleList`,
    });
  }
}
