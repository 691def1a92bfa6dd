// Every screen the tests reach is photographed (tests/artifacts/screens/NAME.png, for people to look
// at) and checked by axe-core: no violation of any impact is allowed (minor and moderate included).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const SCREENS_DIR = fileURLToPath(new URL('../../artifacts/screens/', import.meta.url));

/** The screenshot alone, for a moment too short for the accessibility scan (a trigger held down). */
export async function saveScreen(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENS_DIR}${name}.png`, fullPage: opts.fullPage ?? false });
}

export async function checkScreen(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  await saveScreen(page, name, opts);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}x: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
  expect(summary, `axe on ${name}`).toEqual([]);
}
