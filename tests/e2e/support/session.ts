// Driving a session through the UI, and reading what the simulated gun recorded, per zone.
import { createIntl } from '@formatjs/intl';
import { expect, type Page } from '@playwright/test';
import type { Input } from '../../../electron/contract/index.js';
import { LOCALE_TAGS, type Language } from '../../../electron/contract/languages.js';
import type { SerumVersionView } from '../../../electron/contract/serum.js';
import { en, es, tr, type UiMessageId } from '../../../renderer/i18n/messages/index.js';
import { pseudoCatalogue } from '../../../renderer/i18n/pseudo.js';
import { openSocket, type Host, type SocketClient } from './host.js';
import { ADMIN, CLINICIAN, login } from './ui.js';

export const ZONE_KEYS = ['frontal', 'mid_scalp', 'vertex', 'temporal_left', 'temporal_right', 'parietal_left', 'parietal_right', 'occipital'] as const;
export type ZoneKey = (typeof ZONE_KEYS)[number];

export const PATIENT = { fullName: 'Paula Patient', birthDate: '1980-04-12', clinicId: 'P-0001' };
export const LOT = { lotNumber: 'LOT-E2E-1', expiry: '2031-12-31' };

/**
 * The screens' words as a user of one language reads them, from the catalogue itself: the session
 * helpers find buttons and fields by these, so the same walk runs in English, Turkish, Spanish and the
 * pseudo-locale (?pseudo=1: English marks, bracketed accented words).
 */
export interface Words {
  (id: UiMessageId, values?: Record<string, string | number>): string;
  /** The Intl locale the screens write figures in ('tr-TR'). */
  locale: string;
}

export function wordsIn(language: Language | 'pseudo'): Words {
  const locale = language === 'pseudo' ? 'en-XA' : LOCALE_TAGS[language];
  const messages = language === 'pseudo' ? pseudoCatalogue(en) : { en, tr, es }[language];
  const intl = createIntl({ locale, messages });
  return Object.assign((id: UiMessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values), { locale });
}

export const ENGLISH = wordsIn('en');

