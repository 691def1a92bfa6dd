// A whole session in the clinician's language: thermotherapy, preparation with the zone targets and the
// dose profile typed in the language's decimal mark ("12,5" in Turkish and Spanish), mesotherapy with
// the simulated gun, closing care, review and signature. The figures on screen are checked as the
// language writes them (tr-TR 4.000,0 µL, es-ES 4000,0 µL); a figure that cannot be read ("12,5,3") is
// refused, naming its field, and nothing is sent. Every step is photographed in en, tr, es and the
// pseudo-locale (tests/artifacts/screens/session-<language>-<step>.png) and checked by axe-core.
import { expect, test, type Page } from '@playwright/test';
import type { Language } from '../../electron/contract/languages.js';
import { formatDepth, formatVolume, formatVolumeFigure } from '../../electron/contract/units.js';
import { openSocket, startHost, type Host } from './support/host.js';
import { checkScreen } from './support/screens.js';
import { CLINICIAN } from './support/ui.js';
import { prepareToMesotherapy, recordsSince, setupClinic, startOf, targetField, treatZone, walkThermotherapy, wordsIn, type Words } from './support/session.js';

const RUNS: { name: string; language: Language; pseudo?: boolean }[] = [
  { name: 'tr', language: 'tr' },
  { name: 'es', language: 'es' },
  { name: 'en', language: 'en' },
  { name: 'pseudo', language: 'en', pseudo: true },
];

/** 12.5 µL a shot at 1.5 mm, typed with the language's decimal mark. */
const typed = (w: Words, whole: number, tenths: number) => `${whole}${w.locale.startsWith('en') ? '.' : ','}${tenths}`;

