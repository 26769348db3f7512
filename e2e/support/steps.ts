import { type Page, test } from '@playwright/test';
import { expectPanelAccessible } from './accessibility.js';

/**
 * Saves a full-page screenshot of the current step as a test artifact (numbered, so they read as a story), and
 * checks the panel's accessibility in that state when the panel is on the page (every panel state the journey
 * reaches is snapped, so every one is checked).
 */
export async function snap(page: Page, name: string): Promise<void> {
  const testInfo = test.info();
  const index = String(testInfo.attachments.filter((a) => /^\d\d-/.test(a.name)).length + 1).padStart(2, '0');
  const path = testInfo.outputPath(`${index}-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(`${index}-${name}`, { path, contentType: 'image/png' });
  await expectPanelAccessible(page, name);
}
