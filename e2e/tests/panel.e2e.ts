import { expect, test } from '@playwright/test';
import { readStack } from '../support/e2e.env.js';
import { snap } from '../support/steps.js';

const SETTINGS_PAGE = '/#/settings/integrations/cin7-core';

test('the host loads the federated panel at runtime and it shows the connection from the API', async ({
  page,
}, testInfo) => {
  const stack = readStack();
  await page.goto(new URL(SETTINGS_PAGE, stack.urls.shell).href);

  const panel = page.getByTestId('cin7-settings-panel');
  const connection = panel.getByRole('region', { name: 'Connection' });
  await expect(connection.getByText('Not connected')).toBeVisible();
  await snap(page, testInfo, 'not-connected');

  // Wrong credentials: well-formed GUIDs that Cin7 does not know. The error comes back from Cin7 through the API.
  await connection.getByLabel('Account ID').fill('00000000-0000-4000-8000-000000000000');
  await connection.getByLabel('API key').fill('00000000-0000-4000-8000-000000000001');
  await connection.getByRole('button', { name: 'Connect' }).click();
  await expect(
    connection.getByText(/Cin7/).and(page.locator('.c7-field-error, [role=alert]')).first(),
  ).toBeVisible();
  await snap(page, testInfo, 'wrong-credentials');

  const cin7 = stack.cin7;
  if (!cin7) throw new Error('The stack did not publish the Cin7 sandbox credentials (stack.cin7).');
  await connection.getByLabel('Account ID').fill(cin7.accountId);
  await connection.getByLabel('API key').fill(cin7.apiKey);
  await connection.getByRole('button', { name: 'Connect' }).click();
  await expect(connection.getByText('Connected', { exact: true })).toBeVisible();
  await expect(connection.getByText('Base currency')).toBeVisible();
  await snap(page, testInfo, 'connected');
});
