import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { readStack } from '../support/e2e.env.js';
import { snap } from '../support/steps.js';

// Stock from Cin7 (issue 16), after the journey: the supplier turns stock on in the panel, a buyer's order form shows
// the availability, and a sale authorised in Cin7 lowers it. Self-sufficient: connects and imports when the journey
// did not run first.
test.describe.configure({ mode: 'serial' });

const stack = readStack();
const supplier = stack.suppliers[0];
const PRODUCT = 'STOVE-MINI: Mini gas stove';
const SKU = 'STOVE-MINI';
const url = (path: string) => new URL(path, stack.urls.shell).href;
const moduleUrl = (path: string) => `${stack.urls.api}/integrations/cin7-core${path}`;

let page: Page;
test.beforeAll(async ({ browser }) => {
  // A context of its own (not browser.newPage): axe opens a helper page in the page's context.
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});
test.afterAll(async () => {
  await page.context().close();
});

async function ensureConnectedWithProducts(request: APIRequestContext, token: string): Promise<void> {
  const headers = { authorization: `Bearer ${token}` };
  const connection = await (await request.get(moduleUrl('/connection'), { headers })).json();
  if (connection.status === 'disconnected') {
    const res = await request.post(moduleUrl('/connection'), { headers, data: stack.cin7 });
    expect(res.status()).toBe(201);
  }
  const links = await (await request.get(moduleUrl('/catalog'), { headers })).json().catch(() => null);
  if (links?.products?.linked > 0) return;
  const job = await (
    await request.post(moduleUrl('/imports'), { headers, data: { kind: 'products' } })
  ).json();
  await expect
    .poll(async () => (await (await request.get(moduleUrl(`/jobs/${job.id}`), { headers })).json()).state, {
      timeout: 60_000,
    })
    .toBe('succeeded');
}

/** A sale of the product authorised in Cin7 itself (the sandbox's API, as another Cin7 app would). */
async function authoriseSaleInCin7(request: APIRequestContext, quantity: number): Promise<void> {
  const cin7 = stack.cin7;
  if (!cin7) throw new Error('The stack did not publish the Cin7 sandbox credentials (stack.cin7).');
  const base = `${stack.urls.sandbox.replace(/\/+$/, '')}/ExternalApi/v2`;
  const headers = { 'api-auth-accountid': cin7.accountId, 'api-auth-applicationkey': cin7.apiKey };
  const product = (await (await request.get(`${base}/product?Sku=${SKU}`, { headers })).json()).Products[0];
  const customer = (await (await request.get(`${base}/customer?Name=Kiwi`, { headers })).json())
    .CustomerList[0];
  const sale = await (
    await request.post(`${base}/sale`, {
      headers,
      data: { CustomerID: customer.ID, SkipQuote: true, Location: 'Main Warehouse' },
    })
  ).json();
  const order = await request.post(`${base}/sale/order`, {
    headers,
    // The demo NZ tenant: "GST on Income" 15 %, tax exclusive (the Blueprint requires each row's Tax and the totals).
    data: {
      SaleID: sale.ID,
      Status: 'AUTHORISED',
      Memo: '',
      Lines: [
        {
          ProductID: product.ID,
          Name: product.Name,
          Quantity: quantity,
          Price: 50,
          Total: 50 * quantity,
          TaxRule: 'GST on Income',
          Tax: 7.5 * quantity,
        },
      ],
      AdditionalCharges: [],
      TotalBeforeTax: 50 * quantity,
      Tax: 7.5 * quantity,
      Total: 57.5 * quantity,
    },
  });
  expect(order.ok()).toBe(true);
}

test('stock: turned on in the panel, shown on the order form, lowered by a sale in Cin7', async ({
  request,
}) => {
  test.setTimeout(180_000);
  if (!supplier) throw new Error('The stack published no demo supplier.');
  await ensureConnectedWithProducts(request, supplier.token);

  await page.goto(url('/#/settings/integrations/cin7-core'));
  await page.getByLabel('Supplier').selectOption({ label: supplier.name });
  const stock = page.getByTestId('cin7-settings-panel').getByRole('region', { name: 'Stock' });
  const toggle = stock.getByRole('checkbox', { name: 'Show Cin7 stock to buyers' });
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await stock.getByRole('button', { name: 'Save stock settings' }).click();
  await expect(stock.getByText('Stock settings saved.')).toBeVisible();
  await expect(stock.getByText(/^finished /)).toBeVisible({ timeout: 60_000 });
  // Nothing ticked: the location sales are created in is counted.
  await expect(stock.getByRole('definition').filter({ hasText: /^Main Warehouse$/ })).toBeVisible();
  await snap(page, 'stock-on');

  const available = async (): Promise<number> => {
    await page.goto(url('/#/orders'));
    await page.reload();
    await page.getByText('New order (as a buyer would place it)').click();
    const form = page.getByRole('form', { name: 'New order' });
    await form.getByLabel('Product').selectOption({ label: PRODUCT });
    const text = (await form.getByTestId('stock').textContent()) ?? '';
    const match = /^(\d+) available$/.exec(text.trim());
    if (!match) throw new Error(`unexpected stock text "${text}"`);
    return Number(match[1]);
  };
  const before = await available();
  expect(before).toBeGreaterThan(2);
  await snap(page, 'order-form-stock');

  await authoriseSaleInCin7(request, 2);
  // Cin7 delivers the stock webhook a minute after the event (BP L27931), sped up by the sandbox's time scale.
  await expect.poll(available, { timeout: 150_000, intervals: [1_000] }).toBe(before - 2);
  await snap(page, 'order-form-stock-after-sale');

  await page.goto(url('/#/products'));
  await expect(page.getByRole('row').filter({ hasText: SKU }).getByTestId('stock')).toHaveText(
    `${before - 2} available`,
  );
});
