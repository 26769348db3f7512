import { expect, type Page, test } from '@playwright/test';
import { readStack } from '../support/e2e.env.js';
import { hostAs, sandboxAdmin } from '../support/host.js';
import { connectWithSandboxCredentials } from '../support/panel.js';
import { snap } from '../support/steps.js';

// The supplier's whole journey, in order, in one browser page against a fresh stack (one database):
// connect, match a customer, import, sync prices, settings, then an order from approval to shipment.
test.describe.configure({ mode: 'serial' });

const SETTINGS_PAGE = '/#/settings/integrations/cin7-core';
const ORDERS_PAGE = '/#/orders';
const PRICE_LISTS_PAGE = '/#/price-lists';
const UPSTOCK_CUSTOMER = 'Harbour Cafe';
const CIN7_CUSTOMER = 'Harbour Cafe Group Ltd';

let page: Page;
const stack = readStack();
// The journey is one supplier's: the first demo supplier, connected to the first (NZD) sandbox account.
const supplier = stack.suppliers[0];
const url = (path: string) => new URL(path, stack.urls.shell).href;
const panel = () => page.getByTestId('cin7-settings-panel');
const section = (name: string) => panel().getByRole('region', { name });

test.beforeAll(async ({ browser }) => {
  // A context of its own (not browser.newPage): axe opens a helper page in the page's context.
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});
test.afterAll(async () => {
  await page.context().close();
});

test('connect: wrong credentials are refused with Cin7’s reason, the right ones connect', async () => {
  if (!supplier) throw new Error('The stack published no demo supplier.');
  await page.goto(url(SETTINGS_PAGE));
  await page.getByLabel('Supplier').selectOption({ label: supplier.name });
  const connection = section('Connection');
  await expect(connection.getByText('Not connected')).toBeVisible();
  await expect(connection.getByText('In Cin7, go to Integrations › API')).toBeVisible();
  await snap(page, 'not-connected');

  // Well-formed GUIDs that Cin7 does not know: the error comes back from Cin7 through the API.
  await connection.getByLabel('Account ID').fill('00000000-0000-4000-8000-000000000000');
  await connection.getByLabel('API key').fill('00000000-0000-4000-8000-000000000001');
  await connection.getByRole('button', { name: 'Connect' }).click();
  await expect(connection.getByRole('alert')).toContainText(/Cin7/);
  await snap(page, 'wrong-credentials');

  await connectWithSandboxCredentials(connection, stack);
  await expect(connection.getByText('NZD', { exact: true })).toBeVisible();
  await snap(page, 'connected');
});

test('match: an existing Upstock customer is linked to a Cin7 customer by choosing one of its addresses', async ({
  request,
}) => {
  if (!supplier) throw new Error('The stack published no demo supplier.');
  await hostAs(request, stack, supplier.token).createCustomer(UPSTOCK_CUSTOMER, 'orders@harbourcafe.example');
  await page.reload();

  const customers = section('Customers');
  await customers.getByRole('button', { name: `Match ${UPSTOCK_CUSTOMER}` }).click();
  await customers
    .getByRole('searchbox', { name: `Search Cin7 customers for ${UPSTOCK_CUSTOMER}` })
    .fill('Harbour');
  await customers.getByRole('button', { name: 'Search Cin7' }).click();
  await customers.getByRole('radio', { name: new RegExp(CIN7_CUSTOMER) }).check();
  await customers.getByRole('button', { name: `Link to ${CIN7_CUSTOMER}` }).click();
  await expect(customers.getByText(/several shipping addresses in Cin7: choose one/)).toBeVisible();
  await snap(page, 'choose-an-address');

  await customers.getByRole('radio', { name: /22 Cuba St/ }).check();
  await customers.getByRole('button', { name: `Link to ${CIN7_CUSTOMER}` }).click();
  await expect(customers.getByRole('status')).toContainText(
    `${UPSTOCK_CUSTOMER} is linked to ${CIN7_CUSTOMER}`,
  );
  await expect(customers.getByRole('status')).toContainText('22 Cuba St');
  await snap(page, 'customer-linked');
});

test('import: customers and products run to completion with progress, then the summary and skip reasons', async () => {
  const imports = section('Import customers & products');
  await imports.getByRole('button', { name: 'Import customers' }).click();
  await expect(imports.getByText(/Customer import (finished|failed)/)).toBeVisible({ timeout: 60_000 });
  await expect(imports.getByText(/Customer import finished/)).toBeVisible();

  await imports.getByRole('button', { name: 'Import products' }).click();
  await expect(
    imports.getByText(/(In progress|Waiting to start|Product import finished)/).first(),
  ).toBeVisible();
  await snap(page, 'import-progress');
  await expect(imports.getByText(/Product import (finished|failed)/)).toBeVisible({ timeout: 60_000 });
  await expect(imports.getByText(/Product import finished/)).toBeVisible();
  await imports
    .getByText(/skipped items? and why/)
    .first()
    .click();
  await snap(page, 'import-summary');
});

