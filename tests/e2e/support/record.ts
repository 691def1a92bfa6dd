// The patient record through the UI: explicit screening answers, a signature drawn with the pointer,
// an example serum approved and a lot received by the admin.
import { expect, type Page } from '@playwright/test';
import { ADMIN, nav } from './ui.js';

export const QUESTIONS = ['Pregnancy', 'Breastfeeding', 'Immunological disease', 'Active cancer', 'Diabetes', 'Allergy to local anaesthetics', 'Other'] as const;

/** Answers each screening question (No unless named in `yes`) in the form or dialog `scope`. */
export async function answerScreening(scope: Page | ReturnType<Page['getByRole']>, yes: readonly string[] = []): Promise<void> {
  for (const q of QUESTIONS) await scope.getByRole('group', { name: q, exact: true }).getByLabel(yes.includes(q) ? 'Yes' : 'No', { exact: true }).check();
}

/** Draws a signature on the pad with the mouse: two strokes, as a person signs. */
export async function drawSignature(page: Page): Promise<void> {
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
  for (const stroke of [
    [[0.1, 0.6], [0.2, 0.3], [0.3, 0.7], [0.4, 0.35], [0.5, 0.65]],
    [[0.55, 0.5], [0.7, 0.4], [0.85, 0.55]],
  ]) {
    await page.mouse.move(...at(stroke[0]![0]!, stroke[0]![1]!));
    await page.mouse.down();
    for (const [x, y] of stroke.slice(1)) await page.mouse.move(...at(x!, y!), { steps: 4 });
    await page.mouse.up();
  }
  await expect(page.getByText('Signed on the pad')).toBeVisible();
}

/** As the admin: approves the first example serum of the library, signing with the password. */
export async function approveFirstExample(page: Page, shoot?: (name: string) => Promise<void>): Promise<void> {
  await nav(page, 'Serum library');
  await page.getByRole('button', { name: /^Open / }).first().click();
  await expect(page.getByRole('heading', { name: 'Example serum: not approved for patients' })).toBeVisible();
  await page.getByLabel('Your password, to sign the approval').fill(ADMIN.password);
  if (shoot) await shoot('admin-serum-approve');
  await page.getByRole('button', { name: 'Approve for clinical use' }).click();
  await expect(page.getByText(/^Approved for clinical use by /)).toBeVisible();
}

/** As the admin: receives `lot` of the first serum on the Lots screen. */
export async function receiveLot(page: Page, lot: { lotNumber: string; expiry: string }, shoot?: (name: string) => Promise<void>): Promise<void> {
  await nav(page, 'Lots');
  const form = page.getByRole('form', { name: 'Receive a lot' });
  await form.getByLabel('Lot number').fill(lot.lotNumber);
  await form.getByLabel('Expiry').fill(lot.expiry);
  await form.getByLabel('Vials received').fill('12');
  await form.getByLabel('Supplier').fill('Meso Pharma SL');
  await form.getByRole('button', { name: 'Receive lot' }).click();
  await expect(page.getByRole('cell', { name: lot.lotNumber, exact: true })).toBeVisible();
  if (shoot) await shoot('admin-lots');
}
