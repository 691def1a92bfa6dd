// Steps the tests share, done through the UI the way a person would.
import { expect, type Page } from '@playwright/test';

export const ADMIN = { username: 'admin', displayName: 'Ada Admin', password: 'admin-pass-123' };
/** Created by the admin with `firstPassword`; the station makes her choose `password` at first login. */
export const CLINICIAN = { username: 'clara', displayName: 'Clara Clinician', firstPassword: 'clara-first-123', password: 'clara-pass-123' };

export async function login(page: Page, who: { username: string; password: string }): Promise<void> {
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('button', { name: 'Log out', exact: true })).toBeVisible();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
}

/** The clinician's first login: the password the admin gave, then the forced change to her own. */
export async function firstLogin(page: Page, who: typeof CLINICIAN): Promise<void> {
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.firstPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  const dialog = page.getByRole('dialog', { name: 'Choose a new password' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Current password').fill(who.firstPassword);
  await dialog.getByLabel(/^New password/).fill(who.password);
  await dialog.getByLabel('Repeat new password').fill(who.password);
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(dialog).toBeHidden();
}