test('prices: "Sync Cin7 prices" runs, and a Cin7 tier price appears in the host’s price lists', async () => {
  const prices = section('Prices');
  await prices.getByRole('button', { name: 'Sync Cin7 prices' }).click();
  await expect(prices.getByText(/Price sync (finished|failed)/)).toBeVisible({ timeout: 60_000 });
  await expect(prices.getByText(/Price sync finished/)).toBeVisible();
  await expect(prices.getByRole('cell', { name: 'Wholesale' })).toBeVisible();
  await snap(page, 'prices-synced');

  await page.goto(url(PRICE_LISTS_PAGE));
  await page
    .getByRole('main')
    .locator('summary', { hasText: /^Wholesale \(/ })
    .click();
  const wholesale = page.getByRole('table', { name: 'Wholesale prices' });
  // TENT-2P: Tier 1 249.00, Wholesale (tier 2) 80% of it in the sandbox's demo data.
  await expect(wholesale.getByRole('row', { name: /TENT-2P 199\.20/ })).toBeVisible();
  await snap(page, 'host-price-list');
});

test('settings: pick/pack/ship cannot be combined with Advanced or Draft sales; a valid choice saves', async () => {
  await page.goto(url(SETTINGS_PAGE));
  const settings = section('Sales order settings');
  const steps = settings.getByRole('combobox', { name: 'Steps authorised when the sale is created' });
  await expect(steps).toBeDisabled();
  await expect(
    settings.getByText(/can only be authorised automatically for Simple sales created as Authorised/),
  ).toBeVisible();

  await settings.getByRole('radio', { name: 'Authorised' }).check();
  await expect(steps).toBeEnabled();
  await steps.selectOption('PICK_PACK');
  await settings.getByRole('radio', { name: 'Advanced sale' }).check();
  await expect(steps).toBeDisabled();
  await expect(steps).toHaveValue('NONE');
  await expect(settings.getByText(/set back to None/)).toBeVisible();
  await snap(page, 'settings-invalid-prevented');

  await settings.getByRole('radio', { name: 'Simple sale' }).check();
  await settings
    .getByRole('radio', { name: /Leave it blank and put the delivery date in the shipping notes/ })
    .check();
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings.getByText('Settings saved. New orders use them from now on.')).toBeVisible();
  await snap(page, 'settings-saved');
});

let saleId = '';

test('order: a buyer’s order is edited and approved in the host, and becomes a Cin7 sale with the mapped fields', async ({
  request,
}) => {
  await page.goto(url(ORDERS_PAGE));
  await page.getByText('New order (as a buyer would place it)').click();
  const form = page.getByRole('form', { name: 'New order' });
  // The import updated the linked customer from its Cin7 twin, name included.
  await form.getByLabel('Customer').selectOption({ label: CIN7_CUSTOMER });
  await form.getByLabel('Product').selectOption({ label: 'TENT-2P: Two-person tent' });
  await form.getByLabel('Quantity').fill('2');
  await form.getByLabel('Delivery date').fill('2026-12-24');
  await form.getByLabel('Reference').fill('PO-778');
  await form.getByLabel('Comment').fill('Leave at the back door');
  await form.getByRole('button', { name: 'Place order' }).click();

  const edit = page.getByRole('form', { name: 'Edit order' });
  await edit.getByLabel(/Quantity of TENT-2P/).fill('3');
  await edit.getByLabel(/Freight/).fill('15');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByRole('status')).toHaveText('Changes saved.');
  // The edit is the host's, stored: it survives a reload.
  await page.reload();
  await expect(edit.getByLabel(/Quantity of TENT-2P/)).toHaveValue('3');
  await expect(edit.getByLabel(/Freight/)).toHaveValue('15');
  await snap(page, 'order-edited');
  await edit.getByRole('button', { name: 'Approve order' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('Approved');

  await page.goto(url(SETTINGS_PAGE));
  const activity = section('Order activity');
  // The state badge (exact: the section's intro also says "in Cin7").
  await expect(activity.getByText('In Cin7', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(activity.getByText(/Cin7 SO-\d+/)).toBeVisible();
  await snap(page, 'order-in-cin7');

  const sandbox = sandboxAdmin(request, stack);
  const sale = (await sandbox.sales()).find((s) => s.CustomerReference === 'PO-778');
  if (!sale) throw new Error('No sale with reference PO-778 in the sandbox');
  saleId = sale.ID;
  const full = await sandbox.sale(sale.ID);
  expect(full.Customer).toBe(CIN7_CUSTOMER);
  expect(full.ShippingAddress?.Line1).toBe('22 Cuba St');
  expect(full.ShipBy).toBeNull();
  expect(full.ShippingNotes).toContain('Leave at the back door');
  expect(full.ShippingNotes).toContain('2026-12-24');
  expect(full.Order.Lines).toEqual([expect.objectContaining({ SKU: 'TENT-2P', Quantity: 3 })]);
  expect(full.Order.AdditionalCharges).toEqual([expect.objectContaining({ Price: 15 })]);
});

test('shipment: shipping the sale in Cin7 marks the host order shipped with its tracking', async ({
  request,
}) => {
  await sandboxAdmin(request, stack).ship(saleId, { trackingNumber: 'NZP123456789', carrier: 'NZ Post' });
  await page.goto(url(ORDERS_PAGE));
  await page.getByRole('link', { name: /UP-/ }).first().click();
  await expect(page.getByTestId('order-status')).toHaveText('Shipped', { timeout: 60_000 });
  // Cin7 gives a tracking link when the carrier has one; the host stores the link, else the number.
  await expect(page.getByTestId('order-tracking')).toContainText('NZP123456789');
  await snap(page, 'order-shipped');
});

test('the panel has no horizontal scroll at 360 px wide', async () => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(url(SETTINGS_PAGE));
  await expect(section('Order activity')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await snap(page, 'panel-360px');
});