const MARK = '\u0000';
/** A pattern for text that begins with `text` (a label followed by its hint). */
export function beginning(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

/** A pattern for the words of a message that come before its placeholder `name` ("Loaded: " of "Loaded: {serum}, …"). */
export function startOf(w: Words, id: UiMessageId, name: string, others: Record<string, string> = {}): RegExp {
  return beginning(w(id, { ...others, [name]: MARK }).split(MARK)[0]!);
}

/** Ticks the stage's checklist (each tick is a call to the core, which records its time). */
export async function tickChecklist(page: Page): Promise<void> {
  for (const box of await page.getByRole('checkbox').all()) {
    await box.click();
    await expect(box).toBeChecked();
  }
}

/**
 * Completes the thermotherapy stage on screen before its timer has run (the tests do not wait 10
 * minutes): recorded as shortened, with a reason and the administrator's approval.
 */
export async function completeStageEarly(page: Page, stage: 'steam' | 'massage', shoot?: (name: string) => Promise<void>, w: Words = ENGLISH): Promise<void> {
  await page.getByRole('button', { name: w('thermo.complete', { stage }) }).click();
  const dialog = page.getByRole('alertdialog', { name: w('thermo.shortenTitle', { stage }) });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(w('session.reason'), { exact: true }).fill('end-to-end test: the timer is not waited out');
  // The approver's fields by their names (the kit's Credentials), the same in every language.
  await dialog.locator('input[name="approverUsername"]').fill(ADMIN.username);
  await dialog.locator('input[name="approverPassword"]').fill(ADMIN.password);
  await shoot?.(`session-thermotherapy-${stage}-early`);
  await dialog.getByRole('button', { name: w('thermo.completeEarly') }).click();
  await expect(dialog).toBeHidden();
}

/** Both thermotherapy stages, each started, its checklist ticked and completed early; each must start with focus on its heading. */
export async function walkThermotherapy(page: Page, opts: { shoot?: (name: string) => Promise<void>; words?: Words } = {}): Promise<void> {
  const w = opts.words ?? ENGLISH;
  for (const [i, stage] of (['steam', 'massage'] as const).entries()) {
    const heading = w('thermo.heading', { step: i + 1, title: w('thermo.stage', { stage }) });
    await expect(page.getByRole('heading', { name: heading })).toBeFocused();
    await page.getByRole('button', { name: w('thermo.start', { stage }) }).click();
    await expect(page.getByRole('button', { name: w('thermo.pause') })).toBeVisible();
    await tickChecklist(page);
    await opts.shoot?.(`session-thermotherapy-${stage}`);
    await completeStageEarly(page, stage, undefined, w);
  }
}

/**
 * Preparation, from its first screen to mesotherapy: the serum, its lot and expiry (and `targets`, typed
 * as given, by zone), a new needle, the profile (`dose` and `depth` typed as given), priming.
 */
export async function prepareToMesotherapy(
  page: Page,
  opts: {
    shoot?: (name: string) => Promise<void>;
    words?: Words;
    minIntervalMs?: number;
    serumLabel?: string;
    targets?: Partial<Record<ZoneKey, string>>;
    dose?: string;
    depth?: string;
    /** Once the serum is loaded, before the needle: a test's own checks on the preparation screen. */
    loaded?: () => Promise<void>;
  } = {},
): Promise<void> {
  const w = opts.words ?? ENGLISH;
  const shoot = opts.shoot ?? (async () => {});
  await expect(page.getByRole('heading', { name: w('prep.serumTitle') })).toBeFocused();
  if (opts.serumLabel) await page.locator('select[name="serum"]').selectOption({ label: opts.serumLabel });
  else await page.locator('select[name="serum"]').selectOption({ index: 1 });
  const lotSelect = page.locator('select[name="lot"]');
  await expect(lotSelect.locator('option', { hasText: LOT.lotNumber })).toHaveCount(1);
  await lotSelect.selectOption(LOT.lotNumber);
  await page.getByLabel(beginning(w('prep.expiry'))).fill(LOT.expiry);
  for (const [zone, text] of Object.entries(opts.targets ?? {})) await targetField(page, w, zone as ZoneKey).fill(text);
  await shoot('session-preparation');
  await page.getByRole('button', { name: w('prep.confirmSerum') }).click();
  await expect(page.getByText(startOf(w, 'prep.loaded', 'serum', { lot: '', expiry: '' }))).toBeVisible();
  await opts.loaded?.();
  await page.getByRole('button', { name: w('prep.confirmNeedle') }).click();
  await expect(page.getByRole('button', { name: w('prep.needleFitted') })).toBeVisible();
  if (opts.dose) await page.getByLabel(w('profile.dose')).fill(opts.dose);
  if (opts.depth) await page.getByLabel(w('profile.depth')).fill(opts.depth);
  if (opts.minIntervalMs) await page.getByLabel(w('profile.interval')).fill(String(opts.minIntervalMs));
  await page.getByRole('button', { name: w('profile.send') }).click();
  await expect(page.getByTestId('profile-echo')).toBeVisible();
  await shoot('session-preparation-profile');
  await page.getByRole('button', { name: w('prep.confirmPrimed') }).click();
  await expect(page.getByRole('heading', { name: w('meso.mapTitle') })).toBeVisible();
  await expect(page.getByRole('heading', { name: w('meso.chooseZone') }).or(page.getByRole('heading', { name: startOf(w, 'meso.zone', 'zone') }))).toBeFocused();
}

/** A zone's target field in preparation, by its label ("3. Vertex (crown) (µL)"). */
export function targetField(page: Page, w: Words, zone: ZoneKey) {
  return page.getByLabel(w('prep.targetLabel', { key: ZONE_KEYS.indexOf(zone) + 1, zone: w(`zone.${zone}`) }), { exact: true });
}

/**
 * From the patient screen to the mesotherapy screen: intake, thermotherapy, preparation. `shoot` is
 * called at each screen on the way ('session-intake' with the start dialog open). Each phase, and
 * each thermotherapy stage, must start with focus on its heading.
 */
export async function startSessionToMesotherapy(page: Page, opts: { shoot?: (name: string) => Promise<void>; minIntervalMs?: number; serumLabel?: string } = {}): Promise<void> {
  const shoot = opts.shoot ?? (async () => {});
  await page.getByRole('button', { name: 'Start session' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start a session' });
  await dialog.getByLabel('Identity checked with the patient (two identifiers)').check();
  await dialog.getByLabel('Unchanged: confirmed with the patient today').check();
  await shoot('session-intake');
  await dialog.getByRole('button', { name: 'Begin thermotherapy' }).click();
  await walkThermotherapy(page, { shoot: async (name) => (name.endsWith('steam') ? shoot('session-thermotherapy') : undefined) });
  await prepareToMesotherapy(page, { shoot, minIntervalMs: opts.minIntervalMs, serumLabel: opts.serumLabel });
}

/** Records the gun made since `afterId`, summed. */
export async function recordsSince(host: Host, afterId: number): Promise<{ ids: number[]; deliveredNl: number; lastId: number }> {
  const s = await host.sim();
  const recs = s.records.filter((r) => r.recordId > afterId);
  return { ids: recs.map((r) => r.recordId), deliveredNl: recs.reduce((a, r) => a + r.deliveredNl, 0), lastId: s.records.at(-1)?.recordId ?? afterId };
}

export async function lastRecordId(host: Host): Promise<number> {
  return (await host.sim()).records.at(-1)?.recordId ?? 0;
}

/** Chooses a zone with its number key, arms, fires n shots and waits until the screen shows them. */
export async function treatZone(page: Page, host: Host, zone: ZoneKey, n: number): Promise<number> {
  const key = ZONE_KEYS.indexOf(zone) + 1;
  await page.locator('body').press(String(key));
  await expect(page.getByTestId('zone-shots')).toHaveAttribute('data-zone', zone);
  const before = Number(await page.getByTestId('zone-shots').innerText());
  const after = await lastRecordId(host);
  await page.getByTestId('arm').click();
  await expect(page.getByTestId('disarm')).toBeVisible();
  await host.fire(n);
  await expect(page.getByTestId('zone-shots')).toHaveText(String(before + n), { timeout: 30_000 });
  await page.getByTestId('disarm').click();
  await expect(page.getByTestId('arm')).toBeVisible();
  return (await recordsSince(host, after)).deliveredNl;
}

/**
 * Set-up over the contract (the same core the UI drives): admin, clinician (her own password set), a
 * lot, the gun paired with the code the simulator shows, and a screened patient. Tests use it to
 * reach the part they are about quickly.
 */
export async function setupClinic(
  host: Host,
  opts: {
    serum?: (list: SerumVersionView[]) => Promise<SerumVersionView> | SerumVersionView;
    /** Instead of PATIENT with no allergies. */
    patient?: Omit<Input<'patients.create'>, 'sex'>;
    /** A free-text screening note (recorded as an "other" contraindication). */
    screeningNote?: string;
    /** Where to read the code the gun shows (default: the in-process simulator's test hook). */
    pairingCode?: () => Promise<string>;
    /** false: the patient has not consented yet (a session is then refused). */
    consent?: boolean;
  } = {},
): Promise<{ patientId: number; serum: SerumVersionView; screeningId: number }> {
  const api = await openSocket(host);
  try {
    await api.call('setup.createAdmin', ADMIN);
    await api.call('users.create', { username: CLINICIAN.username, displayName: CLINICIAN.displayName, password: CLINICIAN.firstPassword, role: 'clinician' });
    const list = await api.call('serum.list', {});
    const chosen = opts.serum ? await opts.serum(list) : list[0]!;
    // An example serum is used clinically only once an admin approves it, signing with the password.
    const serum = chosen.example && !chosen.approval ? await api.call('serum.approveExample', { serumId: chosen.serumId, password: ADMIN.password }) : chosen;
    await api.call('serum.lots.receive', { serumId: serum.serumId, lotNumber: LOT.lotNumber, expiryDate: LOT.expiry, quantity: 20, supplier: 'E2E Pharma' });
    await pairOverSocket(api, host, opts.pairingCode);
    await api.call('auth.logout', {});
    await api.call('auth.login', { username: CLINICIAN.username, password: CLINICIAN.firstPassword });
    await api.call('auth.changePassword', { currentPassword: CLINICIAN.firstPassword, newPassword: CLINICIAN.password });
    const patient = await api.call('patients.create', { ...(opts.patient ?? { ...PATIENT, allergies: [] }), sex: 'female' });
    const screened = await api.call('patients.recordScreening', {
      patientId: patient.id,
      pregnancy: false,
      breastfeeding: false,
      immunologicalDisease: false,
      activeCancer: false,
      diabetes: false,
      anaestheticAllergy: false,
      other: opts.screeningNote !== undefined,
      ...(opts.screeningNote !== undefined ? { note: opts.screeningNote } : {}),
    });
    if (opts.consent !== false) await signConsentOverSocket(api, patient.id);
    await api.call('auth.logout', {});
    return { patientId: patient.id, serum, screeningId: screened.screening!.id };
  } finally {
    api.close();
  }
}

/**
 * setupClinic, then a session in mesotherapy with `zone` chosen (thermotherapy skipped with the
 * admin's approval). Returns the session id.
 */
export async function setupSessionInMesotherapy(
  host: Host,
  opts: {
    serum?: (list: SerumVersionView[]) => Promise<SerumVersionView> | SerumVersionView;
    zone?: ZoneKey;
    minIntervalMs?: number;
    zoneTargetsNl?: Partial<Record<ZoneKey, number>>;
    patient?: Omit<Input<'patients.create'>, 'sex'>;
    screeningNote?: string;
    pairingCode?: () => Promise<string>;
  } = {},
): Promise<{ sessionId: number; serum: SerumVersionView }> {
  const { patientId, serum, screeningId } = await setupClinic(host, opts);
  const api = await openSocket(host);
  try {
    await api.call('auth.login', { username: CLINICIAN.username, password: CLINICIAN.password });
    const s = await api.call('sessions.start', { patientId, intake: { identityConfirmed: true, screeningId } });
    await api.call('sessions.thermo.skip', { sessionId: s.id, reason: 'test set-up', admin: { username: ADMIN.username, password: ADMIN.password } });
    await api.call('sessions.prepare', {
      sessionId: s.id,
      serum: { serumVersionId: serum.versionId, lotNumber: LOT.lotNumber, expiry: LOT.expiry },
      needleNewConfirmed: true,
      ...(opts.zoneTargetsNl ? { zoneTargetsNl: opts.zoneTargetsNl } : {}),
    });
    await api.call('sessions.setProfile', { sessionId: s.id, profile: { ...serum.defaultProfile, minIntervalMs: opts.minIntervalMs ?? 150 } });
    await api.call('sessions.prepare', { sessionId: s.id, primed: true });
    await api.call('sessions.selectZone', { sessionId: s.id, zone: opts.zone ?? 'vertex' });
    await api.call('auth.logout', {});
    return { sessionId: s.id, serum };
  } finally {
    api.close();
  }
}

/** The patient's consent on the English form, signed with a short drawn stroke (as on the pad). */
export async function signConsentOverSocket(api: SocketClient, patientId: number): Promise<void> {
  const form = (await api.call('consents.templates', { treatment: 'hair-mesotherapy' })).find((t) => t.language === 'en');
  if (!form) throw new Error('no English consent form');
  const stroke: [number, number][] = [[20, 80], [60, 40], [100, 90], [140, 50], [180, 85]];
  await api.call('consents.record', { patientId, templateVersionId: form.versionId, signature: { kind: 'drawn', width: 480, height: 160, strokes: [stroke] } });
}

/** `pairingCode`: where to read the code the gun shows (default: the in-process simulator's test hook). */
export async function pairOverSocket(api: SocketClient, host: Host, pairingCode?: () => Promise<string>): Promise<void> {
  await expect.poll(async () => (await api.call('gun.status', {})).linkState, { timeout: 15_000 }).toBe('awaiting-pairing');
  await api.call('gun.beginPairing', {});
  const code = pairingCode ? await pairingCode() : (await host.sim()).pairingCode;
  if (!code) throw new Error('the simulator shows no pairing code');
  await api.call('gun.pair', { code });
}

/** Logs the clinician in and opens the session in progress. */
export async function resumeAsClinician(page: Page, host: Host): Promise<void> {
  await page.goto(host.url);
  await login(page, CLINICIAN);
  await page.getByRole('button', { name: 'Resume session' }).click();
  await expect(page.getByRole('heading', { name: 'Scalp map' })).toBeVisible();
}

/** A second administrator, who approves what the first drafts (two-person rule for the serum library). */
export const APPROVER = { username: 'approver', displayName: 'Avery Approver', firstPassword: 'avery-first-123', password: 'avery-pass-123' };

/**
 * Adds a serum to the library for tests that need particular limits, the way the station allows it:
 * the admin drafts it, a second admin (created here once) approves it with a signature.
 */
export async function createSerumAsAdmin(host: Host, def: Input<'serum.drafts.create'>): Promise<SerumVersionView> {
  const admin = await openSocket(host);
  const approver = await openSocket(host);
  try {
    await admin.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const draft = await admin.call('serum.drafts.create', def);
    const users = await admin.call('users.list', {});
    if (!users.some((u) => u.username === APPROVER.username)) {
      await admin.call('users.create', { username: APPROVER.username, displayName: APPROVER.displayName, role: 'admin', password: APPROVER.firstPassword });
      await approver.call('auth.login', { username: APPROVER.username, password: APPROVER.firstPassword });
      await approver.call('auth.changePassword', { currentPassword: APPROVER.firstPassword, newPassword: APPROVER.password });
    } else await approver.call('auth.login', { username: APPROVER.username, password: APPROVER.password });
    return await approver.call('serum.drafts.approve', { draftId: draft.id, password: APPROVER.password });
  } finally {
    admin.close();
    approver.close();
  }
}

/** A serum definition with the given volume limits (uL), 20 uL a shot by default. */
export function testSerum(name: string, limits: { zoneSoftUl: number; zoneHardUl: number; sessionSoftUl: number; sessionHardUl: number }): Input<'serum.drafts.create'> {
  return {
    name,
    components: ['saline'],
    allergens: [],
    notes: '',
    dose: { hardMinNl: 5_000, softMinNl: 10_000, softMaxNl: 30_000, hardMaxNl: 40_000 },
    depth: { hardMinUm: 500, softMinUm: 1_000, softMaxUm: 3_000, hardMaxUm: 4_000 },
    zoneVolume: { softMaxNl: limits.zoneSoftUl * 1000, hardMaxNl: limits.zoneHardUl * 1000 },
    sessionVolume: { softMaxNl: limits.sessionSoftUl * 1000, hardMaxNl: limits.sessionHardUl * 1000 },
    allowedModes: ['papule'],
    minDaysBetweenSessions: 0,
    maxDaysBetweenSessions: null,
    defaultProfile: { doseNl: 20_000, entryPct: 0, dwellPct: 100, exitPct: 0, depthUm: 2_000, mode: 'papule' },
  };
}
