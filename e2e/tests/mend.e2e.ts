import { expect, type Page, test } from '@playwright/test';
import { readStack } from '../support/e2e.env.js';
import { hostAs } from '../support/host.js';
import { snap } from '../support/steps.js';

// What the supplier mends after the journey (runs after journey.e2e.ts, on its stack): links moved, re-addressed,
// unlinked and relinked; settings errors in words.
test.describe.configure({ mode: 'serial' });

const SETTINGS_PAGE = '/#/settings/integrations/cin7-core';
// The journey linked "Harbour Cafe" to this Cin7 customer; the import then renamed it after its twin.
const CIN7_CUSTOMER = 'Harbour Cafe Group Ltd';
const NEW_CUSTOMER = 'Harbour Cafe North';

let page: Page;
const stack = readStack();
const supplier = stack.suppliers[0];
const url = (path: string) => new URL(path, stack.urls.shell).href;
const panel = () => page.getByTestId('cin7-settings-panel');
const section = (name: string) => panel().getByRole('region', { name });

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});
test.afterAll(async () => {
  await page.context().close();
});

function needSupplier() {
  if (!supplier) throw new Error('The stack published no demo supplier.');
  return supplier;
}

async function openSettings() {
  await page.goto(url(SETTINGS_PAGE));
  await page.getByLabel('Supplier').selectOption({ label: needSupplier().name });
  await expect(section('Connection').getByText('Connected', { exact: true })).toBeVisible();
}

/** Starts linking an unlinked Upstock customer to the journey's Cin7 customer (22 Cuba St when asked). */
async function startMatch(upstockName: string) {
  const customers = section('Customers');
  await customers.getByLabel('Find an Upstock customer').fill(upstockName);
  await customers.getByRole('button', { name: 'Filter' }).click();
  await customers.getByRole('button', { name: `Match ${upstockName}`, exact: true }).click();
  await customers
    .getByRole('searchbox', { name: `Search Cin7 customers for ${upstockName}` })
    .fill('Harbour');
  await customers.getByRole('button', { name: 'Search Cin7' }).click();
  await customers.getByRole('radio', { name: new RegExp(CIN7_CUSTOMER) }).check();
  const link = customers.getByRole('button', { name: `Link to ${CIN7_CUSTOMER}` });
  await link.click();
  // Cin7 holds several addresses for it: when asked, the journey's one. (A link taken elsewhere is refused first.)
  const asked = await customers
    .getByText(/several shipping addresses in Cin7: choose one/)
    .waitFor({ timeout: 5_000 })
    .then(
      () => true,
      () => false,
    );
  if (asked) {
    await customers.getByRole('radio', { name: /22 Cuba St/ }).check();
    await link.click();
  }
  return customers;
}

test('links: a Cin7 customer linked elsewhere is moved after a confirmation', async ({ request }) => {
  await hostAs(request, stack, needSupplier().token).createCustomer(
    NEW_CUSTOMER,
    'north@harbourcafe.example',
  );
  await openSettings();
  const customers = await startMatch(NEW_CUSTOMER);
  const confirm = customers.getByRole('alert').filter({ hasText: /linked/ });
  await expect(confirm.getByRole('button', { name: `Move the link to ${NEW_CUSTOMER}` })).toBeVisible();
  await snap(page, 'move-link-confirm');

  await confirm.getByRole('button', { name: `Move the link to ${NEW_CUSTOMER}` }).click();
  await expect(customers.getByRole('status')).toContainText(`${NEW_CUSTOMER} is linked to ${CIN7_CUSTOMER}`);
  await expect(customers.getByRole('status')).toContainText('is no longer linked');
  await snap(page, 'link-moved');
});

test('links: the linked customer’s shipping address is changed, then it is unlinked', async () => {
  const customers = section('Customers');
  await customers.getByLabel('Find a linked customer').fill(CIN7_CUSTOMER);
  await customers.getByRole('button', { name: 'Find', exact: true }).click();
  await customers.getByRole('button', { name: `Change address for ${NEW_CUSTOMER}` }).click();
  await customers
    .getByRole('group', { name: `Shipping address for ${NEW_CUSTOMER}'s orders` })
    .getByRole('radio', { checked: false })
    .first()
    .check();
  await customers.getByRole('button', { name: 'Use this address' }).click();
  await expect(customers.getByRole('status')).toContainText(`${NEW_CUSTOMER}'s orders now ship to`);
  await expect(customers.getByRole('status')).not.toContainText('22 Cuba St');
  await snap(page, 'address-changed');

  await customers
    .getByRole('button', { name: `Unlink ${NEW_CUSTOMER}` })
    .first()
    .click();
  await customers
    .getByRole('group', { name: `Unlink ${NEW_CUSTOMER}` })
    .getByRole('button', {
      name: `Unlink ${NEW_CUSTOMER}`,
    })
    .click();
  await expect(customers.getByRole('status')).toContainText(
    `${NEW_CUSTOMER} is no longer linked to ${CIN7_CUSTOMER}`,
  );
  await snap(page, 'unlinked');
});

test('links: the original customer is linked again (relink)', async () => {
  const customers = await startMatch(CIN7_CUSTOMER);
  await expect(customers.getByRole('status')).toContainText(`${CIN7_CUSTOMER} is linked to ${CIN7_CUSTOMER}`);
  await snap(page, 'relinked');
});

test('settings: letters and out-of-range minutes are refused in words', async () => {
  const settings = section('Sales order settings');
  const poll = settings.getByLabel('Check for shipments every (minutes)');
  await poll.fill('ten');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings.getByText(/Enter a whole number of minutes, like \d+\./)).toBeVisible();
  await expect(settings.getByText('NaN')).toHaveCount(0);
  await snap(page, 'settings-letters');

  await poll.fill('0');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(
    settings.getByText('Shipments can be checked every minute at most, and hourly at least'),
  ).toBeVisible();
  await snap(page, 'settings-out-of-range');
});
