import { expect, type Locator } from '@playwright/test';
import type { E2eStack } from './e2e.env.js';

/** Connects through the panel's Connection section with the sandbox's valid credentials, until "Connected". */
export async function connectWithSandboxCredentials(connection: Locator, stack: E2eStack): Promise<void> {
  const cin7 = stack.cin7;
  if (!cin7) throw new Error('The stack did not publish the Cin7 sandbox credentials (stack.cin7).');
  await connection.getByLabel('Account ID').fill(cin7.accountId);
  await connection.getByLabel('API key').fill(cin7.apiKey);
  await connection.getByRole('button', { name: 'Connect' }).click();
  await expect(connection.getByText('Connected', { exact: true })).toBeVisible();
}
