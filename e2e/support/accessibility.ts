import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';

const PANEL = '[data-testid="cin7-settings-panel"]';
const BLOCKING = new Set(['serious', 'critical']);

/**
 * Runs axe on the panel as it is now and fails on any serious or critical violation (the bar; minor and
 * moderate ones are attached for reading). Scoped to the panel: the demo shell around it is not the product.
 */
export async function expectPanelAccessible(page: Page, name: string): Promise<void> {
  if ((await page.locator(PANEL).count()) === 0) return;
  const results = await new AxeBuilder({ page }).include(PANEL).analyze();
  const blocking = results.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  await test.info().attach(`axe-${name}`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  });
  expect(blocking, `axe: serious or critical violations on "${name}"`).toEqual([]);
}
