// Steps the tests share, done through the UI the way a person would.
import { expect, type Page } from '@playwright/test';
import { approveFirstExample, receiveLot } from './record.js';

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

type Shoot = (name: string) => Promise<void>;
const noShot: Shoot = async () => {};

export async function nav(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();
}

/** First run, the first two steps: the administrator (logged in at once) and the station's name. */
export async function firstRunAdminAndStation(page: Page, stationName: string, shoot: Shoot = noShot): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Create the administrator' })).toBeVisible();
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Full name').fill(ADMIN.displayName);
  await page.getByLabel(/^Password/).fill(ADMIN.password);
  await page.getByLabel('Repeat password').fill(ADMIN.password);
  await shoot('first-run-admin');
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page.getByRole('heading', { name: 'Name this station' })).toBeVisible();
  await page.getByLabel('Station name').fill(stationName);
  await shoot('first-run-station');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { name: 'Pair the injection gun' })).toBeVisible();
}

/** The admin creates the clinician's account (she changes the password at first login). */
export async function addClinician(page: Page, shoot: Shoot = noShot): Promise<void> {
  await nav(page, 'Users');
  await page.getByLabel('Username').fill(CLINICIAN.username);
  await page.getByLabel('Full name').fill(CLINICIAN.displayName);
  await page.getByLabel(/^First password/).fill(CLINICIAN.firstPassword);
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('cell', { name: CLINICIAN.displayName })).toBeVisible();
  await shoot('admin-users');
}

/** The admin adds a lot to the first serum of the library. */
/** As the admin: approves the first (example) serum for clinical use, signing with the password, and receives `lot` of it on the Lots screen. */
export async function addLot(page: Page, lot: { lotNumber: string; expiry: string }, shoot: Shoot = noShot): Promise<void> {
  await approveFirstExample(page, shoot);
  await shoot('admin-serum-library');
  await receiveLot(page, lot, shoot);
}