for (const run of RUNS) {
  test.describe(`a session in ${run.name}`, () => {
    let host: Host;
    test.beforeAll(async () => {
      host = await startHost();
    });
    test.afterAll(async () => {
      await host?.stop();
    });

    test(`a whole session in ${run.name}, figures typed and shown in its marks, signed`, async ({ page }) => {
      const w = wordsIn(run.pseudo ? 'pseudo' : run.language);
      const shoot = (step: string) => checkScreen(page, `session-${run.name}-${step}`);
      const locale = { locale: w.locale };

      // The clinician has chosen her language; the patient reads the aftercare sheet in hers (the same here).
      const { patientId, screeningId, serum } = await setupClinic(host, {
        patient: { fullName: 'İpek Işık', birthDate: '1990-03-04', clinicId: 'IST-7', allergies: [], preferredLanguage: run.language },
      });
      const api = await openSocket(host);
      await api.call('auth.login', { username: CLINICIAN.username, password: CLINICIAN.password });
      await api.call('auth.setLanguage', { language: run.language });
      await api.call('sessions.start', { patientId, intake: { identityConfirmed: true, screeningId } });
      await api.call('auth.logout', {});
      api.close();

      await openAsClinician(page, host, run.pseudo === true);
      await walkThermotherapy(page, { words: w, shoot: (name) => shoot(name.replace('session-', '')) });

      const dose = typed(w, 12, 5);
      await prepareToMesotherapy(page, {
        words: w,
        shoot: (name) => shoot(name.replace('session-', '')),
        targets: { vertex: dose, frontal: typed(w, 550, 5) },
        dose,
        depth: typed(w, 1, 5),
        minIntervalMs: 150,
        loaded: async () => {
          // The serum's limits in the language's figures (its session maximum: 3.000,0 µL in Turkish).
          await expect(page.locator('p.small.muted').filter({ hasText: formatVolume(serum.sessionVolume.softMaxNl, locale) })).toBeVisible();
          if (run.name !== 'tr') return;
          // A target that is no volume is refused, naming its zone's field; nothing is changed.
          const vertex = targetField(page, w, 'vertex');
          await vertex.fill('12,5,3');
          await page.getByRole('button', { name: w('prep.changeSerum') }).click();
          await expect(vertex).toHaveAttribute('aria-invalid', 'true');
          const label = w('prep.targetLabel', { key: 3, zone: w('zone.vertex') });
          await expect(page.getByRole('alert').filter({ hasText: label }).filter({ hasText: '12,5,3' })).toBeVisible();
          await shoot('preparation-refused');
          await vertex.fill(dose);
        },
      });

      // The gun took the profile as typed: 12,5 µL at 1,5 mm (Turkish), 12.5 µL at 1.5 mm (English).
      const { mode, entryPct, dwellPct, exitPct } = serum.defaultProfile;
      const profileWords = w('meso.profile', { dose: formatVolume(12_500, locale), depth: formatDepth(1_500, locale), mode: w('session.mode', { mode }), entry: entryPct, dwell: dwellPct, exit: exitPct });
      await expect(page.getByRole('heading', { name: w('meso.mapTitle') })).toBeVisible();
      await expect(page.getByText(profileWords)).toBeVisible();
      await page.locator('body').press('3');
      await expect(page.getByRole('heading', { name: w('meso.zone', { zone: w('zone.vertex') }) })).toBeVisible();
      const stat = (key: Parameters<Words>[0]) => page.locator('.stat').filter({ has: page.getByText(w(key), { exact: true }) }).locator('.v');
      await expect(stat('meso.zoneTarget')).toHaveText(formatVolume(12_500, locale));
      await expect(stat('meso.sessionMax')).toHaveText(formatVolume(serum.sessionVolume.softMaxNl, locale));
      expect(serum.sessionVolume.softMaxNl).toBe(3_000_000);
      if (run.name === 'tr') await expect(stat('meso.sessionMax')).toHaveText('3.000,0\u00a0µL');
      if (run.name === 'es') await expect(stat('meso.sessionMax')).toHaveText('3000,0\u00a0µL');

      const delivered = await treatZone(page, host, 'vertex', 3);
      expect(delivered).toBeGreaterThan(0);
      await expect(page.getByTestId('zone-volume')).toHaveText(formatVolume(delivered, locale));
      await expect(page.getByTestId('session-volume')).toHaveText(formatVolume(delivered, locale));
      // The zone table: figures only, the unit in the header ("750,5" in Turkish).
      await expect(page.locator('tr[data-zone-row="frontal"] td').nth(3)).toHaveText(formatVolumeFigure(550_500, locale));
      await shoot('mesotherapy');

      if (run.name === 'tr') {
        // A dose that is no volume is refused, naming the field, and the gun keeps the profile it has.
        const before = (await recordsSince(host, 0)).lastId;
        await page.getByRole('button', { name: w('meso.changeProfile') }).click();
        const doseField = page.getByLabel(w('profile.dose'));
        await doseField.fill('12,5,3');
        await page.getByRole('button', { name: w('profile.send') }).click();
        await expect(doseField).toHaveAttribute('aria-invalid', 'true');
        await expect(page.getByRole('alert').filter({ hasText: w('profile.dose') }).filter({ hasText: '12,5,3' })).toBeVisible();
        await shoot('mesotherapy-refused');
        await page.getByRole('button', { name: w('meso.hideProfile') }).click();
        await expect(page.getByText(profileWords)).toBeVisible();
        expect((await recordsSince(host, before)).ids).toEqual([]);
      }

      // Closing care, with the aftercare sheet in the patient's language.
      await page.getByTestId('finish-meso').click();
      await expect(page.getByRole('heading', { name: w('closing.title') })).toBeFocused();
      await expect(page.getByRole('heading', { name: w('aftercare.title') })).toBeVisible();
      await shoot('closing');
      await page.getByLabel(w('closing.oil')).check();
      await page.getByLabel(w('closing.aftercare')).check();
      await page.getByRole('button', { name: w('closing.done') }).click();

      // Review: the totals in the language's figures, then the signature.
      await expect(page.getByTestId('review-total')).toHaveText(w('facts.totalValue', { shots: 3, volume: formatVolume(delivered, locale) }));
      await expect(page.getByTestId('thermo-record')).toContainText(w('facts.thermoStage', { stage: 'steam' }));
      await expect(page.getByTestId('thermo-record')).toContainText('the timer is not waited out');
      await shoot('review');
      await page.getByLabel(w('review.password')).fill(CLINICIAN.password);
      await page.getByRole('button', { name: w('review.sign') }).click();
      await expect(page.getByTestId('signed')).toContainText(startOf(w, 'review.signed', 'signatures'));
      await expect(page.getByTestId('signed')).toContainText(w('review.signature', { name: CLINICIAN.displayName, meaning: 'performed', when: '\u0000' }).split('\u0000')[0]!);
      await shoot('signed');
    });
  });
}

/** The login screen (in the station's English, or the pseudo-locale), then the session in progress from the home screen. */
async function openAsClinician(page: Page, host: Host, pseudo: boolean): Promise<void> {
  const url = new URL(host.url);
  await page.goto(pseudo ? `${url.origin}/?pseudo=1${url.hash}` : host.url);
  const station = wordsIn(pseudo ? 'pseudo' : 'en');
  await page.getByLabel(station('login.username')).fill(CLINICIAN.username);
  await page.getByLabel(station('login.password')).fill(CLINICIAN.password);
  await page.getByRole('button', { name: station('login.submit') }).click();
  // The home screen is not in the catalogues yet: its session-in-progress card is found by its place.
  await page.locator('section[aria-labelledby="active-title"]').getByRole('button').click();
}
